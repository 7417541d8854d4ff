"""Area under the ROC curve with DeLong's confidence interval and paired test.

- DeLong, DeLong & Clarke-Pearson (1988), "Comparing the areas under two or more
  correlated receiver operating characteristic curves: a nonparametric approach",
  Biometrics 44:837-845.
- Sun & Xu (2014), "Fast implementation of DeLong's algorithm for comparing the areas
  under correlated ROC curves", IEEE Signal Processing Letters 21:1389-1393 — the
  O(n log n) placements idea used here (via one sort, see :mod:`.ranking`).

The AUC is the probability that a random positive case scores higher than a random
negative one, ties counting one half (the Mann-Whitney statistic). Its variance is
``S10 / m + S01 / n`` where ``S10`` and ``S01`` are the sample variances of the
placements of the ``m`` positives and ``n`` negatives. The interval is the usual
``AUC ± z·SE``, clipped to [0, 1] (as in pROC).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from vejviser.evidence.core.proportions import wilson_interval, z_value
from vejviser.evidence.core.ranking import FloatArray, RankedScores
from vejviser.evidence.core.results import NAN, Estimate, Result


@dataclass(frozen=True)
class AUCResult(Estimate):
    se: float = NAN
    n_pos: int = 0
    n_neg: int = 0


def auc_from_ranked(ranked: RankedScores, confidence: float = 0.95) -> AUCResult:
    """AUC and DeLong interval from already ranked scores."""
    m, n = ranked.n_pos, ranked.n_neg
    if m == 0 or n == 0:
        return AUCResult(NAN, NAN, NAN, "DeLong", NAN, m, n)
    auc = ranked.rank2_sum / (2.0 * m * n)
    if m < 2 or n < 2:
        return AUCResult(auc, NAN, NAN, "DeLong", NAN, m, n)
    # V10 = r / 2n and V01 = q / 2m (see RankedScores); S10, S01 their variances.
    s10 = ranked.pos_ssd / (m - 1) / (2.0 * n) ** 2
    s01 = ranked.neg_ssd / (n - 1) / (2.0 * m) ** 2
    se = math.sqrt(max(s10 / m + s01 / n, 0.0))
    z = z_value(confidence)
    return AUCResult(auc, max(0.0, auc - z * se), min(1.0, auc + z * se), "DeLong", se, m, n)


def auc_delong(scores: npt.ArrayLike, labels: npt.ArrayLike, confidence: float = 0.95) -> AUCResult:
    """AUC of ``scores`` for the boolean ``labels`` (True = positive), DeLong 95 % CI."""
    return auc_from_ranked(RankedScores(scores, labels), confidence)


def case_placements(scores: npt.ArrayLike, labels: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """DeLong components per case, in the cases' own order (for paired comparisons).

    Returns ``(V10, V01)``: for each positive the share of negatives it outranks (ties
    one half), for each negative the share of positives that outrank it. Uses sorted
    placements with :func:`numpy.searchsorted`.
    """
    x = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.bool_)
    pos, neg = x[y], x[~y]
    pos_sorted, neg_sorted = np.sort(pos), np.sort(neg)
    below = np.searchsorted(neg_sorted, pos, side="left")
    at_or_below = np.searchsorted(neg_sorted, pos, side="right")
    v10 = (below + at_or_below) / (2.0 * neg.size)
    above = pos.size - np.searchsorted(pos_sorted, neg, side="right")
    at_or_above = pos.size - np.searchsorted(pos_sorted, neg, side="left")
    v01 = (above + at_or_above) / (2.0 * pos.size)
    return v10, v01


@dataclass(frozen=True)
class PairedAUCTest(Result):
    """DeLong's test of two scores on the same cases (difference = first - second)."""

    auc_first: Estimate
    auc_second: Estimate
    difference: Estimate
    z: float
    p_value: float
    correlation: float


def delong_paired(
    first: npt.ArrayLike,
    second: npt.ArrayLike,
    labels: npt.ArrayLike,
    confidence: float = 0.95,
) -> PairedAUCTest:
    """Compare the AUCs of two scores for the same cases (two-sided test)."""
    y = np.asarray(labels, dtype=np.bool_)
    m, n = int(np.count_nonzero(y)), int(y.size - np.count_nonzero(y))
    if m < 2 or n < 2:
        raise ValueError("the paired DeLong test needs at least two cases of each class")
    v10a, v01a = case_placements(first, y)
    v10b, v01b = case_placements(second, y)
    s10 = np.cov(np.vstack((v10a, v10b)))
    s01 = np.cov(np.vstack((v01a, v01b)))
    cov = s10 / m + s01 / n
    a, b = float(v10a.mean()), float(v10b.mean())
    z_level = z_value(confidence)

    def single(auc: float, var: float) -> Estimate:
        se = math.sqrt(max(var, 0.0))
        return Estimate(auc, max(0.0, auc - z_level * se), min(1.0, auc + z_level * se), "DeLong")

    var_diff = float(cov[0, 0] + cov[1, 1] - 2.0 * cov[0, 1])
    se_diff = math.sqrt(max(var_diff, 0.0))
    diff = a - b
    if se_diff > 0:
        z = diff / se_diff
        p = float(2.0 * special.ndtr(-abs(z)))
    else:
        z, p = (0.0, 1.0) if diff == 0 else (math.copysign(math.inf, diff), 0.0)
    denominator = math.sqrt(max(cov[0, 0] * cov[1, 1], 0.0))
    correlation = float(cov[0, 1] / denominator) if denominator > 0 else NAN
    return PairedAUCTest(
        auc_first=single(a, float(cov[0, 0])),
        auc_second=single(b, float(cov[1, 1])),
        difference=Estimate(
            diff,
            max(-1.0, diff - z_level * se_diff),
            min(1.0, diff + z_level * se_diff),
            "DeLong",
        ),
        z=z,
        p_value=p,
        correlation=correlation,
    )


@dataclass(frozen=True)
class RocPoint(Result):
    threshold: float
    fpr: float
    tpr: float
    tpr_low: float
    tpr_high: float


def roc_points(
    ranked: RankedScores, confidence: float = 0.95, resolution: int = 100
) -> list[RocPoint]:
    """A thinned ROC curve (at most about ``2 × resolution`` points) for reports and plots.

    Thresholds are taken at evenly spaced ranks of the negatives and of the positives,
    so both the specificity and the sensitivity axis are covered evenly. The band is a
    pointwise Wilson interval for the sensitivity at each threshold (it treats the
    threshold as fixed, so it is a guide for the eye, not a simultaneous band).
    """
    m, n = ranked.n_pos, ranked.n_neg
    if m == 0 or n == 0:
        return []
    picks = [ranked.neg_sorted[np.linspace(0, n - 1, min(n, resolution + 1)).astype(np.int64)]]
    picks.append(ranked.pos_sorted[np.linspace(0, m - 1, min(m, resolution + 1)).astype(np.int64)])
    thresholds = np.unique(np.concatenate(picks))[::-1]
    tp = m - np.searchsorted(ranked.pos_sorted, thresholds, side="left")
    fp = n - np.searchsorted(ranked.neg_sorted, thresholds, side="left")
    points = [RocPoint(math.inf, 0.0, 0.0, 0.0, wilson_interval(0, m, confidence)[1])]
    for threshold, t, f in zip(thresholds.tolist(), tp.tolist(), fp.tolist(), strict=True):
        low, high = wilson_interval(t, m, confidence)
        points.append(RocPoint(threshold, f / n, t / m, low, high))
    return points
