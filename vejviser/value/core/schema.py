"""The schema of a business case (pure: no Django import).

A case is a set of named **inputs** (each a number or an uncertainty range, with a unit)
and the **lines** of the model that use them: volumes with growth, staff groups with a
cost per hour, time savings, costs, countable quality gains. Lines refer to inputs by
id, so one assumption is written once and can be varied (tornado, scenarios).

Years: year 0 is the start (one-off costs), years 1..``horizon_years`` are operation.
See ``docs/value.md`` for the formulas.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from vejviser.value.core.defaults import DISCOUNT_RATE_PERCENT, HOURS_PER_FTE

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=1, max_length=80)]
Finite = Annotated[float, Field(allow_inf_nan=False)]

Unit = Literal[
    "DKK",
    "DKK/year",
    "DKK/hour",
    "DKK/case",
    "hours",
    "minutes",
    "count",
    "count/year",
    "percent",
    "percent/year",
]

#: The values a quantity in each unit can take. Volumes, times and money cannot be
#: negative; a share is 0–100 %; a growth rate can be negative down to −100 %/year.
UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "percent/year": (-100.0, math.inf),
}
DEFAULT_BOUNDS = (0.0, math.inf)

Origin = Literal["seed", "ours", "vendor", "local"]
CostKind = Literal[
    "licence",
    "subscription",
    "implementation",
    "it-operation",
    "training",
    "validation",
    "monitoring",
    "other",
]
Stage = Literal["expected", "adjusted", "revised", "actual"]

MAX_HORIZON = 35  # the 3.5 % rate holds for years 0–35 (see defaults.DISCOUNT_RATE_SOURCE)


def unit_bounds(unit: str) -> tuple[float, float]:
    return UNIT_BOUNDS.get(unit, DEFAULT_BOUNDS)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Text(_Strict):
    """A text in Danish and English (same shape as the journey content's ``Text``)."""

    da: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class SourceRef(_Strict):
    """A source document id and the section within it (as in the journey content)."""

    doc: Slug
    section: str = Field(min_length=1, max_length=200)


# --- uncertainty ranges -------------------------------------------------------------


class Triangular(_Strict):
    dist: Literal["triangular"]
    low: Finite
    mode: Finite
    high: Finite


class Pert(_Strict):
    """Beta-PERT with the usual weight 4 on the mode: mean = (low + 4·mode + high) / 6."""

    dist: Literal["pert"]
    low: Finite
    mode: Finite
    high: Finite


class Uniform(_Strict):
    dist: Literal["uniform"]
    low: Finite
    high: Finite


class Normal(_Strict):
    """Normal; samples are clipped to what the unit allows (e.g. no negative hours)."""

    dist: Literal["normal"]
    mean: Finite
    sd: Finite


Range = Annotated[Triangular | Pert | Uniform | Normal, Field(discriminator="dist")]


def _bound_error(field: str, value: float, unit: str) -> PydanticCustomError | None:
    lo, hi = unit_bounds(unit)
    if value < lo:
        return PydanticCustomError(
            "value_below_bound",
            "{field} ({value}) must not be below {bound} {unit}",
            {"field": field, "value": value, "bound": lo, "unit": unit},
        )
    if value > hi:
        return PydanticCustomError(
            "value_above_bound",
            "{field} ({value}) must not be above {bound} {unit}",
            {"field": field, "value": value, "bound": hi, "unit": unit},
        )
    return None


class Input(_Strict):
    """One assumption: a fixed ``value``, an uncertainty ``range``, or both.

    With both, ``value`` is the deterministic figure (e.g. the seed's conservative
    2.5 hours) and ``range`` drives the simulation and the tornado. With only a range,
    the deterministic figure is its centre (mode, mean, or midpoint).
    """

    label: Text
    help: Text | None = None
    unit: Unit
    value: Finite | None = None
    range: Range | None = None
    origin: Origin
    sources: list[SourceRef] = Field(default_factory=list)
    note: Text | None = None
    kpi: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Input:
        rng = self.range
        if self.value is None and rng is None:
            raise PydanticCustomError("value_no_value", "give a value or a range")
        # What the unit allows first: a negative volume is reported as negative, not as
        # lying outside its range.
        checks: list[tuple[str, float]] = []
        if self.value is not None:
            checks.append(("value", self.value))
        if isinstance(rng, Normal):
            checks.append(("mean", rng.mean))
        elif rng is not None:
            checks += [("low", rng.low), ("high", rng.high)]
            if isinstance(rng, Triangular | Pert):
                checks.append(("mode", rng.mode))
        for field, value in checks:
            error = _bound_error(field, value, self.unit)
            if error is not None:
                raise error
        if isinstance(rng, Normal):
            if rng.sd <= 0:
                raise PydanticCustomError("value_sd_not_positive", "sd must be above 0")
        elif rng is not None:
            if rng.low > rng.high:
                raise PydanticCustomError(
                    "value_low_above_high",
                    "low ({low}) is above high ({high})",
                    {"low": rng.low, "high": rng.high},
                )
            if isinstance(rng, Triangular | Pert) and not rng.low <= rng.mode <= rng.high:
                raise PydanticCustomError(
                    "value_mode_outside",
                    "mode ({mode}) lies outside low–high ({low}–{high})",
                    {"mode": rng.mode, "low": rng.low, "high": rng.high},
                )
            if self.value is not None and not rng.low <= self.value <= rng.high:
                raise PydanticCustomError(
                    "value_outside_range",
                    "value ({value}) lies outside low–high ({low}–{high})",
                    {"value": self.value, "low": rng.low, "high": rng.high},
                )
        return self


class InputOverride(_Strict):
    """A scenario's replacement of an input's value specification (value and range)."""

    value: Finite | None = None
    range: Range | None = None


# --- the lines of the model -----------------------------------------------------------


class Volume(_Strict):
    """Cases a year (patients, examinations, consultations) and their yearly growth."""

    label: Text
    count: Slug  # input, count/year
    growth: Slug | None = None  # input, percent/year


class StaffGroup(_Strict):
    label: Text
    cost_per_hour: Slug  # input, DKK/hour


class TimeSaving(_Strict):
    """Hours freed a year = used volume × time per case × Π(fractions / 100)."""

    label: Text
    staff_group: Slug
    volume: Slug
    time_per_case: Slug  # input, hours or minutes
    fractions: list[Slug] = Field(default_factory=list)  # inputs, percent


class Cost(_Strict):
    label: Text
    kind: CostKind
    schedule: Literal["one-off", "yearly", "per-case"]
    amount: Slug  # input: DKK (one-off), DKK/year (yearly), DKK/case (per-case)
    year: int = Field(default=0, ge=0)  # one-off only
    from_year: int = Field(default=1, ge=0)  # yearly and per-case
    to_year: int | None = Field(default=None, ge=0)  # default: the horizon
    escalation: Slug | None = None  # input, percent/year (yearly only)
    volume: Slug | None = None  # per-case only


class QualityGain(_Strict):
    """A countable gain: events a year (or a rate per case of a volume), valued or not."""

    label: Text
    help: Text | None = None
    events: Slug  # input: count/year, or percent of a volume's cases
    volume: Slug | None = None
    value_each: Slug | None = None  # input, DKK
    cash: bool = False  # does it change a budget (True) or only free capacity?


class Scenario(_Strict):
    id: Slug
    label: Text
    overrides: dict[Slug, InputOverride] = Field(min_length=1)


class Tender(_Strict):
    """How the case turns into weighted award criteria (price / quality)."""

    price_weight_percent: Finite = Field(ge=0, le=100)
    quality_criteria: list[Slug] = Field(min_length=1)  # inputs a vendor's offer sets


class Case(_Strict):
    id: Slug
    version: int = Field(default=1, ge=1)
    stage: Stage = "expected"
    title: Text
    summary: Text
    sources: list[SourceRef] = Field(default_factory=list)
    horizon_years: int = Field(ge=1, le=MAX_HORIZON)
    discount_rate_percent: Finite = Field(default=DISCOUNT_RATE_PERCENT, ge=0, le=20)
    hours_per_fte: Finite = Field(default=HOURS_PER_FTE, gt=0)
    ramp_percent: list[Annotated[Finite, Field(ge=0, le=100)]] = Field(default_factory=list)
    inputs: dict[Slug, Input] = Field(min_length=1)
    volumes: dict[Slug, Volume] = Field(default_factory=dict)
    staff_groups: dict[Slug, StaffGroup] = Field(default_factory=dict)
    time_savings: dict[Slug, TimeSaving] = Field(default_factory=dict)
    costs: dict[Slug, Cost] = Field(default_factory=dict)
    quality_gains: dict[Slug, QualityGain] = Field(default_factory=dict)
    scenarios: list[Scenario] = Field(default_factory=list)
    tender: Tender | None = None

    @field_validator("ramp_percent")
    @classmethod
    def _ramp_fits(cls, value: list[float]) -> list[float]:
        if len(value) > MAX_HORIZON:
            raise PydanticCustomError("too_long", "too long", {"max_length": MAX_HORIZON})
        return value

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def with_overrides(self, overrides: dict[str, InputOverride]) -> Case:
        """A copy with some inputs' value and range replaced (validated on load)."""
        inputs = dict(self.inputs)
        for input_id, override in overrides.items():
            inputs[input_id] = inputs[input_id].model_copy(
                update={"value": override.value, "range": override.range}
            )
        return self.model_copy(update={"inputs": inputs, "scenarios": []})

    def with_values(self, values: dict[str, float]) -> Case:
        """A copy with some inputs fixed at a number (what-if, property tests)."""
        return self.with_overrides({k: InputOverride(value=v) for k, v in values.items()})
