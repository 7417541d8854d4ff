"""Property-based tests of the model (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vejviser.value.core import deterministic

from .factory import case_data, fixed, make_case

money = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e4, allow_nan=False, allow_infinity=False)
rates = st.floats(min_value=0, max_value=20, allow_nan=False)


def _case(
    hours: float = 2,
    rate: float = 500,
    licence: float = 50,
    patients: float = 100,
    discount: float = 3.5,
    horizon: int = 5,
):
    data = case_data(horizon_years=horizon, discount_rate_percent=discount)
    data["inputs"].update(
        {
            "hours-saved": fixed("hours", hours),
            "rate": fixed("DKK/hour", rate),
            "licence": fixed("DKK/year", licence),
            "patients": fixed("count/year", patients),
        }
    )
    return make_case(**data)


@settings(max_examples=40, deadline=None)
@given(a=positive, b=positive, rate=positive, discount=rates)
def test_npv_is_monotone_in_time_saved(a, b, rate, discount):
    low, high = sorted((a, b))
    npv_low = deterministic(_case(hours=low, rate=rate, discount=discount)).npv
    npv_high = deterministic(_case(hours=high, rate=rate, discount=discount)).npv
    assert npv_high >= npv_low - 1e-6 * max(1.0, abs(npv_low))


@settings(max_examples=40, deadline=None)
@given(a=money, b=money)
def test_npv_falls_as_the_licence_rises(a, b):
    low, high = sorted((a, b))
    assert deterministic(_case(licence=high)).npv <= deterministic(_case(licence=low)).npv + 1e-6


@settings(max_examples=40, deadline=None)
@given(patients=positive, factor=st.floats(min_value=0, max_value=100), horizon=st.integers(1, 35))
def test_hours_scale_linearly_with_volume(patients, factor, horizon):
    one = deterministic(_case(patients=patients, horizon=horizon)).hours_total
    scaled = deterministic(_case(patients=patients * factor, horizon=horizon)).hours_total
    assert scaled == pytest.approx(one * factor, rel=1e-9, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(hours=positive, licence=money, horizon=st.integers(1, 35))
def test_undiscounted_npv_is_the_sum_of_net_flows_and_payback_agrees(hours, licence, horizon):
    det = deterministic(_case(hours=hours, licence=licence, discount=0.0, horizon=horizon))
    net = det.year_list(det.flows.net)
    assert det.npv == pytest.approx(sum(net), rel=1e-9, abs=1e-6)
    cumulative = np.cumsum(net)
    if det.payback_year is None:
        assert (cumulative < 0).any()
    else:
        assert (cumulative[det.payback_year :] >= 0).all()
        assert det.payback_year == 0 or cumulative[det.payback_year - 1] < 0


@settings(max_examples=30, deadline=None)
@given(discount=rates, other=rates)
def test_a_higher_discount_rate_lowers_a_gain_that_comes_later(discount, other):
    low, high = sorted((discount, other))
    # costs come first (year 0), gains later: discounting more lowers NPV
    assert deterministic(_case(discount=high)).npv <= deterministic(_case(discount=low)).npv + 1e-6
