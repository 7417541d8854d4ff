"""The AI system record of a project: the facts gathered from every part of Vejviser,
made into the canonical record by the pure core (``core/record.py``).

This module reads the capability models directly (projects, assessments, evidence,
monitoring, market, documents), as ``facts.py`` does for the portfolio: one place in
``portfolio`` that knows them. A record is a handful of queries.

Two audiences: ``internal`` (project members and management: the model card links to
the stored document) and ``public`` (the public page, the share item: no links into the
installation's login-only pages). People are never named: the contact is a role.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Literal

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from vejviser.assessments import core as assessments_core
from vejviser.assessments.content import registry
from vejviser.assessments.models import AssessmentRun, key_outcome
from vejviser.documents.models import DocumentVersion, ProjectNarrative
from vejviser.evidence.display import headline
from vejviser.evidence.models import Kind, ValidationRun
from vejviser.journey.content import folder_data
from vejviser.market.models import ProductUse
from vejviser.monitoring.models import Alert, AlertStatus, MonitoringPlan
from vejviser.projects.models import MemberRole, Project

from .core import record as core
from .core import rows
from .models import SystemRecord

Audience = Literal["internal", "public"]
MODEL_CARD = "model-card"


def system_record(project: Project) -> SystemRecord:
    """The project's stored part of the record (made, empty and not public, on first use)."""
    found, _created = SystemRecord.objects.get_or_create(project=project)
    return found


def record_id(stored: SystemRecord) -> str:
    """The record's stable id: derived from its random public key (not the project's
    number, and not the public address itself)."""
    return "vejviser-record-" + hashlib.sha256(stored.public_key.encode()).hexdigest()[:16]


def member_names(project: Project) -> set[str]:
    """The names of the project's members (and usernames): none may appear in a record."""
    names: set[str] = set()
    for username, first, last in project.memberships.values_list(
        "user__username", "user__first_name", "user__last_name"
    ):
        names |= {username, first, last, f"{first} {last}".strip()}
    return {n for n in names if len(n.strip()) >= 3}


def mappings() -> core.Mappings:
    mapped: core.Mappings = folder_data("portfolio")
    return mapped


def record_for(
    project: Project,
    lang: str,
    *,
    audience: Audience = "internal",
    stored: SystemRecord | None = None,
    base_url: str = "",
    today: date | None = None,
) -> dict[str, Any]:
    """The canonical record of ``project`` in ``lang`` (``base_url`` makes its links
    absolute, e.g. ``https://vejviser.region.dk``)."""
    with override(lang):
        facts = gather(project, lang, audience, stored or system_record(project), base_url, today)
    return core.build_record(facts)


def share_record(project: Project) -> dict[str, Any] | None:
    """The share item ``record`` (``vejviser.lib.capabilities.register_share_item``): the
    public record in Danish, or ``None`` while the project has no purpose written yet."""
    record = record_for(project, "da", audience="public")
    return record if record["purpose"] else None


def gather(
    project: Project,
    lang: str,
    audience: Audience,
    stored: SystemRecord,
    base_url: str = "",
    today: date | None = None,
) -> core.RecordFacts:
    today = today or timezone.localdate()
    narratives = dict(
        ProjectNarrative.objects.filter(
            project=project, key__in=("intended-use", "data-processing")
        ).values_list("key", "text")
    )
    runs = _latest_runs(project)
    gdpr = runs.get("gdpr", {})
    plan = MonitoringPlan.objects.filter(project=project).first()
    run = ValidationRun.objects.filter(project=project).order_by("-created_at", "-id").first()
    product = (
        ProductUse.objects.filter(project=project)
        .select_related("product")
        .order_by("-added_at", "-id")
        .first()
    )
    card = (
        DocumentVersion.objects.filter(project=project, kind=MODEL_CARD)
        .order_by("-created_at", "-number")
        .only("pk", "step_id", "number", "kind", "project_id")
        .first()
    )
    org_name, org_path = _organisation(project)
    in_operation = bool(
        plan is not None and plan.in_operation_since and plan.in_operation_since <= today
    )
    public = reverse("portfolio:public-record", args=[stored.public_key]) if stored.public else None
    public_json = (
        reverse("portfolio:public-record-json", args=[stored.public_key]) if stored.public else None
    )
    internal_json = reverse("portfolio:record-json", args=[project.pk])
    return core.RecordFacts(
        id=record_id(stored),
        language=lang,
        updated=max(project.updated_at.date(), stored.updated_at.date() if stored.pk else today),
        name=project.title[:100],
        purpose=(narratives.get("intended-use") or project.description or "")[:2500],
        organisation=org_name,
        organisation_path=org_path,
        in_operation=in_operation,
        legal_basis=_legal_basis(gdpr, lang),
        ai_act_tier=runs.get("ai-act", {}).get("result", {}).get("tier") or None,
        ai_act_label=_label(runs.get("ai-act"), lang),
        mdr_class=_mdr_class(runs.get("mdr")),
        mdr_label=_label(runs.get("mdr"), lang),
        human_oversight=stored.human_oversight,
        data_description=stored.data_description or narratives.get("data-processing", "")[:2500],
        personal_data=_answer(gdpr, "personal_data"),
        sensitive_data=_answer(gdpr, "sensitive_data"),
        dpia=gdpr.get("result", {}).get("dpia") if gdpr else None,
        performance_headline=headline(run, lang) if run is not None else "",
        performance_kind=run.kind if run is not None else None,
        performance_n=run.n if run is not None and run.kind != Kind.SAMPLE_SIZE else None,
        performance_date=timezone.localdate(run.created_at) if run is not None else None,
        metrics=_metrics(run) if run is not None else (),
        monitoring_status=_monitoring(project, plan),
        open_alerts=Alert.objects.unresolved()
        .filter(project=project, status=AlertStatus.OPEN)
        .count(),
        in_operation_since=plan.in_operation_since if plan is not None else None,
        next_revalidation=stored.next_revalidation,
        contract_end=stored.contract_end,
        contact_role=stored.contact_role,
        contact_label=str(MemberRole(stored.contact_role).label) if stored.contact_role else "",
        product=(product.product.name if product else (plan.product_name if plan else ""))
        or (run.product_name if run else ""),
        vendor=product.product.vendor if product else "",
        version=(plan.version_in_use if plan else "") or (run.product_version if run else ""),
        model_card_title=_("Model card") if card is not None else "",
        model_card_url=(
            base_url
            + reverse(
                "documents:download", args=[project.pk, card.step_id, MODEL_CARD, card.number]
            )
            if card is not None and audience == "internal"
            else None
        ),
        model_card_version=card.number if card is not None else None,
        public_url=base_url + public if public else None,
        json_url=base_url + (public_json or internal_json)
        if audience == "internal" or public_json
        else None,
    )


def _latest_runs(project: Project) -> dict[str, dict[str, Any]]:
    """The latest run of each assessment the record reads: its answers and result."""
    out: dict[str, dict[str, Any]] = {}
    runs = (
        AssessmentRun.objects.filter(project=project, assessment__in=("ai-act", "mdr", "gdpr"))
        .order_by("assessment", "-created_at", "-id")
        .values("assessment", "answers", "result")
    )
    for r in runs:
        out.setdefault(r["assessment"], dict(r))
    return out


def _label(run: dict[str, Any] | None, lang: str) -> str:
    if not run:
        return ""
    result = dict(run["result"])
    result.setdefault("assessment", run["assessment"])
    return key_outcome(result, lang)


def _mdr_class(run: dict[str, Any] | None) -> str | None:
    if not run:
        return None
    result = run["result"]
    return str(result.get("class")) if result.get("device") else "none"


def _answer(run: dict[str, Any], key: str) -> bool | None:
    value = (run or {}).get("answers", {}).get(key)
    return bool(value) if value is not None else None


def _legal_basis(run: dict[str, Any], lang: str) -> list[core.LegalBasis]:
    if not run:
        return []
    terms = assessments_core.get_questionnaire("gdpr", registry()).spec.terms
    out = []
    for key in run["result"].get("legal_basis") or []:
        term = terms.get(key)
        if term is not None:
            out.append(core.LegalBasis(term.reference or key, term.text.get(lang)))
    return out


def _metrics(run: ValidationRun) -> list[core.Metric]:
    """The run's key metric as numbers (estimate and 95 % interval)."""
    report = run.report or {}
    if run.kind == Kind.BINARY:
        named = [("AUC", report.get("auc"))]
    elif run.kind == Kind.SEGMENTATION:
        structures = [s for s in report.get("structures", []) if s["dice"].get("mean") is not None]
        worst = min(structures, key=lambda s: s["dice"]["mean"], default=None)
        named = [(f"Dice ({worst['structure']})", worst["dice"].get("mean_ci"))] if worst else []
    elif run.kind == Kind.TRANSCRIPTS:
        named = [("WER", report.get("wer"))]
    elif run.kind == Kind.TIMING:
        named = [("percent_saved", report.get("percent_saved"))]
    else:
        named = []
    return [
        core.Metric(name, float(e["estimate"]), _num(e.get("ci_low")), _num(e.get("ci_high")))
        for name, e in named
        if e and e.get("estimate") is not None
    ]


def _num(value: Any) -> float | None:
    return float(value) if value is not None else None


def _monitoring(project: Project, plan: MonitoringPlan | None) -> str | None:
    statuses = list(
        Alert.objects.unresolved().filter(project=project).values_list("status", flat=True)
    )
    if plan is None and not statuses:
        return None
    opened = any(s == AlertStatus.OPEN for s in statuses)
    return rows.RED if opened else rows.AMBER if statuses else rows.GREEN


def _organisation(project: Project) -> tuple[str, list[str]]:
    link = getattr(project, "organisation_link", None)
    if link is None:
        return "", []
    return link.organisation.name, link.organisation.path()


def portfolio_facts(ids: Any, lang: str) -> dict[int, dict[str, Any]]:
    """The record's columns on the portfolio (``register_portfolio_facts``): the contract's
    end and the next re-validation, in one query."""
    stored = SystemRecord.objects.filter(project__in=ids).values_list(
        "project_id", "contract_end", "next_revalidation"
    )
    return {
        pk: {"contract_end": end, "next_revalidation": revalidation}
        for pk, end, revalidation in stored
        if end is not None or revalidation is not None
    }
