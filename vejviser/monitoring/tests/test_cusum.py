"""The Bernoulli CUSUM: exact run lengths against simulation, a hand calculation, properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vejviser.monitoring.core.cusum import (
    cusum_chart,
    design_cusum,
    integer_arl,
    run_cusum,
    simulate_run_lengths,
)
from vejviser.monitoring.core.errors import MonitoringInputError

RUNS = 1500


def _within(simulated: np.ndarray, stated: float, sds: float = 4.0) -> bool:
    se = simulated.std(ddof=1) / math.sqrt(simulated.size)
    return bool(abs(simulated.mean() - stated) <= sds * se)


@pytest.mark.parametrize(("p0", "shift", "arl0"), [(0.9, 0.1, 500), (0.8, 0.1, 200)])
def test_stated_false_alarm_rate_and_delay_match_simulation(p0, shift, arl0):
    design = design_cusum(p0, shift, arl0)
    assert design.arl0 >= arl0
    in_control = simulate_run_lengths(design, p0, RUNS, seed=11)
    out_of_control = simulate_run_lengths(design, design.p1, RUNS, seed=12)
    assert _within(in_control, design.arl0)
    assert _within(out_of_control, design.arl1)


def test_two_errors_in_a_row_by_hand():
    # Weights +1 / −1, limit 2: a signal needs two errors in a row (from 0 or 1).
    # L0 = 1 + q·L1 + (1−q)·L0 and L1 = 1 + (1−q)·L0  =>  L0 = (1 + q) / q².
    for q in (0.1, 0.3, 0.5):
        assert integer_arl(1, 1, 2, q) == pytest.approx((1 + q) / q**2, rel=1e-12)
    # One error suffices when the limit is at most the error's weight: geometric.
    assert integer_arl(3, 1, 3, 0.2) == pytest.approx(1 / 0.2)


def test_statistic_by_hand():
    design = design_cusum(0.9, 0.1, 100)
    run = run_cusum([1, 0, 1, 1], design)
    a, b = design.weights()
    assert a == pytest.approx(math.log(0.2 / 0.1), rel=0.02)
    assert b == pytest.approx(math.log(0.8 / 0.9), rel=0.02)
    expected = [0.0, a, a + b, a + 2 * b]
    assert run.statistic == pytest.approx([max(v, 0.0) for v in expected])
    assert run.signals == []


def test_a_run_of_errors_signals_and_restarts():
    design = design_cusum(0.9, 0.1, 200)
    errors_needed = math.ceil(design.limit / design.up)
    run = run_cusum([1] * 20 + [0] * (2 * errors_needed), design)
    assert run.first_signal == 20 + errors_needed - 1
    assert run.signals == [20 + errors_needed - 1, 20 + 2 * errors_needed - 1]


def test_chart_json_and_design_words():
    chart = cusum_chart([1, 1, 0, 1], 0.9, 0.1, 300, per_month=40)
    out = chart.to_dict()
    assert out["chart"] == "cusum" and out["points"] == 4 and out["first_signal"] is None
    assert out["arl0"] >= 300 and 0 < out["expected_delay"] < 300
    english = " ".join(m.text("en") for m in chart.design)
    assert "false alarm" in english.lower() and "40 cases a month" in english
    danish = " ".join(m.text("da") for m in chart.design)
    assert "falsk alarm" in danish.lower() and "40 sager om måneden" in danish


@pytest.mark.parametrize(("p0", "shift"), [(0.0, 0.1), (1.0, 0.1), (0.9, 0.95), (0.9, 0.0)])
def test_bad_design_is_refused(p0, shift):
    with pytest.raises(MonitoringInputError):
        design_cusum(p0, shift)


def test_outcomes_other_than_zero_and_one_are_refused():
    with pytest.raises(MonitoringInputError):
        run_cusum([1, 2], design_cusum(0.9, 0.1, 50))


@settings(max_examples=30, deadline=None)
@given(
    p0=st.floats(0.6, 0.97),
    share=st.floats(0.2, 0.9),
    arl0=st.integers(20, 2000),
)
def test_design_properties(p0, share, arl0):
    design = design_cusum(p0, p0 * share * 0.3, arl0)
    assert design.arl0 >= arl0
    # The limit is the smallest that reaches ARL0.
    assert integer_arl(design.up, design.down, design.limit - 1, 1 - p0) < arl0
    # The drop is caught sooner than a false alarm, and a worse drop sooner still.
    assert design.arl1 < design.arl0
    assert design.arl(design.p1 - 0.01) <= design.arl1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 1), max_size=200))
def test_statistic_stays_between_zero_and_the_limit(outcomes):
    design = design_cusum(0.9, 0.1, 100)
    run = run_cusum(outcomes, design)
    assert all(s >= 0 for s in run.statistic)
    for i, s in enumerate(run.statistic):
        assert (s >= run.limit - 1e-12) == (i in run.signals)
