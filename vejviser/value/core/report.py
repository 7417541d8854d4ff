"""Results as plain JSON-ready dicts (the CLI's ``--format json`` and, later, the API)."""

from __future__ import annotations

from typing import Any

from vejviser.kernel.i18n import message
from vejviser.value.core.schema import Case
from vejviser.value.core.simulate import (
    Deterministic,
    ScenarioResult,
    Simulation,
    Summary,
    TornadoBar,
)


def _header(case: Case, mode: str) -> dict[str, Any]:
    return {
        "case": case.id,
        "version": case.version,
        "stage": case.stage,
        "mode": mode,
        "horizon_years": case.horizon_years,
        "discount_rate_percent": case.discount_rate_percent,
        "hours_per_fte": case.hours_per_fte,
        "years": list(range(case.horizon_years + 1)),
    }


def tornado_report(bars: list[TornadoBar]) -> list[dict[str, Any]]:
    """``low``/``high`` are the NPVs with the input at its low/high end."""
    return [
        {
            "input": bar.input,
            "low": bar.npv_low,
            "high": bar.npv_high,
            "input_low": bar.input_low,
            "input_high": bar.input_high,
            "swing": bar.swing,
        }
        for bar in bars
    ]


def deterministic_report(
    det: Deterministic,
    bars: list[TornadoBar],
    scenarios: list[ScenarioResult] | None = None,
) -> dict[str, Any]:
    case, flows = det.case, det.flows
    hours = det.year_list(flows.hours)
    out = _header(case, "deterministic")
    out.update(
        {
            "hours_freed_per_year": hours,
            "fte_per_year": [h / case.hours_per_fte for h in hours],
            "hours_freed_total": det.hours_total,
            "hours_by_staff_group": {k: det.year_list(v) for k, v in flows.hours_by_group.items()},
            "value_of_time_per_year": det.year_list(flows.value_of_time),
            "quality_value_per_year": det.year_list(flows.quality_value),
            "quality_events_per_year": {
                k: det.year_list(v) for k, v in flows.quality_events.items()
            },
            "costs_per_year": det.year_list(flows.costs),
            "costs_by_kind": {k: det.year_list(v) for k, v in flows.costs_by_kind.items()},
            "costs_total": det.costs_total,
            "net_per_year": det.year_list(flows.net),
            "cumulative_per_year": det.cumulative,
            "npv": det.npv,
            "npv_cash": det.npv_cash,
            "payback_year": det.payback_year,
            "cost_per_hour_freed": det.cost_per_hour_freed,
            "tornado": tornado_report(bars),
        }
    )
    if scenarios:
        out["scenarios"] = [
            {
                "id": s.id,
                "label": _scenario_label(case, s.id),
                "npv": s.deterministic.npv,
                "hours_freed_total": s.deterministic.hours_total,
                "payback_year": s.deterministic.payback_year,
                "cost_per_hour_freed": s.deterministic.cost_per_hour_freed,
            }
            for s in scenarios
        ]
    return out


def simulation_report(
    sim: Simulation,
    det: Deterministic,
    bars: list[TornadoBar],
    scenarios: list[ScenarioResult] | None = None,
) -> dict[str, Any]:
    case = sim.case
    per_year = sim.year_summaries(sim.hours_year)
    cost_per_hour = sim.cost_per_hour()
    out = _header(case, "simulate")
    out.update(
        {
            "iterations": sim.iterations,
            "seed": sim.seed,
            "hours_freed_per_year": [s.mean for s in per_year],
            "hours_freed_per_year_summary": [s.as_dict() for s in per_year],
            "fte_per_year": [s.mean / case.hours_per_fte for s in per_year],
            "hours_freed_total": Summary.of(sim.hours_total).as_dict(),
            "npv": Summary.of(sim.npv).as_dict(),
            "npv_cash": Summary.of(sim.npv_cash).as_dict(),
            "prob_npv_positive": sim.prob_npv_positive,
            "prob_npv_positive_interval": list(sim.prob_npv_positive_interval()),
            "payback_year": sim.payback_quantiles(),
            "prob_payback_within_horizon": sim.prob_payback,
            "prob_payback_within_horizon_interval": list(sim.prob_payback_interval()),
            "cost_per_hour_freed": cost_per_hour.as_dict() if cost_per_hour else None,
            "cumulative_per_year": [s.as_dict() for s in sim.year_summaries(sim.cumulative_year)],
            "deterministic": {
                "npv": det.npv,
                "hours_freed_per_year": det.year_list(det.flows.hours),
                "payback_year": det.payback_year,
            },
            "tornado": tornado_report(bars),
        }
    )
    if scenarios:
        rows = []
        for s in scenarios:
            row: dict[str, Any] = {
                "id": s.id,
                "label": _scenario_label(case, s.id),
                "deterministic_npv": s.deterministic.npv,
            }
            if s.simulation is not None:
                row["npv"] = Summary.of(s.simulation.npv).as_dict()
                row["prob_npv_positive"] = s.simulation.prob_npv_positive
                row["prob_npv_positive_interval"] = list(s.simulation.prob_npv_positive_interval())
                row["hours_freed_total"] = Summary.of(s.simulation.hours_total).as_dict()
            rows.append(row)
        out["scenarios"] = rows
    return out


def _scenario_label(case: Case, scenario_id: str) -> dict[str, str]:
    scenario = case.scenario(scenario_id)
    if scenario is None:  # the base case
        return message("Base").texts()
    return {"da": scenario.label.da, "en": scenario.label.en}
