"""Deterministic figures, Monte Carlo simulation, tornado and scenarios of a case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vejviser.value.core.distributions import base_value, ends, sample, stream
from vejviser.value.core.intervals import wilson
from vejviser.value.core.model import (
    Flows,
    cumulate,
    discount_factors,
    evaluate,
    npv,
    payback_years,
)
from vejviser.value.core.schema import Case

DEFAULT_ITERATIONS = 10_000
CHUNK = 16_384  # iterations per vectorised step: (years × CHUNK) floats stay in cache
QUANTILES = (5.0, 50.0, 95.0)


def base_params(case: Case) -> dict[str, float]:
    return {input_id: base_value(inp) for input_id, inp in case.inputs.items()}


@dataclass(frozen=True)
class Deterministic:
    """The case with every input at its deterministic figure."""

    case: Case
    flows: Flows  # n = 1

    def year_list(self, values: NDArray[np.floating]) -> list[float]:
        """A year-major flow of the single row as a list over years 0..H."""
        years = self.case.horizon_years + 1
        return [float(v) for v in np.broadcast_to(values, (years, 1))[:, 0]]

    @property
    def npv(self) -> float:
        return float(npv(self.flows.net, self.case.discount_rate_percent)[0])

    @property
    def npv_cash(self) -> float:
        return float(npv(self.flows.net_cash, self.case.discount_rate_percent)[0])

    @property
    def cumulative(self) -> list[float]:
        return self.year_list(np.cumsum(self.flows.net, axis=0))

    @property
    def payback_year(self) -> int | None:
        net = np.broadcast_to(self.flows.net, (self.case.horizon_years + 1, 1))
        year = int(payback_years(np.cumsum(net, axis=0))[0])
        return None if year < 0 else year

    @property
    def hours_total(self) -> float:
        return sum(self.year_list(self.flows.hours))

    @property
    def costs_total(self) -> float:
        return sum(self.year_list(self.flows.costs))

    @property
    def costs_present_value(self) -> float:
        return float(npv(self.flows.costs, self.case.discount_rate_percent)[0])

    @property
    def cost_per_hour_freed(self) -> float | None:
        """Undiscounted costs over the horizon / hours freed over the horizon."""
        hours = self.hours_total
        return self.costs_total / hours if hours > 0 else None


def deterministic(case: Case) -> Deterministic:
    return Deterministic(case, evaluate(case, base_params(case), 1, detail=True))


@dataclass(frozen=True)
class TornadoBar:
    input: str
    input_low: float
    input_high: float
    npv_low: float  # NPV with this input at its low end, the others at their figures
    npv_high: float

    @property
    def swing(self) -> float:
        return abs(self.npv_high - self.npv_low)


def tornado(case: Case) -> list[TornadoBar]:
    """One-way sensitivity of NPV to each uncertain input, largest swing first.

    All rows (two per input) are evaluated in one vectorised call.
    """
    varied = [(input_id, e) for input_id, inp in case.inputs.items() if (e := ends(inp))]
    if not varied:
        return []
    rows = 2 * len(varied)
    params: dict[str, NDArray[np.float64] | float] = {}
    base = base_params(case)
    for input_id, value in base.items():
        params[input_id] = np.full(rows, value)
    for i, (input_id, (low, high)) in enumerate(varied):
        column = params[input_id]
        assert isinstance(column, np.ndarray)
        column[2 * i], column[2 * i + 1] = low, high
    flows = evaluate(case, params, rows)
    values = np.broadcast_to(npv(flows.net, case.discount_rate_percent), (rows,))
    bars = [
        TornadoBar(input_id, low, high, float(values[2 * i]), float(values[2 * i + 1]))
        for i, (input_id, (low, high)) in enumerate(varied)
    ]
    return sorted(bars, key=lambda bar: (-bar.swing, bar.input))


@dataclass(frozen=True)
class Summary:
    mean: float
    p5: float
    p50: float
    p95: float

    @classmethod
    def of(cls, values: NDArray[np.floating]) -> Summary:
        p5, p50, p95 = np.percentile(values, QUANTILES)
        return cls(float(np.mean(values)), float(p5), float(p50), float(p95))

    def as_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "p5": self.p5, "p50": self.p50, "p95": self.p95}


@dataclass(frozen=True)
class Simulation:
    """Monte Carlo draws: per-iteration totals and per-year hours and cumulative flow."""

    case: Case
    iterations: int
    seed: int
    npv: NDArray[np.float64]  # (n,)
    npv_cash: NDArray[np.float64]  # (n,)
    hours_total: NDArray[np.float64]  # (n,)
    costs_total: NDArray[np.float64]  # (n,)
    payback: NDArray[np.int16]  # (n,), −1 = not within the horizon
    hours_year: NDArray[np.float32]  # (H + 1, n), year-major
    cumulative_year: NDArray[np.float32]  # (H + 1, n), year-major

    @property
    def prob_npv_positive(self) -> float:
        return float(np.mean(self.npv > 0))

    @property
    def prob_payback(self) -> float:
        return float(np.mean(self.payback >= 0))

    def prob_npv_positive_interval(self) -> tuple[float, float]:
        """95 % Wilson interval of P(NPV > 0): its Monte Carlo uncertainty."""
        return wilson(int(np.count_nonzero(self.npv > 0)), self.iterations)

    def prob_payback_interval(self) -> tuple[float, float]:
        """95 % Wilson interval of the probability of payback within the horizon."""
        return wilson(int(np.count_nonzero(self.payback >= 0)), self.iterations)

    def payback_quantiles(self) -> dict[str, int | None]:
        """P5/P50/P95 of the payback year; None where it is beyond the horizon."""
        years = np.where(self.payback < 0, self.case.horizon_years + 1, self.payback)
        out: dict[str, int | None] = {}
        for name, q in zip(("p5", "p50", "p95"), QUANTILES, strict=True):
            year = int(np.percentile(years, q, method="inverted_cdf"))
            out[name] = year if year <= self.case.horizon_years else None
        return out

    def cost_per_hour(self) -> Summary | None:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = self.costs_total / self.hours_total
        ratio = ratio[np.isfinite(ratio)]
        return Summary.of(ratio) if ratio.size else None

    def year_summaries(self, values: NDArray[np.floating]) -> list[Summary]:
        """Mean, P5, P50, P95 per year of a year-major array (years, n)."""
        means = values.mean(axis=1, dtype=np.float64)
        qs = np.percentile(values, QUANTILES, axis=1)
        return [
            Summary(float(means[t]), float(qs[0, t]), float(qs[1, t]), float(qs[2, t]))
            for t in range(values.shape[0])
        ]


def new_seed() -> int:
    """A fresh seed, reported with the result so the run can be repeated."""
    return int(np.random.SeedSequence().generate_state(1)[0])


def monte_carlo(
    case: Case,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """``iterations`` draws of every uncertain input, evaluated ``chunk`` rows at a time
    (``progress(done, iterations)`` after each chunk, for a background job).

    Reproducible: the same case, seed and iteration count give the same draws whatever
    the chunk size (each input has its own stream, see :mod:`distributions`).
    """
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    seed = new_seed() if seed is None else seed
    years = case.horizon_years + 1
    streams = {input_id: stream(seed, input_id) for input_id in case.inputs}
    out_npv = np.empty(iterations)
    out_cash = np.empty(iterations)
    out_hours = np.empty(iterations)
    out_costs = np.empty(iterations)
    out_payback = np.empty(iterations, dtype=np.int16)
    hours_year = np.empty((years, iterations), dtype=np.float32)
    cum_year = np.empty((years, iterations), dtype=np.float32)
    disc = discount_factors(case.discount_rate_percent, years)
    for start in range(0, iterations, chunk):
        n = min(chunk, iterations - start)
        stop = start + n
        params = {
            input_id: sample(inp, streams[input_id], n) for input_id, inp in case.inputs.items()
        }
        flows = evaluate(case, params, n)
        net = np.array(np.broadcast_to(flows.value_of_time - flows.costs, (years, n)))
        if case.quality_gains:
            net += flows.quality_value
        costs_pv = disc @ flows.costs
        out_npv[start:stop] = disc @ net
        out_cash[start:stop] = disc @ flows.cash_gains - costs_pv
        out_hours[start:stop] = flows.hours.sum(axis=0)
        out_costs[start:stop] = flows.costs.sum(axis=0)
        cumulative = cumulate(net)
        out_payback[start:stop] = payback_years(cumulative)
        hours_year[:, start:stop] = flows.hours
        cum_year[:, start:stop] = cumulative
        if progress is not None:
            progress(stop, iterations)
    return Simulation(
        case,
        iterations,
        seed,
        out_npv,
        out_cash,
        out_hours,
        out_costs,
        out_payback,
        hours_year,
        cum_year,
    )


@dataclass(frozen=True)
class ScenarioResult:
    id: str
    case: Case
    deterministic: Deterministic
    simulation: Simulation | None


def scenarios(
    case: Case, iterations: int | None = None, seed: int | None = None
) -> list[ScenarioResult]:
    """The base case and each scenario side by side (same seed: common random numbers)."""
    variants = [("base", case)] + [(s.id, case.with_overrides(s.overrides)) for s in case.scenarios]
    seed = new_seed() if seed is None and iterations else seed
    return [
        ScenarioResult(
            sid,
            variant,
            deterministic(variant),
            monte_carlo(variant, iterations, seed) if iterations else None,
        )
        for sid, variant in variants
    ]
