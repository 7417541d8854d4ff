"""Fetch *and* authorise a document tool on a step, on top of the projects' access.

A member sees the documents of the steps they can see; editing roles generate versions
and write the project's texts (others get 403); an outsider gets 404; a vendor sees
only steps shared with vendors (and their documents hold no business case).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from vejviser.projects.access import ToolAccess, get_tool_step_for_user

from .core.content import Template
from .models import DocumentVersion
from .render import content


@dataclass(frozen=True)
class DocumentTool(ToolAccess):
    template: Template


def get_document_for_user(
    user: Any, pk: int, step_pk: int, kind: str, *, edit: bool = False
) -> DocumentTool:
    """The document ``kind`` on a project's step: 404 unless the step has that tool."""
    template = content().template(kind)
    if template is None:
        raise Http404
    access, step = get_tool_step_for_user(user, pk, step_pk, (template.tool,), edit=edit)
    return DocumentTool(access, step, template)


def get_version_for_user(
    user: Any, pk: int, step_pk: int, kind: str, number: int
) -> tuple[DocumentTool, DocumentVersion]:
    tool = get_document_for_user(user, pk, step_pk, kind)
    version = DocumentVersion.objects.filter(step=tool.step, kind=kind, number=number).first()
    if version is None:
        raise Http404
    return tool, version
