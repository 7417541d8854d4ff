"""Content gaps: the questions the assistant could not answer, or answered unhelpfully,
grouped so a content editor sees each gap once, with how often it was asked (pure).

Questions are grouped by their words: lower case, punctuation and placeholders
("[CPR]", "[NAVN]") dropped, so "Hvad koster en pizza?" and "hvad koster en pizza" are
one gap. The text shown is the latest wording, already scrubbed by the caller.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vejviser.assistant.core.scrub import strip_placeholders

WORD_RE = re.compile(r"[0-9a-zæøåéüäö]+")


@dataclass(frozen=True)
class GapRow:
    """One stored question that shows a gap (scrubbed before it gets here)."""

    id: int
    question: str
    asked_at: dt.datetime
    mode: str  # the answer's mode: no-answer, offline, verdict …
    unanswered: bool
    unhelpful: bool
    comment: str = ""
    handled: bool = False


@dataclass
class Gap:
    key: str
    question: str  # the latest wording
    first: dt.datetime
    last: dt.datetime
    count: int = 0
    unanswered: int = 0
    unhelpful: int = 0
    modes: dict[str, int] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    handled: bool = True  # every question of the group is handled

    @property
    def words(self) -> list[str]:
        return self.key.split()


def gap_key(question: str) -> str:
    """The words of a question, for grouping."""
    return " ".join(WORD_RE.findall(strip_placeholders(question).lower()))


def group(rows: Iterable[GapRow], *, comments: int = 3) -> list[Gap]:
    """Gaps, most asked first, then most recent; at most ``comments`` comments each."""
    gaps: dict[str, Gap] = {}
    for row in sorted(rows, key=lambda r: (r.asked_at, r.id)):
        key = gap_key(row.question)
        if not key:
            continue
        gap = gaps.get(key)
        if gap is None:
            gap = gaps[key] = Gap(key, row.question, row.asked_at, row.asked_at)
        gap.question = row.question
        gap.last = row.asked_at
        gap.count += 1
        gap.unanswered += row.unanswered
        gap.unhelpful += row.unhelpful
        gap.modes[row.mode] = gap.modes.get(row.mode, 0) + 1
        gap.ids.append(row.id)
        gap.handled = gap.handled and row.handled
        if row.comment and row.comment not in gap.comments:
            gap.comments.insert(0, row.comment)
            del gap.comments[comments:]
    return sorted(gaps.values(), key=lambda g: (-g.count, -g.last.timestamp(), g.key))
