"""Charts for aggregates per period: p-chart (and Laney p′), EWMA and XmR.

- **p-chart**: the share of correct outcomes per period against a target rate, with
  limits that follow each period's n: ``target ± 3·√(target·(1 − target)/n)`` clipped to
  [0, 1]. Its false-alarm and detection probabilities per period are computed exactly
  from the binomial distribution at each n.
- **Laney p′** (Laney 2002, "Improved control charts for attributes", Quality
  Engineering 14:531-537): when the periods vary more than the binomial allows
  (over-dispersion), the limits are widened by ``σ_z = MR̄(z)/1.128`` of the
  standardised values ``z = (p − target)/σ_p``.
- **EWMA** (Roberts 1959; Lucas & Saccucci 1990, Technometrics 32:1-12) for continuous
  measures: ``z_t = λx_t + (1 − λ)z_{t−1}`` with time-varying limits
  ``μ0 ± L·σ·√(λ/(2 − λ)·(1 − (1 − λ)^{2t}))``. ``L`` is found for the chosen in-control
  ARL from the run-length integral equation (Crowder 1987; the continuous form of Brook &
  Evans' Markov chain), not taken from a table.
- **XmR** (individuals and moving range) for KPIs: centre ± 2.66·MR̄ (Wheeler).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from vejviser.kernel.i18n import Message, message

from .cusum import check_rate
from .errors import MonitoringInputError
from .result import ChartPoint, ChartResult

#: d2 for moving ranges of two: E|X1 − X2| = 1.128·σ.
D2 = 1.128
#: Wheeler's constant for individuals: 3 / d2.
XMR_CONSTANT = 2.66


def _check_counts(n: Sequence[int], successes: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    counts = np.asarray(n, dtype=np.int64)
    hits = np.asarray(successes, dtype=np.int64)
    if counts.size == 0:
        raise MonitoringInputError(message("There are no periods to chart."))
    if (
        counts.shape != hits.shape
        or (counts <= 0).any()
        or (hits < 0).any()
        or (hits > counts).any()
    ):
        raise MonitoringInputError(
            message("Each period needs n above 0 and successes between 0 and n.")
        )
    return counts, hits


def p_limits(
    target: float, n: int | np.ndarray, width: float = 3.0
) -> tuple[np.ndarray, np.ndarray]:
    """``target ± width·√(target(1 − target)/n)`` clipped to [0, 1]."""
    half = width * np.sqrt(target * (1.0 - target) / np.asarray(n, dtype=np.float64))
    return np.clip(target - half, 0.0, 1.0), np.clip(target + half, 0.0, 1.0)


@lru_cache(maxsize=4096)
def signal_probability(p: float, n: int, lower: float, upper: float) -> float:
    """Exact probability that a binomial share ``X/n`` with rate ``p`` falls outside
    ``[lower, upper]``."""
    below = math.ceil(lower * n - 1e-9) - 1  # largest X with X/n < lower
    above = math.floor(upper * n + 1e-9)  # X/n > upper for X > above
    # scipy's stats, optimize and special (≈ 1–2 s to import) load when a chart is
    # computed, not with the models at every start.
    from scipy import stats

    prob = stats.binom.cdf(below, n, p) if below >= 0 else 0.0
    prob += stats.binom.sf(above, n, p)
    return float(prob)


def p_chart(
    periods: Sequence[str],
    n: Sequence[int],
    successes: Sequence[int],
    target: float,
    shift: float | None = None,
    laney: bool = False,
) -> ChartResult:
    """The p-chart of successes per period against ``target``; ``laney`` for p′."""
    target = check_rate(target)
    counts, hits = _check_counts(n, successes)
    share = hits / counts
    lower, upper = p_limits(target, counts)
    if laney and counts.size >= 2:
        sigma = np.sqrt(target * (1.0 - target) / counts)
        z = (share - target) / sigma
        sigma_z = float(np.mean(np.abs(np.diff(z)))) / D2
        half = 3.0 * sigma * sigma_z
        lower, upper = np.clip(target - half, 0.0, 1.0), np.clip(target + half, 0.0, 1.0)
    points = [
        ChartPoint(str(p), float(v), float(lo), float(hi), bool(v < lo or v > hi), target)
        for p, v, lo, hi in zip(periods, share, lower, upper, strict=True)
    ]
    typical = round(float(np.median(counts)))
    lo, hi = p_limits(target, typical)
    false_alarm = signal_probability(target, typical, float(lo), float(hi))
    arl0 = 1.0 / false_alarm if false_alarm > 0 else math.inf
    drop = shift if shift is not None else 0.1 * target
    p1 = max(target - drop, 1e-9)
    detect = signal_probability(p1, typical, float(lo), float(hi))
    delay = 1.0 / detect if detect > 0 else math.inf
    words = [
        message(
            "p-chart around {target} % with limits that follow each period's number of "
            "cases (3 standard errors).",
            target=round(target * 100, 1),
        ),
        _false_alarm_words(arl0, typical),
        message(
            "A fall to {p1} % is caught after about {delay} periods on average.",
            p1=round(p1 * 100, 1),
            delay=_rounded(delay),
        ),
    ]
    if laney:
        words.append(
            message("Laney p′ limits: widened for the variation between periods seen in the data.")
        )
    if delay > 6:
        words.append(
            message(
                "At {n} cases a period this chart cannot catch a fall of {points} "
                "percentage points within half a year; use a CUSUM on the cases, or audit "
                "more cases.",
                n=typical,
                points=round(drop * 100, 1),
            )
        )
    return ChartResult("p", points, arl0, delay, words)


def _rounded(value: float) -> float | str:
    return "∞" if not math.isfinite(value) else round(value, 1) if value < 10 else round(value)


def _false_alarm_words(arl0: float, n: int) -> Message:
    if not math.isfinite(arl0):
        return message(
            "At {n} cases a period the limits cannot be crossed by chance (no false alarms), "
            "but nor by a moderate drop.",
            n=n,
        )
    return message(
        "At {n} cases a period: a false alarm about every {arl0} periods when nothing has "
        "changed (exact binomial).",
        n=n,
        arl0=_rounded(arl0),
    )


# --- EWMA ----------------------------------------------------------------------------------


#: Gauss–Legendre nodes for the EWMA's run-length integral equation.
EWMA_NODES = 48


@lru_cache(maxsize=8)
def _gauss_legendre(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(nodes)  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)
def ewma_arl(lam: float, width: float, shift_sd: float = 0.0, nodes: int = EWMA_NODES) -> float:
    """Zero-state ARL of a two-sided EWMA with asymptotic limits ±``width``·σ_z, when the
    mean is ``shift_sd`` standard deviations off target.

    Solves the run-length integral equation ``L(u) = 1 + ∫ L(v) f(v | u) dv`` over the
    in-control region by the Nyström method with Gauss–Legendre nodes (Crowder 1987,
    "A simple method for studying run-length distributions of exponentially weighted
    moving average charts", Technometrics 29:401-407) — the continuous form of Brook &
    Evans' Markov chain; a small system, solved in microseconds."""
    h = width * math.sqrt(lam / (2.0 - lam))
    t, w = _gauss_legendre(nodes)
    v, weights = h * t, h * w

    def density(to: np.ndarray, start: np.ndarray) -> np.ndarray:
        # z' = (1 − λ)·z + λ·x with x ~ N(shift, 1): density of z' given z.
        return np.exp(-0.5 * ((to - (1.0 - lam) * start) / lam - shift_sd) ** 2) / (
            lam * math.sqrt(2.0 * math.pi)
        )

    kernel = weights[None, :] * density(v[None, :], v[:, None])
    lengths = np.linalg.solve(np.eye(nodes) - kernel, np.ones(nodes))
    return float(1.0 + np.sum(weights * density(v, np.zeros(1)) * lengths))


@lru_cache(maxsize=256)
def ewma_width(lam: float, arl0: float) -> float:
    """The limit width ``L`` whose in-control ARL is ``arl0`` (Brent's method)."""
    low, high = 0.1, 6.0
    if ewma_arl(lam, low) >= arl0:
        return low
    from scipy import optimize

    return float(optimize.brentq(lambda w: ewma_arl(lam, w) - arl0, low, high, xtol=1e-6))


def ewma_chart(
    periods: Sequence[str],
    values: Sequence[float],
    target: float,
    sd: float,
    lam: float = 0.2,
    arl0: float = 370.0,
    shift: float | None = None,
    width: float | None = None,
) -> ChartResult:
    """EWMA of ``values`` around ``target`` with the process standard deviation ``sd``;
    ``width`` (L) is found for ``arl0`` unless given. ``shift`` is the change to detect
    in the measure's own units (default one ``sd``)."""
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0:
        raise MonitoringInputError(message("There are no periods to chart."))
    if not (math.isfinite(sd) and sd > 0 and 0 < lam <= 1 and np.isfinite(x).all()):
        raise MonitoringInputError(
            message("The EWMA needs finite values, a standard deviation above 0 and λ in (0, 1].")
        )
    big_l = width if width is not None else ewma_width(lam, arl0)
    z = np.empty_like(x)
    previous = target
    for i, value in enumerate(x):
        previous = lam * value + (1.0 - lam) * previous
        z[i] = previous
    t = np.arange(1, x.size + 1)
    half = big_l * sd * np.sqrt(lam / (2.0 - lam) * (1.0 - (1.0 - lam) ** (2 * t)))
    points = [
        ChartPoint(
            str(p),
            float(v),
            float(target - h),
            float(target + h),
            bool(abs(v - target) > h),
            target,
        )
        for p, v, h in zip(periods, z, half, strict=True)
    ]
    delta = abs(shift) if shift is not None else sd
    in_control = ewma_arl(lam, big_l)
    delay = ewma_arl(lam, big_l, delta / sd)
    words = [
        message(
            "EWMA with λ = {lam} and limits at {width} standard errors around {target}.",
            lam=lam,
            width=round(big_l, 3),
            target=target,
        ),
        message(
            "False alarms: about one every {arl0} periods when nothing has changed "
            "(computed numerically from the run-length equation).",
            arl0=_rounded(in_control),
        ),
        message(
            "A change of {shift} is caught after about {delay} periods on average.",
            shift=round(delta, 4),
            delay=_rounded(delay),
        ),
    ]
    return ChartResult("ewma", points, in_control, delay, words)


# --- XmR -----------------------------------------------------------------------------------


def xmr_chart(
    periods: Sequence[str],
    values: Sequence[float],
    centre: float | None = None,
    moving_range: float | None = None,
    shift_sd: float = 1.0,
) -> ChartResult:
    """Individuals chart: ``centre ± 2.66·MR̄``; centre and MR̄ from the data unless given
    (e.g. from the baseline months)."""
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0 or not np.isfinite(x).all():
        raise MonitoringInputError(message("There are no periods to chart."))
    if moving_range is None and x.size < 2:
        raise MonitoringInputError(message("An XmR chart needs at least two values."))
    mid = float(np.mean(x)) if centre is None else float(centre)
    mr = float(np.mean(np.abs(np.diff(x)))) if moving_range is None else float(moving_range)
    lower, upper = mid - XMR_CONSTANT * mr, mid + XMR_CONSTANT * mr
    points = [
        ChartPoint(str(p), float(v), lower, upper, bool(v < lower or v > upper), mid)
        for p, v in zip(periods, x, strict=True)
    ]
    # Normal theory: 2.66·MR̄ ≈ 3σ.
    from scipy import special

    arl0 = 1.0 / (2.0 * float(special.ndtr(-3.0)))
    detect = float(special.ndtr(-3.0 + shift_sd) + special.ndtr(-3.0 - shift_sd))
    delay = 1.0 / detect
    words = [
        message(
            "XmR chart: centre {centre}, limits {lower} to {upper} (2.66 × average moving "
            "range {mr}).",
            centre=round(mid, 3),
            lower=round(lower, 3),
            upper=round(upper, 3),
            mr=round(mr, 3),
        ),
        message(
            "False alarms: about one every {arl0} periods if the values are roughly normal.",
            arl0=round(arl0),
        ),
        message(
            "A shift of {k} standard deviations is caught after about {delay} periods; "
            "an XmR chart is for large changes in a KPI, not small drifts.",
            k=shift_sd,
            delay=_rounded(delay),
        ),
    ]
    return ChartResult("xmr", points, arl0, delay, words)
