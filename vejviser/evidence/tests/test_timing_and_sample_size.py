"""Time studies against scipy's t-tests; sample sizes against hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.proportions import wilson_interval
from vejviser.evidence.core.sample_size import (
    auc_plan,
    hanley_mcneil_se,
    proportion_plan,
    wilson_cases,
)
from vejviser.evidence.core.timing import paired_time_study, unpaired_time_study

RNG = np.random.default_rng(8)
BEFORE = RNG.normal(10, 2, 30)
WITH = BEFORE * 0.7 + RNG.normal(0, 0.8, 30)


def test_paired_study_matches_scipy():
    study = paired_time_study(BEFORE, WITH)
    ref = stats.ttest_rel(BEFORE, WITH)
    ci = ref.confidence_interval(0.95)
    assert study.time_saved.estimate == pytest.approx((BEFORE - WITH).mean())
    assert (study.time_saved.ci_low, study.time_saved.ci_high) == pytest.approx((ci.low, ci.high))
    assert study.p_value == pytest.approx(ref.pvalue) and study.statistic == pytest.approx(
        ref.statistic
    )
    ratio = WITH.mean() / BEFORE.mean()
    assert study.percent_saved.estimate == pytest.approx(100 * (1 - ratio))
    se_log = np.std(WITH / WITH.mean() - BEFORE / BEFORE.mean(), ddof=1) / math.sqrt(30)
    t = stats.t.ppf(0.975, 29)
    assert study.percent_saved.ci_low == pytest.approx(100 * (1 - ratio * math.exp(t * se_log)))


def test_unpaired_study_matches_welch():
    other = RNG.normal(7, 1.5, 25)
    study = unpaired_time_study(BEFORE, other, confidence=0.9)
    ref = stats.ttest_ind(BEFORE, other, equal_var=False)
    ci = ref.confidence_interval(0.9)
    assert (study.time_saved.ci_low, study.time_saved.ci_high) == pytest.approx((ci.low, ci.high))
    assert study.p_value == pytest.approx(ref.pvalue) and study.df == pytest.approx(ref.df)
    assert study.percent_saved.ci_low < study.percent_saved.estimate < study.percent_saved.ci_high


def test_percent_saved_interval_covers_in_simulation():
    rng = np.random.default_rng(1)
    hits = 0
    for _ in range(300):
        b = rng.gamma(9, 1.1, 40)
        w = b * 0.75 + rng.normal(0, 0.7, 40)
        pct = paired_time_study(b, w).percent_saved
        hits += pct.ci_low <= 25.0 <= pct.ci_high
    assert 0.91 <= hits / 300 <= 0.99


@pytest.mark.parametrize(
    "call,code",
    [
        (lambda: paired_time_study([5.0], [4.0]), "too_few_values"),
        (lambda: unpaired_time_study([0.0, 0.0], [1.0, 2.0]), "non_positive_mean"),
    ],
)
def test_bad_time_studies(call, code):
    with pytest.raises(EvidenceInputError) as info:
        call()
    assert info.value.code == code


def test_buderer_by_hand():
    plan = proportion_plan("sensitivity", 0.90, 0.10, 0.20)
    assert plan.cases_needed == math.ceil(1.959964**2 * 0.9 * 0.1 / 0.05**2)  # 139
    assert plan.total == math.ceil(139 / 0.2)
    spec = proportion_plan("specificity", 0.80, 0.10, 0.20)
    assert spec.cases_needed == 246 and spec.total == math.ceil(246 / 0.8)


@pytest.mark.parametrize("p,w", [(0.9, 0.1), (0.97, 0.05), (0.6, 0.2), (0.99, 0.04)])
def test_wilson_cases_is_the_first_n_that_stays_narrow(p, w):
    n = wilson_cases(p, w)
    for k in range(n, n + 20):
        low, high = wilson_interval(round(p * k), k)
        assert high - low <= w
    low, high = wilson_interval(round(p * (n - 1)), n - 1)
    assert high - low > w


def test_hanley_mcneil_by_hand():
    # A = 0.8, 50 + 50: Q1 = 2/3, Q2 = 1.28/1.8; Var = [0.16 + 49 (Q1 - .64) + 49 (Q2 - .64)] / 2500
    q1, q2 = 0.8 / 1.2, 1.28 / 1.8
    var = (0.16 + 49 * (q1 - 0.64) + 49 * (q2 - 0.64)) / 2500
    assert hanley_mcneil_se(0.8, 50, 50) == pytest.approx(math.sqrt(var))
    assert hanley_mcneil_se(0.8, 50, 50) == pytest.approx(0.0445, abs=1e-4)


def test_auc_plan_is_the_smallest_total():
    plan = auc_plan(0.85, 0.08, 0.25)
    z = 1.959964

    def width(total):
        return 2 * z * hanley_mcneil_se(0.85, 0.25 * total, 0.75 * total)

    assert width(plan.total) <= 0.08 < width(plan.total - 1)
    assert plan.positives + plan.negatives == plan.total


@pytest.mark.parametrize(
    "call",
    [
        lambda: proportion_plan("sensitivity", 1.2, 0.1, 0.2),
        lambda: proportion_plan("sensitivity", 0.9, 0.1, 0.0),
        lambda: auc_plan(0.4, 0.1, 0.2),
    ],
)
def test_plans_refuse_impossible_inputs(call):
    with pytest.raises(EvidenceInputError):
        call()
