"""Business cases for integrations, under the same permissions as the pages.

``GET /api/v1/value/templates`` — the shipped example cases to start from;
``POST /api/v1/value/simulate`` — the figures of a case sent in the body, nothing saved;
``/projects/{pk}/steps/{step_pk}/cases`` — the project's cases (GET), a new case (POST,
from a template or a full case);
``…/cases/{case_pk}/versions`` — a new version (POST, ``based_on`` the version you
started from: 409 if someone saved a newer one meanwhile);
``…/cases/{case_pk}/versions/{number}`` — one version's case, figures and changes.

A case is the JSON the case files hold (see docs/value.md; ``GET`` a version's
``case`` for an example); a case that cannot be used is a 400 listing every problem.
Members read, editing roles add (others 403), outsiders and vendors get 404: the case
holds the buyer's own cost expectations (:mod:`vejviser.value.access`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from vejviser.lib.api_auth import READ_POST
from vejviser.lib.api_errors import errors
from vejviser.lib.i18n import active_lang
from vejviser.projects.models import EditConflict
from vejviser.value.core import DEFAULT_ITERATIONS, Case, CaseError, parse_case
from vejviser.value.core.summary import case_summary

from .access import get_case_for_user, get_tool_for_user, get_version_for_user
from .models import BusinessCase, CaseVersion
from .shipped import shipped_cases, template_data

router = Router(tags=["value"])
STEP = "/projects/{pk}/steps/{step_pk}"
CASE = Field(description="A business case as the case files hold it (docs/value.md).")


class VersionBrief(Schema):
    number: int
    stage: str
    npv: float
    prob_npv_positive: float
    note: str
    created_by: str | None
    created_at: dt.datetime


class CaseOut(Schema):
    id: int
    name: str
    template: str
    step: int | None
    versions: list[VersionBrief]


class VersionOut(VersionBrief):
    case_id: int
    iterations: int
    case: dict[str, Any]
    figures: dict[str, Any]
    changes: list[dict[str, Any]]


class TemplateOut(Schema):
    id: str
    title: dict[str, str]
    summary: dict[str, str]


class CaseIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    template: str = Field("", max_length=80, description="A template id (GET /templates).")
    case: dict[str, Any] | None = Field(None, description="The full case; default: the template.")
    note: str = Field("", max_length=2000)


class VersionIn(Schema):
    based_on: int = Field(description="The version you started from (the latest).")
    case: dict[str, Any] = CASE
    note: str = Field("", max_length=2000)


class SimulateIn(Schema):
    case: dict[str, Any] = CASE
    seed: int | None = Field(None, ge=0, le=2**63 - 1, description="Default: a random seed.")


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _case(data: dict[str, Any]) -> Case:
    try:
        return parse_case(data)
    except CaseError as exc:
        raise HttpError(400, exc.text(active_lang())) from exc


def _brief(v: CaseVersion) -> dict[str, Any]:
    return {
        "number": v.number,
        "stage": v.stage,
        "npv": v.npv,
        "prob_npv_positive": v.prob_npv_positive,
        "note": v.note,
        "created_by": v.created_by.get_username() if v.created_by else None,
        "created_at": v.created_at,
    }


def _version_out(v: CaseVersion) -> dict[str, Any]:
    return {
        **_brief(v),
        "case_id": v.business_case_id,
        "iterations": v.iterations,
        "case": v.data,
        "figures": v.summary,
        "changes": v.changes,
    }


def _case_out(bc: BusinessCase) -> dict[str, Any]:
    versions = sorted(bc.versions.all(), key=lambda v: -v.number)
    return {
        "id": bc.pk,
        "name": bc.name,
        "template": bc.template,
        "step": bc.step_id,
        "versions": [_brief(v) for v in versions],
    }


@router.get("/templates", response={200: list[TemplateOut], **errors(401)})
def templates(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": template_id,
            "title": case.title.model_dump(),
            "summary": case.summary.model_dump(),
        }
        for template_id, case in shipped_cases().items()
    ]


@router.post(
    "/simulate", response={200: dict[str, Any], **errors(400, 401, 403, 422)}, auth=READ_POST
)
def simulate(request: HttpRequest, payload: SimulateIn) -> dict[str, Any]:
    """The figures of a case (deterministic, simulation, tornado, scenarios, KPIs and
    award criteria), as a version stores them; nothing is saved. A read token may call it."""
    case = _case(payload.case)
    try:
        return case_summary(case, DEFAULT_ITERATIONS, payload.seed)
    except CaseError as exc:
        raise HttpError(400, exc.text(active_lang())) from exc


@router.get(STEP + "/cases", response={200: list[CaseOut], **errors(401, 404, 422)})
def list_cases(request: HttpRequest, pk: int, step_pk: int) -> list[dict[str, Any]]:
    tool = get_tool_for_user(_user(request), pk, step_pk)
    return [_case_out(bc) for bc in tool.cases()]


@router.post(STEP + "/cases", response={201: VersionOut, **errors(400, 401, 403, 404, 422)})
def create_case(
    request: HttpRequest, pk: int, step_pk: int, payload: CaseIn
) -> Status[dict[str, Any]]:
    """A new business case with its first version, from a template or a full case."""
    tool = get_tool_for_user(_user(request), pk, step_pk, edit=True)
    data = payload.case
    if data is None:
        data = template_data(payload.template) if payload.template else None
        if data is None:
            raise HttpError(400, "Send a case, or the id of a template (GET /value/templates).")
    elif payload.template and payload.template not in shipped_cases():
        raise HttpError(400, f"template: no template {payload.template!r}.")
    try:
        version = BusinessCase.start(
            project=tool.project,
            step=tool.step,
            user=_user(request),
            name=payload.name,
            template=payload.template,
            case=_case(data),
            note=payload.note,
        )
    except CaseError as exc:
        raise HttpError(400, exc.text(active_lang())) from exc
    return Status(201, _version_out(version))


@router.post(
    STEP + "/cases/{case_pk}/versions",
    response={201: VersionOut, **errors(400, 401, 403, 404, 409, 422)},
)
def create_version(
    request: HttpRequest, pk: int, step_pk: int, case_pk: int, payload: VersionIn
) -> Status[dict[str, Any]]:
    """A new version on top of ``based_on``; 409 names the newest version if someone
    saved one after you read it."""
    tool, business_case = get_case_for_user(_user(request), pk, step_pk, case_pk, edit=True)
    case = _case(payload.case)
    try:
        version = business_case.save_version(
            _user(request), tool.step, case, payload.note, payload.based_on
        )
    except EditConflict as exc:
        current = exc.current.number if exc.current else None
        raise HttpError(409, f"A newer version was saved meanwhile: {current}.") from exc
    except CaseError as exc:
        raise HttpError(400, exc.text(active_lang())) from exc
    return Status(201, _version_out(version))


@router.get(
    STEP + "/cases/{case_pk}/versions/{number}",
    response={200: VersionOut, **errors(401, 404, 422)},
)
def get_version(
    request: HttpRequest, pk: int, step_pk: int, case_pk: int, number: int
) -> dict[str, Any]:
    _tool, version = get_version_for_user(_user(request), pk, step_pk, case_pk, number)
    if version is None:  # pragma: no cover - the helper raises
        raise Http404
    return _version_out(version)
