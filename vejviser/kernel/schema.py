"""The schema of Vejviser's journey content (pure: no Django import).

Content lives in YAML files under ``content/``:

- ``content/sources.yaml``  -> :class:`SourcesFile`  (documents and laws we cite)
- ``content/roles.yaml``    -> :class:`RolesFile`    (the people on a project)
- ``content/journey/*.yaml`` -> :class:`TrackFile`   (one track per file)

Every text a user reads is a :class:`Text` with Danish and English, and every piece of
guidance carries at least one :class:`SourceRef` back to where it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=2, max_length=80)]

RoleId = Literal[
    "kliniker",
    "jurist",
    "it-arkitekt",
    "indkoebskonsulent",
    "innovationskonsulent",
    "forsker",
    "virksomhed",
    "ledelse",
]
ToolId = Literal[
    "assessment:ai-act",
    "assessment:mdr",
    "assessment:gdpr",
    "assessment:approvals",
    "assessment:procurement",
    "validation:retrospective",
    "validation:prospective",
    "validation:sample-size",
    "business-case",
    "market:catalogue",
    "market:needs",
    "market:requirements",
    "market:tender-evaluation",
    "market:contract-checklist",
    "document:project-description",
    "document:requirement-specification",
    "document:business-case",
    "document:mini-hta",
    "document:validation-report",
    "document:evaluation-report",
    "document:mas-ai",
    "document:dpia",
    "document:model-card",
    "document:collaboration-agreement",
    "monitoring",
    "portfolio:share",
    "portfolio:record",
    "assistant",
]

#: The roles a project member can have. The content file ``roles.yaml`` must describe
#: exactly these (the membership model uses the same ids).
ROLE_IDS: tuple[str, ...] = get_args(RoleId)
#: The Vejviser tools an action can point to, even before the tool exists.
TOOL_IDS: tuple[str, ...] = get_args(ToolId)


class _Strict(BaseModel):
    # defer_build: validators are built on first validation, not on import (the CLI
    # unpickles schema objects without validating any).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(_Strict):
    """A text in Danish and English. Both are required and may hold Markdown."""

    da: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @field_validator("da", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class SourceRef(_Strict):
    """Where a piece of guidance comes from: a source id and a section within it."""

    doc: Slug
    section: str = Field(min_length=1, max_length=200)


class Source(_Strict):
    id: Slug
    title: Text
    kind: Literal["seed", "law", "guidance"]
    url: str | None = None
    publisher: str | None = None


class SourcesFile(_Strict):
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> SourcesFile:
        _check_unique([s.id for s in self.sources], "source id")
        return self


class Role(_Strict):
    id: RoleId
    title: Text
    description: Text
    sources: list[SourceRef] = Field(min_length=1)


class RolesFile(_Strict):
    roles: list[Role]

    @model_validator(mode="after")
    def _complete(self) -> RolesFile:
        ids = [r.id for r in self.roles]
        _check_unique(ids, "role id")
        missing = sorted(set(ROLE_IDS) - set(ids))
        if missing:
            raise ValueError(f"roles missing: {', '.join(missing)}")
        return self


class AttentionPoint(_Strict):
    """A "Vær opmærksom på" point of a phase."""

    id: Slug
    text: Text
    sources: list[SourceRef] = Field(min_length=1)


class Action(_Strict):
    """A central action ("central handling") of a phase."""

    id: Slug
    title: Text
    guidance: Text
    done: Text
    roles: list[RoleId] = Field(min_length=1)
    tools: list[ToolId] = Field(default_factory=list)
    shared_with_vendor: bool = False
    sources: list[SourceRef] = Field(min_length=1)

    @field_validator("roles", "tools")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        _check_unique(value, "entry")
        return value


class Phase(_Strict):
    id: Slug
    title: Text
    purpose: Text
    sources: list[SourceRef] = Field(min_length=1)
    attention: list[AttentionPoint] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)


class TrackFile(_Strict):
    id: Slug
    order: int = Field(ge=1)
    title: Text
    summary: Text
    sources: list[SourceRef] = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> TrackFile:
        _check_unique([p.id for p in self.phases], "phase id")
        _check_unique([a.id for p in self.phases for a in p.actions], "action id")
        _check_unique([a.id for p in self.phases for a in p.attention], "attention id")
        return self


def _check_unique(values: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}: {value}")
        seen.add(value)


def is_slug(value: str) -> bool:
    return re.fullmatch(SLUG, value) is not None
