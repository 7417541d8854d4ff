"""Sharing levels, from closed to open: internal, region, national, public.

An item's level says how far it may travel. A bundle is exported *at* a level (its
audience): it carries the items whose level is at least as open as the audience. An
item set to ``national`` goes into bundles for a region and for the nation, not into a
public one; an ``internal`` item never leaves the installation, and no bundle is made at
``internal``.
"""

from __future__ import annotations

from collections.abc import Mapping

INTERNAL, REGION, NATIONAL, PUBLIC = "internal", "region", "national", "public"
#: closed → open
LEVELS: tuple[str, ...] = (INTERNAL, REGION, NATIONAL, PUBLIC)
#: the audiences a bundle may be exported at (everything but internal)
AUDIENCES: tuple[str, ...] = (REGION, NATIONAL, PUBLIC)
DEFAULT = INTERNAL


def openness(level: str) -> int:
    """0 (internal) … 3 (public); ``ValueError`` for an unknown level."""
    try:
        return LEVELS.index(level)
    except ValueError:
        raise ValueError(f"unknown sharing level {level!r}") from None


def allows(item_level: str, audience: str) -> bool:
    """May an item set to ``item_level`` go into a bundle exported at ``audience``?"""
    if audience not in AUDIENCES:
        raise ValueError(f"no bundle is exported at {audience!r}")
    return item_level != INTERNAL and openness(item_level) >= openness(audience)


def selected(levels: Mapping[str, str], audience: str) -> list[str]:
    """The items (names, sorted) of ``levels`` (item → level) that go into a bundle at
    ``audience``; an item missing from ``levels`` is internal."""
    return sorted(name for name, level in levels.items() if allows(level, audience))
