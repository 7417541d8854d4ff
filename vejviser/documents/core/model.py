"""The document model and the project record, as plain typed dataclasses.

A :class:`Record` is what the project holds, already put into words in one language by
the thin Django layer (``vejviser.documents.record``): project facts for the title page
and a :class:`Part` per *source key* (``assessment.gdpr``, ``validation.metrics``,
``business-case.figures``, ``narrative:patient-perspective``, ``section:tender-evaluation``
…). A template (content) picks parts for its sections; the result is a :class:`Document`
of sections made of blocks, which the writers turn into DOCX, HTML and PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "text"  # "text" | "note" (small print: where a part comes from)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    """A two-column table of label and value (no header row)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Figure:
    svg: str
    caption: str


@dataclass(frozen=True)
class Gap:
    """A visible notice that a part of the section is missing, and what fills it."""

    text: str


Block = Paragraph | Bullets | Facts | Table | Figure | Gap


@dataclass(frozen=True)
class Part:
    """What the record knows for one source key, and where it comes from."""

    blocks: tuple[Block, ...]
    origin: str = ""


@dataclass(frozen=True)
class Member:
    role: str
    name: str


@dataclass(frozen=True)
class ProjectInfo:
    title: str
    department: str
    region: str
    clinical_area: str
    track: str
    phase: str
    members: tuple[Member, ...] = ()


@dataclass(frozen=True)
class Record:
    lang: str
    project: ProjectInfo
    parts: Mapping[str, Part] = field(default_factory=dict)
    #: Short texts the project wrote once (``ProjectNarrative``): key -> text.
    narratives: Mapping[str, str] = field(default_factory=dict)
    #: A fingerprint per source key the parts were made from (ids, versions, text
    #: hashes): the basis of the inputs digest and of "what changed since last time".
    inputs: Mapping[str, str] = field(default_factory=dict)
    #: The date of the newest input: the document's date (never the clock).
    as_of: dt.date | None = None

    def part(self, source: str) -> Part | None:
        if source.startswith("narrative:"):
            text = self.narratives.get(source.split(":", 1)[1], "").strip()
            if not text:
                return None
            return Part(tuple(Paragraph(p.strip()) for p in text.split("\n\n") if p.strip()))
        found = self.parts.get(source)
        return found if found is not None and found.blocks else None


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    question: str
    blocks: tuple[Block, ...]
    missing: tuple[str, ...] = ()  # the source keys that had nothing

    @property
    def ready(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Document:
    kind: str
    lang: str
    title: str
    project: ProjectInfo
    version: int
    date: str  # the document's date, formatted (from the inputs, not the clock)
    sections: tuple[Section, ...]
    labels: Mapping[str, str] = field(default_factory=dict)  # fixed texts in ``lang``
    #: Metadata only (never in the text): e.g. the generation time.
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ready_count(self) -> int:
        return sum(1 for s in self.sections if s.ready)


def part_from_data(data: Mapping[str, Any]) -> Part:
    """A part from plain data (what a capability's record section returns; see
    ``vejviser.lib.capabilities.register_record_section``). Unknown block types raise
    ``ValueError``."""
    blocks: list[Block] = []
    for item in data.get("blocks", []):
        kind = item.get("type")
        if kind == "paragraph":
            blocks.append(Paragraph(str(item["text"])))
        elif kind == "bullets":
            blocks.append(Bullets(tuple(str(i) for i in item["items"])))
        elif kind == "facts":
            blocks.append(Facts(tuple((str(k), str(v)) for k, v in item["rows"])))
        elif kind == "table":
            blocks.append(
                Table(
                    tuple(str(h) for h in item["header"]),
                    tuple(tuple(str(c) for c in row) for row in item["rows"]),
                    str(item.get("caption", "")),
                )
            )
        elif kind == "figure":
            blocks.append(Figure(str(item["svg"]), str(item.get("caption", ""))))
        else:
            raise ValueError(f"unknown block type {kind!r}")
    return Part(tuple(blocks), str(data.get("origin", "")))
