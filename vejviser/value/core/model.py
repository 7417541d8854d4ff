"""The business-case model: inputs → per-year flows, vectorised over iterations.

One function, :func:`evaluate`, serves the deterministic case (one row), the tornado
(one row per input end) and the Monte Carlo chunks (thousands of rows). With ``t`` the
year (0 = start, 1..H = operation), ``ramp_t`` the share in use (0 in year 0) and
``V_v`` a volume's cases a year growing at ``g_v`` %:

- used volume         ``U_v,t = V_v · (1 + g_v/100)^(t−1) · ramp_t``
- hours freed         ``h_t = Σ_lines U_v(l),t · time_l [h] · Π fractions_l / 100``
- value of time       ``Σ_lines (hours of the line) · cost per hour of its staff group``
- quality events      ``U_v,t · rate/100`` or ``events a year · ramp_t``; value × DKK each
- costs               one-off in its year; yearly ``A · (1 + e/100)^(t − from)``;
                      per case ``A · U_v,t``; within ``from..to`` years
- net                 ``value of time + quality value − costs``
- NPV                 ``Σ_t net_t / (1 + r)^t``
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from vejviser.value.core.schema import Case

FloatArray = NDArray[np.float64]
Params = Mapping[str, FloatArray | float]


@dataclass
class Flows:
    """Per-year flows, **year-major**: shape (H + 1, n), or (H + 1, 1) where a flow is
    the same in every row (it broadcasts). Rows of the result are years 0..H."""

    hours: FloatArray
    value_of_time: FloatArray
    quality_value: FloatArray
    cash_gains: FloatArray
    costs: FloatArray
    hours_by_group: dict[str, FloatArray] = field(default_factory=dict)
    costs_by_kind: dict[str, FloatArray] = field(default_factory=dict)
    quality_events: dict[str, FloatArray] = field(default_factory=dict)

    @property
    def net(self) -> FloatArray:
        return self.value_of_time + self.quality_value - self.costs

    @property
    def net_cash(self) -> FloatArray:
        return self.cash_gains - self.costs


def usage_ramp(case: Case) -> FloatArray:
    """Share of the volume in use per year: 0 in year 0, then ``ramp_percent``, then 1."""
    ramp = np.ones(case.horizon_years + 1)
    ramp[0] = 0.0
    for i, pct in enumerate(case.ramp_percent):
        ramp[i + 1] = pct / 100
    return ramp


def discount_factors(rate_percent: float, years: int) -> FloatArray:
    """``(1 + r)^−t`` for t = 0..years − 1."""
    return np.asarray((1 + rate_percent / 100) ** -np.arange(years), dtype=np.float64)


def npv(net: FloatArray, rate_percent: float) -> FloatArray:
    """Net present value of year-major flows (years on the first axis)."""
    disc = discount_factors(rate_percent, net.shape[0])
    return np.asarray(disc @ net, dtype=np.float64)


def payback_years(cumulative: NDArray[np.floating]) -> NDArray[np.int16]:
    """First year from which the cumulative net flow stays ≥ 0; −1 if none in the horizon.

    ``cumulative`` is year-major (years, n): the year after the last year below zero.
    """
    years = cumulative.shape[0]
    first = np.zeros(cumulative.shape[1:], dtype=np.int16)
    for t in range(years):
        first[cumulative[t] < 0] = t + 1
    first[first == years] = -1
    return first


def cumulate(flows: FloatArray) -> FloatArray:
    """Cumulative sum over years, in place (faster than ``np.cumsum`` on axis 0)."""
    for t in range(1, flows.shape[0]):
        flows[t] += flows[t - 1]
    return flows


def _get(params: Params, ref: str) -> FloatArray:
    """An input's row of draws (n,), or a 0-d array for a fixed input."""
    return np.asarray(params[ref], dtype=np.float64)


def _powers(base: FloatArray, exponents: NDArray[np.integer]) -> FloatArray:
    """``base^exponents`` year-major: (years, n) for draws, (years, 1) for a scalar."""
    if base.ndim == 0:
        return np.asarray(base ** exponents[:, None], dtype=np.float64)
    out = np.empty((exponents.shape[0], base.shape[0]))
    cache: dict[int, FloatArray] = {}
    for t, k in enumerate(exponents.tolist()):
        if k == 0:
            out[t] = 1.0
        elif k - 1 in cache:
            np.multiply(cache[k - 1], base, out=out[t])
        else:
            np.power(base, k, out=out[t])
        cache[k] = out[t]
    return out


def _window(years: int, start: int, stop: int | None) -> FloatArray:
    mask = np.zeros((years, 1))
    mask[start : (years if stop is None else stop + 1)] = 1.0
    return mask


def evaluate(case: Case, params: Params, n: int, detail: bool = False) -> Flows:
    """Year-major flows for ``n`` rows of inputs (each input a scalar or shape (n,))."""
    years = case.horizon_years + 1
    ramp = usage_ramp(case)[:, None]
    elapsed = np.maximum(np.arange(years) - 1, 0)
    used: dict[str, FloatArray] = {}
    for vid, vol in case.volumes.items():
        used[vid] = _get(params, vol.count) * ramp  # cheap while the count is fixed
        if vol.growth is not None:
            used[vid] = _powers(1 + _get(params, vol.growth) / 100, elapsed) * used[vid]

    zero = np.zeros((years, 1))
    hour_coef: dict[str, FloatArray] = {}
    value_coef: dict[str, FloatArray] = {}
    by_group: dict[str, FloatArray] = {}
    for line in case.time_savings.values():
        per_case = _get(params, line.time_per_case)
        if case.inputs[line.time_per_case].unit == "minutes":
            per_case = per_case / 60
        for frac in line.fractions:
            per_case = per_case * (_get(params, frac) / 100)
        rate = _get(params, case.staff_groups[line.staff_group].cost_per_hour)
        hour_coef[line.volume] = hour_coef.get(line.volume, 0.0) + per_case
        value_coef[line.volume] = value_coef.get(line.volume, 0.0) + per_case * rate
        if detail:
            group = line.staff_group
            by_group[group] = by_group.get(group, zero) + used[line.volume] * per_case
    hours: FloatArray | None = None
    value: FloatArray | None = None
    for vid, coef in hour_coef.items():
        hours = _add(hours, used[vid] * coef)
        value = _add(value, used[vid] * value_coef[vid])

    quality: FloatArray | None = None
    cash: FloatArray | None = None
    events: dict[str, FloatArray] = {}
    for qid, gain in case.quality_gains.items():
        if gain.volume is not None:
            count = used[gain.volume] * (_get(params, gain.events) / 100)
        else:
            count = _get(params, gain.events) * ramp
        if detail:
            events[qid] = count
        if gain.value_each is not None:
            worth = count * _get(params, gain.value_each)
            if gain.cash:
                cash = _add(cash, worth.copy())
            quality = _add(quality, worth)

    costs, by_kind = _costs(case, params, used, years, detail)
    return Flows(
        hours if hours is not None else zero,
        value if value is not None else zero,
        quality if quality is not None else zero,
        cash if cash is not None else zero,
        costs,
        by_group,
        by_kind,
        events,
    )


def _add(total: FloatArray | None, term: FloatArray) -> FloatArray:
    """``total + term``, in place when shapes allow, skipping the first addition."""
    if total is None:
        return term
    if total.shape == np.broadcast_shapes(total.shape, term.shape):
        total += term
        return total
    return total + term


def _costs(
    case: Case, params: Params, used: dict[str, FloatArray], years: int, detail: bool
) -> tuple[FloatArray, dict[str, FloatArray]]:
    """Costs per year; plain yearly costs over the same years are summed before they
    are spread over the years (one (years, n) product instead of one per cost)."""
    one_off: dict[int, FloatArray] = {}
    plain: dict[tuple[int, int | None], FloatArray] = {}
    spread: list[FloatArray] = []
    by_kind: dict[str, FloatArray] = {}
    for cost in case.costs.values():
        amount = _get(params, cost.amount)
        if cost.schedule == "one-off":
            one_off[cost.year] = one_off.get(cost.year, 0.0) + amount
            line = _window(years, cost.year, cost.year) * amount if detail else None
        elif cost.schedule == "yearly" and cost.escalation is None and not detail:
            key = (cost.from_year, cost.to_year)
            plain[key] = plain.get(key, 0.0) + amount
            line = None
        else:
            window = _window(years, cost.from_year, cost.to_year)
            if cost.volume is not None and cost.schedule == "per-case":
                window = window * used[cost.volume]
            if cost.escalation is not None:
                steps = np.maximum(np.arange(years) - cost.from_year, 0)
                window = window * _powers(1 + _get(params, cost.escalation) / 100, steps)
            line = window * amount
            spread.append(line)
        if line is not None:
            by_kind[cost.kind] = by_kind.get(cost.kind, 0.0) + line
    total: FloatArray = np.zeros((years, 1))
    for (start, stop), amount in plain.items():
        total = _add(total, _window(years, start, stop) * amount)
    for line in spread:
        total = _add(total, line)
    if one_off:
        width = max([total.shape[1]] + [np.size(a) for a in one_off.values()])
        total = np.array(np.broadcast_to(total, (years, width)))
        for year, amount in one_off.items():
            total[year] += amount
    return total, by_kind
