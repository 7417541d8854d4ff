"""p-chart, Laney p′, EWMA and XmR: hand calculations, exact probabilities, simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from vejviser.monitoring.core.charts import (
    ewma_arl,
    ewma_chart,
    ewma_width,
    p_chart,
    p_limits,
    signal_probability,
    xmr_chart,
)
from vejviser.monitoring.core.errors import MonitoringInputError


def test_p_chart_limits_by_hand():
    # target 0.9, n = 25: 3·√(0.9·0.1/25) = 3·0.06 = 0.18 -> 0.72 to 1.08, clipped to 1.
    # n = 100: 3·0.03 = 0.09 -> 0.81 to 0.99.
    chart = p_chart(["jan", "feb"], [25, 100], [20, 80], 0.9)
    jan, feb = chart.points
    assert (jan.lower, jan.upper) == pytest.approx((0.72, 1.0))
    assert (feb.lower, feb.upper) == pytest.approx((0.81, 0.99))
    assert not jan.signal  # 0.80 ≥ 0.72
    assert feb.signal  # 0.80 < 0.81
    assert chart.first_signal == 1 and chart.signals == [1]


def test_signal_probability_against_direct_enumeration():
    for p, n in [(0.9, 25), (0.8, 40), (0.95, 13)]:
        lo, hi = (float(v) for v in p_limits(0.9, n))
        direct = sum(stats.binom.pmf(x, n, p) for x in range(n + 1) if x / n < lo or x / n > hi)
        assert signal_probability(p, n, lo, hi) == pytest.approx(direct, abs=1e-12)


def test_p_chart_false_alarm_rate_matches_simulation():
    chart = p_chart(["m"], [30], [27], 0.9, shift=0.15)
    rng = np.random.default_rng(5)
    periods = 200_000
    shares = rng.binomial(30, 0.9, periods) / 30
    lo, hi = (float(v) for v in p_limits(0.9, 30))
    rate = np.mean((shares < lo) | (shares > hi))
    se = math.sqrt(rate * (1 - rate) / periods)
    assert abs(rate - 1 / chart.arl0) <= 4 * se
    detect = np.mean(rng.binomial(30, 0.75, periods) / 30 < lo)
    assert abs(detect - 1 / chart.expected_delay) <= 4 * math.sqrt(detect / periods) + 1e-4


def test_laney_widens_the_limits_for_overdispersion():
    n = [50] * 8
    successes = [50, 38, 49, 36, 50, 37, 49, 38]  # far more spread than the binomial
    plain = p_chart([str(i) for i in range(8)], n, successes, 0.87)
    laney = p_chart([str(i) for i in range(8)], n, successes, 0.87, laney=True)
    assert laney.points[0].lower < plain.points[0].lower
    assert len(laney.signals) < len(plain.signals)


@pytest.mark.parametrize(
    ("n", "successes", "target"),
    [([], [], 0.9), ([10], [11], 0.9), ([0], [0], 0.9), ([10], [5], 1.0), ([10], [5], 0.0)],
)
def test_bad_p_chart_input_is_refused(n, successes, target):
    with pytest.raises(MonitoringInputError):
        p_chart([str(i) for i in range(len(n))], n, successes, target)


def test_ewma_by_hand_and_limits():
    chart = ewma_chart(["1", "2"], [12.0, 8.0], target=10.0, sd=2.0, lam=0.5, width=3.0)
    first, second = chart.points
    assert first.value == pytest.approx(11.0)  # 0.5·12 + 0.5·10
    assert second.value == pytest.approx(9.5)  # 0.5·8 + 0.5·11
    # t = 1: 3·2·√(0.5/1.5·(1 − 0.25)) = 6·0.5 = 3.
    assert (first.lower, first.upper) == pytest.approx((7.0, 13.0))


@pytest.mark.parametrize(
    ("lam", "width", "arl0"), [(0.05, 2.615, 500), (0.1, 2.814, 500), (0.2, 2.962, 500)]
)
def test_ewma_in_control_arl_matches_the_published_table(lam, width, arl0):
    # Lucas & Saccucci (1990), Technometrics 32:1-12, Table 3: designs with ARL0 ≈ 500.
    assert ewma_arl(lam, width) == pytest.approx(arl0, rel=0.01)


def test_ewma_run_lengths_match_simulation():
    lam, arl0 = 0.2, 100.0
    width = ewma_width(lam, arl0)
    assert ewma_arl(lam, width) == pytest.approx(arl0, rel=1e-3)
    rng = np.random.default_rng(9)
    half = width * math.sqrt(lam / (2 - lam))
    for shift in (0.0, 1.0):
        runs = 3000
        z = np.zeros(runs)
        length = np.zeros(runs, dtype=int)
        alive = np.ones(runs, dtype=bool)
        t = 0
        while alive.any() and t < 5000:
            t += 1
            z = lam * rng.normal(shift, 1.0, runs) + (1 - lam) * z
            out = alive & (np.abs(z) > half)
            length[out] = t
            alive &= ~out
        stated = ewma_arl(lam, width, shift)
        se = length.std(ddof=1) / math.sqrt(runs)
        assert abs(length.mean() - stated) <= 4 * se + 0.01 * stated


def test_xmr_by_hand():
    chart = xmr_chart(["a", "b", "c", "d"], [10.0, 12.0, 11.0, 30.0])
    mr = (2 + 1 + 19) / 3
    centre = 63 / 4
    assert chart.points[0].lower == pytest.approx(centre - 2.66 * mr)
    assert chart.points[0].upper == pytest.approx(centre + 2.66 * mr)
    fixed = xmr_chart(["a", "b", "c"], [10.0, 12.0, 30.0], centre=11.0, moving_range=1.5)
    assert fixed.signals == [2]
    assert fixed.arl0 == pytest.approx(370.4, abs=0.1)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 500), st.floats(0, 1)), min_size=1, max_size=24),
    st.floats(0.01, 0.99),
)
def test_p_chart_properties(rows, target):
    n = [r[0] for r in rows]
    successes = [round(r[0] * r[1]) for r in rows]
    chart = p_chart([str(i) for i in range(len(rows))], n, successes, target)
    for point, size in zip(chart.points, n, strict=True):
        assert 0.0 <= point.lower <= target <= point.upper <= 1.0
        assert point.signal == (point.value < point.lower or point.value > point.upper)
        # Limits narrow as n grows.
        lo_bigger, _ = p_limits(target, size * 4)
        assert lo_bigger >= point.lower - 1e-12
