"""The intervals the value core reports, each by a method that respects its range.

- :func:`wilson` — the Monte Carlo uncertainty of a share of iterations (P(NPV > 0),
  payback within the horizon): the Wilson score interval, which stays in [0, 1] and
  always contains the share itself (unlike the normal ± 1.96·SE interval near 0 or 1).
- :func:`containing` — a range reported with an expected figure (a KPI's low–high):
  widened, if need be, to contain that figure.

P5–P95 of the simulated outputs are plain percentiles of the draws
(:class:`~vejviser.value.core.simulate.Summary`): they lie within the smallest and
largest draw, so within whatever range the output itself can take. See ``docs/value.md``.
"""

from __future__ import annotations

import math

#: z for a two-sided 95 % interval.
Z = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z) -> tuple[float, float]:
    """The Wilson score interval of ``successes`` out of ``n`` (95 % by default).

    Exact 0 and 1 at the ends (no rounding residue such as 1e-17) and never excluding
    the observed share, so ``lo <= successes / n <= hi`` holds in floating point too.
    """
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n and n > 0, got {successes}/{n}")
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    lo = 0.0 if successes == 0 else min(max(centre - half, 0.0), p)
    hi = 1.0 if successes == n else max(min(centre + half, 1.0), p)
    return lo, hi


def containing(
    expected: float, low: float | None, high: float | None
) -> tuple[float | None, float | None]:
    """``low``–``high`` widened to contain ``expected`` (an open end stays open)."""
    if low is not None:
        low = min(low, expected)
    if high is not None:
        high = max(high, expected)
    return low, high
