"""``vejviser value …`` through click's test runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vejviser.value.cli import value

from .factory import CASES_DIR

CONTOURING = str(CASES_DIR / "contouring.yaml")
SCRIBE = str(CASES_DIR / "ambient-scribe.yaml")


def run(*args: str):
    return CliRunner().invoke(value, list(args), catch_exceptions=False)


def test_deterministic_json_gives_the_seeds_figure():
    result = run("deterministic", CONTOURING, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["hours_freed_per_year"][1:] == [2125.0] * 5
    assert isinstance(data["npv"], float)
    assert data["payback_year"] == 1
    assert {"input", "low", "high"} <= set(data["tornado"][0])
    assert [s["id"] for s in data["scenarios"]] == ["base", "worst", "best"]


def test_simulate_json_is_reproducible_by_seed():
    args = ("simulate", SCRIBE, "--iterations", "2000", "--seed", "4", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.exit_code == 0
    assert first.output == second.output
    data = json.loads(first.output)
    assert set(data["npv"]) == {"mean", "p5", "p50", "p95"}
    assert 0 <= data["prob_npv_positive"] <= 1
    assert len(data["hours_freed_per_year"]) == data["horizon_years"] + 1
    assert set(data["payback_year"]) == {"p5", "p50", "p95"}
    assert data["seed"] == 4 and data["iterations"] == 2000
    assert [s["id"] for s in data["scenarios"]] == ["base", "vendor-a", "vendor-b"]


def test_text_output_in_danish_and_english():
    da = run("deterministic", CONTOURING)
    assert "Frigjorte timer" in da.output and "2.125" in da.output
    en = run("simulate", CONTOURING, "-n", "500", "--seed", "1", "--lang", "en")
    assert "Probability of NPV > 0" in en.output


def test_scenario_option():
    data = json.loads(
        run("deterministic", CONTOURING, "--scenario", "best", "--format", "json").output
    )
    assert data["hours_freed_per_year"][1] == pytest.approx(850 * 3)
    result = CliRunner().invoke(value, ["deterministic", CONTOURING, "--scenario", "nope"])
    assert result.exit_code == 2
    assert "scenariet 'nope' findes ikke" in result.output


def test_bad_case_exits_2_naming_the_input_once_in_the_chosen_language(tmp_path):
    text = (CASES_DIR / "contouring.yaml").read_text(encoding="utf-8")
    bad = text.replace("    value: 850\n", "    value: -850\n")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(value, ["simulate", str(path)])
    assert result.exit_code == 2
    assert "hn-patients" in result.output
    assert "Ugyldig case:" in result.output
    assert "må ikke være under 0" in result.output
    assert "must not be below" not in result.output  # Danish by default, and only once
    assert f"{path}:" in result.output  # file and line
    english = CliRunner().invoke(value, ["simulate", str(path), "--lang", "en"])
    assert english.exit_code == 2
    assert "Invalid case:" in english.output and "must not be below 0" in english.output
    assert "må ikke" not in english.output


def test_missing_file_exits_2():
    result = CliRunner().invoke(value, ["deterministic", "no-such-case.yaml"])
    assert result.exit_code == 2
    assert "kan ikke læses" in result.output


def test_the_global_lang_option_and_environment_choose_the_language():
    from vejviser.cli import main

    args = ["value", "deterministic", "no-such-case.yaml"]
    english = CliRunner().invoke(main, ["--lang", "en", *args])
    assert english.exit_code == 2 and "cannot be read" in english.output
    from_env = CliRunner(env={"VEJVISER_LANG": "en"}).invoke(main, args)
    assert "cannot be read" in from_env.output
    overridden = CliRunner(env={"VEJVISER_LANG": "en"}).invoke(main, ["--lang", "da", *args])
    assert "kan ikke læses" in overridden.output


def test_export_kpis_and_criteria():
    kpis = json.loads(run("export", SCRIBE, "--what", "kpis", "-n", "1000", "--seed", "1").output)
    ids = [k["id"] for k in kpis]
    assert "time-saved-share" in ids and ids[-1] == "hours-freed-per-year"
    criteria = json.loads(run("export", SCRIBE, "--what", "criteria").output)
    weights = [c["weight_percent"] for c in criteria["criteria"]]
    assert sum(weights) == pytest.approx(100)
    assert criteria["criteria"][0]["kind"] == "price"


def test_plot_writes_three_svgs(tmp_path):
    result = run("plot", CONTOURING, "--out", str(tmp_path), "-n", "500", "--seed", "1")
    assert result.exit_code == 0
    for name in ("npv-histogram.svg", "tornado.svg", "cashflow.svg"):
        assert (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_diff_between_versions(tmp_path):
    text = (CASES_DIR / "contouring.yaml").read_text(encoding="utf-8")
    revised = tmp_path / "revised.yaml"
    revised.write_text(text.replace("value: 2.5\n", "value: 2.7\n", 1), encoding="utf-8")
    data = json.loads(run("diff", CONTOURING, str(revised), "--format", "json").output)
    assert [(c["section"], c["id"]) for c in data] == [("inputs", "hours-saved-per-patient")]
    assert "hours-saved-per-patient" in run("diff", CONTOURING, str(revised)).output


def test_the_main_commands_speak_the_chosen_language_from_the_catalogue():
    from vejviser.cli import main

    danish = CliRunner().invoke(main, ["content", "check"])
    assert danish.exit_code == 0 and "spor" in danish.output and "handlinger" in danish.output
    english = CliRunner().invoke(main, ["--lang", "en", "content", "check"])
    assert "tracks" in english.output and "actions" in english.output
