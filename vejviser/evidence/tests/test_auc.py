"""AUC and DeLong against scikit-learn and a direct O(n²) DeLong, plus invariances."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from vejviser.evidence.core.auc import auc_delong, case_placements, delong_paired, roc_points
from vejviser.evidence.core.ranking import RankedScores


def direct_delong(scores, labels):
    """DeLong et al. (1988) written out over all pairs: AUC, SE and the components."""
    x, y = np.asarray(scores, float), np.asarray(labels, bool)
    pos, neg = x[y][:, None], x[~y][None, :]
    psi = (pos > neg) + 0.5 * (pos == neg)
    v10, v01 = psi.mean(axis=1), psi.mean(axis=0)
    if min(v10.size, v01.size) < 2:
        return psi.mean(), math.nan, v10, v01
    var = v10.var(ddof=1) / v10.size + v01.var(ddof=1) / v01.size
    return psi.mean(), math.sqrt(var), v10, v01


SCORE_KINDS = {
    "probabilities": lambda rng, n: rng.random(n),
    "discrete": lambda rng, n: rng.integers(0, 4, n) / 4.0,
    "logits": lambda rng, n: rng.normal(size=n) * 3,
    "integers with sign": lambda rng, n: rng.integers(-3, 4, n).astype(float),
    "non-positive with zeros": lambda rng, n: -rng.random(n) * rng.integers(0, 2, n),
    "large": lambda rng, n: rng.random(n) * 1e6,
}


@pytest.mark.parametrize("kind", SCORE_KINDS)
def test_auc_and_se_match_sklearn_and_direct_delong(kind):
    rng = np.random.default_rng(7)
    for _ in range(25):
        n = int(rng.integers(6, 80))
        labels = rng.random(n) < 0.4
        labels[:2] = [True, False]
        labels[2:4] = [True, False]
        scores = SCORE_KINDS[kind](rng, n) + 0.7 * labels
        result = auc_delong(scores, labels)
        auc, se, _, _ = direct_delong(scores, labels)
        assert result.estimate == pytest.approx(roc_auc_score(labels, scores), abs=1e-12)
        assert result.estimate == pytest.approx(auc, abs=1e-12)
        assert result.se == pytest.approx(se, rel=1e-9, abs=1e-15)
        assert result.ci_low <= result.estimate <= result.ci_high


def test_sorted_views_are_the_sorted_scores():
    rng = np.random.default_rng(3)
    for kind in SCORE_KINDS.values():
        scores = kind(rng, 200)
        labels = rng.random(200) < 0.3
        ranked = RankedScores(scores, labels)
        assert np.array_equal(ranked.values, np.sort(scores))
        assert np.array_equal(ranked.pos_sorted, np.sort(scores[labels]))
        assert np.array_equal(ranked.neg_sorted, np.sort(scores[~labels]))


def test_minus_zero_ties_with_zero():
    result = auc_delong([-0.0, 0.0, 0.0, 1.0], [True, False, True, False])
    assert result.estimate == pytest.approx(roc_auc_score([1, 0, 1, 0], [0.0, 0.0, 0.0, 1.0]))


def test_large_sample_matches_sklearn():
    rng = np.random.default_rng(11)
    labels = rng.random(200_000) < 0.2
    scores = np.round(rng.normal(size=labels.size) + labels, 3)
    assert auc_delong(scores, labels).estimate == pytest.approx(
        roc_auc_score(labels, scores), abs=1e-12
    )


def test_case_placements_match_direct_components():
    rng = np.random.default_rng(5)
    scores = rng.integers(0, 6, 50).astype(float)
    labels = rng.random(50) < 0.5
    _, _, v10, v01 = direct_delong(scores, labels)
    got10, got01 = case_placements(scores, labels)
    assert np.allclose(got10, v10) and np.allclose(got01, v01)


def test_paired_test_matches_direct_covariance():
    rng = np.random.default_rng(9)
    labels = rng.random(60) < 0.4
    a = rng.normal(size=60) + labels
    b = np.round(a + rng.normal(scale=0.8, size=60), 1)
    test = delong_paired(a, b, labels)
    _, _, a10, a01 = direct_delong(a, labels)
    _, _, b10, b01 = direct_delong(b, labels)
    m, n = a10.size, a01.size
    var = (np.var(a10 - b10, ddof=1) / m) + (np.var(a01 - b01, ddof=1) / n)
    assert test.difference.estimate == pytest.approx(a10.mean() - b10.mean())
    assert test.z == pytest.approx((a10.mean() - b10.mean()) / math.sqrt(var))
    assert 0.0 <= test.p_value <= 1.0
    same = delong_paired(a, a, labels)
    assert same.difference.estimate == 0.0 and same.p_value == 1.0


def test_degenerate_inputs():
    one_positive = auc_delong([0.1, 0.2, 0.9], [False, False, True])
    assert one_positive.estimate == 1.0 and math.isnan(one_positive.se)
    assert math.isnan(auc_delong([0.1, 0.2], [False, False]).estimate)
    with pytest.raises(ValueError):
        auc_delong([0.1, float("nan")], [True, False])
    with pytest.raises(ValueError):
        auc_delong([0.1, 0.2], [True])


def test_roc_points_run_from_origin_and_are_monotone():
    rng = np.random.default_rng(2)
    labels = rng.random(5000) < 0.3
    ranked = RankedScores(rng.normal(size=5000) + labels, labels)
    points = roc_points(ranked)
    assert (points[0].fpr, points[0].tpr) == (0.0, 0.0)
    assert points[-1].fpr == 1.0 and points[-1].tpr == 1.0
    fpr = [p.fpr for p in points]
    tpr = [p.tpr for p in points]
    assert fpr == sorted(fpr) and tpr == sorted(tpr)
    assert all(p.tpr_low <= p.tpr <= p.tpr_high for p in points)
    assert len(points) <= 205


scores_and_labels = st.integers(4, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(-5, 5).map(float) | st.floats(-1e6, 1e6), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n).filter(lambda ys: 0 < sum(ys) < len(ys)),
    )
)


@settings(max_examples=60, deadline=None)
@given(scores_and_labels)
def test_auc_of_negated_scores_is_one_minus_auc(data):
    scores, labels = np.array(data[0]), np.array(data[1])
    forward, backward = auc_delong(scores, labels), auc_delong(-scores, labels)
    assert backward.estimate == pytest.approx(1.0 - forward.estimate, abs=1e-12)
    if not math.isnan(forward.se):
        assert backward.se == pytest.approx(forward.se, rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(scores_and_labels)
def test_auc_is_invariant_to_monotone_transforms(data):
    scores, labels = np.array(data[0]), np.array(data[1])
    base = auc_delong(scores, labels)
    ranks = np.searchsorted(np.unique(scores), scores).astype(float)  # keeps ties as ties
    for transformed in (
        ranks,
        3.0 * ranks + 7.0,
        np.exp(ranks / (ranks.max() + 1)),
        -1.0 / (ranks + 1),
    ):
        other = auc_delong(transformed, labels)
        assert other.estimate == pytest.approx(base.estimate, abs=1e-12)
        if not math.isnan(base.se):
            assert other.se == pytest.approx(base.se, rel=1e-9, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 30), st.integers(2, 30), st.floats(-10, 10))
def test_all_tied_scores_give_one_half(m, n, value):
    labels = np.array([True] * m + [False] * n)
    result = auc_delong(np.full(m + n, value), labels)
    assert result.estimate == 0.5
    assert result.se == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(scores_and_labels)
def test_matches_direct_delong_with_ties(data):
    scores, labels = np.array(data[0]), np.array(data[1])
    result = auc_delong(scores, labels)
    auc, se, _, _ = direct_delong(scores, labels)
    assert result.estimate == pytest.approx(auc, abs=1e-12)
    if labels.sum() >= 2 and (~labels).sum() >= 2:
        assert result.se == pytest.approx(se, rel=1e-7, abs=1e-12)
