"""Sample size for a prospective validation: how many cases give a precise enough estimate.

- Sensitivity and specificity (Buderer 1996, "Statistical methodology: I. Incorporating
  the prevalence of disease into the sample size calculation for sensitivity and
  specificity", Academic Emergency Medicine 3:895-900): the cases with (without) the
  condition needed for a Wald interval of total width ``w`` are
  ``z² p (1 − p) / (w/2)²``; divided by the prevalence (1 − prevalence) this is the
  number of consecutive cases to include. Also given: the smallest number whose Wilson
  interval at the expected value is no wider than ``w`` (better near 0 or 1).
- AUC (Hanley & McNeil 1982, "The meaning and use of the area under a receiver operating
  characteristic (ROC) curve", Radiology 143:29-36): with ``Q1 = A/(2 − A)`` and
  ``Q2 = 2A²/(1 + A)``, ``Var(A) = [A(1 − A) + (n₁ − 1)(Q1 − A²) + (n₀ − 1)(Q2 − A²)] /
  (n₁ n₀)``; the smallest total with ``n₁ = prevalence × N`` whose interval width
  ``2 z √Var`` is at most ``w``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.proportions import wilson_interval, z_value
from vejviser.evidence.core.results import Result
from vejviser.kernel.i18n import message


@dataclass(frozen=True)
class SampleSizePlan(Result):
    metric: str
    expected: float
    width: float
    prevalence: float
    confidence: float
    cases_needed: int  # with the condition (sensitivity, AUC) or without (specificity)
    total: int  # consecutive cases at the given prevalence
    method: str
    cases_needed_wilson: int | None = None
    total_wilson: int | None = None
    positives: int | None = None
    negatives: int | None = None


def _check(name: str, value: float, low: float = 0.0, high: float = 1.0) -> None:
    if not low < value < high:
        raise EvidenceInputError(
            "out_of_range",
            message(
                "{name} must be between {low} and {high}, but is {value}.",
                name=name,
                low=low,
                high=high,
                value=value,
            ),
        )


def wald_cases(expected: float, width: float, confidence: float = 0.95) -> int:
    """Cases for a Wald interval of total ``width`` around ``expected``."""
    z = z_value(confidence)
    return math.ceil(z * z * expected * (1.0 - expected) / (width / 2.0) ** 2 - 1e-9)


def wilson_cases(expected: float, width: float, confidence: float = 0.95) -> int:
    """The smallest n whose Wilson interval at ``round(expected n)`` successes is at most
    ``width`` wide (the width wobbles with rounding, so the search confirms the next 20 n)."""
    n = max(1, wald_cases(expected, width, confidence) // 2)

    def wide(k: int) -> bool:
        low, high = wilson_interval(round(expected * k), k, confidence)
        return high - low > width

    while wide(n) or any(wide(n + k) for k in range(1, 21)):
        n += 1
    return n


def proportion_plan(
    metric: str, expected: float, width: float, prevalence: float, confidence: float = 0.95
) -> SampleSizePlan:
    """Plan for ``metric`` "sensitivity" or "specificity"."""
    if metric not in ("sensitivity", "specificity"):
        raise ValueError(f"unknown metric {metric!r}")
    _check(metric, expected)
    _check("width", width)
    _check("prevalence", prevalence)
    share = prevalence if metric == "sensitivity" else 1.0 - prevalence
    needed = wald_cases(expected, width, confidence)
    wilson = wilson_cases(expected, width, confidence)
    return SampleSizePlan(
        metric=metric,
        expected=expected,
        width=width,
        prevalence=prevalence,
        confidence=confidence,
        cases_needed=needed,
        total=math.ceil(needed / share - 1e-9),
        method="Buderer (Wald)",
        cases_needed_wilson=wilson,
        total_wilson=math.ceil(wilson / share - 1e-9),
    )


def hanley_mcneil_se(auc: float, n_pos: float, n_neg: float) -> float:
    q1 = auc / (2.0 - auc)
    q2 = 2.0 * auc * auc / (1.0 + auc)
    variance = (
        auc * (1.0 - auc) + (n_pos - 1.0) * (q1 - auc * auc) + (n_neg - 1.0) * (q2 - auc * auc)
    ) / (n_pos * n_neg)
    return math.sqrt(max(variance, 0.0))


def auc_plan(
    expected: float, width: float, prevalence: float, confidence: float = 0.95
) -> SampleSizePlan:
    """Plan for the AUC (Hanley-McNeil variance, exponential approximation)."""
    _check("auc", expected, 0.5, 1.0)
    _check("width", width)
    _check("prevalence", prevalence)
    z = z_value(confidence)

    def wide(total: int) -> bool:
        n_pos = max(prevalence * total, 1.0)
        n_neg = max((1.0 - prevalence) * total, 1.0)
        return 2.0 * z * hanley_mcneil_se(expected, n_pos, n_neg) > width

    high = 4
    while wide(high):
        high *= 2
    low = high // 2 if high > 4 else 1  # invariant: wide(low) (or low == 1), not wide(high)
    while low + 1 < high:
        mid = (low + high) // 2
        if wide(mid):
            low = mid
        else:
            high = mid
    positives = math.ceil(prevalence * high - 1e-9)
    return SampleSizePlan(
        metric="auc",
        expected=expected,
        width=width,
        prevalence=prevalence,
        confidence=confidence,
        cases_needed=positives,
        total=high,
        method="Hanley-McNeil",
        positives=positives,
        negatives=high - positives,
    )
