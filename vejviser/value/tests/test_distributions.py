"""Sampler statistics against scipy's distributions (an independent reference)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from vejviser.value.core import Input
from vejviser.value.core.distributions import base_value, ends, mean, sample, stream

N = 200_000


def _input(unit: str, dist: dict[str, object], value: float | None = None) -> Input:
    return Input.model_validate(
        {
            "label": {"da": "x", "en": "x"},
            "unit": unit,
            "range": dist,
            "value": value,
            "origin": "ours",
        }
    )


CASES: list[tuple[dict[str, object], object]] = [
    (
        {"dist": "triangular", "low": 2.0, "mode": 3.0, "high": 7.0},
        stats.triang(c=(3 - 2) / 5, loc=2, scale=5),
    ),
    (
        {"dist": "triangular", "low": 0.0, "mode": 0.0, "high": 1.0},
        stats.triang(c=0, loc=0, scale=1),
    ),
    (
        {"dist": "pert", "low": 10.0, "mode": 15.0, "high": 40.0},
        stats.beta(1 + 4 * 5 / 30, 1 + 4 * 25 / 30, loc=10, scale=30),
    ),
    ({"dist": "uniform", "low": 20.0, "high": 51.0}, stats.uniform(loc=20, scale=31)),
    ({"dist": "normal", "mean": 100.0, "sd": 15.0}, stats.norm(100, 15)),
]


@pytest.mark.parametrize(("dist", "reference"), CASES, ids=[str(c[0]["dist"]) for c in CASES])
def test_sampler_matches_reference(dist, reference):
    inp = _input("hours", dist)
    draws = np.asarray(sample(inp, stream(7, "x"), N))
    sd = reference.std()
    # the standard error of the mean is sd / sqrt(N) ≈ 0.0022 sd; allow 5 of them
    assert draws.mean() == pytest.approx(reference.mean(), abs=5 * sd / np.sqrt(N))
    assert mean(inp) == pytest.approx(reference.mean(), rel=1e-12)
    for q in (0.05, 0.5, 0.95):
        assert np.quantile(draws, q) == pytest.approx(reference.ppf(q), abs=0.02 * sd)
    # Kolmogorov–Smirnov: the whole shape, not only three points
    assert stats.kstest(draws[:20_000], reference.cdf).pvalue > 1e-4


def test_normal_is_clipped_to_what_the_unit_allows():
    inp = _input("percent", {"dist": "normal", "mean": 95.0, "sd": 10.0})
    draws = np.asarray(sample(inp, stream(1, "x"), N))
    assert draws.max() == 100.0
    assert draws.min() >= 0.0
    assert ends(inp) == (pytest.approx(95 - 1.6448536 * 10), 100.0)


def test_degenerate_range_is_a_constant():
    inp = _input("hours", {"dist": "triangular", "low": 2.0, "mode": 2.0, "high": 2.0})
    assert sample(inp, stream(1, "x"), 10) == 2.0


def test_base_value_prefers_value_then_centre():
    dist = {"dist": "uniform", "low": 2.5, "high": 3.0}
    assert base_value(_input("hours", dist, value=2.5)) == 2.5
    assert base_value(_input("hours", dist)) == 2.75
    pert = {"dist": "pert", "low": 1.0, "mode": 2.0, "high": 9.0}
    assert base_value(_input("hours", pert)) == 2.0
    assert ends(_input("hours", pert)) == (1.0, 9.0)


def test_streams_are_independent_per_input_and_reproducible():
    a1 = stream(42, "a").random(5)
    assert np.array_equal(a1, stream(42, "a").random(5))
    assert not np.array_equal(a1, stream(42, "b").random(5))
    assert not np.array_equal(a1, stream(43, "a").random(5))
