"""Benefits realised: a KPI's measured values against the business case's range.

The business case (``vejviser.value``) stores for each KPI the value it expects and the
range its simulation allows (P5–P95 of the hours freed a year, or the assumption's own
range). A realised value outside that range is flagged: the promise is not being kept
(below) or the case was too cautious (above).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vejviser.kernel.i18n import Message, message


@dataclass(frozen=True)
class BenefitPoint:
    period: str
    realised: float
    expected: float
    low: float
    high: float

    @property
    def below(self) -> bool:
        return math.isfinite(self.low) and self.realised < self.low

    @property
    def above(self) -> bool:
        return math.isfinite(self.high) and self.realised > self.high

    @property
    def flagged(self) -> bool:
        return self.below or self.above

    def words(self, name: str) -> Message:
        params = {
            "name": name,
            "period": self.period,
            "value": round(self.realised, 1),
            "low": round(self.low, 1),
            "high": round(self.high, 1),
        }
        if self.below:
            return message(
                "{name} in {period}: {value}, below the business case's range ({low} to {high}).",
                **params,
            )
        if self.above:
            return message(
                "{name} in {period}: {value}, above the business case's range ({low} to {high}).",
                **params,
            )
        return message(
            "{name} in {period}: {value}, within the business case's range ({low} to {high}).",
            **params,
        )


def track(
    periods: list[str],
    realised: list[float],
    expected: float,
    low: float | None,
    high: float | None,
    per_period: float = 1.0,
) -> list[BenefitPoint]:
    """Each period's realised value against the range; ``per_period`` scales a yearly
    range to the period (1/12 for months)."""
    lo = low * per_period if low is not None else -math.inf
    hi = high * per_period if high is not None else math.inf
    return [
        BenefitPoint(p, float(v), expected * per_period, lo, hi)
        for p, v in zip(periods, realised, strict=True)
    ]
