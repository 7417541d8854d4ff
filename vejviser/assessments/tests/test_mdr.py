"""MDR: every row of decision table B, highest class wins, notified body, Art. 5(5)."""

from __future__ import annotations

import pytest

from vejviser.assessments import core
from vejviser.assessments.tests.helpers import assess

DEVICE = {
    "medical_purpose": True,
    "acts_beyond_storage": True,
    "informs_decisions": False,
    "monitors_physiological": False,
}


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"medical_purpose": False}, id="no-medical-purpose"),
        pytest.param({"medical_purpose": True, "acts_beyond_storage": False}, id="storage-only"),
        pytest.param({**DEVICE, "benefits_individual_patients": False}, id="not-individual"),
    ],
)
def test_b0_not_a_device(answers):
    result = assess("mdr", **answers)
    assert result["device"] is False
    assert result["class"] == "none"
    assert result["notified_body_required"] is False
    assert result.fired_ids == ["B0"]
    assert "MDR Art. 2(1)" in result.references


@pytest.mark.parametrize(
    ("answers", "cls", "rule"),
    [
        pytest.param({"active_therapeutic_with_diagnosis": True}, "III", "B1", id="B1-rule-22"),
        pytest.param(
            {"informs_decisions": True, "worst_case": "death_or_irreversible"}, "III", "B2", id="B2"
        ),
        pytest.param(
            {"informs_decisions": True, "worst_case": "serious_deterioration_or_surgery"},
            "IIb",
            "B3",
            id="B3",
        ),
        pytest.param({"informs_decisions": True, "worst_case": "other"}, "IIa", "B4", id="B4"),
        pytest.param(
            {"monitors_physiological": True, "vital_parameters_immediate_danger": True},
            "IIb",
            "B5",
            id="B5",
        ),
        pytest.param(
            {"monitors_physiological": True, "vital_parameters_immediate_danger": False},
            "IIa",
            "B6",
            id="B6",
        ),
        pytest.param({}, "I", "B7", id="B7-otherwise"),
        pytest.param({"drives_device_class": "IIb"}, "IIb", "B8", id="B8-drives-device"),
    ],
)
def test_table_b_class(answers, cls, rule):
    result = assess("mdr", **{**DEVICE, **answers})
    assert result["device"] is True
    assert result["class"] == cls
    assert rule in result.fired_ids
    assert result["notified_body_required"] is (cls != "I")


@pytest.mark.parametrize(
    ("answers", "cls"),
    [
        pytest.param(
            {
                "informs_decisions": True,
                "worst_case": "other",
                "monitors_physiological": True,
                "vital_parameters_immediate_danger": True,
            },
            "IIb",
            id="B4+B5",
        ),
        pytest.param(
            {
                "informs_decisions": True,
                "worst_case": "other",
                "active_therapeutic_with_diagnosis": True,
            },
            "III",
            id="B1+B4",
        ),
        pytest.param(
            {
                "monitors_physiological": True,
                "vital_parameters_immediate_danger": False,
                "drives_device_class": "I",
            },
            "IIa",
            id="B6+B8-lower",
        ),
    ],
)
def test_highest_class_wins(answers, cls):
    result = assess("mdr", **{**DEVICE, **answers})
    assert result["class"] == cls
    assert "MDR Annex VIII, implementing rule 3.5" in result.references


def test_rule_11_and_22_are_cited():
    assert "MDR Annex VIII Rule 11" in assess("mdr", **DEVICE).references
    r22 = assess("mdr", **DEVICE, active_therapeutic_with_diagnosis=True)
    assert "MDR Annex VIII Rule 22" in r22.references


def test_class_i_has_no_notified_body_and_says_so():
    result = assess("mdr", **DEVICE)
    assert result["notified_body_required"] is False
    assert "B11" in result.fired_ids


IN_HOUSE_ALL = {
    "in_house": True,
    "in_house_a_not_transferred": True,
    "in_house_b_qms": True,
    "in_house_c_no_equivalent": True,
    "in_house_d_info_authority": True,
    "in_house_e_public_declaration": True,
    "in_house_f_documentation": True,
    "in_house_g_follows_documentation": True,
    "in_house_h_clinical_review": True,
}


def test_in_house_exemption_needs_all_conditions():
    result = assess("mdr", **DEVICE, **IN_HOUSE_ALL)
    assert result["in_house_exemption"] == "conditions_met"
    assert result["in_house_missing"] == []
    assert "MDR Art. 5(5)" in result.references


@pytest.mark.parametrize("letter", list("abcdefgh"))
def test_in_house_exemption_fails_on_each_missing_condition(letter):
    key = next(k for k in IN_HOUSE_ALL if k.startswith(f"in_house_{letter}_"))
    result = assess("mdr", **DEVICE, **{**IN_HOUSE_ALL, key: False})
    assert result["in_house_exemption"] == "not_met"
    assert result["in_house_missing"] == [f"art5_5_{letter}"]
    assert f"MDR Art. 5(5)({letter})" in result.references


def test_in_house_exemption_not_for_industrial_scale():
    result = assess("mdr", **DEVICE, **IN_HOUSE_ALL, industrial_scale=True)
    assert result["in_house_exemption"] == "not_met"
    assert result["in_house_missing"] == ["art5_5_industrial"]


def test_in_house_not_applicable_when_not_claimed():
    assert assess("mdr", **DEVICE)["in_house_exemption"] == "not_applicable"


def test_required_answers_are_named():
    with pytest.raises(core.AnswerError) as exc:
        assess("mdr")
    assert list(exc.value.problems) == ["medical_purpose"]
    with pytest.raises(core.AnswerError) as exc:
        assess("mdr", **{**DEVICE, "informs_decisions": True})
    assert list(exc.value.problems) == ["worst_case"]
