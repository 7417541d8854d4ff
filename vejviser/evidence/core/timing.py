"""Time studies: documentation time before versus with the product.

- Paired (the same cases or clinicians measured both ways): the mean of the differences
  ``before − with`` with a Student t interval and the paired t-test.
- Unpaired (two groups): Welch's t interval and test for the difference in means
  (Welch 1947, Biometrika 34:28-35).

The percentage saved is ``100 × (1 − mean_with / mean_before)``. Its interval comes from
the log of the ratio of means with the delta method (paired: the variance of
``with_i/mean_with − before_i/mean_before``; unpaired: the sum of the squared
coefficients of variation of the two means, with Welch-Satterthwaite degrees of
freedom), so it never implies a negative time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from vejviser.evidence.core.describe import Distribution, describe, t_quantile
from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.results import Estimate, Result
from vejviser.kernel.i18n import message


@dataclass(frozen=True)
class TimeStudy(Result):
    design: str  # "paired" or "unpaired"
    unit: str
    confidence: float
    before: Distribution
    with_product: Distribution
    time_saved: Estimate  # mean before − mean with, per case
    percent_saved: Estimate
    test: str
    statistic: float
    df: float
    p_value: float


def _two_sided_p(t: float, df: float) -> float:
    return float(2.0 * special.stdtr(df, -abs(t)))


def _percent(ratio: float, se_log: float, t: float, method: str) -> Estimate:
    low_ratio, high_ratio = ratio * math.exp(-t * se_log), ratio * math.exp(t * se_log)
    return Estimate(
        100.0 * (1.0 - ratio), 100.0 * (1.0 - high_ratio), 100.0 * (1.0 - low_ratio), method
    )


def _checked(values: npt.ArrayLike, name: str, minimum: int) -> npt.NDArray[np.float64]:
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size < minimum:
        raise EvidenceInputError(
            "too_few_values",
            message(
                "At least {minimum} valid values are needed in '{column}', but there are {count}.",
                column=name,
                minimum=minimum,
                count=int(v.size),
            ),
        )
    if float(v.mean()) <= 0:
        raise EvidenceInputError(
            "non_positive_mean",
            message(
                "The mean of '{column}' must be above 0 to compute the percentage saved.",
                column=name,
            ),
        )
    return v


def paired_time_study(
    before: npt.ArrayLike, with_product: npt.ArrayLike, confidence: float = 0.95, unit: str = "min"
) -> TimeStudy:
    """Paired design: ``before[i]`` and ``with_product[i]`` belong to the same case."""
    b = np.asarray(before, dtype=np.float64)
    w = np.asarray(with_product, dtype=np.float64)
    if b.shape != w.shape:
        raise ValueError("paired times need the same number of values")
    keep = np.isfinite(b) & np.isfinite(w)
    b = _checked(b[keep], "before", 2)
    w = _checked(w[keep], "with", 2)
    n = b.size
    diff = b - w
    mean, sd = float(diff.mean()), float(diff.std(ddof=1))
    df = n - 1
    t = t_quantile(df, confidence)
    se = sd / math.sqrt(n)
    statistic = mean / se if se > 0 else (0.0 if mean == 0 else math.copysign(math.inf, mean))
    mb, mw = float(b.mean()), float(w.mean())
    se_log = float((w / mw - b / mb).std(ddof=1)) / math.sqrt(n)
    return TimeStudy(
        design="paired",
        unit=unit,
        confidence=confidence,
        before=describe(b, confidence),
        with_product=describe(w, confidence),
        time_saved=Estimate(mean, mean - t * se, mean + t * se, "paired t"),
        percent_saved=_percent(mw / mb, se_log, t, "log ratio of means, delta method"),
        test="paired t-test",
        statistic=statistic,
        df=float(df),
        p_value=_two_sided_p(statistic, df) if se > 0 else (1.0 if mean == 0 else 0.0),
    )


def unpaired_time_study(
    before: npt.ArrayLike, with_product: npt.ArrayLike, confidence: float = 0.95, unit: str = "min"
) -> TimeStudy:
    """Unpaired design: two independent groups of cases."""
    b = _checked(before, "before", 2)
    w = _checked(with_product, "with", 2)
    nb, nw = b.size, w.size
    mb, mw = float(b.mean()), float(w.mean())
    vb, vw = float(b.var(ddof=1)), float(w.var(ddof=1))
    ab, aw = vb / nb, vw / nw
    se = math.sqrt(ab + aw)
    df = (ab + aw) ** 2 / (ab**2 / (nb - 1) + aw**2 / (nw - 1)) if se > 0 else float(nb + nw - 2)
    t = t_quantile(df, confidence)
    diff = mb - mw
    statistic = diff / se if se > 0 else (0.0 if diff == 0 else math.copysign(math.inf, diff))
    cb, cw = ab / mb**2, aw / mw**2  # squared CVs of the two means
    se_log = math.sqrt(cb + cw)
    df_log = (cb + cw) ** 2 / (cb**2 / (nb - 1) + cw**2 / (nw - 1)) if se_log > 0 else df
    return TimeStudy(
        design="unpaired",
        unit=unit,
        confidence=confidence,
        before=describe(b, confidence),
        with_product=describe(w, confidence),
        time_saved=Estimate(diff, diff - t * se, diff + t * se, "Welch t"),
        percent_saved=_percent(
            mw / mb,
            se_log,
            t_quantile(df_log, confidence),
            "log ratio of means, delta method",
        ),
        test="Welch t-test",
        statistic=statistic,
        df=float(df),
        p_value=_two_sided_p(statistic, df) if se > 0 else (1.0 if diff == 0 else 0.0),
    )
