"""Metrics at a threshold against scikit-learn; intervals against scipy's binomial CIs."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binomtest
from sklearn.metrics import (  # type: ignore[import-untyped]
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_curve,
)

from vejviser.evidence.core.proportions import (
    binomial_p_lower,
    clopper_pearson_interval,
    proportion,
    wilson_interval,
)
from vejviser.evidence.core.ranking import RankedScores
from vejviser.evidence.core.thresholds import (
    confusion_at,
    f1_estimate,
    metrics_at,
    sensitivity_threshold,
    threshold_table,
    youden_threshold,
)


@pytest.mark.parametrize(
    "x,n", [(0, 10), (1, 10), (5, 10), (10, 10), (17, 40), (0, 1), (999, 1000)]
)
@pytest.mark.parametrize("confidence", [0.95, 0.9])
def test_intervals_match_scipy_binomtest(x, n, confidence):
    ci = binomtest(x, n).proportion_ci(confidence_level=confidence, method="wilson")
    assert wilson_interval(x, n, confidence) == pytest.approx((ci.low, ci.high), abs=1e-12)
    exact = binomtest(x, n).proportion_ci(confidence_level=confidence, method="exact")
    assert clopper_pearson_interval(x, n, confidence) == pytest.approx(
        (exact.low, exact.high), abs=1e-9
    )


@pytest.mark.parametrize("x,n,p0", [(3, 20, 0.3), (18, 20, 0.92), (20, 20, 0.5), (0, 5, 0.1)])
def test_one_sided_binomial_p_matches_scipy(x, n, p0):
    assert binomial_p_lower(x, n, p0) == pytest.approx(
        binomtest(x, n, p0, alternative="less").pvalue
    )


def test_proportion_with_no_cases_is_undefined():
    p = proportion(0, 0)
    assert math.isnan(p.estimate) and math.isnan(p.ci_low) and p.denominator == 0
    with pytest.raises(ValueError):
        proportion(3, 2)


@pytest.fixture(scope="module")
def sample():
    rng = np.random.default_rng(42)
    labels = rng.random(3000) < 0.25
    scores = np.round(1 / (1 + np.exp(-(rng.normal(size=3000) + 1.5 * labels - 1))), 3)
    return scores, labels, RankedScores(scores, labels)


@pytest.mark.parametrize("threshold", [0.0, 0.2, 0.35, 0.5, 0.731, 1.0, 2.0])
def test_metrics_match_sklearn(sample, threshold):
    scores, labels, ranked = sample
    predicted = scores >= threshold
    tn, fp, fn, tp = confusion_matrix(labels, predicted, labels=[False, True]).ravel()
    at = metrics_at(ranked, threshold)
    assert (at.confusion.tp, at.confusion.fp, at.confusion.tn, at.confusion.fn) == (tp, fp, tn, fn)
    assert at.sensitivity.estimate == pytest.approx(recall_score(labels, predicted))
    assert at.specificity.estimate == pytest.approx(recall_score(~labels, ~predicted))
    assert at.accuracy.estimate == pytest.approx(accuracy_score(labels, predicted))
    if tp + fp:
        assert at.ppv.estimate == pytest.approx(precision_score(labels, predicted))
        assert at.f1.estimate == pytest.approx(f1_score(labels, predicted))
    else:
        assert math.isnan(at.ppv.estimate)
    if tn + fn:
        assert at.npv.estimate == pytest.approx(precision_score(~labels, ~predicted))
    ci = binomtest(int(tp), int(tp + fn)).proportion_ci(method="wilson")
    assert (at.sensitivity.ci_low, at.sensitivity.ci_high) == pytest.approx((ci.low, ci.high))


def test_clopper_pearson_option(sample):
    _, _, ranked = sample
    at = metrics_at(ranked, 0.4, method="clopper-pearson")
    c = at.confusion
    ci = binomtest(c.tn, c.tn + c.fp).proportion_ci(method="exact")
    assert (at.specificity.ci_low, at.specificity.ci_high) == pytest.approx((ci.low, ci.high))
    assert at.specificity.method == "clopper-pearson"


def test_f1_interval_maps_the_jaccard_interval():
    est = f1_estimate(40, 10, 20)
    low, high = wilson_interval(40, 70)
    assert est.estimate == pytest.approx(2 * 40 / (2 * 40 + 10 + 20))
    assert (est.ci_low, est.ci_high) == pytest.approx((2 * low / (1 + low), 2 * high / (1 + high)))
    assert est.ci_low < est.estimate < est.ci_high
    assert math.isnan(f1_estimate(0, 0, 0).estimate)


def test_youden_threshold_is_the_best_on_the_roc_curve(sample):
    scores, labels, ranked = sample
    fpr, tpr, thresholds = roc_curve(labels, scores)
    j = tpr - fpr
    best = thresholds[np.flatnonzero(np.isclose(j, j.max(), rtol=0, atol=1e-12))[0]]
    assert youden_threshold(ranked) == pytest.approx(best)


def test_target_sensitivity_gives_the_highest_threshold_reaching_it(sample):
    scores, labels, ranked = sample
    for target in (0.5, 0.8, 0.9, 0.95, 1.0):
        t = sensitivity_threshold(ranked, target)
        assert (scores[labels] >= t).mean() >= target
        higher = np.unique(scores[scores > t])
        if higher.size:
            assert (scores[labels] >= higher[0]).mean() < target
    with pytest.raises(ValueError):
        sensitivity_threshold(ranked, 0.0)


def test_threshold_table_rows_agree_with_confusion(sample):
    _, _, ranked = sample
    rows = threshold_table(ranked, chosen=0.4321)
    assert [r.threshold for r in rows] == sorted(r.threshold for r in rows)
    assert any(r.threshold == 0.4321 and r.quantile is None for r in rows)
    for row in rows:
        c = confusion_at(ranked, row.threshold)
        assert (row.tp, row.fp, row.tn, row.fn) == (c.tp, c.fp, c.tn, c.fn)
        assert row.sensitivity == pytest.approx(c.tp / (c.tp + c.fn))
    explicit = threshold_table(ranked, thresholds=[0.1, 0.9])
    assert [r.threshold for r in explicit] == [0.1, 0.9]
