"""The upgrade gate: a known better and a known worse version, McNemar and Newcombe by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from vejviser.monitoring.core.gate import (
    binary_gate,
    compare_continuous,
    compare_proportion,
    mcnemar_p,
    newcombe_paired,
)
from vejviser.monitoring.core.sample_size import binomial_power, cases_needed, monthly_plan


def _cases(seed: int, n: int = 400):
    rng = np.random.default_rng(seed)
    labels = rng.random(n) < 0.3
    signal = rng.normal(size=n)
    old = signal + 1.2 * labels
    return rng, labels, old


def test_a_known_better_version_may_go_live():
    rng, labels, old = _cases(1)
    new = old + 0.8 * labels + rng.normal(0, 0.1, labels.size)  # clearly better
    decision = binary_gate(
        labels, old, new, threshold=0.6, margin=0.05, old_version="1", new_version="2"
    )
    assert decision.may_go_live
    assert all(c.difference > 0 for c in decision.comparisons)
    assert "may go live" in decision.verdict().text("en")


def test_a_known_worse_version_must_not_go_live():
    rng, labels, old = _cases(2)
    new = old - 0.9 * labels + rng.normal(0, 0.3, labels.size)  # clearly worse
    decision = binary_gate(labels, old, new, threshold=0.6, margin=0.05)
    assert not decision.may_go_live
    assert "must not" in decision.verdict().text("en")


def test_dice_worse_and_same():
    rng = np.random.default_rng(3)
    old = rng.uniform(0.8, 0.9, 40)
    worse = compare_continuous("Dice", old, old - 0.06 + rng.normal(0, 0.01, 40), margin=0.02)
    same = compare_continuous("Dice", old, old + rng.normal(0, 0.005, 40), margin=0.02)
    assert not worse.non_inferior and same.non_inferior
    assert worse.difference == pytest.approx(-0.06, abs=0.01)


def test_paired_t_interval_against_scipy():
    rng = np.random.default_rng(4)
    old, new = rng.normal(0.85, 0.03, 25), rng.normal(0.84, 0.03, 25)
    result = compare_continuous("Dice", old, new, margin=0.02)
    ci = stats.ttest_rel(new, old).confidence_interval(0.95)
    assert (result.ci_low, result.ci_high) == pytest.approx((ci.low, ci.high))


def test_mcnemar_exact_by_hand_and_against_scipy():
    # b = 1, c = 6: two-sided exact p = 2·P(X ≤ 1 | 7, ½) = 2·8/128 = 0.125.
    assert mcnemar_p(1, 6) == pytest.approx(0.125)
    assert mcnemar_p(3, 3) == 1.0
    assert mcnemar_p(20, 40) == pytest.approx(stats.chi2.sf(400 / 60, 1))
    assert mcnemar_p(2, 9) == pytest.approx(stats.binomtest(2, 11, 0.5).pvalue)


def test_newcombe_paired_by_hand():
    # a = b = c = d = 2: ad − bc = 0, so φ = 0 and the interval is the square-and-add of
    # two Wilson intervals for 4/8. Wilson 4/8 (z = 1.96): centre 0.5, half-width
    # 1.96/(8 + 3.8415)·√(4·4/8 + 0.9604) = 0.16552·1.72058 = 0.28479.
    # Difference 0, bounds ±√2·0.28479 = ±0.40276.
    diff, low, high = newcombe_paired(2, 2, 2, 2)
    assert diff == 0.0
    assert (low, high) == pytest.approx((-0.40276, 0.40276), abs=2e-5)
    # Positive correlation between the versions narrows the interval.
    _, low_corr, high_corr = newcombe_paired(20, 2, 2, 20)
    _, low_ind, high_ind = newcombe_paired(11, 11, 11, 11)
    assert high_corr - low_corr < high_ind - low_ind


def test_sensitivity_counts_discordant_cases():
    old = np.array([1, 1, 0, 0, 1, 0], bool)
    new = np.array([1, 0, 1, 1, 1, 0], bool)
    result = compare_proportion("Sensitivity", old, new, margin=0.1)
    assert result.discordant == (2, 1)
    assert result.old == pytest.approx(0.5) and result.new == pytest.approx(4 / 6)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_newcombe_interval_contains_the_difference(a, b, c, d):
    if a + b + c + d == 0:
        return
    diff, low, high = newcombe_paired(a, b, c, d)
    assert -1.0 <= low <= diff + 1e-12 and diff - 1e-12 <= high <= 1.0


def test_binomial_power_against_direct_enumeration():
    n, p0, p1, alpha = 30, 0.9, 0.75, 0.05
    pmf0 = stats.binom.pmf(range(n + 1), n, p0)
    c = max(k for k in range(n + 1) if pmf0[: k + 1].sum() <= alpha)
    direct = stats.binom.pmf(range(c + 1), n, p1).sum()
    assert binomial_power(p0, p1, n, alpha) == pytest.approx(direct)


def test_more_cases_a_month_detect_sooner():
    small, large = monthly_plan(0.9, 0.1, 10), monthly_plan(0.9, 0.1, 60)
    assert large.months_to_detect < small.months_to_detect
    assert large.power_one_month > small.power_one_month
    needed = cases_needed(0.9, 0.1, within_months=2)
    assert needed is not None and needed.months_to_detect <= 2
    words = " ".join(m.text("da") for m in needed.words())
    assert str(needed.n) in words
