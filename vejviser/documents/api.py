"""Documents for integrations, under the same permissions as the pages.

``GET /api/v1/documents/kinds`` — the document kinds;
``GET /api/v1/documents/projects/{pk}`` — every generated version the user may see;
``GET /api/v1/documents/projects/{pk}/steps/{step_pk}/{kind}`` — the coverage and versions;
``GET …/{kind}/v{number}`` — the file itself;
``POST …/{kind}`` (``{"format": "docx", "lang": "da"}``) — generate a new version.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status

from vejviser.lib.api_errors import errors
from vejviser.projects.access import get_project_for_user

from .access import get_document_for_user, get_version_for_user
from .core.build import coverage
from .models import DocumentVersion
from .render import content, generate, record_for

router = Router(tags=["documents"])


class KindOut(Schema):
    kind: str
    tool: str
    title: dict[str, str]
    sections: list[str]


class VersionOut(Schema):
    id: int
    step: int
    kind: str
    number: int
    format: str
    lang: str
    sha256: str
    size: int
    inputs_digest: str
    changes: list[dict[str, str]]
    sections_ready: int
    sections_total: int
    created_at: datetime
    created_by: str | None
    url: str


class MissingOut(Schema):
    section: str
    source: str
    tool: str


class CoverageOut(Schema):
    kind: str
    ready: int
    total: int
    missing: list[MissingOut]
    versions: list[VersionOut]


class GenerateIn(Schema):
    format: Literal["docx", "pdf"] = "docx"
    lang: Literal["da", "en"] = "da"


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _version_out(v: DocumentVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "step": v.step_id,
        "kind": v.kind,
        "number": v.number,
        "format": v.fmt,
        "lang": v.lang,
        "sha256": v.sha256,
        "size": v.size,
        "inputs_digest": v.inputs_digest,
        "changes": v.changes,
        "sections_ready": v.sections_ready,
        "sections_total": v.sections_total,
        "created_at": v.created_at,
        "created_by": v.created_by.username if v.created_by else None,
        "url": f"/api/v1/documents/projects/{v.project_id}/steps/{v.step_id}/{v.kind}/v{v.number}",
    }


@router.get("/kinds", response={200: list[KindOut], **errors(401)})
def kinds(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "kind": t.kind,
            "tool": t.tool,
            "title": {"da": t.title.da, "en": t.title.en},
            "sections": [s.id for s in t.sections],
        }
        for t in content().templates.values()
    ]


@router.get("/projects/{pk}", response={200: list[VersionOut], **errors(401, 404, 422)})
def project_documents(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    access = get_project_for_user(_user(request), pk)
    versions = (
        DocumentVersion.objects.filter(project=access.project, step__in=access.steps())
        .select_related("created_by")
        .defer("content")
        .order_by("kind", "-number")
    )
    return [_version_out(v) for v in versions]


@router.get(
    "/projects/{pk}/steps/{step_pk}/{kind}", response={200: CoverageOut, **errors(401, 404, 422)}
)
def document(
    request: HttpRequest, pk: int, step_pk: int, kind: str, lang: str = "da"
) -> dict[str, Any]:
    tool = get_document_for_user(_user(request), pk, step_pk, kind)
    record = record_for(
        tool.access, "en" if lang == "en" else "da", figures=False, template=tool.template
    )
    cov = coverage(tool.template, record, content())
    versions = (
        DocumentVersion.objects.filter(step=tool.step, kind=kind)
        .select_related("created_by")
        .defer("content")
    )
    return {
        "kind": kind,
        "ready": cov.ready,
        "total": cov.total,
        "missing": [
            {"section": s.id, "source": m.source, "tool": m.tool}
            for s in cov.sections
            for m in s.missing
        ],
        "versions": [_version_out(v) for v in versions],
    }


@router.post(
    "/projects/{pk}/steps/{step_pk}/{kind}",
    response={201: VersionOut, **errors(400, 401, 403, 404, 422)},
)
def generate_document(
    request: HttpRequest, pk: int, step_pk: int, kind: str, payload: GenerateIn
) -> Status[dict[str, Any]]:
    tool = get_document_for_user(_user(request), pk, step_pk, kind, edit=True)
    version = generate(
        tool.access, tool.step, tool.template, payload.format, payload.lang, _user(request)
    )
    return Status(201, _version_out(version))


@router.get(
    "/projects/{pk}/steps/{step_pk}/{kind}/v{number}",
    response={200: bytes, **errors(401, 404, 422)},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The document file (DOCX or PDF).",
                "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def download(request: HttpRequest, pk: int, step_pk: int, kind: str, number: int) -> HttpResponse:
    _tool, version = get_version_for_user(_user(request), pk, step_pk, kind, number)
    response = HttpResponse(bytes(version.content), content_type=version.content_type)
    response["Content-Disposition"] = f'attachment; filename="{version.filename}"'
    return response
