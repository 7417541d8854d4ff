"""Describing a sample of values: mean with a t interval, SD, median, quartiles, range."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import special

from vejviser.evidence.core.results import NAN, Estimate, Result


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


def describe(values: Iterable[float], confidence: float = 0.95) -> Distribution:
    """Mean (with a t interval), SD, median, quartiles and range of finite ``values``."""
    v = np.asarray([x for x in values if math.isfinite(x)], dtype=np.float64)
    n = int(v.size)
    if n == 0:
        return Distribution(0, NAN, NAN, NAN, NAN, NAN, NAN, NAN, Estimate(NAN, NAN, NAN, "t"))
    mean = float(v.mean())
    sd = float(v.std(ddof=1)) if n > 1 else NAN
    if n > 1:
        t = t_quantile(n - 1, confidence)
        half = t * sd / math.sqrt(n)
        ci = Estimate(mean, mean - half, mean + half, "t")
    else:
        ci = Estimate(mean, NAN, NAN, "t")
    q1, median, q3 = (float(q) for q in np.percentile(v, [25, 50, 75]))
    return Distribution(n, mean, sd, median, q1, q3, float(v.min()), float(v.max()), ci)
