"""Bernoulli CUSUM for case-by-case outcomes (1 = correct, 0 = error).

Designed from the baseline rate ``p0`` of correct outcomes and the drop to detect
(``p1 = p0 − shift``). With ``q = 1 − p`` the error rate, each case adds its
log-likelihood ratio of "out of control" against "in control":

- an error adds ``a = ln(q1 / q0)`` (> 0),
- a correct outcome adds ``b = ln((1 − q1) / (1 − q0))`` (< 0),

and the statistic ``S_t = max(0, S_{t−1} + w_t)`` signals when it reaches ``h``
(Page 1954; Reynolds & Stoumbos 1999, "A CUSUM chart for monitoring a proportion when
inspecting continuously", J. Quality Technology 31:87-108).

The chart is run on integer-scaled weights: ``a`` and ``b`` are multiplied by a scale
(``resolution`` units for ``|b|``) and rounded, so the statistic lives on the integers
``0 … H−1``. That chart is a finite Markov chain, and its average run length (ARL) is
computed **exactly** by solving ``(I − Q) L = 1`` (Brook & Evans 1972, "An approach to
the probability distribution of CUSUM run length", Biometrika 59:539-549). The limit
``H`` is the smallest integer whose in-control ARL reaches the chosen ARL0 — not a
textbook constant. The run lengths stated are those of the chart actually run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.sparse import linalg as sparse_linalg

from vejviser.kernel.i18n import Message, message

from .errors import MonitoringInputError
from .result import ChartPoint, ChartResult

#: Units per ``|b|`` (the weight of a correct outcome): the rounding of the weights'
#: ratio is at most 1/(2·resolution) relative.
RESOLUTION = 20
#: The largest Markov chain solved (states); beyond it the design is refused.
MAX_STATES = 400_000


def check_rate(value: float) -> float:
    """``value`` if it is a rate strictly between 0 and 1 (a target or a baseline)."""
    if not (isinstance(value, int | float) and math.isfinite(value) and 0.0 < value < 1.0):
        raise MonitoringInputError(message("The target must be a rate strictly between 0 and 1."))
    return float(value)


def integer_arl(up: int, down: int, limit: int, error_rate: float) -> float:
    """Zero-state ARL of the integer CUSUM ``S = max(0, S + up·error − down·correct)``
    that signals at ``S ≥ limit``, when errors occur with probability ``error_rate``."""
    if limit <= 0:
        return 1.0
    if up <= 0 or down <= 0:
        raise ValueError("the weights must be positive integers")
    if limit > MAX_STATES:
        raise MonitoringInputError(
            message("This design needs too fine a chart to compute; choose a larger drop.")
        )
    q = float(error_rate)
    states = np.arange(limit)
    rows = [states, states]
    cols = [states + up, np.maximum(states - down, 0)]
    vals = [np.full(limit, q), np.full(limit, 1.0 - q)]
    keep = cols[0] < limit  # an error from these states stays below the limit
    r = np.concatenate([rows[0][keep], rows[1]])
    c = np.concatenate([cols[0][keep], cols[1]])
    v = np.concatenate([vals[0][keep], vals[1]])
    transient = sparse.csc_matrix((v, (r, c)), shape=(limit, limit))
    system = sparse.identity(limit, format="csc") - transient
    lengths = sparse_linalg.spsolve(system, np.ones(limit))
    return float(np.atleast_1d(lengths)[0])


@dataclass(frozen=True)
class CusumDesign:
    """A Bernoulli CUSUM and its exact run lengths."""

    p0: float  # baseline rate of correct outcomes
    p1: float  # the lowered rate to detect
    arl0_target: float
    scale: float  # integer units per nat
    up: int  # added on an error
    down: int  # subtracted on a correct outcome
    limit: int  # signal at S ≥ limit (integer units)
    arl0: float  # exact in-control ARL of this chart (cases)
    arl1: float  # exact zero-state ARL at p1 (cases): the expected detection delay

    @property
    def h(self) -> float:
        """The decision limit in nats (log-likelihood units)."""
        return self.limit / self.scale

    def arl(self, p: float) -> float:
        """Zero-state ARL (cases) when the true rate of correct outcomes is ``p``."""
        return integer_arl(self.up, self.down, self.limit, 1.0 - p)

    def weights(self) -> tuple[float, float]:
        """The weights in nats: (error, correct outcome)."""
        return self.up / self.scale, -self.down / self.scale


def find_limit(arl_at: Callable[[int], float], target: float, start: int) -> tuple[int, float]:
    """The smallest integer limit whose ARL reaches ``target``, and that ARL.

    The ARL grows with the limit, its logarithm almost linearly, so the search brackets
    the answer by extrapolating on the log scale and then interpolates (regula falsi on
    log ARL), probing the neighbour of each guess — a handful of solves instead of a
    bisection's dozen or more."""
    lo, a_lo = 0, 1.0  # a limit of 0 signals at once: ARL 1
    hi, a_hi = start, arl_at(start)
    while a_hi < target:
        slope = (math.log(a_hi) - math.log(a_lo)) / (hi - lo)
        step = (math.log(target) - math.log(a_hi)) / slope if slope > 0 else hi
        lo, a_lo = hi, a_hi
        hi = min(hi + max(1, math.ceil(1.3 * step)), 4 * hi + 1)
        if hi > MAX_STATES:
            raise MonitoringInputError(
                message("This design needs too fine a chart to compute; choose a larger drop.")
            )
        a_hi = arl_at(hi)
    while hi - lo > 1:
        frac = (math.log(target) - math.log(a_lo)) / (math.log(a_hi) - math.log(a_lo))
        mid = min(max(lo + round(frac * (hi - lo)), lo + 1), hi - 1)
        a_mid = arl_at(mid)
        if a_mid >= target:
            hi, a_hi = mid, a_mid
            probe = mid - 1
        else:
            lo, a_lo = mid, a_mid
            probe = mid + 1
        if lo < probe < hi:
            a_probe = arl_at(probe)
            if a_probe >= target:
                hi, a_hi = probe, a_probe
            else:
                lo, a_lo = probe, a_probe
    return hi, a_hi


@lru_cache(maxsize=256)
def design_cusum(
    p0: float, shift: float, arl0: float = 1000.0, resolution: int = RESOLUTION
) -> CusumDesign:
    """The Bernoulli CUSUM that detects a fall from ``p0`` to ``p0 − shift`` with an
    in-control ARL of at least ``arl0`` cases."""
    p0 = check_rate(p0)
    if not (math.isfinite(shift) and 0.0 < shift < p0):
        raise MonitoringInputError(
            message("The drop to detect must be above 0 and below the target rate.")
        )
    if not (math.isfinite(arl0) and arl0 >= 2):
        raise MonitoringInputError(message("The in-control run length must be at least 2."))
    p1 = p0 - shift
    q0, q1 = 1.0 - p0, 1.0 - p1
    a = math.log(q1 / q0)
    b = math.log((1.0 - q1) / (1.0 - q0))
    scale = resolution / abs(b)
    up, down = max(1, round(a * scale)), resolution

    def arl_at(limit: int) -> float:
        return integer_arl(up, down, limit, q0)

    high, arl_high = find_limit(arl_at, arl0, max(up, 1))
    return CusumDesign(
        p0,
        p1,
        float(arl0),
        scale,
        up,
        down,
        high,
        arl_high,
        integer_arl(up, down, high, q1),
    )


@dataclass(frozen=True)
class CusumRun:
    """The chart over a series: the statistic (nats) after each case and the signals.

    After a signal the statistic restarts at 0 (the alert is investigated)."""

    statistic: list[float]
    signals: list[int]  # 0-based positions of the cases that raised a signal
    limit: float  # nats

    @property
    def first_signal(self) -> int | None:
        return self.signals[0] if self.signals else None


def run_cusum(outcomes: Sequence[int] | npt.NDArray[np.integer], design: CusumDesign) -> CusumRun:
    """Run the chart over outcomes in time order (1 = correct, 0 = error)."""
    values = np.asarray(outcomes)
    if values.size and not np.isin(values, (0, 1)).all():
        raise MonitoringInputError(message("Outcomes must be 1 (correct) or 0 (error)."))
    s = 0
    statistic: list[float] = []
    signals: list[int] = []
    for i, correct in enumerate(values.tolist()):
        s = s - design.down if correct else s + design.up
        s = max(s, 0)
        statistic.append(s / design.scale)
        if s >= design.limit:
            signals.append(i)
            s = 0
    return CusumRun(statistic, signals, design.h)


def simulate_run_lengths(
    design: CusumDesign, p: float, runs: int, seed: int, max_length: int | None = None
) -> npt.NDArray[np.int64]:
    """Run lengths of ``runs`` independent charts with true rate ``p`` (seeded; a check
    of the exact ARL). Runs still going after ``max_length`` cases count as that."""
    rng = np.random.default_rng(seed)
    cap = max_length or int(50 * design.arl(p)) + 100
    state = np.zeros(runs, dtype=np.int64)
    length = np.zeros(runs, dtype=np.int64)
    alive = np.ones(runs, dtype=bool)
    for t in range(1, cap + 1):
        idx = np.flatnonzero(alive)
        if idx.size == 0:
            break
        error = rng.random(idx.size) >= p
        state[idx] = np.maximum(state[idx] + np.where(error, design.up, -design.down), 0)
        done = idx[state[idx] >= design.limit]
        length[done] = t
        alive[done] = False
    length[alive] = cap
    return length


def describe(design: CusumDesign, per_month: float | None = None) -> list[Message]:
    """The design in plain words: false alarms, detection delay, what it cannot catch."""
    out = [
        message(
            "Bernoulli CUSUM designed to catch a fall in the rate of correct outcomes "
            "from {p0} % to {p1} %.",
            p0=round(design.p0 * 100, 1),
            p1=round(design.p1 * 100, 1),
        ),
        message(
            "False alarms: about one every {arl0} cases when nothing has changed "
            "(in-control average run length, computed exactly).",
            arl0=round(design.arl0),
        ),
        message(
            "Expected detection delay for that drop: about {arl1} cases.",
            arl1=round(design.arl1),
        ),
    ]
    half = design.p0 - (design.p0 - design.p1) / 2.0
    arl_half = design.arl(half)
    if per_month and per_month > 0:
        out.append(
            message(
                "At {n} cases a month: a false alarm about every {months0} months, and "
                "the drop is caught after about {months1} months.",
                n=round(per_month),
                months0=round(design.arl0 / per_month, 1),
                months1=round(design.arl1 / per_month, 1),
            )
        )
        out.append(
            message(
                "It cannot catch small drops quickly: a fall half as large (to {half} %) "
                "takes about {cases} cases, {months} months, to detect.",
                half=round(half * 100, 1),
                cases=round(arl_half),
                months=round(arl_half / per_month, 1),
            )
        )
    else:
        out.append(
            message(
                "It cannot catch small drops quickly: a fall half as large (to {half} %) "
                "takes about {cases} cases to detect.",
                half=round(half * 100, 1),
                cases=round(arl_half),
            )
        )
    return out


def cusum_chart(
    outcomes: Sequence[int] | npt.NDArray[np.integer],
    target: float,
    shift: float,
    arl0: float = 1000.0,
    per_month: float | None = None,
) -> ChartResult:
    """The CUSUM as a chart: one point per case, the statistic against the limit."""
    design = design_cusum(target, shift, arl0)
    run = run_cusum(outcomes, design)
    signals = set(run.signals)
    points = [
        ChartPoint(str(i), value, 0.0, run.limit, i in signals, 0.0)
        for i, value in enumerate(run.statistic)
    ]
    return ChartResult("cusum", points, design.arl0, design.arl1, describe(design, per_month))
