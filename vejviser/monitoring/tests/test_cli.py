"""`vejviser monitor …` through click's test runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vejviser.monitoring.cli import monitor


def run(*args):
    return CliRunner().invoke(monitor, [str(a) for a in args])


@pytest.fixture
def outcomes(tmp_path):
    path = tmp_path / "outcomes.csv"
    path.write_text("outcome\n" + "1\n" * 30 + "0\n" * 8 + "1\n" * 5, encoding="utf-8")
    return path


@pytest.fixture
def counts(tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text("period;n;successes\n2026-01;25;23\n2026-02;100;80\n", encoding="utf-8")
    return path


def test_cusum_json_has_the_promised_keys(outcomes):
    result = run(
        "check",
        outcomes,
        "--chart",
        "cusum",
        "--target",
        0.9,
        "--shift",
        0.1,
        "--arl0",
        300,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["chart"] == "cusum" and out["points"] == 43
    assert out["first_signal"] is not None and 30 <= out["first_signal"] < 38
    assert out["signals"][0] == out["first_signal"]
    assert out["arl0"] >= 300 and out["expected_delay"] < out["arl0"]
    assert out["limit"] > 0


def test_p_chart_json_limits_by_hand(counts):
    result = run("check", counts, "--chart", "p", "--target", 0.9, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jan, feb = out["limits"]
    assert jan == pytest.approx(
        {"period": "2026-01", "value": 0.92, "lower": 0.72, "upper": 1.0, "signal": False}
    )
    assert (feb["lower"], feb["upper"], feb["signal"]) == pytest.approx((0.81, 0.99, True))
    assert out["first_signal"] == 1 and out["signals"] == [1]


def test_ewma_and_xmr_run(tmp_path):
    path = tmp_path / "kpi.csv"
    path.write_text("period,value\n1,10\n2,11\n3,9\n4,10\n5,18\n", encoding="utf-8")
    for chart in ("ewma", "xmr"):
        result = run("check", path, "--chart", chart, "--target", 10, "--format", "json")
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)["limits"]) == 5


@pytest.mark.parametrize("target", ["0", "1", "1.5", "-0.2"])
def test_target_outside_zero_one_exits_2(counts, target):
    result = run("check", counts, "--chart", "p", "--target", target)
    assert result.exit_code == 2
    assert "0" in result.stderr and "1" in result.stderr


def test_missing_columns_and_empty_file_exit_2(tmp_path, outcomes):
    result = run("check", outcomes, "--chart", "p", "--target", 0.9)
    assert result.exit_code == 2 and "period" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = run("check", empty, "--chart", "cusum", "--target", 0.9, "--shift", 0.1)
    assert result.exit_code == 2 and "empty" in result.stderr
    header_only = tmp_path / "header.csv"
    header_only.write_text("outcome\n", encoding="utf-8")
    result = run("check", header_only, "--chart", "cusum", "--target", 0.9, "--shift", 0.1)
    assert result.exit_code == 2


def test_cpr_column_is_refused_and_not_echoed(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("patient,outcome\n010190-1234,1\n020290-2345,0\n", encoding="utf-8")
    result = run("check", path, "--chart", "cusum", "--target", 0.9, "--shift", 0.1)
    assert result.exit_code == 2
    assert "CPR" in result.stderr and "010190" not in result.stderr


def test_cases_per_month(tmp_path):
    result = run("cases", "--target", 0.9, "--shift", 0.1, "--within", 2, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["months_to_detect"] <= 2 and out["cases_per_month"] >= 5
