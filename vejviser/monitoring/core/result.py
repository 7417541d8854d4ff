"""What every chart returns: its points with limits, its run lengths and its design in words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from vejviser.kernel.i18n import Message


@dataclass(slots=True)
class ChartPoint:
    """One plotted point with its limits; ``signal`` when outside them."""

    period: str
    value: float
    lower: float
    upper: float
    signal: bool
    centre: float = math.nan

    @property
    def low_signal(self) -> bool:
        return self.signal and self.value < self.lower


@dataclass(frozen=True)
class ChartResult:
    """A chart over a series, its design (run lengths in periods) and its words."""

    chart: str
    points: list[ChartPoint]
    arl0: float  # in-control average run length (periods or cases)
    expected_delay: float  # ARL for the drop the plan cares about
    design: list[Message]

    @property
    def signals(self) -> list[int]:
        return [i for i, p in enumerate(self.points) if p.signal]

    @property
    def first_signal(self) -> int | None:
        found = self.signals
        return found[0] if found else None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (the CLI's and the API's form); non-finite numbers become null."""
        return {
            "chart": self.chart,
            "points": len(self.points),
            "first_signal": self.first_signal,
            "signals": self.signals,
            "limits": [
                {
                    "period": p.period,
                    "value": _plain(p.value),
                    "lower": _plain(p.lower),
                    "upper": _plain(p.upper),
                    "signal": p.signal,
                }
                for p in self.points
            ],
            "arl0": _plain(self.arl0),
            "expected_delay": _plain(self.expected_delay),
            "design": [m.text("en") for m in self.design],
        }


def _plain(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None
