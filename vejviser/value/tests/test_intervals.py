"""Every interval the value core reports lies inside its range and contains its estimate.

- P(NPV > 0) and payback within the horizon: Wilson 95 % (checked against SciPy, by hand,
  and at the ends 0 and n, where a careless formula leaves 1e-17 or a negative bound);
- P5–P95 of the simulation: percentiles of the draws (ordered, within the draws);
- a KPI's or award criterion's low–high: contains its expected figure.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from vejviser.value.core import deterministic, export, monte_carlo, tornado
from vejviser.value.core.intervals import containing, wilson
from vejviser.value.core.report import simulation_report

from .factory import case_data, make_case, ranged


def test_wilson_by_hand():
    # 8 of 10: centre (0.8 + 1.96²/20) / (1 + 1.96²/10), half-width as in Wilson (1927)
    lo, hi = wilson(8, 10)
    assert (lo, hi) == pytest.approx((0.49016, 0.94331), abs=1e-5)


@pytest.mark.parametrize(("k", "n"), [(0, 1), (0, 199), (1, 199), (57, 100), (199, 199), (3, 7)])
def test_wilson_matches_scipy(k, n):
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert wilson(k, n) == pytest.approx((ci.low, ci.high), abs=1e-9)


def test_wilson_is_exact_at_the_ends():
    assert wilson(0, 199)[0] == 0.0
    assert wilson(199, 199)[1] == 1.0


@settings(max_examples=300, deadline=None)
@given(n=st.integers(1, 10**7), data=st.data())
def test_wilson_stays_in_0_1_and_contains_the_share(n, data):
    k = data.draw(st.integers(0, n))
    lo, hi = wilson(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


def test_containing_widens_only_as_needed():
    assert containing(5, 1, 10) == (1, 10)
    assert containing(12, 1, 10) == (1, 12)
    assert containing(-1, 1, 10) == (-1, 10)
    assert containing(3, None, None) == (None, None)


def _uncertain_case(hours_low, hours_mode, hours_high, licence_high, dist, value_at):
    rng: dict[str, Any] = {"dist": dist, "low": hours_low, "high": hours_high}
    if dist in ("triangular", "pert"):
        rng["mode"] = hours_mode
    data = case_data()
    spec = ranged("hours", rng)
    if value_at is not None:  # a "calculate with" figure, possibly at an end of the range
        spec["value"] = hours_low + value_at * (hours_high - hours_low)
    data["inputs"]["hours-saved"] = spec
    data["inputs"]["licence"] = ranged(
        "DKK/year", {"dist": "uniform", "low": 0.0, "high": licence_high}
    )
    data["inputs"]["licence"]["kpi"] = True
    data["inputs"]["hours-saved"]["kpi"] = True
    data["tender"] = {"price_weight_percent": 40, "quality_criteria": ["hours-saved"]}
    return make_case(**data)


def _check_tree(node: Any, where: str = "") -> int:
    """Check every P5/P50/P95 triple and every ``*_interval`` in a report; count them."""
    found = 0
    if isinstance(node, dict):
        if {"p5", "p50", "p95"} <= node.keys():
            values = [node[k] for k in ("p5", "p50", "p95")]
            if all(isinstance(v, float) for v in values):
                assert values == sorted(values), where
                if "mean" in node:
                    assert math.isfinite(node["mean"]), where
            found += 1
        for key, value in node.items():
            if key.endswith("_interval"):
                estimate = node[key.removesuffix("_interval")]
                lo, hi = value
                assert 0.0 <= lo <= estimate <= hi <= 1.0, (where, key, value, estimate)
                found += 1
            found += _check_tree(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _check_tree(item, f"{where}[{i}]")
    return found


@settings(max_examples=40, deadline=None)
@given(
    low=st.floats(0, 5),
    width=st.floats(0.01, 5),
    mode_at=st.floats(0, 1),
    licence_high=st.floats(0, 1e6),
    dist=st.sampled_from(["triangular", "pert", "uniform"]),
    value_at=st.none() | st.sampled_from([0.0, 0.5, 1.0]),
    iterations=st.integers(1, 400),
    seed=st.integers(0, 2**32),
)
def test_every_reported_interval_contains_its_estimate_and_stays_in_range(
    low, width, mode_at, licence_high, dist, value_at, iterations, seed
):
    case = _uncertain_case(low, low + mode_at * width, low + width, licence_high, dist, value_at)
    sim = monte_carlo(case, iterations, seed)
    det = deterministic(case)
    bars = tornado(case)
    report = simulation_report(sim, det, bars)
    assert _check_tree(report) >= 4
    # hours freed cannot be negative: neither can their percentiles
    assert report["hours_freed_total"]["p5"] >= 0
    assert min(sim.npv) <= report["npv"]["p5"] and report["npv"]["p95"] <= max(sim.npv)
    years = [report["payback_year"][k] for k in ("p5", "p50", "p95")]
    beyond = case.horizon_years + 1
    assert [beyond if y is None else y for y in years] == sorted(
        beyond if y is None else y for y in years
    )
    for kpi in export.kpis(case, det, sim):
        if kpi["low"] is not None:
            assert kpi["low"] <= kpi["expected"] <= kpi["high"], kpi["id"]
    criteria = export.award_criteria(case, det, bars)
    assert criteria is not None
    for item in criteria["criteria"]:
        if item.get("low") is not None:
            assert item["low"] <= item["expected"] <= item["high"], item["id"]
