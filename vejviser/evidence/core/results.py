"""Typed result objects shared by the evidence core, and their JSON form.

Every result is a frozen dataclass with ``to_dict()``; undefined numbers (NaN, ±inf)
become ``null`` in JSON, NumPy scalars become plain Python numbers.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (dict, list, str, int, float, bool, None)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    return value


class Result:
    """Mixin: ``to_dict()`` for a dataclass result."""

    def to_dict(self) -> dict[str, Any]:
        out = jsonable(self)
        assert isinstance(out, dict)
        return out


@dataclasses.dataclass(frozen=True)
class Estimate(Result):
    """A point estimate with a two-sided confidence interval."""

    estimate: float
    ci_low: float
    ci_high: float
    method: str

    @property
    def defined(self) -> bool:
        return math.isfinite(self.estimate)


@dataclasses.dataclass(frozen=True)
class Proportion(Estimate):
    """A proportion ``numerator / denominator`` with its confidence interval."""

    numerator: int = 0
    denominator: int = 0


NAN = float("nan")
