"""The portfolio core: status from steps, filters, sorting, summaries and the pipeline —
by hand, against a direct slow implementation (an independent reference), and as
hypothesis properties."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from vejviser.portfolio.core import rows as core
from vejviser.portfolio.core.rows import Filters, PortfolioRow

PHASES = [("", None), ("Behov", 1), ("Afprøvning", 2), ("Drift", 3)]


def row(pk: int, **extra: object) -> PortfolioRow:
    fields: dict[str, object] = {
        "title": f"P{pk}",
        "organisation": "Org",
        "organisation_pk": 1,
        "track": "Færdigt produkt",
        "track_slug": "faerdigt-produkt",
        "phase": "Behov",
        "phase_order": 1,
        "status": core.ACTIVE,
        "next_step": "",
        "overdue": 0,
        "steps_total": 10,
        "steps_closed": 2,
        **extra,
    }
    return PortfolioRow(pk=pk, **fields)  # type: ignore[arg-type]


rows_strategy = st.lists(
    st.builds(
        lambda pk, phase, status, tier, npv, hours, realised, org, overdue: row(
            pk,
            phase=phase[0],
            phase_order=phase[1],
            status=status,
            ai_act_tier=tier,
            npv_p50=npv,
            hours_expected=hours,
            hours_realised=realised,
            organisation_pk=org,
            organisation=f"Org {org}",
            overdue=overdue,
        ),
        st.integers(1, 10_000),
        st.sampled_from(PHASES),
        st.sampled_from(core.STATUS_ORDER),
        st.sampled_from(core.RISK_ORDER),
        st.none() | st.floats(-1e7, 1e7),
        st.none() | st.floats(0, 1e5),
        st.none() | st.floats(0, 1e5),
        st.integers(1, 4),
        st.integers(0, 5),
    ),
    max_size=40,
    unique_by=lambda r: r.pk,
)


def test_status_by_hand():
    assert core.project_status(total=10, closed=10, started=0, overdue=0) == core.DONE
    assert core.project_status(total=10, closed=3, started=1, overdue=2) == core.OVERDUE
    assert core.project_status(total=10, closed=3, started=0, overdue=0) == core.ACTIVE
    assert core.project_status(total=10, closed=0, started=1, overdue=0) == core.ACTIVE
    assert core.project_status(total=10, closed=0, started=0, overdue=0) == core.NOT_STARTED
    assert core.project_status(total=0, closed=0, started=0, overdue=0) == core.NOT_STARTED


def test_summary_by_hand():
    rows = [
        row(1, npv_p50=1_000_000.0, hours_expected=384.0, hours_realised=370.0, monitoring="red"),
        row(2, npv_p50=-200_000.0, hours_expected=100.0, status=core.OVERDUE, overdue=3),
        row(3, monitoring="amber", ai_act_tier="high-risk"),
    ]
    s = core.summarise(rows)
    assert s.projects == 3
    assert s.npv_p50 == 800_000.0 and s.npv_projects == 2
    assert s.hours_expected == 484.0
    assert s.hours_realised == 370.0 and s.realised_projects == 1
    assert s.hours_expected_where_realised == 384.0  # only the project that measures
    assert s.red == 1 and s.amber == 1 and s.overdue_steps == 3
    assert s.by_status == {core.ACTIVE: 2, core.OVERDUE: 1}
    assert s.by_risk == {"": 2, "high-risk": 1}


def test_pipeline_by_hand():
    rows = [
        row(1, phase="Drift", phase_order=3),
        row(2, phase="Behov", phase_order=1),
        row(3, phase="Behov", phase_order=1),
        row(4, phase="", phase_order=None, status=core.DONE),
    ]
    assert core.pipeline(rows) == [("Behov", 2), ("Drift", 1), ("", 1)]
    assert core.pipeline([]) == []


def test_sorting_puts_missing_figures_last_both_ways_for_npv():
    rows = [row(1, npv_p50=None), row(2, npv_p50=5.0), row(3, npv_p50=9.0)]
    assert [r.pk for r in core.sort_rows(rows, "npv")] == [3, 2, 1]
    assert [r.pk for r in core.sort_rows(rows, "risk")] == [1, 2, 3]  # all unassessed: by title


def _slow_filter(rows: list[PortfolioRow], f: Filters) -> list[PortfolioRow]:
    """The reference: each condition written out separately."""
    out = []
    for r in rows:
        if f.track and r.track_slug != f.track:
            continue
        if f.phase and r.phase != f.phase:
            continue
        if f.status and r.status != f.status:
            continue
        if f.organisation and r.organisation_pk not in f.organisation:
            continue
        if f.risk == "none" and r.ai_act_tier != "":
            continue
        if f.risk and f.risk != "none" and r.ai_act_tier != f.risk:
            continue
        out.append(r)
    return out


filters_strategy = st.builds(
    Filters,
    track=st.sampled_from(["", "faerdigt-produkt", "ny-ide"]),
    phase=st.sampled_from([p for p, _ in PHASES]),
    status=st.sampled_from(["", *core.STATUS_ORDER]),
    organisation=st.frozensets(st.integers(1, 4), max_size=3),
    risk=st.sampled_from(["", "none", *core.RISK_ORDER[:-1]]),
)


@given(rows_strategy, filters_strategy)
def test_filter_matches_the_slow_reference(rows, filters):
    assert core.filter_rows(rows, filters) == _slow_filter(rows, filters)


@given(rows_strategy, st.sampled_from(sorted(core.SORT_KEYS)), st.booleans())
def test_sorting_is_a_permutation_and_reverse_flips_it(rows, key, reverse):
    ordered = core.sort_rows(rows, key, reverse)
    assert Counter(r.pk for r in ordered) == Counter(r.pk for r in rows)
    assert core.sort_rows(rows, key, not reverse) == ordered[::-1]


@given(rows_strategy)
def test_pipeline_counts_every_row_once(rows):
    counts = core.pipeline(rows)
    assert sum(n for _, n in counts) == len(rows)
    assert len({p for p, _ in counts}) == len(counts)
    orders = [min(r.phase_order or 0 for r in rows if r.phase == p) for p, _ in counts if p]
    assert orders == sorted(orders)


@given(rows_strategy)
def test_summary_totals_add_up(rows):
    s = core.summarise(rows)
    assert sum(s.by_status.values()) == s.projects == len(rows)
    assert math.isclose(
        s.npv_p50, sum(r.npv_p50 for r in rows if r.npv_p50 is not None), abs_tol=1e-3
    )
    assert s.hours_expected_where_realised <= s.hours_expected + 1e-6
