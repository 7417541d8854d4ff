"""The pure next-step logic."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vejviser.projects import progress as core
from vejviser.projects.progress import StepState


def steps(*spec: tuple[int, str]) -> list[StepState]:
    return [StepState(i, phase, status) for i, (phase, status) in enumerate(spec)]


def test_current_phase_is_first_phase_with_open_step():
    s = steps((1, "done"), (1, "not_relevant"), (2, "done"), (2, "not_started"), (3, "not_started"))
    assert core.current_phase(s) == 2


def test_journey_complete_has_no_current_phase():
    assert core.current_phase(steps((1, "done"), (2, "not_relevant"))) is None
    assert core.next_steps(steps((1, "done"))) == []


def test_next_steps_put_started_work_first_then_current_phase():
    s = steps(
        (1, "done"), (2, "not_started"), (2, "not_started"), (3, "in_progress"), (2, "not_started")
    )
    assert [x.key for x in core.next_steps(s)] == [3, 1, 2]


def test_next_steps_change_when_a_step_is_closed():
    s = steps((1, "not_started"), (1, "not_started"), (2, "not_started"))
    assert [x.key for x in core.next_steps(s)] == [0, 1]
    s = steps((1, "done"), (1, "done"), (2, "not_started"))
    assert [x.key for x in core.next_steps(s)] == [2]


def test_progress_counts_not_relevant_as_closed():
    assert (
        core.progress(steps((1, "done"), (1, "not_relevant"), (2, "in_progress"), (2, "x"))) == 0.5
    )
    assert core.progress([]) == 0.0


def test_overdue_only_open_steps_past_due():
    today = date(2026, 11, 22)
    s = [
        StepState(1, 1, "in_progress", date(2026, 11, 21)),
        StepState(2, 1, "done", date(2026, 11, 1)),
        StepState(3, 1, "not_started", date(2026, 11, 22)),
        StepState(4, 1, "not_started", None),
    ]
    assert [x.key for x in core.overdue(s, today)] == [1]


def test_phase_states():
    s = steps((1, "done"), (2, "in_progress"), (3, "not_started"))
    assert [p.state for p in core.phase_states(s)] == ["done", "current", "upcoming"]


statuses = st.sampled_from(["not_started", "in_progress", "done", "not_relevant"])


@given(st.lists(st.tuples(st.integers(1, 5), statuses), max_size=30))
def test_next_steps_are_open_and_at_most_three(spec):
    spec = sorted(spec, key=lambda t: t[0])
    s = steps(*spec)
    nxt = core.next_steps(s)
    assert len(nxt) <= 3
    assert all(x.open for x in nxt)
    assert 0.0 <= core.progress(s) <= 1.0
    if any(x.open for x in s):
        assert nxt, "an open journey always has a next step"
