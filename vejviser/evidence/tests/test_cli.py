"""`vejviser validate …` through click's test runner, on the shipped demo data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]
import pytest
from click.testing import CliRunner
from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

from vejviser.evidence.cli import validate

DEMO = Path(__file__).resolve().parents[3] / "content" / "evidence"
RISK = DEMO / "readmission_risk.csv"


def run(*args):
    return CliRunner().invoke(validate, [str(a) for a in args])


def test_binary_json_has_the_promised_keys_and_agrees_with_sklearn():
    result = run(
        "binary",
        RISK,
        "--score",
        "risk_score",
        "--label",
        "genindlagt_30d",
        "--positive",
        "ja",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    for key in ("n", "prevalence", "auc", "threshold", "sensitivity", "specificity", "ppv", "npv"):
        assert key in out
    assert set(out["auc"]) >= {"estimate", "ci_low", "ci_high", "method"}
    for key in ("sensitivity", "specificity", "ppv", "npv"):
        assert set(out[key]) >= {"estimate", "ci_low", "ci_high"}
    frame = pd.read_csv(RISK).dropna(subset=["risk_score", "genindlagt_30d"])
    assert out["n"] == len(frame)
    assert out["auc"]["estimate"] == pytest.approx(
        roc_auc_score(frame["genindlagt_30d"] == "ja", frame["risk_score"])
    )
    assert out["input"]["excluded"] == {"missing_score": 6, "missing_label": 3}


def test_binary_text_report_with_everything(tmp_path):
    result = run(
        "binary",
        RISK,
        "--score",
        "risk_score",
        "--label",
        "genindlagt_30d",
        "--positive",
        "ja",
        "--subgroup",
        "site",
        "--subgroup",
        "sex",
        "--claim",
        "sensitivity=0.80",
        "--claim",
        "auc=0.75",
        "--margin",
        "0.05",
        "--compare",
        "risk_score_v2",
        "--threshold",
        "0,3",
        "--plots",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "AUC 0," in text and "Tærskel 0,3000 (angivet)" in text
    assert "Regionshospitalet Randers" in text and "dårligere end samlet" in text
    assert "Leverandøren angiver 0,800" in text
    assert "Parret DeLong-test mod 'risk_score_v2'" in text
    assert {p.name for p in tmp_path.iterdir()} == {"roc.svg", "calibration.svg", "subgroups.svg"}


def test_binary_in_english_with_clopper_pearson_and_target_sensitivity():
    result = run(
        "binary",
        RISK,
        "--score",
        "risk_score",
        "--label",
        "genindlagt_30d",
        "--positive",
        "ja",
        "--target-sensitivity",
        "0.9",
        "--ci",
        "clopper-pearson",
        "--lang",
        "en",
        "--format",
        "json",
    )
    out = json.loads(result.stdout)
    assert out["threshold_method"] == "target-sensitivity"
    assert (
        out["sensitivity"]["estimate"] >= 0.9 and out["sensitivity"]["method"] == "clopper-pearson"
    )


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--score", "nope"], "Kolonnen 'nope' findes ikke"),
        (["--positive", "måske"], "'måske'"),
        (["--claim", "sens:0.9"], "METRIK=VÆRDI"),
        (["--threshold", "høj"], "youden"),
        (["--threshold", "nan"], "endeligt tal"),  # issue 14: was accepted
        (["--threshold", "inf"], "endeligt tal"),
        (["--subgroup", "forloeb"], "højst 50"),
    ],
)
def test_binary_bad_input_exits_2_with_one_message(args, needle):
    base = {"--score": "risk_score", "--label": "genindlagt_30d", "--positive": "ja"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    flat = [item for pair in base.items() for item in pair]
    result = run("binary", RISK, *flat)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1  # in the chosen language (Danish)


def test_cpr_file_is_refused_and_the_number_never_shown(tmp_path):
    path = tmp_path / "udtraek.csv"
    path.write_text(
        "cpr_kolonne,score,y\n010190-1234,0.2,0\n020290-2345,0.8,1\n030390-3456,0.6,1\n"
    )
    result = run("binary", path, "--score", "score", "--label", "y", "--positive", "1")
    assert result.exit_code == 2 and "CPR" in result.stderr
    assert "010190" not in result.output
    dropped = run(
        "binary",
        path,
        "--score",
        "score",
        "--label",
        "y",
        "--positive",
        "1",
        "--drop",
        "cpr_kolonne",
        "--format",
        "json",
    )
    assert dropped.exit_code == 0 and "010190" not in dropped.output


def test_segmentation_on_demo_contours(tmp_path):
    result = run(
        "segmentation",
        DEMO / "contouring" / "reference",
        DEMO / "contouring" / "prediction",
        "--tolerance",
        "2",
        "--format",
        "json",
        "--plots",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["cases"] == 4
    assert [s["structure"] for s in out["structures"]] == [
        "Brainstem",
        "SpinalCord",
        "Parotid_L",
        "Parotid_R",
    ]
    assert all(0.5 < s["dice"]["median"] < 1 for s in out["structures"])
    assert (tmp_path / "dice.svg").exists()
    text = run(
        "segmentation", DEMO / "contouring" / "reference", DEMO / "contouring" / "prediction"
    )
    assert "HD95" in text.stdout and "Brainstem" in text.stdout


def test_segmentation_bad_input(tmp_path):
    result = run("segmentation", tmp_path / "a", tmp_path / "b")
    assert result.exit_code == 2 and "findes ikke" in result.stderr


def test_transcripts_on_demo_scribe():
    result = run("transcripts", DEMO / "ambient_scribe" / "transcripts.csv", "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert len(out["documents"]) == 6 and 0 < out["wer"]["estimate"] < 0.3
    assert "metformin" not in result.stdout and "migræne" not in result.stdout  # no text leaves
    plain = run(
        "transcripts",
        DEMO / "ambient_scribe" / "transcripts.csv",
        "--no-normalise",
        "--format",
        "json",
    )
    assert json.loads(plain.stdout)["wer"]["estimate"] > out["wer"]["estimate"]
    assert "Ordfejlrate" in run("transcripts", DEMO / "ambient_scribe" / "transcripts.csv").stdout


def test_timing_paired_and_unpaired(tmp_path):
    result = run(
        "timing",
        DEMO / "ambient_scribe" / "documentation_time.csv",
        "--before",
        "minutter_foer",
        "--with",
        "minutter_med",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["design"] == "paired" and out["percent_saved"]["estimate"] > 10
    path = tmp_path / "t.csv"
    path.write_text("tid,fase\n10,foer\n12,foer\n9,foer\n7,med\n6,med\n8,med\n")
    text = run(
        "timing",
        path,
        "--time",
        "tid",
        "--group",
        "fase",
        "--before-value",
        "foer",
        "--with-value",
        "med",
        "--lang",
        "en",
    )
    assert text.exit_code == 0 and "Welch t-test" in text.stdout
    assert run("timing", path).exit_code == 2


def test_sample_size():
    result = run(
        "sample-size",
        "--prevalence",
        "0.2",
        "--sensitivity",
        "0.9",
        "--auc",
        "0.8",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    plans = json.loads(result.stdout)["plans"]
    assert plans[0]["cases_needed"] == 139 and plans[0]["total"] == 695
    assert plans[1]["metric"] == "auc"
    assert run("sample-size", "--prevalence", "0.2").exit_code == 2
    assert run("sample-size", "--prevalence", "1.5", "--auc", "0.8").exit_code == 2


def test_help_lists_the_commands():
    result = run("--help")
    for command in ("binary", "segmentation", "transcripts", "timing", "sample-size"):
        assert command in result.stdout


@pytest.mark.parametrize("option", ["--margin", "--target-sensitivity", "--confidence"])
def test_non_finite_numbers_are_refused_with_exit_2(option):
    flags = ["--score", "risk_score", "--label", "genindlagt_30d", "--positive", "ja"]
    result = run("binary", RISK, *flags, option, "nan")
    assert result.exit_code == 2 and "nan" in result.stderr
    assert "Traceback" not in result.output
