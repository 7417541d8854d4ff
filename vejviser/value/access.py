"""Fetch *and* authorise a business case, on top of the projects' access helpers.

The pages of a business case live on a step that has the "business-case" tool. Members
see the project's cases; editing roles add versions (others get 403); an outsider gets
404. A vendor gets 404 even on a step shared with vendors: the case holds the buyer's
own cost expectations and the award weights of a coming tender.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from vejviser.projects.access import ToolAccess, get_tool_step_for_user

from .models import BusinessCase, CaseVersion

TOOL = "business-case"


@dataclass(frozen=True)
class CaseAccess(ToolAccess):

    def cases(self) -> QuerySet[BusinessCase]:
        return BusinessCase.objects.filter(project=self.project).prefetch_related(
            "versions__created_by"
        )


def get_tool_for_user(user: Any, pk: int, step_pk: int, *, edit: bool = False) -> CaseAccess:
    """The business-case tool on a project's step: 404 unless the step has it."""
    return CaseAccess(*get_tool_step_for_user(user, pk, step_pk, (TOOL,), edit=edit))


def get_case_for_user(
    user: Any, pk: int, step_pk: int, case_pk: int, *, edit: bool = False
) -> tuple[CaseAccess, BusinessCase]:
    tool = get_tool_for_user(user, pk, step_pk, edit=edit)
    business_case = BusinessCase.objects.filter(project=tool.project, pk=case_pk).first()
    if business_case is None:
        raise Http404
    return tool, business_case


def get_version_for_user(
    user: Any, pk: int, step_pk: int, case_pk: int, number: int
) -> tuple[CaseAccess, CaseVersion]:
    tool, business_case = get_case_for_user(user, pk, step_pk, case_pk)
    version = (
        business_case.versions.filter(number=number)
        .select_related("created_by", "step__action", "business_case")
        .first()
    )
    if version is None:
        raise Http404
    return tool, version
