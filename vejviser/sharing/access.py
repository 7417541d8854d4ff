"""Who sees what of sharing.

- The sharing page of a project (the tool ``portfolio:share`` on a step): its members
  read it (a vendor gets 404: the tool is registered ``vendor=False``); editing members
  write lessons learned; only the project's owner sets levels and exports.
- The product page across deployments (``/sharing/products/<id>/``), for any logged-in
  user, shows each deployment's items within what each organisation shared with the
  reader (:class:`Reader`):

  ============  ==========================================================================
  level         who sees the item of a project in this installation
  ============  ==========================================================================
  internal      the project's members (not a vendor) and management of its organisation
  region        … and everyone whose organisation is in the project's region
  national      … and every health-sector user of the installation (a user with an
                organisation or a non-vendor project membership)
  public        every logged-in user
  ============  ==========================================================================

  Imported deployments: a public bundle is seen by every logged-in user; a region or
  national bundle by every health-sector user (the sender chose this installation as
  its audience; the administrator trusted it).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from vejviser.portfolio.access import portfolio_access
from vejviser.portfolio.models import Organisation, OrganisationMember
from vejviser.projects.access import ProjectAccess, get_tool_step_for_user
from vejviser.projects.models import MemberRole, Membership, Step

from .core import levels

TOOL = "portfolio:share"


def get_share_tool_for_user(
    user: Any, pk: int, step_pk: int, *, edit: bool = False, manage: bool = False
) -> tuple[ProjectAccess, Step]:
    """The sharing page of a project's step: 404 outside (and for a vendor), 403 for
    ``edit`` without an editing role and for ``manage`` unless the owner."""
    from django.core.exceptions import PermissionDenied

    access, step = get_tool_step_for_user(user, pk, step_pk, [TOOL], edit=edit)
    if manage and not access.can_manage:
        raise PermissionDenied
    return access, step


def _root(org_id: int | None, parents: Mapping[int, int | None]) -> int | None:
    seen = set()
    while org_id is not None and parents.get(org_id) is not None and org_id not in seen:
        seen.add(org_id)
        org_id = parents[org_id]
    return org_id


@dataclass
class Reader:
    """What one user may read of shared items (a few queries, then in memory)."""

    user: Any
    everything: bool = False
    health_staff: bool = False
    region: int | None = None
    own_projects: Collection[int] = field(default_factory=set)
    parents: Mapping[int, int | None] = field(default_factory=dict)

    @classmethod
    def of(cls, user: Any) -> Reader:
        if not getattr(user, "is_authenticated", False):
            return cls(user)
        if user.is_superuser:
            return cls(user, everything=True, health_staff=True)
        memberships = list(Membership.objects.filter(user=user).values_list("project_id", "role"))
        own = {pk for pk, role in memberships if role != MemberRole.VIRKSOMHED}
        access = portfolio_access(user)
        if access.allowed:
            own |= set(access.projects().values_list("pk", flat=True))
        org = (
            OrganisationMember.objects.filter(user=user)
            .values_list("organisation_id", flat=True)
            .first()
        )
        parents: dict[int, int | None] = dict(Organisation.objects.values_list("pk", "parent_id"))
        return cls(
            user,
            health_staff=bool(own) or org is not None,
            region=_root(org, parents),
            own_projects=own,
            parents=parents,
        )

    def region_of(self, organisation_id: int | None) -> int | None:
        return _root(organisation_id, self.parents)

    def sees_local(self, project_id: int, organisation_id: int | None, level: str) -> bool:
        if self.everything or project_id in self.own_projects:
            return True
        if level == levels.PUBLIC:
            return True
        if level == levels.NATIONAL:
            return self.health_staff
        if level == levels.REGION:
            return self.region is not None and self.region == self.region_of(organisation_id)
        return False

    def sees_imported(self, audience: str) -> bool:
        if not getattr(self.user, "is_authenticated", False):
            return False
        return audience == levels.PUBLIC or self.health_staff or self.everything
