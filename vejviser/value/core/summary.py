"""Everything a page shows about one version of a case, computed once (pure: no Django).

The web shell stores :func:`case_summary` with each saved version, so pages read the
figures instead of recomputing them; :func:`plot` redraws a chart from the stored case
and seed (the simulation is reproducible by seed, so the chart matches the figures).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np

from vejviser.kernel.i18n import Lang
from vejviser.value.core import export, plots
from vejviser.value.core.errors import CaseError, Problem
from vejviser.value.core.report import deterministic_report, simulation_report
from vejviser.value.core.schema import Case
from vejviser.value.core.simulate import (
    DEFAULT_ITERATIONS,
    deterministic,
    monte_carlo,
    scenarios,
    tornado,
)

PlotKind = Literal["histogram", "tornado", "cashflow"]
PLOT_KINDS: tuple[PlotKind, ...] = ("histogram", "tornado", "cashflow")


def full_use_year(case: Case) -> int:
    """The first operating year with the solution in full use (after the ramp-up)."""
    return min(len(case.ramp_percent) + 1, case.horizon_years)


def case_summary(
    case: Case, iterations: int = DEFAULT_ITERATIONS, seed: int | None = None
) -> dict[str, Any]:
    """Deterministic and simulated figures, tornado, scenarios, KPIs and award criteria.

    One simulation per scenario with the same seed (the base case's is the main one).
    """
    with np.errstate(over="ignore", invalid="ignore"):  # checked below, as a problem
        results = scenarios(case, iterations, seed)
        base = results[0]
        det, sim = base.deterministic, base.simulation
        assert sim is not None  # iterations ≥ 1
        bars = tornado(case)
        side_by_side = results if case.scenarios else None
        out: dict[str, Any] = {
            "full_use_year": full_use_year(case),
            "deterministic": deterministic_report(det, bars, side_by_side),
            "simulation": simulation_report(sim, det, bars, side_by_side),
        }
    if not _finite(out):
        raise CaseError([Problem((), "result_not_finite")])
    out["kpis"] = export.kpis(case, det, sim)
    out["criteria"] = export.award_criteria(case, det, bars)
    return out


def _finite(node: Any) -> bool:
    """Whether every number in a JSON-ready tree is finite (JSON has no NaN or infinity)."""
    if isinstance(node, float):
        return math.isfinite(node)
    if isinstance(node, dict):
        return all(_finite(v) for v in node.values())
    if isinstance(node, list):
        return all(_finite(v) for v in node)
    return True


def plot(case: Case, kind: PlotKind, seed: int, iterations: int, lang: Lang = "da") -> str:
    """One chart of a case as SVG, from the same draws as :func:`case_summary`."""
    det = deterministic(case)
    if kind == "tornado":
        return plots.tornado_chart(case, tornado(case), det.npv, lang)
    sim = monte_carlo(case, iterations, seed)
    if kind == "histogram":
        return plots.npv_histogram(sim, lang)
    return plots.cashflow_chart(det, sim, lang)
