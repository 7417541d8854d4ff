"""The vendor upgrade gate: a new version against the baseline on the same frozen cases.

Every comparison is **paired** (the same cases scored by both versions) and judged
against a non-inferiority margin: the new version may go live only if, for every
metric compared, the lower confidence bound of (new − old) is above −margin.

- AUC: DeLong's paired test (:func:`vejviser.evidence.core.auc.delong_paired`).
- Sensitivity and specificity: McNemar's test on the discordant cases (exact binomial
  when there are fewer than 25 of them) and Newcombe's (1998) hybrid score interval for
  a paired difference of proportions (method 10, Statistics in Medicine 17:2635-2650).
- Dice (or any paired continuous measure): the paired t interval for the mean
  difference and Wilcoxon's signed-rank test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import stats

from vejviser.evidence.core.auc import delong_paired
from vejviser.evidence.core.proportions import wilson_interval
from vejviser.kernel.i18n import Message, message

from .errors import MonitoringInputError

#: McNemar's test is exact (binomial) below this many discordant cases.
EXACT_BELOW = 25


@dataclass(frozen=True)
class PairedComparison:
    """One metric, new against old on the same cases."""

    metric: str
    old: float
    new: float
    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    method: str
    margin: float
    n: int
    discordant: tuple[int, int] | None = None  # (new right/old wrong, new wrong/old right)

    @property
    def non_inferior(self) -> bool:
        return math.isfinite(self.ci_low) and self.ci_low > -self.margin

    def words(self) -> Message:
        params = {
            "metric": self.metric,
            "old": round(self.old, 3),
            "new": round(self.new, 3),
            "diff": round(self.difference, 3),
            "low": round(self.ci_low, 3),
            "high": round(self.ci_high, 3),
            "margin": self.margin,
        }
        if self.non_inferior:
            return message(
                "{metric}: {old} before, {new} with the new version; difference {diff} "
                "(95 % CI {low} to {high}) — the lower bound is above −{margin}: not worse.",
                **params,
            )
        return message(
            "{metric}: {old} before, {new} with the new version; difference {diff} "
            "(95 % CI {low} to {high}) — the lower bound is not above −{margin}: it may be "
            "worse.",
            **params,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "metric": self.metric,
            "old": self.old,
            "new": self.new,
            "difference": self.difference,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "method": self.method,
            "margin": self.margin,
            "n": self.n,
            "non_inferior": self.non_inferior,
        }


def mcnemar_p(b: int, c: int) -> float:
    """Two-sided McNemar p-value for the discordant counts: exact binomial below
    :data:`EXACT_BELOW` discordant cases, otherwise the chi-square without correction."""
    total = b + c
    if total == 0:
        return 1.0
    if total < EXACT_BELOW:
        return float(min(1.0, 2.0 * stats.binom.cdf(min(b, c), total, 0.5)))
    return float(stats.chi2.sf((b - c) ** 2 / total, 1))


def newcombe_paired(
    a: int, b: int, c: int, d: int, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Newcombe's method 10 for ``p_new − p_old`` from the paired table

    ========  =========  =========
              old right  old wrong
    new right     a          b
    new wrong     c          d
    ========  =========  =========

    Returns (difference, lower, upper)."""
    n = a + b + c + d
    if n == 0:
        raise MonitoringInputError(message("There are no paired cases to compare."))
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = wilson_interval(a + b, n, confidence)
    l2, u2 = wilson_interval(a + c, n, confidence)
    denominator = (a + b) * (c + d) * (a + c) * (b + d)
    if denominator == 0:
        phi = 0.0
    else:
        numerator: float = a * d - b * c
        numerator = max(numerator - n / 2.0, 0.0) if numerator > 0 else numerator
        phi = numerator / math.sqrt(denominator)
    theta = p1 - p2
    dl = math.sqrt(max((p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2, 0.0))
    du = math.sqrt(max((u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2, 0.0))
    return theta, max(-1.0, theta - dl), min(1.0, theta + du)


def compare_proportion(
    metric: str,
    old_right: npt.ArrayLike,
    new_right: npt.ArrayLike,
    margin: float,
    confidence: float = 0.95,
) -> PairedComparison:
    """A paired proportion (e.g. sensitivity on the positives): each case right or wrong
    under the old and the new version."""
    old = np.asarray(old_right, dtype=bool)
    new = np.asarray(new_right, dtype=bool)
    if old.shape != new.shape or old.size == 0:
        raise MonitoringInputError(message("There are no paired cases to compare."))
    a = int(np.sum(new & old))
    b = int(np.sum(new & ~old))
    c = int(np.sum(~new & old))
    d = int(np.sum(~new & ~old))
    diff, low, high = newcombe_paired(a, b, c, d, confidence)
    method = "McNemar exact" if b + c < EXACT_BELOW else "McNemar"
    return PairedComparison(
        metric,
        float(old.mean()),
        float(new.mean()),
        diff,
        low,
        high,
        mcnemar_p(b, c),
        method + " / Newcombe",
        margin,
        int(old.size),
        (b, c),
    )


def compare_auc(
    labels: npt.ArrayLike,
    old_scores: npt.ArrayLike,
    new_scores: npt.ArrayLike,
    margin: float,
    confidence: float = 0.95,
) -> PairedComparison:
    try:
        test = delong_paired(new_scores, old_scores, labels, confidence)
    except ValueError:
        raise MonitoringInputError(
            message("The AUC comparison needs at least two positive and two negative cases.")
        ) from None
    return PairedComparison(
        "AUC",
        test.auc_second.estimate,
        test.auc_first.estimate,
        test.difference.estimate,
        test.difference.ci_low,
        test.difference.ci_high,
        test.p_value,
        "DeLong paired",
        margin,
        int(np.asarray(labels).size),
    )


def compare_continuous(
    metric: str,
    old: npt.ArrayLike,
    new: npt.ArrayLike,
    margin: float,
    confidence: float = 0.95,
) -> PairedComparison:
    """A paired continuous measure where higher is better (e.g. Dice per case)."""
    x_old = np.asarray(old, dtype=np.float64)
    x_new = np.asarray(new, dtype=np.float64)
    if x_old.shape != x_new.shape or x_old.size < 2 or not np.isfinite(x_old + x_new).all():
        raise MonitoringInputError(
            message("The paired comparison needs at least two cases with both values.")
        )
    diff = x_new - x_old
    mean = float(diff.mean())
    sd = float(diff.std(ddof=1))
    if sd == 0:
        low = high = mean
        p = 1.0 if mean == 0 else 0.0
    else:
        half = (
            float(stats.t.ppf(1 - (1 - confidence) / 2, diff.size - 1)) * sd / math.sqrt(diff.size)
        )
        low, high = mean - half, mean + half
        p = float(stats.wilcoxon(diff).pvalue) if np.any(diff != 0) else 1.0
    return PairedComparison(
        metric,
        float(x_old.mean()),
        float(x_new.mean()),
        mean,
        low,
        high,
        p,
        "paired t / Wilcoxon",
        margin,
        int(diff.size),
    )


@dataclass(frozen=True)
class GateDecision:
    """May the new version go live? Only if every comparison is non-inferior."""

    old_version: str
    new_version: str
    comparisons: list[PairedComparison] = field(default_factory=list)

    @property
    def may_go_live(self) -> bool:
        return bool(self.comparisons) and all(c.non_inferior for c in self.comparisons)

    def verdict(self) -> Message:
        if self.may_go_live:
            return message(
                "Version {new} may go live: on the frozen local reference set it is not "
                "worse than version {old} by more than the margin on any metric.",
                new=self.new_version,
                old=self.old_version,
            )
        return message(
            "Version {new} must not go live: on the frozen local reference set it may be "
            "worse than version {old} by more than the margin.",
            new=self.new_version,
            old=self.old_version,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "may_go_live": self.may_go_live,
            "comparisons": [c.to_dict() for c in self.comparisons],
        }


def binary_gate(
    labels: npt.ArrayLike,
    old_scores: npt.ArrayLike,
    new_scores: npt.ArrayLike,
    threshold: float,
    margin: float,
    old_version: str = "",
    new_version: str = "",
) -> GateDecision:
    """AUC (paired DeLong), sensitivity and specificity (McNemar) of a classifier's two
    versions on the same labelled cases, at the baseline's threshold."""
    y = np.asarray(labels, dtype=bool)
    old = np.asarray(old_scores, dtype=np.float64)
    new = np.asarray(new_scores, dtype=np.float64)
    if not (y.shape == old.shape == new.shape) or not np.isfinite(old + new).all():
        raise MonitoringInputError(message("Every case needs a label and both versions' scores."))
    comparisons = [
        compare_auc(y, old, new, margin),
        compare_proportion("Sensitivity", old[y] >= threshold, new[y] >= threshold, margin),
        compare_proportion("Specificity", old[~y] < threshold, new[~y] < threshold, margin),
    ]
    return GateDecision(old_version, new_version, comparisons)
