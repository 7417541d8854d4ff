"""GDPR: every row of decision table C (DPIA, Art. 28, Art. 22, legal bases)."""

from __future__ import annotations

import itertools

import pytest

from vejviser.assessments.tests.helpers import assess

CRITERIA = [
    "evaluation_scoring",
    "automated_decision",
    "systematic_monitoring",
    "sensitive_data",
    "large_scale",
    "matching_datasets",
    "vulnerable_subjects",
    "innovative_technology",
    "prevents_rights",
]


def test_no_personal_data_no_gdpr():
    result = assess("gdpr", personal_data=False, external_processor=True, sensitive_data=True)
    assert result["dpia"] == "not_required"
    assert result["processor_agreement_required"] is False
    assert result["legal_basis"] == []
    assert result.ignored_answers == ["external_processor", "sensitive_data"]
    assert result.fired_ids == ["C1"]


def test_art35_3_case_requires_dpia_without_criteria():
    result = assess("gdpr", art35_3_case=True)
    assert result["dpia"] == "required"
    assert "GDPR Art. 35(3)" in result.references


def test_art35_4_list_requires_dpia():
    result = assess("gdpr", art35_4_list=True)
    assert result["dpia"] == "required"
    assert "GDPR Art. 35(4)" in result.references


@pytest.mark.parametrize("pair", list(itertools.combinations(CRITERIA, 2)))
def test_two_criteria_require_dpia(pair):
    result = assess("gdpr", **dict.fromkeys(pair, True))
    assert result["dpia"] == "required"
    assert result["dpia_criteria_met"] == 2
    assert result["dpia_criteria"] == list(pair)


@pytest.mark.parametrize("criterion", CRITERIA)
def test_one_criterion_assess_and_document(criterion):
    result = assess("gdpr", **{criterion: True})
    assert result["dpia"] == "assess_and_document"
    assert result["dpia_criteria_met"] == 1


def test_all_nine_criteria():
    result = assess("gdpr", **dict.fromkeys(CRITERIA, True))
    assert result["dpia"] == "required"
    assert result["dpia_criteria_met"] == 9


def test_no_criteria_not_required():
    result = assess("gdpr")
    assert result["dpia"] == "not_required"
    assert result["dpia_criteria_met"] == 0
    assert "GDPR Art. 35(1)" in result.references


def test_vendor_processing_needs_processor_agreement():
    assert assess("gdpr", external_processor=True)["processor_agreement_required"] is True
    assert assess("gdpr", external_processor=False)["processor_agreement_required"] is False
    assert "GDPR Art. 28" in assess("gdpr", external_processor=True).references


@pytest.mark.parametrize(
    ("answers", "art22"),
    [
        pytest.param({}, "not_applicable", id="no-automated-decision"),
        pytest.param({"automated_decision": True}, "not_applicable", id="human-in-the-loop"),
        pytest.param(
            {"automated_decision": True, "solely_automated": True}, "not_allowed", id="no-exception"
        ),
        pytest.param(
            {
                "automated_decision": True,
                "solely_automated": True,
                "art22_exception": "authorised_by_law",
            },
            "not_allowed",
            id="no-safeguards",
        ),
        pytest.param(
            {
                "automated_decision": True,
                "solely_automated": True,
                "art22_exception": "authorised_by_law",
                "art22_safeguards": True,
            },
            "allowed_with_safeguards",
            id="exception-and-safeguards",
        ),
        pytest.param(
            {
                "automated_decision": True,
                "solely_automated": True,
                "sensitive_data": True,
                "art22_exception": "explicit_consent",
                "art22_safeguards": True,
            },
            "not_allowed",
            id="health-data-without-9-2-a-or-g",
        ),
        pytest.param(
            {
                "automated_decision": True,
                "solely_automated": True,
                "sensitive_data": True,
                "art22_exception": "explicit_consent",
                "art22_safeguards": True,
                "art22_health_condition": True,
            },
            "allowed_with_safeguards",
            id="health-data-with-9-2-a",
        ),
    ],
)
def test_art22_solely_automated_decisions(answers, art22):
    result = assess("gdpr", **answers)
    assert result["art22"] == art22
    if art22 != "not_applicable":
        assert "GDPR Art. 22(2)" in result.references


@pytest.mark.parametrize(
    ("purpose", "bases", "reference"),
    [
        ("treatment", ["art9_2_h", "sundhedsloven_treatment"], "GDPR Art. 9(2)(h)"),
        ("quality_assurance", ["sundhedsloven_42d", "art9_2_i"], "Sundhedsloven § 42 d"),
        ("research", ["art9_2_j", "dbl_10", "sundhedsloven_46"], "Databeskyttelsesloven § 10"),
        ("other", ["consent"], "GDPR Art. 9(2)(a)"),
    ],
)
def test_legal_basis_by_purpose(purpose, bases, reference):
    result = assess("gdpr", purpose=purpose)
    assert result["legal_basis"] == ["art6_1_e", "art6_1_c", *bases]
    assert reference in result.references
    assert "Datatilsynet" in result.references[-1]  # a basis for each lifecycle phase


def test_private_controller_gets_no_public_task_basis():
    result = assess("gdpr", public_authority=False, purpose="treatment")
    assert result["legal_basis"][0] == "art6_private"
    assert "art6_1_e" not in result["legal_basis"]


def test_output_keys_of_the_issue():
    data = assess("gdpr", sensitive_data=True, vulnerable_subjects=True).to_dict()
    assert data["dpia"] == "required"
    assert data["processor_agreement_required"] is False
    assert data["references"]
