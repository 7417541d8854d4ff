"""Metrics at a threshold, the choice of threshold, and the threshold table.

A case is called positive when its score is at or above the threshold. Intervals are
Wilson (default) or Clopper-Pearson. F1 has no binomial denominator of its own; its
interval is the interval of the Jaccard index ``J = TP / (TP + FP + FN)`` (a proportion
of the cases that either the truth or the product calls positive) mapped through
``F1 = 2J / (1 + J)``, which is monotone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vejviser.evidence.core.proportions import interval, proportion
from vejviser.evidence.core.ranking import RankedScores
from vejviser.evidence.core.results import NAN, Estimate, Proportion, Result

TABLE_QUANTILES: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(1, 20))


@dataclass(frozen=True)
class Confusion(Result):
    tp: int
    fp: int
    tn: int
    fn: int


@dataclass(frozen=True)
class ThresholdMetrics(Result):
    threshold: float
    confusion: Confusion
    sensitivity: Proportion
    specificity: Proportion
    ppv: Proportion
    npv: Proportion
    accuracy: Proportion
    f1: Estimate


def confusion_at(ranked: RankedScores, threshold: float) -> Confusion:
    tp, fp = ranked.count_at_or_above(threshold)
    return Confusion(tp=tp, fp=fp, tn=ranked.n_neg - fp, fn=ranked.n_pos - tp)


def f1_estimate(
    tp: int, fp: int, fn: int, confidence: float = 0.95, method: str = "wilson"
) -> Estimate:
    involved = tp + fp + fn
    label = f"{method} (via Jaccard)"
    if involved == 0:
        return Estimate(NAN, NAN, NAN, label)
    low, high = interval(tp, involved, confidence, method)

    def f1(j: float) -> float:
        return 2.0 * j / (1.0 + j)

    return Estimate(f1(tp / involved), f1(low), f1(high), label)


def metrics_from_confusion(
    threshold: float, counts: Confusion, confidence: float = 0.95, method: str = "wilson"
) -> ThresholdMetrics:
    tp, fp, tn, fn = counts.tp, counts.fp, counts.tn, counts.fn
    return ThresholdMetrics(
        threshold=threshold,
        confusion=counts,
        sensitivity=proportion(tp, tp + fn, confidence, method),
        specificity=proportion(tn, tn + fp, confidence, method),
        ppv=proportion(tp, tp + fp, confidence, method),
        npv=proportion(tn, tn + fn, confidence, method),
        accuracy=proportion(tp + tn, tp + fp + tn + fn, confidence, method),
        f1=f1_estimate(tp, fp, fn, confidence, method),
    )


def metrics_at(
    ranked: RankedScores, threshold: float, confidence: float = 0.95, method: str = "wilson"
) -> ThresholdMetrics:
    """Sensitivity, specificity, PPV, NPV, accuracy and F1 at ``threshold``."""
    return metrics_from_confusion(threshold, confusion_at(ranked, threshold), confidence, method)


def youden_threshold(ranked: RankedScores) -> float:
    """The threshold maximising Youden's J = sensitivity + specificity - 1.

    Only positives' scores can be optimal thresholds (raising the threshold to the next
    positive score keeps the sensitivity and can only help the specificity). Among equal
    J the highest threshold wins. J is compared in exact integer arithmetic.
    """
    m, n = ranked.n_pos, ranked.n_neg
    if m == 0 or n == 0:
        raise ValueError("Youden's threshold needs both positive and negative cases")
    pos = ranked.pos_sorted
    tp = m - np.searchsorted(pos, pos, side="left")
    fp = n - np.searchsorted(ranked.neg_sorted, pos, side="left")
    j_scaled = tp * n - fp * m  # = m n J
    best = np.flatnonzero(j_scaled == j_scaled.max())[-1]
    return float(pos[best])


def sensitivity_threshold(ranked: RankedScores, target: float) -> float:
    """The highest threshold whose sensitivity is at least ``target`` (0 < target <= 1)."""
    if not 0.0 < target <= 1.0:
        raise ValueError(f"target sensitivity must be in (0, 1], got {target}")
    m = ranked.n_pos
    if m == 0:
        raise ValueError("a target sensitivity needs positive cases")
    needed = min(m, max(1, math.ceil(target * m - 1e-9)))
    return float(ranked.pos_sorted[m - needed])


@dataclass(frozen=True)
class ThresholdRow(Result):
    threshold: float
    quantile: float | None
    tp: int
    fp: int
    tn: int
    fn: int
    sensitivity: float
    specificity: float
    ppv: float
    npv: float
    positive_rate: float


def threshold_table(
    ranked: RankedScores, thresholds: npt.ArrayLike | None = None, chosen: float | None = None
) -> list[ThresholdRow]:
    """Metrics at several thresholds (default: the 5 %, 10 %, …, 95 % score quantiles,
    plus ``chosen``), ascending; point estimates only."""
    quantile_of: dict[float, float | None] = {}
    if thresholds is None:
        for q, t in zip(TABLE_QUANTILES, ranked.quantiles(TABLE_QUANTILES).tolist(), strict=True):
            quantile_of.setdefault(float(t), q)
    else:
        quantile_of = {float(t): None for t in np.asarray(thresholds, dtype=np.float64)}
    if chosen is not None and math.isfinite(chosen):
        quantile_of.setdefault(float(chosen), None)
    rows = []
    for t in sorted(quantile_of):
        c = confusion_at(ranked, t)
        rows.append(
            ThresholdRow(
                threshold=t,
                quantile=quantile_of[t],
                tp=c.tp,
                fp=c.fp,
                tn=c.tn,
                fn=c.fn,
                sensitivity=_ratio(c.tp, c.tp + c.fn),
                specificity=_ratio(c.tn, c.tn + c.fp),
                ppv=_ratio(c.tp, c.tp + c.fp),
                npv=_ratio(c.tn, c.tn + c.fn),
                positive_rate=_ratio(c.tp + c.fp, ranked.n),
            )
        )
    return rows


def _ratio(x: int, n: int) -> float:
    return x / n if n else NAN
