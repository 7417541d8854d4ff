"""Procurement: every row of decision table E and the dated threshold table."""

from __future__ import annotations

import datetime as dt

import pytest

from vejviser.assessments import core
from vejviser.assessments.tests.helpers import assess

REGION = {"authority": "sub_central", "contract_type": "supplies_services"}
Y2025 = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("base", "on", "dkk", "eur", "status"),
    [
        (
            {"authority": "central", "contract_type": "supplies_services"},
            Y2025,
            1_064_177,
            143_000,
            "official",
        ),
        (REGION, Y2025, 1_644_638, 221_000, "official"),
        (
            {"authority": "central", "contract_type": "light_touch"},
            Y2025,
            5_581_350,
            750_000,
            "official",
        ),
        (
            {"authority": "central", "contract_type": "works"},
            Y2025,
            41_313_480,
            5_538_000,
            "estimate",
        ),
        (
            {"authority": "central", "contract_type": "supplies_services"},
            None,
            1_044_400,
            140_000,
            "estimate",
        ),
        (REGION, None, 1_611_360, 216_000, "estimate"),
        (
            {"authority": "sub_central", "contract_type": "works"},
            None,
            40_313_840,
            5_404_000,
            "estimate",
        ),
        (
            {"authority": "sub_central", "contract_type": "light_touch"},
            None,
            5_595_000,
            750_000,
            "estimate",
        ),
    ],
)
def test_value_exactly_at_threshold_requires_tender(base, on, dkk, eur, status):
    on = on or dt.date(2026, 11, 22)
    at = assess("procurement", on=on, **base, estimated_value_dkk=dkk)
    below = assess("procurement", on=on, **base, estimated_value_dkk=dkk - 1)
    assert at["eu_tender_required"] is True
    assert "E2" in at.fired_ids
    assert below["eu_tender_required"] is False
    threshold = at.to_dict()["threshold"]
    assert {k: threshold[k] for k in ("eur", "dkk", "dkk_status")} == {
        "eur": eur,
        "dkk": dkk,
        "dkk_status": status,
    }
    assert {"eur", "dkk", "valid_from", "valid_to", "source"} <= set(threshold)


def test_threshold_changes_on_new_year_2026():
    value = 1_620_000  # between the 2026–27 estimate and the 2024–25 official DKK value
    before = assess("procurement", on=dt.date(2025, 12, 31), **REGION, estimated_value_dkk=value)
    after = assess("procurement", on=dt.date(2026, 1, 1), **REGION, estimated_value_dkk=value)
    assert before["eu_tender_required"] is False
    assert before["threshold"]["valid_to"] == dt.date(2025, 12, 31)
    assert "Delegated Regulation (EU) 2023/2495" in before["threshold"]["source"]
    assert after["eu_tender_required"] is True
    assert after["threshold"]["source"] == "Delegated Regulation (EU) 2025/2152"
    assert "Delegated Regulation (EU) 2025/2152" in after.references


def test_estimated_dkk_is_labelled_and_warned():
    result = assess("procurement", **REGION, estimated_value_dkk=500_000)
    assert result["threshold"]["dkk_status"] == "estimate"
    assert any("UNVERIFIED" in w.en for w in result.warnings)
    assert "skøn" in result.explanation.da
    official = assess("procurement", on=Y2025, **REGION, estimated_value_dkk=500_000)
    assert not any("UNVERIFIED" in w.en for w in official.warnings)


def test_value_close_to_an_estimated_threshold_is_flagged():
    near = assess("procurement", **REGION, estimated_value_dkk=1_600_000)
    assert "E0b" in near.fired_ids
    assert "E0b" not in assess("procurement", **REGION, estimated_value_dkk=1_000_000).fired_ids


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"opi_no_binding_purchase": True}, id="opi-no-binding-purchase"),
        pytest.param(
            {"research_and_development": True, "rd_exclusive_and_fully_paid": False},
            id="rd-not-exclusive-and-fully-paid",
        ),
    ],
)
def test_e1_outside_the_procurement_rules(answers):
    result = assess("procurement", **REGION, **answers, estimated_value_dkk=50_000_000)
    assert result["eu_tender_required"] is False
    assert result["route"] == "outside_procurement_rules"
    assert result["guardrails"] == ["no_state_aid", "equal_treatment", "neutralise_head_start"]
    assert {"Udbudsloven § 22", "TFEU Art. 107"} <= set(result.references)
    assert result.ignored_answers == ["estimated_value_dkk"]


def test_e1_rd_exclusive_and_fully_paid_is_a_normal_purchase():
    result = assess(
        "procurement",
        **REGION,
        research_and_development=True,
        rd_exclusive_and_fully_paid=True,
        estimated_value_dkk=2_000_000,
    )
    assert result["eu_tender_required"] is True


def test_e2_tender_with_value_in_explanation():
    result = assess("procurement", **REGION, estimated_value_dkk=3_000_000)
    assert result["route"] == "eu_tender"
    assert "3.000.000 kr." in result.explanation.da
    assert "Udbudsloven § 30" in result.references


def test_e3_works_below_threshold_follow_tilbudsloven():
    result = assess(
        "procurement", authority="sub_central", contract_type="works", estimated_value_dkk=9e6
    )
    assert result["route"] == "works_below_threshold"
    assert "Tilbudsloven" in result.references
    keys = [q.key for q in core.visible_questions("procurement", result.answers)]
    assert "cross_border_interest" not in keys


def test_e4_cross_border_interest_below_threshold_must_be_advertised():
    result = assess(
        "procurement", **REGION, estimated_value_dkk=900_000, cross_border_interest=True
    )
    assert result["eu_tender_required"] is False
    assert result["advertise_below_threshold"] is True
    assert result["route"] == "advertise_below_threshold"
    assert "Udbudsloven § 191" in result.references


def test_e5_below_threshold_without_cross_border_interest():
    result = assess("procurement", **REGION, estimated_value_dkk=900_000)
    assert result["route"] == "below_threshold"
    assert result["procedures"] == []
    assert result["award_criteria"] == []


@pytest.mark.parametrize(
    ("answers", "procedures"),
    [
        pytest.param({}, ["open", "restricted"], id="E8-standard"),
        pytest.param(
            {"needs_adaptation": True}, ["negotiation", "competitive_dialogue"], id="E6-adaptation"
        ),
        pytest.param(
            {"solution_on_market": False},
            ["negotiation", "competitive_dialogue", "innovation_partnership"],
            id="E6+E7-not-on-market",
        ),
    ],
)
def test_e3_procedures(answers, procedures):
    result = assess("procurement", **REGION, estimated_value_dkk=5_000_000, **answers)
    assert result["procedures"] == procedures


def test_e5_award_criteria_with_published_method():
    result = assess("procurement", **REGION, estimated_value_dkk=5_000_000)
    assert result["award_criteria"] == ["price", "cost", "best_price_quality", "publish_method"]
    assert "Udbudsloven § 162" in result.references


def test_date_outside_the_table_uses_nearest_period_and_warns():
    result = assess("procurement", on=dt.date(2028, 3, 1), **REGION, estimated_value_dkk=1)
    assert result["threshold"]["valid_to"] == dt.date(2027, 12, 31)
    assert any("1. marts 2028" in w.da for w in result.warnings)
    assert any("1 March 2028" in w.en for w in result.warnings)


def test_date_before_the_table_is_refused():
    with pytest.raises(core.AnswerError) as exc:
        assess("procurement", on=dt.date(2023, 12, 31), **REGION, estimated_value_dkk=1)
    assert "date" in exc.value.problems


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"contract_type": "supplies_services", "estimated_value_dkk": 1}, "authority"),
        ({**REGION}, "estimated_value_dkk"),
        ({**REGION, "estimated_value_dkk": -5}, "estimated_value_dkk"),
        ({**REGION, "estimated_value_dkk": "1000"}, "estimated_value_dkk"),
        ({**REGION, "estimated_value_dkk": 1, "authority": "municipal"}, "authority"),
    ],
)
def test_bad_or_missing_answers_are_named(answers, key):
    with pytest.raises(core.AnswerError) as exc:
        assess("procurement", **answers)
    assert key in exc.value.problems
