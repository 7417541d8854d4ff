"""Fetch *and* authorise a document tool on a step, on top of the projects' access.

A member sees the documents of the steps they can see; editing roles generate versions
and write the project's texts (others get 403); an outsider gets 404; a vendor sees
only steps shared with vendors (and their documents hold no business case).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from vejviser.projects.access import ProjectAccess, get_step_for_user
from vejviser.projects.models import Project, Step

from .core.content import Template
from .models import DocumentVersion
from .render import content


@dataclass(frozen=True)
class DocumentTool:
    access: ProjectAccess
    step: Step
    template: Template

    @property
    def project(self) -> Project:
        return self.access.project


def get_document_for_user(
    user: Any, pk: int, step_pk: int, kind: str, *, edit: bool = False
) -> DocumentTool:
    """The document ``kind`` on a project's step: 404 unless the step has that tool."""
    access, step = get_step_for_user(user, pk, step_pk)
    template = content().template(kind)
    if template is None or template.tool not in (step.action.tools or []):
        raise Http404
    if edit and not access.can_edit:
        raise PermissionDenied
    return DocumentTool(access, step, template)


def get_version_for_user(
    user: Any, pk: int, step_pk: int, kind: str, number: int
) -> tuple[DocumentTool, DocumentVersion]:
    tool = get_document_for_user(user, pk, step_pk, kind)
    version = DocumentVersion.objects.filter(step=tool.step, kind=kind, number=number).first()
    if version is None:
        raise Http404
    return tool, version
