"""One row per project on the portfolio, and what management does with the rows.

A row is plain data (collected by ``vejviser.portfolio.facts`` in a handful of queries):
where the project stands, its risk, its expected and realised value, its validation and
monitoring. Here: the project's status from its steps, filtering, sorting, the summary
figures and the pipeline by phase.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from vejviser.kernel.i18n import Message, message

#: A project's status, from its steps: every step closed, some overdue, started, or not.
DONE, OVERDUE, ACTIVE, NOT_STARTED = "done", "overdue", "active", "not-started"
STATUS_ORDER = (OVERDUE, ACTIVE, NOT_STARTED, DONE)

#: AI Act tiers from the most to the least demanding (the ``tier`` output of ``ai-act``);
#: "" is a project without an AI Act assessment yet.
RISK_ORDER = ("prohibited", "high-risk", "not-high-risk", "minimal", "")

#: Monitoring: red (an open alert), amber (acknowledged, not resolved), green (a plan
#: and nothing unresolved), "" (no monitoring plan).
RED, AMBER, GREEN = "red", "amber", "green"


@dataclass(frozen=True)
class PortfolioRow:
    pk: int
    title: str
    organisation: str
    organisation_pk: int | None
    track: str
    track_slug: str
    phase: str  # title of the current phase ("" when every step is closed)
    phase_order: int | None
    status: str  # one of STATUS_ORDER
    next_step: str
    overdue: int
    steps_total: int
    steps_closed: int
    ai_act_tier: str = ""  # the tier's value ("high-risk"), "" when not assessed
    ai_act_label: str = ""
    mdr_class: str = ""  # e.g. "IIa"; "none" when not a device; "" when not assessed
    mdr_label: str = ""
    npv_p50: float | None = None
    hours_expected: float | None = None
    hours_realised: float | None = None  # hours freed in the last 12 months (monitoring KPI)
    validation: str = ""
    monitoring: str = ""  # RED | AMBER | GREEN | ""
    open_alerts: int = 0
    contract_end: date | None = None  # the record's (vejviser.portfolio.record)
    next_revalidation: date | None = None
    extra: dict[str, str] = field(default_factory=dict)


def project_status(total: int, closed: int, started: int, overdue: int) -> str:
    """Done when every step is closed; overdue when an open step is past its date;
    active once a step is started or closed; else not started."""
    if total and closed == total:
        return DONE
    if overdue:
        return OVERDUE
    if started or closed:
        return ACTIVE
    return NOT_STARTED


def status_message(status: str) -> Message:
    return {
        DONE: message("Done"),
        OVERDUE: message("Overdue steps"),
        ACTIVE: message("Under way"),
        NOT_STARTED: message("Not started"),
    }[status]


@dataclass(frozen=True)
class Filters:
    """Empty values filter nothing."""

    track: str = ""
    phase: str = ""
    status: str = ""
    organisation: frozenset[int] = frozenset()  # the chosen organisation and its subtree
    risk: str = ""

    def keep(self, row: PortfolioRow) -> bool:
        return (
            (not self.track or row.track_slug == self.track)
            and (not self.phase or row.phase == self.phase)
            and (not self.status or row.status == self.status)
            and (not self.organisation or row.organisation_pk in self.organisation)
            and (not self.risk or row.ai_act_tier == (self.risk if self.risk != "none" else ""))
        )


def filter_rows(rows: Iterable[PortfolioRow], filters: Filters) -> list[PortfolioRow]:
    return [r for r in rows if filters.keep(r)]


def _missing_last(value: float | None, descending: bool) -> tuple[int, float]:
    if value is None or not math.isfinite(value):
        return (1, 0.0)
    return (0, -value if descending else value)


def _order(values: Sequence[str], value: str) -> int:
    return values.index(value) if value in values else len(values)


#: Sort keys: name -> (key function, descending by default). Missing figures sort last.
SORT_KEYS = {
    "title": lambda r: (r.title.casefold(), r.pk),
    "organisation": lambda r: (r.organisation.casefold(), r.title.casefold(), r.pk),
    "phase": lambda r: (r.phase_order is None, r.phase_order or 0, r.title.casefold(), r.pk),
    "status": lambda r: (_order(STATUS_ORDER, r.status), -r.overdue, r.title.casefold(), r.pk),
    "risk": lambda r: (_order(RISK_ORDER, r.ai_act_tier), r.title.casefold(), r.pk),
    "overdue": lambda r: (-r.overdue, r.title.casefold(), r.pk),
    "npv": lambda r: (*_missing_last(r.npv_p50, True), r.title.casefold(), r.pk),
    "hours": lambda r: (*_missing_last(r.hours_expected, True), r.title.casefold(), r.pk),
    "monitoring": lambda r: (_order((RED, AMBER, GREEN, ""), r.monitoring), r.pk),
    # the soonest first; missing dates last
    "contract": lambda r: (r.contract_end is None, r.contract_end or date.min, r.pk),
    "revalidation": lambda r: (r.next_revalidation is None, r.next_revalidation or date.min, r.pk),
}


def sort_rows(rows: Iterable[PortfolioRow], key: str, reverse: bool = False) -> list[PortfolioRow]:
    """Rows sorted by ``key`` (unknown keys sort by title); ``reverse`` flips the order."""
    function = SORT_KEYS.get(key, SORT_KEYS["title"])
    return sorted(rows, key=function, reverse=reverse)


@dataclass(frozen=True)
class Summary:
    projects: int
    by_status: dict[str, int]
    by_risk: dict[str, int]
    red: int
    amber: int
    overdue_steps: int
    npv_p50: float  # sum over projects with a business case
    npv_projects: int
    hours_expected: float
    hours_realised: float
    realised_projects: int  # projects with realised hours (a monitoring KPI)
    hours_expected_where_realised: float  # the promise of exactly those projects


def summarise(rows: Sequence[PortfolioRow]) -> Summary:
    """Totals for the rows shown. Realised hours are compared with the expected hours
    of the same projects only (a project not yet in operation has promised, not failed)."""
    with_npv = [r.npv_p50 for r in rows if r.npv_p50 is not None]
    realised = [r for r in rows if r.hours_realised is not None]
    return Summary(
        projects=len(rows),
        by_status=dict(Counter(r.status for r in rows)),
        by_risk=dict(Counter(r.ai_act_tier for r in rows)),
        red=sum(r.monitoring == RED for r in rows),
        amber=sum(r.monitoring == AMBER for r in rows),
        overdue_steps=sum(r.overdue for r in rows),
        npv_p50=math.fsum(with_npv),
        npv_projects=len(with_npv),
        hours_expected=math.fsum(r.hours_expected or 0.0 for r in rows),
        hours_realised=math.fsum(r.hours_realised or 0.0 for r in realised),
        realised_projects=len(realised),
        hours_expected_where_realised=math.fsum(r.hours_expected or 0.0 for r in realised),
    )


def pipeline(rows: Iterable[PortfolioRow]) -> list[tuple[str, int]]:
    """Projects per current phase, in phase order (phases of different tracks with the
    same title count together); projects with every step closed come last as ""."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    for r in rows:
        counts[r.phase] += 1
        if r.phase:
            order[r.phase] = min(order.get(r.phase, 10**6), r.phase_order or 0)
    phases = sorted((p for p in counts if p), key=lambda p: (order[p], p))
    return [(p, counts[p]) for p in phases] + ([("", counts[""])] if counts[""] else [])
