"""AI Act: every row of decision table A, obligations by role, and application dates."""

from __future__ import annotations

import datetime as dt

import pytest

from vejviser.assessments import core
from vejviser.assessments.tests.helpers import assess, schedule


@pytest.mark.parametrize(
    ("answers", "tier", "route", "rule"),
    [
        pytest.param({"prohibited_practice": True}, "prohibited", "art5", "A1", id="A1-art5"),
        pytest.param(
            {"prohibited_practice": True, "mdr_class": "III"},
            "prohibited",
            "art5",
            "A1",
            id="A1-wins-over-A2",
        ),
        *(
            pytest.param({"mdr_class": c}, "high-risk", "annex_i", "A2", id=f"A2-mdr-{c}")
            for c in ("IIa", "IIb", "III")
        ),
        *(
            pytest.param({"ivdr_class": c}, "high-risk", "annex_i", "A2", id=f"A2-ivdr-{c}")
            for c in ("B", "C", "D")
        ),
        pytest.param({"mdr_class": "I"}, "minimal", "none", "A6", id="A2-not-mdr-class-I"),
        pytest.param({"ivdr_class": "A"}, "minimal", "none", "A6", id="A2-not-ivdr-class-A"),
        pytest.param(
            {"mdr_class": "IIa", "annex_iii_area": "emergency_triage"},
            "high-risk",
            "annex_i",
            "A2",
            id="A2-wins-over-A3",
        ),
        pytest.param(
            {"annex_iii_area": "emergency_triage"},
            "high-risk",
            "annex_iii",
            "A3",
            id="A3-no-derogation",
        ),
        pytest.param(
            {"annex_iii_area": "employment", "profiling": True, "art6_3_exception": "preparatory"},
            "high-risk",
            "annex_iii",
            "A3",
            id="A3-profiling-always-high-risk",
        ),
        *(
            pytest.param(
                {"annex_iii_area": "public_benefits", "art6_3_exception": exc},
                "not-high-risk",
                "art6_3",
                "A4",
                id=f"A4-{exc}",
            )
            for exc in (
                "narrow_procedural",
                "improves_completed_human_activity",
                "detects_patterns_without_replacing",
                "preparatory",
            )
        ),
        pytest.param({}, "minimal", "none", "A6", id="A6-otherwise"),
    ],
)
def test_table_a_tier(answers, tier, route, rule):
    result = assess("ai-act", **answers)
    assert result["tier"] == tier
    assert result["route"] == route
    assert result.fired_ids[0] == rule
    assert result.references


def test_a3_and_a4_cite_article_6():
    assert "AI Act Art. 6(2)" in assess("ai-act", annex_iii_area="biometrics").references
    derogated = assess("ai-act", annex_iii_area="biometrics", art6_3_exception="preparatory")
    assert "AI Act Art. 6(3)" in derogated.references
    assert derogated.warnings  # no significant risk is also required; guidelines were a draft


def test_a4_provider_must_document_and_register():
    result = assess(
        "ai-act", annex_iii_area="biometrics", art6_3_exception="preparatory", role="provider"
    )
    assert "p_document_derogation" in result["provider_obligations"]
    assert "AI Act Art. 6(4)" in result.references


@pytest.mark.parametrize(
    ("answer", "duty", "rule"),
    [
        ("interacts_with_people", "art50_1", "A5a"),
        ("generates_content", "art50_2", "A5b"),
        ("emotion_recognition", "art50_3", "A5c"),
    ],
)
def test_table_a_row_a5_adds_art50_duties_at_any_tier(answer, duty, rule):
    for base in ({}, {"mdr_class": "IIb"}, {"annex_iii_area": "emergency_triage"}):
        result = assess("ai-act", **base, **{answer: True})
        assert result["transparency_duties"] is True
        assert duty in result["transparency"]
        assert rule in result.fired_ids
    assert assess("ai-act", **base)["transparency_duties"] is False


def test_a5_published_generated_content_adds_art50_4():
    result = assess("ai-act", generates_content=True, publishes_generated_content=True)
    assert result["transparency"] == ["art50_2", "art50_4"]
    assert "AI Act Art. 50(4)" in result.references


def test_a6_minimal_still_needs_ai_literacy():
    result = assess("ai-act", role="deployer")
    assert result["tier"] == "minimal"
    assert result["deployer_obligations"] == ["ai_literacy"]
    assert "AI Act Art. 4" in result.references


def test_provider_and_deployer_obligations_follow_the_role():
    provider = assess("ai-act", mdr_class="IIb", role="provider")
    assert {"p_risk_management", "p_quality_management", "p_conformity_in_mdr"} <= set(
        provider["provider_obligations"]
    )
    assert provider["deployer_obligations"] == []
    assert "AI Act Art. 16" in provider.references

    deployer = assess("ai-act", mdr_class="IIb", role="deployer")
    assert deployer["provider_obligations"] == []
    assert {"d_human_oversight", "d_keep_logs"} <= set(deployer["deployer_obligations"])
    assert "AI Act Art. 26" in deployer.references

    both = assess("ai-act", mdr_class="IIb", role="both")
    assert both["provider_obligations"] and both["deployer_obligations"]


def test_fria_for_public_deployer_of_annex_iii_system():
    result = assess("ai-act", annex_iii_area="emergency_triage", role="deployer", public_body=True)
    assert result["fria_required"] is True
    assert "d_fria" in result["deployer_obligations"]
    assert "AI Act Art. 27" in result.references


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"mdr_class": "IIa", "public_body": True}, id="annex-I-only"),
        pytest.param({"annex_iii_area": "emergency_triage", "public_body": False}, id="private"),
        pytest.param(
            {
                "annex_iii_area": "emergency_triage",
                "art6_3_exception": "preparatory",
                "public_body": True,
            },
            id="derogated",
        ),
        pytest.param(
            {"annex_iii_area": "emergency_triage", "role": "provider", "public_body": True},
            id="provider-only",
        ),
    ],
)
def test_no_fria(answers):
    assert assess("ai-act", **{"role": "deployer", **answers})["fria_required"] is False


def test_fria_also_for_device_used_in_annex_iii_area():
    result = assess("ai-act", mdr_class="IIa", annex_iii_area="emergency_triage", public_body=True)
    assert result["route"] == "annex_i"
    assert result["fria_required"] is True


def test_art25_deployer_who_rebrands_becomes_provider():
    result = assess("ai-act", mdr_class="IIa", role="deployer", modifies_or_rebrands=True)
    assert result["becomes_provider"] is True
    assert "p_risk_management" in result["provider_obligations"]
    assert "AI Act Art. 25" in result.references
    assert assess("ai-act", role="deployer", modifies_or_rebrands=True)["becomes_provider"] is False


@pytest.mark.parametrize(
    ("answers", "milestone", "regime", "day"),
    [
        ({"prohibited_practice": True}, "prohibitions", "original", dt.date(2025, 2, 2)),
        ({}, "ai_literacy", "original", dt.date(2025, 2, 2)),
        (
            {"annex_iii_area": "emergency_triage"},
            "annex_iii_high_risk",
            "original",
            dt.date(2026, 8, 2),
        ),
        (
            {"annex_iii_area": "emergency_triage"},
            "annex_iii_high_risk",
            "omnibus",
            dt.date(2027, 12, 2),
        ),
        ({"mdr_class": "IIa"}, "annex_i_high_risk", "original", dt.date(2027, 8, 2)),
        ({"mdr_class": "IIa"}, "annex_i_high_risk", "omnibus", dt.date(2028, 8, 2)),
        ({"interacts_with_people": True}, "transparency", "original", dt.date(2026, 8, 2)),
        (
            {"generates_content": True},
            "transparency_marking_grace",
            "omnibus",
            dt.date(2026, 12, 2),
        ),
        (
            {"annex_iii_area": "emergency_triage", "public_body": True},
            "public_authority_legacy",
            "omnibus",
            dt.date(2030, 8, 2),
        ),
    ],
)
def test_application_date_either_side(answers, milestone, regime, day):
    before = assess("ai-act", on=day - dt.timedelta(days=1), **answers)
    on = assess("ai-act", on=day, **answers)
    assert schedule(before, milestone)[regime] is False
    assert schedule(on, milestone)[regime] is True


def test_both_original_and_omnibus_dates_shown_and_omnibus_flagged_unverified():
    result = assess("ai-act", mdr_class="IIb")
    (annex_i,) = [m for m in result.application_dates if m["id"] == "annex_i_high_risk"]
    dates = {d["regime"]: (d["date"], d["status"]) for d in annex_i["dates"]}
    assert dates == {
        "original": ("2027-08-02", "in_force"),
        "omnibus": ("2028-08-02", "unconfirmed"),
    }
    assert any("UNVERIFIED" in w.en and "IKKE BEKRÆFTET" in w.da for w in result.warnings)
    assert "2. august 2028" in result.explanation.da and "2. august 2027" in result.explanation.da
    assert "2 August 2028" in result.explanation.en


def test_date_before_the_ai_act_is_refused():
    with pytest.raises(core.AnswerError) as exc:
        assess("ai-act", on=dt.date(2024, 7, 31))
    assert "date" in exc.value.problems


def test_output_keys_of_the_issue():
    data = assess("ai-act", mdr_class="IIa").to_dict()
    assert data["tier"] in {"prohibited", "high-risk", "not-high-risk", "minimal"}
    assert isinstance(data["transparency_duties"], bool)
    assert isinstance(data["fria_required"], bool)
    assert "AI Act Art. 6(1)" in data["references"]


def test_private_provider_of_public_services_needs_fria_but_not_registration():
    answers = {"annex_iii_area": "emergency_triage", "role": "deployer", "public_body": True}
    private = assess("ai-act", **answers, public_authority=False)
    assert private["fria_required"] is True
    assert "d_register_public" not in private["deployer_obligations"]
    assert "d_register_public" in assess("ai-act", **answers)["deployer_obligations"]
