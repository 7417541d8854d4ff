"""The deterministic model against hand calculations."""

from __future__ import annotations

import numpy as np
import pytest

from vejviser.value.core import deterministic, load_case
from vejviser.value.core.model import npv

from .factory import CASES_DIR, case_data, fixed, make_case, text


def test_npv_of_a_known_cash_flow():
    # −1,000 now, +300 a year for 5 years at 3.5 %: annuity factor (1 − 1.035^−5) / 0.035
    annuity = (1 - 1.035**-5) / 0.035
    flows = [[-1000.0], [300.0], [300.0], [300.0], [300.0], [300.0]]
    assert npv(np.array(flows), 3.5)[0] == pytest.approx(-1000 + 300 * annuity, rel=1e-12)
    assert npv(np.array(flows), 0.0)[0] == pytest.approx(500.0)


def test_contouring_reproduces_the_seeds_2125_hours():
    det = deterministic(load_case(CASES_DIR / "contouring.yaml"))
    hours = det.year_list(det.flows.hours)
    assert hours[0] == 0.0
    assert hours[1:] == [2125.0] * det.case.horizon_years  # 850 patients × 2.5 h, exactly
    assert det.year_list(det.flows.hours)[1] / det.case.hours_per_fte == pytest.approx(2125 / 1924)


def test_small_case_by_hand():
    det = deterministic(make_case())
    # 100 × 2 h = 200 h a year, × 500 DKK = 100,000 DKK; costs 1,000 in year 0, 50 a year
    assert det.year_list(det.flows.hours) == [0, 200, 200, 200, 200, 200]
    assert det.year_list(det.flows.costs) == [1000, 50, 50, 50, 50, 50]
    net = [-1000] + [100_000 - 50] * 5
    expected = sum(v / 1.035**t for t, v in enumerate(net))
    assert det.npv == pytest.approx(expected, rel=1e-12)
    assert det.npv_cash == pytest.approx(-1000 - 50 * (1 - 1.035**-5) / 0.035, rel=1e-12)
    assert det.payback_year == 1
    assert det.cost_per_hour_freed == pytest.approx(1250 / 1000)
    assert det.hours_total == 1000


def test_minutes_growth_fractions_and_ramp():
    data = case_data(ramp_percent=[50])
    data["inputs"]["hours-saved"] = fixed("minutes", 30)
    data["inputs"]["share"] = fixed("percent", 40)
    data["inputs"]["growth"] = fixed("percent/year", 10)
    data["volumes"]["patients"]["growth"] = "growth"
    data["time_savings"]["saving"]["fractions"] = ["share"]
    det = deterministic(make_case(**data))
    base = 100 * 0.5 * 0.4  # 20 hours in year 1 at full use
    expected = [0, base * 0.5] + [base * 1.1 ** (t - 1) for t in range(2, 6)]
    assert det.year_list(det.flows.hours) == pytest.approx(expected, rel=1e-12)


def test_cost_schedules():
    data = case_data(horizon_years=4)
    data["inputs"].update(
        {
            "per-case": fixed("DKK/case", 3),
            "escalation": fixed("percent/year", 10),
            "late": fixed("DKK", 70),
        }
    )
    data["costs"].update(
        {
            "per-case": {
                "label": text("x"),
                "kind": "licence",
                "schedule": "per-case",
                "amount": "per-case",
                "volume": "patients",
                "from_year": 2,
            },
            "licence": {
                "label": text("x"),
                "kind": "licence",
                "schedule": "yearly",
                "amount": "licence",
                "escalation": "escalation",
                "to_year": 3,
            },
            "late": {
                "label": text("x"),
                "kind": "training",
                "schedule": "one-off",
                "amount": "late",
                "year": 2,
            },
        }
    )
    det = deterministic(make_case(**data))
    assert det.year_list(det.flows.costs) == pytest.approx(
        [1000, 50, 55 + 300 + 70, 60.5 + 300, 300]
    )
    by_kind = {k: det.year_list(v) for k, v in det.flows.costs_by_kind.items()}
    assert by_kind["training"] == [0, 0, 70, 0, 0]
    assert sum(sum(v) for v in by_kind.values()) == pytest.approx(det.costs_total)


def test_quality_gains_by_rate_and_by_count():
    data = case_data()
    data["inputs"].update(
        {
            "replans": fixed("percent", 10),
            "replan-cost": fixed("DKK", 2000),
            "incidents": fixed("count/year", 3),
        }
    )
    data["quality_gains"] = {
        "replans": {
            "label": text("x"),
            "events": "replans",
            "volume": "patients",
            "value_each": "replan-cost",
            "cash": True,
        },
        "incidents": {"label": text("x"), "events": "incidents"},
    }
    det = deterministic(make_case(**data))
    assert det.year_list(det.flows.quality_events["replans"])[1] == pytest.approx(10)
    assert det.year_list(det.flows.quality_events["incidents"]) == [0, 3, 3, 3, 3, 3]
    assert det.year_list(det.flows.quality_value)[1] == pytest.approx(20_000)
    assert det.year_list(det.flows.cash_gains)[1] == pytest.approx(20_000)


def test_payback_never_and_later():
    data = case_data()
    data["inputs"]["setup"] = fixed("DKK", 250_000)
    det = deterministic(make_case(**data))
    assert det.payback_year == 3  # cumulative: −250,000, −150,050, −50,100, +49,850
    data["inputs"]["setup"] = fixed("DKK", 10_000_000)
    assert deterministic(make_case(**data)).payback_year is None
