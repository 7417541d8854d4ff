"""Loading cases: the shipped ones load; bad ones are rejected naming the input."""

from __future__ import annotations

import pytest

from vejviser.value.core import CaseError, load_case, load_text, parse_case

from .factory import CASES_DIR, case_data, fixed, ranged, with_input


@pytest.mark.parametrize("name", ["contouring.yaml", "ambient-scribe.yaml"])
def test_shipped_cases_load_and_label_every_assumption(name):
    case = load_case(CASES_DIR / name)
    assert case.sources
    for inp in case.inputs.values():
        assert inp.origin in {"seed", "ours", "vendor", "local"}
        if inp.origin == "seed":
            assert inp.sources, "an assumption from a seed cites its section"


def _problems(data):
    with pytest.raises(CaseError) as info:
        parse_case(data)
    return info.value


def test_negative_volume_is_rejected_naming_the_input():
    error = _problems(with_input(case_data(), "patients", fixed("count/year", -5)))
    (problem,) = error.problems
    assert problem.input == "patients"
    assert "må ikke være under 0" in problem.text("da")
    assert "must not be below 0" in problem.text("en")


def test_low_above_high_is_rejected():
    spec = ranged("hours", {"dist": "uniform", "low": 3.0, "high": 2.0})
    error = _problems(with_input(case_data(), "hours-saved", spec))
    assert error.inputs == ["hours-saved"]
    assert "low (3) er større end high (2)" in error.text("da")
    assert "low (3) is above high (2)" in error.text("en")


def test_unknown_distribution_is_rejected():
    spec = ranged("hours", {"dist": "lognormal", "low": 1.0, "high": 2.0})
    error = _problems(with_input(case_data(), "hours-saved", spec))
    assert error.inputs == ["hours-saved"]
    assert "ukendt fordeling 'lognormal'" in error.problems[0].text("da")
    assert "unknown distribution 'lognormal'" in error.problems[0].text("en")


def test_missing_unit_is_rejected():
    spec = fixed("hours", 2.0)
    del spec["unit"]
    error = _problems(with_input(case_data(), "hours-saved", spec))
    (problem,) = error.problems
    assert problem.path == ("inputs", "hours-saved", "unit")
    assert "mangler" in problem.text("da") and "is missing" in problem.text("en")


def test_mode_outside_range_and_value_outside_range():
    spec = ranged("hours", {"dist": "triangular", "low": 1.0, "mode": 5.0, "high": 3.0})
    assert "mode (5)" in _problems(with_input(case_data(), "hours-saved", spec)).text("en")
    spec = ranged("hours", {"dist": "uniform", "low": 1.0, "high": 3.0}, value=4.0)
    assert "value (4)" in _problems(with_input(case_data(), "hours-saved", spec)).text("en")


def test_percent_above_100_and_nonpositive_sd():
    data = with_input(case_data(), "share", fixed("percent", 120))
    assert _problems(data).inputs == ["share"]
    spec = ranged("hours", {"dist": "normal", "mean": 2.0, "sd": 0.0})
    assert "sd" in _problems(with_input(case_data(), "hours-saved", spec)).text()


def test_wrong_unit_for_its_use():
    data = with_input(case_data(), "hours-saved", fixed("DKK", 2))
    (problem,) = _problems(data).problems
    assert problem.input == "hours-saved"
    assert problem.path == ("time_savings", "saving", "time_per_case")
    assert "time-per-case" in problem.text("en")


def test_unknown_reference_and_unknown_field():
    data = case_data()
    data["time_savings"]["saving"]["volume"] = "nobody"
    data["inputs"]["rate"]["colour"] = "blue"
    error = _problems(data)
    messages = error.text()
    assert "ukendt felt" in messages  # schema problems come first
    data["inputs"]["rate"].pop("colour")
    assert "volume 'nobody' does not exist" in _problems(data).text("en")


def test_every_problem_is_reported_not_only_the_first():
    data = with_input(case_data(), "patients", fixed("count/year", -1))
    data = with_input(data, "licence", fixed("DKK/year", -1))
    assert sorted(_problems(data).inputs) == ["licence", "patients"]


def test_scenario_override_is_validated():
    data = case_data(
        scenarios=[
            {"id": "bad", "label": {"da": "x", "en": "x"}, "overrides": {"patients": {"value": -3}}}
        ]
    )
    (problem,) = _problems(data).problems
    assert problem.input == "patients"
    assert problem.path[:3] == ("scenarios", 0, "overrides")


YAML_WITH_ERROR = """\
id: yaml-case
title: {da: T, en: T}
summary: {da: S, en: S}
horizon_years: 3
inputs:
  patients:
    label: {da: P, en: P}
    unit: count/year
    value: 10
    origin: ours
  hours:
    label: {da: H, en: H}
    unit: hours
    range: {dist: uniform, low: 5, high: 1}
    origin: ours
"""


def test_yaml_errors_name_file_and_line():
    with pytest.raises(CaseError) as info:
        load_text(YAML_WITH_ERROR, file="case.yaml")
    (problem,) = info.value.problems
    assert problem.line == 14  # the `range:` line of input `hours`
    assert problem.text("en").startswith("case.yaml:14: inputs.hours.range:")


def test_yaml_syntax_error_and_missing_file(tmp_path):
    with pytest.raises(CaseError) as info:
        load_text("id: [unclosed\n", file="broken.yaml")
    assert info.value.problems[0].kind == "yaml_syntax"
    with pytest.raises(CaseError) as info:
        load_case(tmp_path / "missing.yaml")
    assert "kan ikke læses" in info.value.text()
    with pytest.raises(CaseError):
        load_text("- a list\n")


def test_cost_years_must_fit_the_horizon_and_be_in_order():
    data = case_data()
    data["costs"]["licence"]["from_year"] = 4
    data["costs"]["licence"]["to_year"] = 2
    data["costs"]["setup"]["year"] = 9
    kinds = sorted(p.kind for p in _problems(data).problems)
    assert kinds == ["year_outside_horizon", "years_reversed"]
