"""Fetch *and* authorise validation runs, on top of the projects' access helpers.

The pages live on a step whose action has one of the validation tools. Members see the
project's runs; editing roles add runs (others get 403 on POST); an outsider gets 404.
A vendor gets 404 unless the step is shared with vendors; on a shared step the vendor
reads the runs of the steps shared with vendors but cannot add one (403): the hospital
validates the vendor's product, so the vendor sees the evidence but does not make it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from vejviser.projects.access import ToolAccess, get_tool_step_for_user

from .models import ValidationRun, ValidationRunQuerySet

TOOLS = ("validation:retrospective", "validation:prospective", "validation:sample-size")


@dataclass(frozen=True)
class ValidationAccess(ToolAccess):

    def runs(self) -> ValidationRunQuerySet:
        """The project's runs on the steps this user may see, newest first."""
        return (
            ValidationRun.objects.filter(project=self.project)
            .on_steps(self.access.steps())
            .select_related("created_by", "step__action")
        )


def get_tool_for_user(user: Any, pk: int, step_pk: int, *, edit: bool = False) -> ValidationAccess:
    """The validation tools on a project's step: 404 unless the step has one of them."""
    return ValidationAccess(*get_tool_step_for_user(user, pk, step_pk, TOOLS, edit=edit))


def get_run_for_user(
    user: Any, pk: int, step_pk: int, run_pk: int
) -> tuple[ValidationAccess, ValidationRun]:
    tool = get_tool_for_user(user, pk, step_pk)
    run = tool.runs().filter(step=tool.step, pk=run_pk).first()
    if run is None:
        raise Http404
    return tool, run
