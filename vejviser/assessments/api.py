"""Assessments for integrations: the rule sets and their questions (public, as the rules
pages), and the runs saved on a project's step.

``GET /api/v1/assessments`` — the assessments (rule-set version and review dates);
``GET /api/v1/assessments/{name}/questions`` — every question with its key and type;
``GET /projects/{pk}/steps/{step_pk}/{name}`` — the saved versions, newest first;
``POST`` the same address with ``{"answers": {…}, "on_date": "YYYY-MM-DD"}`` — assess
and save the next version (a 400 lists every unknown key, invalid value or missing
answer; nothing is saved); ``GET …/{name}/v{version}`` — one version.

The step must offer the tool ``assessment:<name>`` (404 otherwise). Members read,
editing roles run (others 403; a vendor reads on a step shared with vendors and never
runs, :class:`vejviser.projects.access.ToolAccess`), outsiders get 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from vejviser.lib.api_errors import errors
from vejviser.lib.i18n import active_lang
from vejviser.projects.access import get_tool_step_for_user
from vejviser.projects.models import Step

from . import core
from .content import questionnaire, registry
from .models import AssessmentRun

router = Router(tags=["assessments"])
STEP = "/projects/{pk}/steps/{step_pk}/{name}"


class AssessmentOut(Schema):
    id: str
    title: dict[str, str]
    summary: dict[str, str]
    version: str
    reviewed: dt.date
    next_review: dt.date


class RunOut(Schema):
    id: int
    assessment: str
    version: int
    step: int
    on_date: dt.date
    answers: dict[str, Any]
    result: dict[str, Any]
    changes: dict[str, Any] | None
    ruleset_version: str
    created_by: str | None
    created_at: dt.datetime


class RunIn(Schema):
    answers: dict[str, Any] = Field(
        description="Answers keyed by question key (GET /assessments/{name}/questions); "
        "dates as YYYY-MM-DD."
    )
    on_date: dt.date | None = Field(None, description="Assess the law as on this date (today).")


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _step(
    request: HttpRequest, pk: int, step_pk: int, name: str, *, edit: bool = False
) -> tuple[Step, core.Assessment]:
    assessment = questionnaire(name)  # 404 for an unknown assessment
    _access, step = get_tool_step_for_user(
        _user(request), pk, step_pk, (f"assessment:{name}",), edit=edit
    )
    return step, assessment


def _run_out(run: AssessmentRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "assessment": run.assessment,
        "version": run.version,
        "step": run.step_id,
        "on_date": run.on_date,
        "answers": run.answers,
        "result": run.result,
        "changes": run.diff,
        "ruleset_version": run.ruleset_version,
        "created_by": run.created_by.get_username() if run.created_by else None,
        "created_at": run.created_at,
    }


@router.get("", response={200: list[AssessmentOut]}, auth=None)
def list_assessments(request: HttpRequest) -> list[dict[str, Any]]:
    """The assessments and their rule sets (public: the rules are public law)."""
    return [
        {
            "id": a.id,
            "title": a.title.model_dump(),
            "summary": a.summary.model_dump(),
            "version": a.version,
            "reviewed": a.reviewed,
            "next_review": a.next_review,
        }
        for a in core.list_assessments(registry())
    ]


@router.get(
    "/{name}/questions", response={200: list[dict[str, Any]], **errors(404, 422)}, auth=None
)
def questions(request: HttpRequest, name: str) -> list[dict[str, Any]]:
    """Every question: key, type, text and help (Danish and English), choices, default
    (assumed when unanswered; no default: required when shown), when it is shown."""
    return [q.model_dump(mode="json", exclude_none=True) for q in questionnaire(name).questions]


@router.get(STEP, response={200: list[RunOut], **errors(401, 404, 422)})
def list_runs(request: HttpRequest, pk: int, step_pk: int, name: str) -> list[dict[str, Any]]:
    step, _a = _step(request, pk, step_pk, name)
    return [_run_out(r) for r in AssessmentRun.objects.for_step(step, name)]


@router.post(STEP, response={201: RunOut, **errors(400, 401, 403, 404, 422)})
def run(
    request: HttpRequest, pk: int, step_pk: int, name: str, payload: RunIn
) -> Status[dict[str, Any]]:
    """Assess the answers and save the result as the next version on the step."""
    step, assessment = _step(request, pk, step_pk, name, edit=True)
    answers = core.from_json(assessment, payload.answers)
    on_date = payload.on_date or dt.date.today()
    try:
        saved = AssessmentRun.record(step, _user(request), name, answers, on_date)
    except core.AnswerError as exc:
        lang = active_lang()
        raise HttpError(
            400, "; ".join(f"{key}: {p.text(lang)}" for key, p in exc.problems.items())
        ) from exc
    return Status(201, _run_out(saved))


@router.get(STEP + "/v{version}", response={200: RunOut, **errors(401, 404, 422)})
def get_run(request: HttpRequest, pk: int, step_pk: int, name: str, version: int) -> dict[str, Any]:
    step, _a = _step(request, pk, step_pk, name)
    found = AssessmentRun.objects.for_step(step, name).filter(version=version).first()
    if found is None:
        raise Http404
    return _run_out(found)
