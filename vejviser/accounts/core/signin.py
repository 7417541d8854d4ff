"""Hospital sign-in without Django: a username from an identity provider's claims, the
groups a token carries, and what the group mappings say a user's roles should be.

The Django side (``vejviser/accounts/oidc.py``) reads the rows, calls these functions and
writes the result. Roles here are plain strings and organisations plain ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MEMBER = "member"
MANAGEMENT = "management"
CONTENT_EDITOR = "content-editor"
ROLES = (MEMBER, MANAGEMENT, CONTENT_EDITOR)

#: Claims tried in turn for a username: Entra ID's UPN, then e-mail, then names.
USERNAME_CLAIMS = ("preferred_username", "upn", "email", "unique_name", "name")
FALLBACK_USERNAME = "bruger"
USERNAME_MAX = 150


def username_base(claims: Mapping[str, Any]) -> str:
    """A readable username from the first usable claim: the part before ``@``, folded
    to lower-case ASCII letters, digits, ``.``, ``_`` and ``-`` (``Åse Øster`` → ``ase-oster``)."""
    for claim in USERNAME_CLAIMS:
        value = claims.get(claim)
        if not isinstance(value, str) or not value.strip():
            continue
        local = value.strip().split("@", 1)[0]
        local = local.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o").replace("Ø", "O")
        local = local.replace("å", "a").replace("Å", "A")
        ascii_ = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode().lower()
        slug = re.sub(r"[^a-z0-9._-]+", "-", ascii_).strip(".-_")
        if slug:
            return slug[: USERNAME_MAX - 8]
    return FALLBACK_USERNAME


def unique_username(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``, … : the first that ``taken`` says is free."""
    if not taken(base):
        return base
    number = 2
    while taken(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def groups_from_claims(claims: Mapping[str, Any], claim: str) -> frozenset[str] | None:
    """The group values a token carries, or ``None`` when they are not known.

    ``None`` when the provider says the list was too long to include (Entra ID's
    "groups overage": ``_claim_names`` names the claim, or ``hasgroups`` is true): the
    roles are then left as they are rather than removed. A missing claim is an empty
    list (the user is in no mapped group); a single string is one group.
    """
    names = claims.get("_claim_names")
    if (isinstance(names, Mapping) and claim in names) or claims.get("hasgroups") is True:
        return None
    value = claims.get(claim)
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, list | tuple):
        return frozenset(str(item) for item in value if item is not None)
    return frozenset()


@dataclass(frozen=True)
class GroupRule:
    """One mapping row: members of ``group`` get ``role`` (at ``organisation``)."""

    group: str
    role: str
    organisation: int | None = None


@dataclass(frozen=True)
class Roles:
    """The roles the mappings can decide: one organisation membership, management at
    some organisations, and the content-editor role."""

    member_of: int | None = None
    management: frozenset[int] = frozenset()
    content_editor: bool = False


@dataclass(frozen=True)
class Plan:
    """What to change. ``member_of`` applies only when ``set_member``;
    ``content_editor`` is ``None`` when the mappings do not decide it."""

    set_member: bool
    member_of: int | None
    add_management: frozenset[int]
    remove_management: frozenset[int]
    content_editor: bool | None

    @property
    def changes_nothing(self) -> bool:
        return (
            not self.set_member
            and not self.add_management
            and not self.remove_management
            and self.content_editor is None
        )


def plan_roles(groups: frozenset[str], rules: Iterable[GroupRule], current: Roles) -> Plan:
    """The roles a user should have after signing in with ``groups``.

    The identity provider decides every role a mapping names, and nothing else: a
    management role at an organisation no mapping names (given by hand in the admin)
    stays, and so does a membership of such an organisation when the user is in no
    mapped member group. When several member mappings match, the first rule wins (the
    caller passes them oldest first), since a user belongs to one organisation.
    """
    rules = list(rules)
    matched = [rule for rule in rules if rule.group in groups]

    member_orgs = {r.organisation for r in rules if r.role == MEMBER and r.organisation}
    wanted_member = next(
        (r.organisation for r in matched if r.role == MEMBER and r.organisation), None
    )
    if wanted_member is not None:
        set_member, member_of = wanted_member != current.member_of, wanted_member
    elif current.member_of is not None and current.member_of in member_orgs:
        set_member, member_of = True, None
    else:
        set_member, member_of = False, current.member_of

    managed = {r.organisation for r in rules if r.role == MANAGEMENT and r.organisation}
    wanted = {r.organisation for r in matched if r.role == MANAGEMENT and r.organisation}
    add = frozenset(org for org in wanted if org not in current.management)
    remove = frozenset(org for org in current.management & managed if org not in wanted)

    editor: bool | None = None
    if any(r.role == CONTENT_EDITOR for r in rules):
        wants_editor = any(r.role == CONTENT_EDITOR for r in matched)
        editor = wants_editor if wants_editor != current.content_editor else None

    return Plan(set_member, member_of, add, remove, editor)


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (``""`` when it has none)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def form_action(base: list[str], *urls: str) -> list[str]:
    """The Content-Security-Policy ``form-action`` sources with the identity provider's
    origins added: logging out posts a form whose answer redirects the browser to the
    provider's end-session endpoint, and the browser follows it only if the submitting
    page's policy allows the provider's origin."""
    sources = list(base)
    for url in urls:
        found = origin(url)
        if found and found not in sources:
            sources.append(found)
    return sources
