"""Projects and steps for integrations, under the same permissions as the web pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from vejviser.journey.models import Track
from vejviser.lib.api_auth import require_unlimited
from vejviser.lib.api_errors import errors

from .access import ProjectAccess, get_project_for_user, get_step_for_user
from .models import EditConflict, MemberRole, Project, Region, Step, StepStatus

router = Router(tags=["projects"])


class StepOut(Schema):
    id: int
    action: str
    phase: str
    title: str
    status: str
    owner: str | None
    due_date: date | None
    notes: str
    decisions: str
    shared_with_vendor: bool
    roles: list[str]
    version: int


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    clinical_area: str
    department: str
    region: str
    track: str
    current_phase: str | None
    progress: float
    next_steps: list[int]
    my_role: str | None
    version: int


class ProjectIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    clinical_area: str = Field(min_length=1, max_length=120)
    department: str = Field(min_length=1, max_length=200)
    region: Region
    track: str
    my_role: MemberRole = MemberRole.KLINIKER


def _omit_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def _optional() -> Any:
    """A field that may be left out (it keeps its value) but is never ``null``."""
    return Field(default=None, json_schema_extra=_omit_default)


class StepPatch(Schema):
    """Only the fields sent are changed. ``due_date: null`` clears the due date; the
    other fields cannot be null (send "" to clear notes or decisions)."""

    version: int
    status: StepStatus = _optional()
    due_date: date | None = None
    notes: str = _optional()
    decisions: str = _optional()
    shared_with_vendor: bool = _optional()


class AuditOut(Schema):
    at: datetime
    actor: str | None
    verb: str
    target: str
    changes: dict[str, list[object]]


def _user(request: HttpRequest) -> Any:
    """The authenticated user: ninja puts what the auth class returned on ``request.auth``."""
    return request.auth  # type: ignore[attr-defined]


def _step_out(step: Step) -> dict[str, object]:
    return {
        "id": step.id,
        "action": step.action.slug,
        "phase": step.action.phase.slug,
        "title": step.action.title,
        "status": step.status,
        "owner": step.owner.username if step.owner else None,
        "due_date": step.due_date,
        "notes": step.notes,
        "decisions": step.decisions,
        "shared_with_vendor": step.shared_with_vendor,
        "roles": [r.slug for r in step.action.roles.all()],
        "version": step.version,
    }


def _project_out(access: ProjectAccess) -> dict[str, object]:
    project = access.project
    journey = project.journey(list(access.steps()))
    return {
        "id": project.id,
        "title": project.title,
        "description": project.description,
        "clinical_area": project.clinical_area,
        "department": project.department,
        "region": project.region,
        "track": project.track.slug,
        "current_phase": journey.current.slug if journey.current else None,
        "progress": round(journey.progress, 4),
        "next_steps": [s.id for s in journey.next_steps],
        "my_role": access.membership.role if access.membership else None,
        "version": project.version,
    }


@router.get("/projects", response={200: list[ProjectOut], **errors(401)})
def list_projects(request: HttpRequest) -> list[dict[str, object]]:
    user = _user(request)
    projects = Project.objects.for_user(user)
    limited = getattr(user, "api_projects", None)  # a token limited to projects
    if limited is not None:
        projects = projects.filter(pk__in=limited)
    return [_project_out(get_project_for_user(user, p.pk)) for p in projects]


@router.post("/projects", response={201: ProjectOut, **errors(400, 401, 403, 404, 422)})
def create_project(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, object]]:
    """Start a project (you become its owner). A token limited to projects gets 403."""
    require_unlimited(_user(request))
    track = get_object_or_404(Track, slug=payload.track, retired=False)
    data = payload.dict()
    role = data.pop("my_role")
    data.pop("track")
    project = Project.start(user=_user(request), role=role, track=track, **data)
    return Status(201, _project_out(get_project_for_user(_user(request), project.pk)))


@router.get("/projects/{pk}", response={200: ProjectOut, **errors(401, 404, 422)})
def get_project(request: HttpRequest, pk: int) -> dict[str, object]:
    return _project_out(get_project_for_user(_user(request), pk))


@router.get("/projects/{pk}/steps", response={200: list[StepOut], **errors(401, 404, 422)})
def list_steps(request: HttpRequest, pk: int) -> list[dict[str, object]]:
    access = get_project_for_user(_user(request), pk)
    return [_step_out(s) for s in access.steps()]


@router.patch(
    "/projects/{pk}/steps/{step_pk}",
    response={200: StepOut, **errors(400, 401, 403, 404, 409, 422)},
)
def update_step(
    request: HttpRequest, pk: int, step_pk: int, payload: StepPatch
) -> dict[str, object]:
    _access, step = get_step_for_user(_user(request), pk, step_pk, edit=True)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    try:
        step.edit(_user(request), data, version)
    except EditConflict as exc:
        raise HttpError(
            409, f"Step changed meanwhile; current version is {exc.current.version}."
        ) from exc
    return _step_out(step)


@router.get("/projects/{pk}/audit", response={200: list[AuditOut], **errors(401, 403, 404, 422)})
def list_audit(request: HttpRequest, pk: int) -> list[dict[str, object]]:
    access = get_project_for_user(_user(request), pk)
    if not access.can_see_audit:
        raise HttpError(403, "Vendors cannot see the audit trail.")
    return [
        {
            "at": e.at,
            "actor": e.actor.username if e.actor else None,
            "verb": e.verb,
            "target": e.target,
            "changes": e.changes,
        }
        for e in access.project.audit.select_related("actor")[:500]
    ]
