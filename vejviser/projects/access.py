"""One access helper per object: fetch *and* authorise in one place.

Someone outside a project gets 404 for it (never a hint that it exists); a member
without the right gets 403. A vendor member sees only the steps shared with vendors.

Only superusers (the operators who run the installation) see every project. Being staff
opens no project: staff are content editors (``vejviser.accounts.roles``), who edit the
guidance and have no business in a hospital's projects.
"""

from __future__ import annotations

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


def vendor_role() -> str:
    return str(MemberRole.VIRKSOMHED)
