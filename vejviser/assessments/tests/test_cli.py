"""``vejviser assess`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vejviser.assessments.cli import assess


@pytest.fixture
def run(tmp_path):
    def invoke(*args, answers=None):
        argv = list(args)
        if answers is not None:
            path = tmp_path / "answers.json"
            path.write_text(answers if isinstance(answers, str) else json.dumps(answers))
            argv += ["--answers", str(path)]
        return CliRunner().invoke(assess, argv)

    return invoke


def test_text_output_is_a_danish_explanation_with_references(run):
    result = run("ai-act", "--date", "2026-11-22", answers={"mdr_class": "IIa"})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Risikoniveau efter AI-forordningen: højrisiko.")
    assert "Henvisninger: AI Act Art. 6(1)" in result.output
    assert "Digital Omnibus" in result.output


def test_english_text(run):
    result = run("mdr", "--lang", "en", answers={"medical_purpose": False})
    assert result.exit_code == 0
    assert result.output.startswith("Medical device: no.")


def test_json_output(run):
    answers = {
        "authority": "sub_central",
        "contract_type": "supplies_services",
        "estimated_value_dkk": 1_611_360,
    }
    result = run("procurement", "--date", "2026-11-22", "--format", "json", answers=answers)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["eu_tender_required"] is True
    assert data["threshold"]["dkk"] == 1_611_360
    assert data["threshold"]["valid_from"] == "2026-01-01"
    assert "procedures" in data and data["references"]


def test_date_changes_the_result(run):
    answers = {
        "authority": "sub_central",
        "contract_type": "supplies_services",
        "estimated_value_dkk": 1_620_000,
    }
    old = json.loads(
        run("procurement", "--date", "2025-12-31", "--format", "json", answers=answers).output
    )
    new = json.loads(
        run("procurement", "--date", "2026-01-01", "--format", "json", answers=answers).output
    )
    assert (old["eu_tender_required"], new["eu_tender_required"]) == (False, True)


def test_list_questions(run):
    result = run("ai-act", "--list-questions")
    assert result.exit_code == 0
    for key in (
        "prohibited_practice",
        "mdr_class",
        "ivdr_class",
        "annex_iii_area",
        "profiling",
        "art6_3_exception",
        "interacts_with_people",
        "generates_content",
        "role",
        "public_body",
    ):
        assert f"\n{key} (" in result.output
    assert "mdr_class (choice: none | I | IIa | IIb | III)" in result.output
    data = json.loads(run("gdpr", "--list-questions", "--format", "json").output)
    assert {"art35_3_case", "external_processor", "prevents_rights"} <= {q["key"] for q in data}


def test_without_name_lists_assessments(run):
    result = run()
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == [
        "ai-act",
        "mdr",
        "gdpr",
        "approvals",
        "procurement",
    ]


@pytest.mark.parametrize(
    ("args", "answers", "named"),
    [
        pytest.param(
            ["ai-act"], {"mdr_class": "IIa", "colour": "blue"}, "colour", id="unknown-key"
        ),
        pytest.param(["ai-act"], {"mdr_class": "IIc"}, "mdr_class", id="invalid-choice"),
        pytest.param(["gdpr"], {"sensitive_data": "yes"}, "sensitive_data", id="invalid-bool"),
        pytest.param(["procurement"], {"authority": "central"}, "contract_type", id="missing"),
        pytest.param(["ai-act"], "[1, 2]", "JSON-objekt", id="not-an-object"),
        pytest.param(["ai-act"], "{bad json", "ikke gyldig JSON", id="bad-json"),
        pytest.param(["taxes"], {}, "Ukendt vurdering 'taxes'", id="unknown-assessment"),
        pytest.param(["ai-act", "--date", "2024-01-01"], {}, "date", id="date-before-rules"),
        pytest.param(["ai-act", "--date", "22-11-2026"], {}, "--date", id="date-format"),
        pytest.param(["ai-act"], None, "--answers", id="no-answers"),
    ],
)
def test_bad_input_exits_2_and_names_it(run, args, answers, named):
    result = run(*args, answers=answers)
    assert result.exit_code == 2, result.output
    assert named in result.output


def test_missing_answers_file(run):
    result = run("ai-act", "--answers", "/nonexistent/answers.json")
    assert result.exit_code == 2
    assert "answers.json" in result.output


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ("NaN", "endeligt tal"),
        ("Infinity", "endeligt tal"),
        ("-Infinity", "endeligt tal"),
        ("1e308", "urimeligt stort"),
    ],
)
def test_a_value_that_is_not_a_finite_ordinary_number_exits_2(run, value, named):
    """JSON as Python reads it allows NaN and Infinity; they never reach a result."""
    answers = (
        '{"authority": "sub_central", "contract_type": "works", '
        f'"estimated_value_dkk": {value}}}'
    )
    result = run("procurement", "--date", "2026-11-22", "--format", "json", answers=answers)
    assert result.exit_code == 2, result.output
    assert "estimated_value_dkk" in result.output and named in result.output
