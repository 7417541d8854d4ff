"""Who sees which projects on the portfolio (read-only, apart from project access).

A management role at an organisation sees every project of that organisation and of
the organisations under it; nothing else. Operators (superusers) see every project.
Opening a project itself still goes through ``vejviser.projects.access``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from vejviser.projects.models import Membership, Project

from .models import Organisation, OrganisationRole, Role


def subtree(roots: Iterable[int], parents: Mapping[int, int | None]) -> set[int]:
    """The organisations ``roots`` and every organisation under them (``parents`` maps
    each organisation to its parent)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in parents.items():
        children.setdefault(parent, []).append(pk)
    found: set[int] = set()
    todo = list(roots)
    while todo:
        pk = todo.pop()
        if pk in found:
            continue
        found.add(pk)
        todo.extend(children.get(pk, []))
    return found


@dataclass(frozen=True)
class PortfolioAccess:
    """The organisations a user manages (with their subtrees) and the projects under them."""

    user: Any
    organisations: frozenset[int]
    everything: bool = False
    #: every organisation (loaded once for the subtree; the page's filter reuses it)
    tree: tuple[Organisation, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.everything or bool(self.organisations)

    def projects(self) -> QuerySet[Project]:
        if self.everything:
            return Project.objects.all()
        return Project.objects.filter(organisation_link__organisation__in=self.organisations)


def portfolio_access(user: Any) -> PortfolioAccess:
    """Two queries: the user's management roles and the organisation tree."""
    if not getattr(user, "is_authenticated", False):
        return PortfolioAccess(user, frozenset())
    if user.is_superuser:
        return PortfolioAccess(user, frozenset(), everything=True, tree=_tree())
    roots = list(
        OrganisationRole.objects.filter(user=user, role=Role.MANAGEMENT).values_list(
            "organisation_id", flat=True
        )
    )
    if not roots:
        return PortfolioAccess(user, frozenset())
    tree = _tree()
    parents = {o.pk: o.parent_id for o in tree}
    return PortfolioAccess(user, frozenset(subtree(roots, parents)), tree=tree)


def _tree() -> tuple[Organisation, ...]:
    return tuple(Organisation.objects.order_by("name", "id"))


def is_manager(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (
            user.is_superuser
            or OrganisationRole.objects.filter(user=user, role=Role.MANAGEMENT).exists()
        )
    )


@dataclass(frozen=True)
class RecordAccess:
    """A user's access to a project's AI system record.

    Project members (not the vendor: the record is the hospital's) read it and those
    with an editing role fill in its texts; the project's owner (and operators) switch
    its public page on and off. Management of the project's organisation (or one above
    it) reads it. Everyone else gets 404.
    """

    project: Project
    membership: Membership | None
    operator: bool = False

    @property
    def can_edit(self) -> bool:
        return self.operator or (
            self.membership is not None
            and self.membership.can_edit
            and not self.membership.is_vendor
        )

    @property
    def can_publish(self) -> bool:
        return self.operator or (self.membership is not None and self.membership.is_owner)

    @property
    def is_member(self) -> bool:
        return self.operator or self.membership is not None


def get_record_for_user(
    user: Any, pk: int, *, edit: bool = False, publish: bool = False
) -> RecordAccess:
    """Fetch the project and authorise in one place: 404 when the user may not read its
    record, 403 for ``edit``/``publish`` without the right."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    project = Project.objects.select_related("track").filter(pk=pk).first()
    if project is None:
        raise Http404
    membership = project.memberships.filter(user=user).first()
    if membership is not None and membership.is_vendor:
        raise Http404
    access = RecordAccess(project, membership, bool(user.is_superuser))
    if not access.is_member and not portfolio_access(user).projects().filter(pk=pk).exists():
        raise Http404
    if (edit and not access.can_edit) or (publish and not access.can_publish):
        raise PermissionDenied
    return access
