"""Where a questionnaire starts: the project's own answers, never a blank form twice.

On a step that has no saved run of the assessment yet, the questions start from

1. the project's latest run of the same assessment on any other step;
2. what other tools already know: the MDR result's class answers the AI Act's
   ``mdr_class``; the latest business case's total costs answer the procurement
   assessment's ``estimated_value_dkk``;
3. the same question answered in another assessment (e.g. ``public_authority``).

Each pre-filled answer says where it came from (a :class:`Message`); the user can change
it. The first source that has an answer wins; a run on the step itself is used as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.http import Http404

from vejviser.kernel.i18n import Message, message
from vejviser.lib.i18n import active_lang
from vejviser.projects.models import Project, Step

from .content import questionnaire
from .core.schema import check_value
from .models import AssessmentRun


@dataclass(frozen=True)
class Prefill:
    answers: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Message] = field(default_factory=dict)


def prefill(step: Step, name: str, latest_on_step: AssessmentRun | None) -> Prefill:
    if latest_on_step is not None:
        return Prefill(dict(latest_on_step.answers))
    a = questionnaire(name)
    latest: dict[str, AssessmentRun] = {}
    runs = (
        AssessmentRun.objects.filter(project=step.project)
        .select_related("step__action")
        .order_by("-created_at", "-id")
    )
    for run in runs:
        latest.setdefault(run.assessment, run)
    answers: dict[str, Any] = {}
    origins: dict[str, Message] = {}

    def offer(key: str, value: Any, origin: Message) -> None:
        q = a.question(key)
        if key in answers or q is None or value is None:
            return
        if q.type != "date" and check_value(q, value) is not None:
            return
        answers[key] = value
        origins[key] = origin

    same = latest.get(name)
    if same is not None:
        origin = message(
            "From this assessment saved on the step “{step}” on {date}.",
            step=same.step.action.title,
            date=same.on_date,
        )
        for key, value in same.answers.items():
            offer(key, value, origin)
    for key, value, origin in _facts(step.project, latest):
        offer(key, value, origin)
    for other, run in sorted(latest.items()):
        if other == name:
            continue
        title = _title(other)
        for key, value in run.answers.items():
            offer(
                key,
                value,
                message(
                    "Answered in the {assessment} on the step “{step}”.",
                    assessment=title,
                    step=run.step.action.title,
                ),
            )
    return Prefill(answers, origins)


def _title(name: str) -> str:
    try:
        return questionnaire(name).spec.title.get(active_lang())
    except Http404:  # an assessment whose content is gone: name it by its id
        return name


def _facts(
    project: Project, latest: dict[str, AssessmentRun]
) -> Iterator[tuple[str, Any, Message]]:
    """What other tools know that a question asks for: (question key, answer, origin)."""
    mdr = latest.get("mdr")
    if mdr is not None:
        result = mdr.result
        value = result.get("class") if result.get("device") else "none"
        yield (
            "mdr_class",
            value,
            message(
                "From the MDR assessment (version {version}, {date}): {value}.",
                version=mdr.version,
                date=mdr.on_date,
                value=str(value),
            ),
        )
    if apps.is_installed("vejviser.value"):
        from vejviser.value.models import CaseVersion

        version = (
            CaseVersion.objects.filter(business_case__project=project)
            .select_related("business_case")
            .order_by("-created_at", "-id")
            .first()
        )
        if version is not None:
            det = version.summary["deterministic"]
            yield (
                "estimated_value_dkk",
                float(det["costs_total"]),
                message(
                    "From the business case “{case}” (version {version}): the total costs "
                    "over {years} years. Count only what is bought from the supplier.",
                    case=version.business_case.name,
                    version=version.number,
                    years=int(det["horizon_years"]),
                ),
            )
