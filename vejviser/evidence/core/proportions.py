"""Confidence intervals for proportions: Wilson score and Clopper-Pearson (exact).

- Wilson (1927), "Probable inference, the law of succession, and statistical
  inference", JASA 22:209-212 — the default: good coverage, never outside [0, 1].
- Clopper & Pearson (1934), Biometrika 26:404-413 — exact, conservative.
"""

from __future__ import annotations

import math
from typing import Literal

from scipy import special

from vejviser.evidence.core.results import NAN, Proportion

CIMethod = Literal["wilson", "clopper-pearson"]
CI_METHODS: tuple[str, ...] = ("wilson", "clopper-pearson")


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.96 for 0.95)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    return float(special.ndtri(1.0 - (1.0 - confidence) / 2.0))


def wilson_interval(x: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval (without continuity correction) for ``x`` successes in ``n``."""
    if n <= 0:
        return NAN, NAN
    z = z_value(confidence)
    z2 = z * z
    centre = (x + z2 / 2.0) / (n + z2)
    half = z / (n + z2) * math.sqrt(x * (n - x) / n + z2 / 4.0)
    # At x = 0 (x = n) the lower (upper) bound is exactly 0 (1) in exact arithmetic;
    # centre − half leaves a rounding residue (≈1e-17) that would draw a negative error
    # bar, so the edges are set exactly and every bound is kept inside [0, 1].
    low = 0.0 if x == 0 else min(max(0.0, centre - half), x / n)
    high = 1.0 if x == n else max(min(1.0, centre + half), x / n)
    return low, high


def clopper_pearson_interval(x: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Clopper-Pearson ("exact") interval from beta quantiles."""
    if n <= 0:
        return NAN, NAN
    alpha = 1.0 - confidence
    low = 0.0 if x == 0 else float(special.betaincinv(x, n - x + 1, alpha / 2.0))
    high = 1.0 if x == n else float(special.betaincinv(x + 1, n - x, 1.0 - alpha / 2.0))
    return low, high


def interval(
    x: int, n: int, confidence: float = 0.95, method: str = "wilson"
) -> tuple[float, float]:
    if method == "wilson":
        return wilson_interval(x, n, confidence)
    if method == "clopper-pearson":
        return clopper_pearson_interval(x, n, confidence)
    raise ValueError(f"unknown interval method {method!r}")


def proportion(x: int, n: int, confidence: float = 0.95, method: str = "wilson") -> Proportion:
    """``x / n`` with its interval; undefined (NaN) when ``n`` is 0."""
    x, n = int(x), int(n)
    if not 0 <= x <= n:
        raise ValueError(f"need 0 <= x <= n, got x={x}, n={n}")
    low, high = interval(x, n, confidence, method)
    estimate = x / n if n else NAN
    return Proportion(estimate, low, high, method, numerator=x, denominator=n)


def binomial_p_lower(x: int, n: int, p0: float) -> float:
    """One-sided exact binomial p-value for "the true proportion is below ``p0``":
    P(X <= x) when X ~ Binomial(n, p0)."""
    if n <= 0:
        return NAN
    if x >= n:
        return 1.0
    return float(special.bdtr(x, n, p0))
