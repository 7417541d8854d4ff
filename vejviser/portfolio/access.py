"""Who sees which projects on the portfolio (read-only, apart from project access).

A management role at an organisation sees every project of that organisation and of
the organisations under it; nothing else. Operators (superusers) see every project.
Opening a project itself still goes through ``vejviser.projects.access``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from vejviser.projects.models import Project

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
