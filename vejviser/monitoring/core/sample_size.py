"""How many audited cases a month a metric needs, and what they buy.

Two views, both stated:

- **CUSUM on the cases**: with ``n`` cases a month and a chart designed for a false
  alarm about every ``arl0_months`` months (ARL0 = ``arl0_months·n`` cases), the drop is
  caught after ``ARL1 / n`` months on average (:mod:`.cusum`, exact).
- **One month on its own**: the power of an exact one-sided binomial test at level
  ``alpha`` to see the drop in a single month's ``n`` cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from vejviser.kernel.i18n import Message, message

from .cusum import check_rate, design_cusum
from .errors import MonitoringInputError

#: The monthly volumes tried when searching for the smallest that is enough.
CANDIDATES = (5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300, 400, 600, 800, 1000)


@lru_cache(maxsize=4096)
def binomial_power(p0: float, p1: float, n: int, alpha: float = 0.05) -> float:
    """Power of the exact one-sided test of ``p = p0`` against ``p < p0`` with ``n``
    cases at level ``alpha``, when the true rate is ``p1``."""
    from scipy import stats  # scipy.stats (≈ 1 s) loads when a power is computed

    # Reject when X ≤ c, with c the largest count whose P(X ≤ c | p0) ≤ alpha.
    c = int(stats.binom.ppf(alpha, n, p0))
    while c >= 0 and stats.binom.cdf(c, n, p0) > alpha:
        c -= 1
    return float(stats.binom.cdf(c, n, p1)) if c >= 0 else 0.0


@dataclass(frozen=True)
class MonthlyPlan:
    """What ``n`` audited cases a month give for one metric."""

    n: int
    p0: float
    p1: float
    arl0_months: float
    months_to_false_alarm: float  # exact, for the chart designed at this n
    months_to_detect: float  # expected detection delay of the CUSUM, in months
    power_one_month: float  # one month's exact binomial test at alpha
    alpha: float

    def words(self) -> list[Message]:
        return [
            message(
                "With {n} audited cases a month, a CUSUM with a false alarm about every "
                "{false} months catches a fall from {p0} % to {p1} % after about {months} "
                "months on average.",
                n=self.n,
                false=round(self.months_to_false_alarm, 1),
                p0=round(self.p0 * 100, 1),
                p1=round(self.p1 * 100, 1),
                months=round(self.months_to_detect, 1),
            ),
            message(
                "One month on its own (exact binomial test at {alpha} %) sees that fall "
                "with a power of {power} %.",
                alpha=round(self.alpha * 100, 1),
                power=round(self.power_one_month * 100),
            ),
        ]


def monthly_plan(
    p0: float, shift: float, n: int, arl0_months: float = 24.0, alpha: float = 0.05
) -> MonthlyPlan:
    check_rate(p0)
    if n < 1:
        raise MonitoringInputError(message("The number of cases a month must be at least 1."))
    design = design_cusum(p0, shift, max(2.0, arl0_months * n))
    return MonthlyPlan(
        n,
        p0,
        p0 - shift,
        arl0_months,
        design.arl0 / n,
        design.arl1 / n,
        binomial_power(p0, p0 - shift, n, alpha),
        alpha,
    )


def cases_needed(
    p0: float, shift: float, within_months: float, arl0_months: float = 24.0
) -> MonthlyPlan | None:
    """The smallest monthly volume (of :data:`CANDIDATES`) whose CUSUM catches the drop
    within ``within_months`` on average, or ``None`` if even the largest does not."""
    if not (math.isfinite(within_months) and within_months > 0):
        raise MonitoringInputError(message("The time to detect must be above 0 months."))
    for n in CANDIDATES:
        plan = monthly_plan(p0, shift, n, arl0_months)
        if plan.months_to_detect <= within_months:
            return plan
    return None
