"""Fuzz the whole API with schemathesis against a live server: no answer may be a 5xx.

Used by ``scripts/fuzz_api.py`` (a full run against ``vejviser serve`` on 127.0.0.1 with
the demo data) and by ``test_api_fuzz.py`` (a bounded run against the test server).

Every operation of ``/api/v1/openapi.json`` is called with cases schemathesis generates
from its schema, four ways: valid input (positive) and input that breaks the schema
(negative), each once with the path's ids generated and once with the ids of real
objects (so the cases reach past the 404 into the code that does the work). Each
answer of 500 or more is recorded with what was sent.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Operations that do heavy work per call (rendering a document, a 10,000-iteration
#: simulation): fewer examples, so a run stays bounded.
HEAVY = {"vejviser_documents_api_generate_document", "vejviser_value_api_simulate"}


@dataclass
class Failure:
    operation: str
    status: int
    method: str
    url: str
    body: str

    def __str__(self) -> str:
        return f"{self.status} {self.method} {self.url} {self.body[:300]}"


@dataclass
class Report:
    operations: int = 0
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)

    def summary(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.operations} operations, {self.cases} cases; answers {codes}; "
            f"server errors: {self.server_errors}"
        )


def known_ids() -> dict[str, dict[str, str]]:
    """Path parameters of real objects, by the API prefix they belong to (needs Django)."""
    from vejviser.assessments.models import AssessmentRun
    from vejviser.documents.models import DocumentVersion
    from vejviser.evidence.models import ValidationRun
    from vejviser.market.models import Product, Tender
    from vejviser.monitoring.models import MonitoringPlan
    from vejviser.projects.models import Step
    from vejviser.value.models import CaseVersion

    found: dict[str, dict[str, str]] = {}

    def step_with(prefix: str) -> Step | None:
        for step in Step.objects.select_related("action").order_by("project_id", "id"):
            if any(t.startswith(prefix) for t in step.action.tools or []):
                return step
        return None

    first = Step.objects.order_by("project_id", "id").first()
    if first is not None:
        found["projects"] = {"pk": str(first.project_id), "step_pk": str(first.pk)}
    run = AssessmentRun.objects.order_by("id").first()
    if run is not None:
        found["assessments"] = {
            "pk": str(run.project_id),
            "step_pk": str(run.step_id),
            "name": run.assessment,
            "version": str(run.version),
        }
    validation = ValidationRun.objects.order_by("id").first()
    if validation is not None:
        found["evidence"] = {
            "pk": str(validation.project_id),
            "step_pk": str(validation.step_id),
            "run_pk": str(validation.pk),
        }
    version = CaseVersion.objects.select_related("business_case").order_by("id").first()
    if version is not None and version.step_id is not None:
        found["value"] = {
            "pk": str(version.business_case.project_id),
            "step_pk": str(version.step_id),
            "case_pk": str(version.business_case_id),
            "number": str(version.number),
        }
    tender = Tender.objects.order_by("id").first()
    market_step = step_with("market:")
    if tender is not None:
        found["market"] = {
            "pk": str(tender.project_id),
            "step_pk": str(tender.step_id),
            "tender_pk": str(tender.pk),
        }
    elif market_step is not None:
        found["market"] = {"pk": str(market_step.project_id), "step_pk": str(market_step.pk)}
    product = Product.objects.order_by("id").first()
    if "market" in found and product is not None:
        found["market"]["product_pk"] = str(product.pk)
    document = DocumentVersion.objects.order_by("id").first()
    if document is not None:
        found["documents"] = {
            "pk": str(document.project_id),
            "step_pk": str(document.step_id),
            "kind": document.kind,
            "number": str(document.number),
        }
    plan = MonitoringPlan.objects.order_by("id").first()
    if plan is not None:
        metric = plan.metrics.order_by("id").first()
        found["monitoring"] = {"pk": str(plan.project_id)}
        if metric is not None:
            found["monitoring"]["key"] = metric.key
    return found


def _prefix(path: str) -> str:
    match = re.match(r"^/api/v1/(\w+)", path)
    return match.group(1) if match else ""


def fuzz(
    base_url: str,
    token: str,
    ids: dict[str, dict[str, str]],
    *,
    examples: int = 20,
    heavy_examples: int = 3,
    seed: int = 12,
    only: Callable[[str], bool] | None = None,
    on_case: Callable[[str, int], None] | None = None,
) -> Report:
    """Call every operation with generated cases; return what was answered."""
    import schemathesis
    from schemathesis.core.result import Ok
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    report = Report()
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            raise RuntimeError(f"the OpenAPI document has an invalid operation: {result.err()}")
        operation = result.ok()
        op_id = str(operation.definition.raw.get("operationId", operation.label))
        if only is not None and not only(op_id):
            continue
        report.operations += 1
        real = ids.get(_prefix(operation.path) or "projects", ids.get("projects", {}))
        names = set(re.findall(r"\{(\w+)\}", operation.path))
        path_ids = {k: v for k, v in real.items() if k in names}
        count = heavy_examples if op_id in HEAVY else examples
        variants: list[dict[str, str] | None] = [None]
        if names and names <= set(path_ids):
            variants.append(path_ids)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for fixed in variants:
                strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
                _run(strategy, op_id, count, seed, base_url, headers, report, on_case)
    return report


def _run(
    strategy: Any,
    op_id: str,
    count: int,
    seed: int,
    base_url: str,
    headers: dict[str, str],
    report: Report,
    on_case: Callable[[str, int], None] | None,
    timeout: float = 60,
) -> None:
    import requests
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed
    from hypothesis.errors import Unsatisfiable

    @fixed_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        try:
            response = case.call(base_url=base_url, headers=headers, timeout=timeout)
        except requests.RequestException as exc:  # no answer in time: a failure too
            report.cases += 1
            report.statuses[599] += 1
            report.failures.append(
                Failure(op_id, 599, case.method, case.formatted_path, f"no answer: {exc}")
            )
            return
        report.cases += 1
        report.statuses[response.status_code] += 1
        if on_case is not None:
            on_case(op_id, response.status_code)
        if response.status_code >= 500:
            request = response.request
            body = request.body or b""
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
            report.failures.append(
                Failure(
                    op_id, response.status_code, str(request.method), str(request.url), str(text)
                )
            )

    try:
        run()
    except Unsatisfiable:  # nothing to break (a negative case of an operation without input)
        return
