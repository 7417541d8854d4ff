"""Describing a sample of values: mean with a bootstrap interval, SD, median, quartiles, range.

The mean's interval is a bootstrap interval (``scipy.stats.bootstrap``, bias-corrected
and accelerated, BCa; Efron 1987, JASA 82:171-185), seeded so the same data always give
the same interval. A bootstrap mean is a mean of the observed values, so the interval
stays inside the range the values can take (Dice and surface Dice in [0, 1], distances
and times ≥ 0) whatever that range is — unlike a t interval on a few cases, which gave
Dice intervals above 1 and distances below 0. With fewer than three values, or when
BCa is undefined, the percentile bootstrap is used; with one value, or all values equal,
there is no interval to give, and the method says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from vejviser.evidence.core.results import NAN, Estimate, Result

#: Bootstrap resamples and the fixed seed (the same data give the same interval).
RESAMPLES = 9_999
SEED = 20_260_101
#: At most this many numbers in memory per batch of resamples (and jackknife samples).
_BATCH_VALUES = 4_000_000

BCA = "bootstrap BCa"
PERCENTILE_FEW = "bootstrap percentile (fewer than 3 values)"
PERCENTILE_DEGENERATE = "bootstrap percentile (BCa undefined)"
ONE_VALUE = "one value: no interval"
ALL_EQUAL = "all values equal: no interval"


def t_quantile(df: float, confidence: float) -> float:
    """The two-sided Student t quantile with ``df`` degrees of freedom."""
    return float(special.stdtrit(df, 1.0 - (1.0 - confidence) / 2.0))


@dataclass(frozen=True)
class Distribution(Result):
    n: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    minimum: float
    maximum: float
    mean_ci: Estimate


def _mean(x: npt.NDArray[np.float64], axis: int = -1) -> npt.NDArray[np.float64]:
    return np.asarray(np.mean(x, axis=axis), dtype=np.float64)


def _bootstrap(v: npt.NDArray[np.float64], confidence: float, method: str) -> tuple[float, float]:
    from scipy import stats

    result = stats.bootstrap(
        (v,),
        _mean,
        confidence_level=confidence,
        n_resamples=RESAMPLES,
        method=method,
        vectorized=True,
        batch=max(1, _BATCH_VALUES // v.size),
        rng=np.random.default_rng(SEED),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def mean_interval(values: npt.ArrayLike, confidence: float = 0.95) -> Estimate:
    """The mean of finite ``values`` with a seeded bootstrap interval that lies within
    the values' range and contains the mean."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return Estimate(NAN, NAN, NAN, ONE_VALUE)
    mean = float(v.mean())
    if v.size == 1:
        return Estimate(mean, NAN, NAN, ONE_VALUE)
    if float(v.min()) == float(v.max()):
        return Estimate(mean, mean, mean, ALL_EQUAL)
    method = BCA if v.size >= 3 else PERCENTILE_FEW
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a degenerate BCa is caught below
        low, high = _bootstrap(v, confidence, "BCa" if method == BCA else "percentile")
    if not (math.isfinite(low) and math.isfinite(high)):
        method = PERCENTILE_DEGENERATE
        low, high = _bootstrap(v, confidence, "percentile")
    # Bootstrap means lie between the smallest and largest value; the clamp only guards
    # against rounding in the mean of equal-looking values.
    low = max(float(v.min()), min(low, mean))
    high = min(float(v.max()), max(high, mean))
    return Estimate(mean, low, high, method)


def describe(values: Iterable[float], confidence: float = 0.95) -> Distribution:
    """Mean (with a bootstrap interval), SD, median, quartiles and range of finite
    ``values``."""
    v = np.asarray([x for x in values if math.isfinite(x)], dtype=np.float64)
    n = int(v.size)
    if n == 0:
        return Distribution(
            0, NAN, NAN, NAN, NAN, NAN, NAN, NAN, Estimate(NAN, NAN, NAN, ONE_VALUE)
        )
    sd = float(v.std(ddof=1)) if n > 1 else NAN
    q1, median, q3 = (float(q) for q in np.percentile(v, [25, 50, 75]))
    ci = mean_interval(v, confidence)
    return Distribution(n, ci.estimate, sd, median, q1, q3, float(v.min()), float(v.max()), ci)
