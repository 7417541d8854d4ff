"""KPIs, award criteria and plots."""

from __future__ import annotations

import re

import pytest

from vejviser.kernel import formatting
from vejviser.value.core import deterministic, export, load_case, monte_carlo, plots, tornado
from vejviser.value.core.export import _shares

from .factory import CASES_DIR, make_case


@pytest.fixture(scope="module")
def contouring():
    case = load_case(CASES_DIR / "contouring.yaml")
    return case, deterministic(case), tornado(case), monte_carlo(case, 2_000, seed=1)


def test_kpis_carry_expected_value_unit_and_range(contouring):
    case, det, _bars, sim = contouring
    kpis = {k["id"]: k for k in export.kpis(case, det, sim)}
    assert set(kpis) == {
        "hn-patients",
        "hours-saved-per-patient",
        "ai-share",
        "hours-freed-per-year",
    }
    hours = kpis["hours-saved-per-patient"]
    assert (hours["expected"], hours["unit"], hours["low"], hours["high"]) == (
        2.5,
        "hours",
        2.5,
        3.0,
    )
    assert hours["origin"] == "seed" and hours["sources"]
    derived = kpis["hours-freed-per-year"]
    assert derived["expected"] == pytest.approx(2125)
    assert derived["low"] <= derived["high"]


def test_award_criteria_weights(contouring):
    case, det, bars, _sim = contouring
    out = export.award_criteria(case, det, bars)
    assert out is not None
    criteria = out["criteria"]
    assert criteria[0]["id"] == "price" and criteria[0]["weight_percent"] == 40
    quality = criteria[1:]
    assert sum(c["weight_percent"] for c in quality) == pytest.approx(60)
    # the criterion that moves NPV most weighs most
    top = max(quality, key=lambda c: c["npv_swing"])
    assert top["weight_percent"] == max(c["weight_percent"] for c in quality)
    assert all(c["direction"] == "higher-better" for c in quality)
    assert export.award_criteria(make_case(), deterministic(make_case()), []) is None


def test_shares_sum_exactly():
    assert sum(_shares([1, 1, 1], 100)) == pytest.approx(100)
    assert _shares([0, 0], 60) == [30.0, 30.0]
    assert _shares([3, 1], 60) == [45.0, 15.0]


def test_plots_are_reproducible_svg(contouring):
    case, det, bars, sim = contouring
    first = plots.npv_histogram(sim, "da")
    assert first.lstrip().startswith("<?xml") and "</svg>" in first
    assert first == plots.npv_histogram(sim, "da")
    assert "Fordeling af nutidsværdi" in first
    tornado_svg = plots.tornado_chart(case, bars, det.npv, "en")
    assert "Physician time saved per patient" in tornado_svg
    assert "Cumulative net cash flow" in plots.cashflow_chart(det, sim, "en")
    assert "<svg" in plots.cashflow_chart(det, None, "da")


def test_plot_axes_use_the_one_formatter(contouring):
    """Tick labels and the title's probability come from vejviser.kernel.formatting."""
    _case, det, _bars, sim = contouring
    svg = plots.cashflow_chart(det, sim, "da")
    ticks = re.findall(r">(−?-?[\d.]+)</text>", svg)
    assert any(re.fullmatch(r"−?-?\d{1,3}(\.\d{3})+", t) for t in ticks)  # 2.000.000
    title = plots.npv_histogram(sim, "da")
    assert formatting.percent(sim.prob_npv_positive, "da") in title
