"""One access helper per object: fetch *and* authorise in one place.

Someone outside a project gets 404 for it (never a hint that it exists); a member
without the right gets 403. A vendor member sees only the steps shared with vendors.

Only superusers (the operators who run the installation) see every project. Being staff
opens no project: staff are content editors (``vejviser.accounts.roles``), who edit the
guidance and have no business in a hospital's projects.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from .models import MemberRole, Membership, Project, Step


@dataclass(frozen=True)
class ProjectAccess:
    project: Project
    membership: Membership | None
    #: an operator's access to every project (a superuser; not merely staff)
    is_staff: bool

    @property
    def is_vendor(self) -> bool:
        return not self.is_staff and self.membership is not None and self.membership.is_vendor

    @property
    def can_edit(self) -> bool:
        return self.is_staff or (self.membership is not None and self.membership.can_edit)

    @property
    def can_manage(self) -> bool:
        return self.is_staff or (self.membership is not None and self.membership.is_owner)

    @property
    def can_see_audit(self) -> bool:
        return not self.is_vendor

    def steps(self) -> QuerySet[Step]:
        steps = self.project.ordered_steps()
        return steps.filter(shared_with_vendor=True) if self.is_vendor else steps

    def visible(self, steps: list[Step]) -> list[Step]:
        """The same vendor policy as :meth:`steps`, on steps already loaded (the
        dashboard loads every project's steps in one query)."""
        return [s for s in steps if s.shared_with_vendor] if self.is_vendor else steps

    def members(self) -> QuerySet[Membership]:
        return self.project.memberships.select_related("user")

    def involve(self, step: Step) -> list[tuple[Any, list[Membership]]]:
        """For each role the step's action asks for: the members who have it."""
        members = list(self.members())
        return [
            (role, [m for m in members if m.role == role.slug]) for role in step.action.roles.all()
        ]


def get_project_for_user(
    user: Any, pk: int, *, edit: bool = False, manage: bool = False
) -> ProjectAccess:
    limited = getattr(user, "api_projects", None)  # an API token limited to projects
    if limited is not None and pk not in limited:
        raise Http404
    project = Project.objects.for_user(user).select_related("track").filter(pk=pk).first()
    if project is None:
        raise Http404
    membership = project.memberships.filter(user=user).first()
    access = ProjectAccess(project, membership, bool(user.is_superuser))
    if (edit and not access.can_edit) or (manage and not access.can_manage):
        raise PermissionDenied
    return access


def get_step_for_user(
    user: Any, project_pk: int, step_pk: int, *, edit: bool = False
) -> tuple[ProjectAccess, Step]:
    access = get_project_for_user(user, project_pk)
    step = access.steps().filter(pk=step_pk).first()
    if step is None:
        raise Http404
    if edit and not access.can_edit:
        raise PermissionDenied
    return access, step


@dataclass(frozen=True)
class ToolAccess:
    """A capability's tool on one step, for one user: the base of every capability's
    access object (validation runs, business cases, market, monitoring, documents).

    The one vendor policy for tools: a vendor reaches a tool only on a step shared with
    vendors and only if the tool is open to vendors (``tools.register(..., vendor=…)``),
    and never changes a tool's data — the hospital validates, buys and monitors.
    """

    access: ProjectAccess
    step: Step

    @property
    def project(self) -> Project:
        return self.access.project

    @property
    def can_edit(self) -> bool:
        return self.access.can_edit and not self.access.is_vendor


def get_tool_step_for_user(
    user: Any, pk: int, step_pk: int, tool_ids: Collection[str], *, edit: bool = False
) -> tuple[ProjectAccess, Step]:
    """The step, if its action offers one of ``tool_ids`` to this user: 404 when it
    offers none (or none open to a vendor), 403 for ``edit`` without the right."""
    from vejviser.journey.tools import tools_for

    access, step = get_step_for_user(user, pk, step_pk)
    offered = [t for t in (step.action.tools or []) if t in tool_ids]
    if not tools_for(offered, vendor=access.is_vendor):
        raise Http404
    if edit and not (access.can_edit and not access.is_vendor):
        raise PermissionDenied
    return access, step


def vendor_role() -> str:
    return str(MemberRole.VIRKSOMHED)
