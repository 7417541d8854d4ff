"""The public API: questionnaires, visibility, answer checks, results, diffs, law changes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from vejviser.assessments import core
from vejviser.assessments.tests.helpers import TODAY, assess, copy_content, edit


def test_lists_the_five_assessments_with_versions():
    infos = core.list_assessments()
    assert [a.id for a in infos] == ["ai-act", "mdr", "gdpr", "approvals", "procurement"]
    assert all(a.version and a.reviewed <= a.next_review for a in infos)


def test_unknown_assessment():
    with pytest.raises(core.UnknownAssessmentError, match="ai-act, mdr"):
        core.get_questionnaire("tax")


def test_questions_have_danish_and_english_text():
    for info in core.list_assessments():
        for q in core.get_questionnaire(info.id).questions:
            assert q.text.da and q.text.en
            assert q.type in {"bool", "choice", "number", "date"}


def keys(name, answers, on=TODAY):
    return [q.key for q in core.visible_questions(name, answers, on)]


def test_only_questions_that_matter_are_shown():
    assert keys("mdr", {}) == ["medical_purpose"]
    assert keys("mdr", {"medical_purpose": True}) == ["medical_purpose", "acts_beyond_storage"]
    device = keys("mdr", {"medical_purpose": True, "acts_beyond_storage": True})
    assert "informs_decisions" in device and "worst_case" not in device
    assert "profiling" not in keys("ai-act", {})
    assert "profiling" in keys("ai-act", {"annex_iii_area": "employment"})
    assert "art6_3_exception" not in keys(
        "ai-act", {"annex_iii_area": "employment", "profiling": True}
    )


def test_procurement_questions_follow_the_threshold_of_the_date():
    base = {"authority": "sub_central", "contract_type": "supplies_services"}
    assert "cross_border_interest" not in keys("procurement", base)
    below = keys("procurement", {**base, "estimated_value_dkk": 1_620_000}, dt.date(2025, 6, 1))
    above = keys("procurement", {**base, "estimated_value_dkk": 1_620_000}, dt.date(2026, 6, 1))
    assert "cross_border_interest" in below and "needs_adaptation" not in below
    assert "needs_adaptation" in above and "cross_border_interest" not in above


def test_unknown_keys_and_invalid_values_are_named_together():
    with pytest.raises(core.AnswerError) as exc:
        assess("ai-act", role="owner", bogus=True, mdr_class="IIc", profiling=1)
    assert set(exc.value.problems) == {"role", "bogus", "mdr_class", "profiling"}
    assert "unknown question key" in exc.value.problems["bogus"].text("en")
    assert "provider" in exc.value.problems["role"].text("en")


def test_unanswered_questions_are_assumed_and_reported():
    result = assess("ai-act", mdr_class="IIa")
    assert result.assumed["role"] == "deployer"
    assert "mdr_class" not in result.assumed
    assert "(role) = idriftsætter" in result.explanation.da


def test_answers_from_a_web_form():
    a = core.get_questionnaire("procurement")
    answers = core.from_form(
        a,
        {
            "authority": "sub_central",
            "contract_type": "supplies_services",
            "estimated_value_dkk": " 2 000 000 ",
            "needs_adaptation": "ja",
            "cross_border_interest": "",
        },
    )
    assert answers == {
        "authority": "sub_central",
        "contract_type": "supplies_services",
        "estimated_value_dkk": 2_000_000,
        "needs_adaptation": True,
    }
    assert core.evaluate("procurement", answers, TODAY)["eu_tender_required"] is True


def test_result_is_json_and_explained_in_both_languages():
    result = assess(
        "mdr",
        medical_purpose=True,
        acts_beyond_storage=True,
        informs_decisions=True,
        worst_case="other",
        monitors_physiological=False,
    )
    data = json.loads(json.dumps(result.to_dict()))
    assert data["class"] == "IIa" and data["device"] is True
    assert data["ruleset"]["version"] and data["ruleset"]["reviewed"]
    assert data["rules_fired"][0]["id"] == "Q1"
    assert data["date"] == TODAY.isoformat()
    assert result.explanation.da.startswith("Medicinsk udstyr: ja. Klasse: klasse IIa.")
    assert result.explanation.en.startswith("Medical device: yes. Class: class IIa.")
    assert "MDR Annex VIII Rule 11" in result.explanation.da


def test_diff_names_changed_answers_outputs_and_rules():
    before = assess("ai-act", role="deployer")
    after = assess("ai-act", role="deployer", mdr_class="IIa")
    d = core.diff(before.to_dict(), after)  # previous result as stored JSON
    assert d.changed
    tier = next(c for c in d.outputs if c.key == "tier")
    assert (tier.before, tier.after) == ("minimal", "high-risk")
    assert (tier.rules_before, tier.rules_after) == (["A6"], ["A2"])
    assert [c.key for c in d.answers] == ["mdr_class"]
    assert "A2" in d.rules_added and "A6" in d.rules_removed
    assert "Risikoniveau: minimal risiko → højrisiko" in d.explanation.da
    assert json.dumps(d.to_dict())


def test_diff_unchanged():
    result = assess("gdpr", sensitive_data=True)
    d = core.diff(result, assess("gdpr", sensitive_data=True))
    assert not d.changed
    assert "uændret" in d.explanation.da


def test_diff_when_an_application_date_passes():
    answers = {"annex_iii_area": "emergency_triage"}
    d = core.diff(
        assess("ai-act", on=dt.date(2026, 7, 1), **answers),
        assess("ai-act", on=dt.date(2026, 9, 1), **answers),
    )
    assert d.changed and not d.outputs
    assert d.now_applying[0]["date"] == "2026-08-02"
    assert "Højrisiko efter bilag III gælder nu" in d.explanation.da


def test_a_change_in_law_is_a_content_change(tmp_path):
    """The Omnibus is confirmed and the DKK thresholds are published: only YAML changes."""
    content = copy_content(tmp_path, only="ai-act, procurement")
    answers = {"mdr_class": "IIa"}
    old = core.evaluate("ai-act", answers, TODAY)  # the shipped content
    edit(content / "ai-act.yaml", 'version: "2026.11"', 'version: "2027.01"')
    edit(
        content / "ai-act.yaml",
        'status: in_force\n    reference: "AI Act Art. 113"',
        'status: superseded\n    reference: "AI Act Art. 113"',
    )
    edit(content / "ai-act.yaml", "status: unconfirmed", "status: in_force")
    edit(
        content / "procurement-thresholds.yaml",
        "{authority: sub_central, contract_type: supplies_services, eur: 216_000, dkk: 1_611_360}",
        "{authority: sub_central, contract_type: supplies_services, eur: 216_000, dkk: 1_609_000,"
        " dkk_status: official}",
    )
    new = core.evaluate("ai-act", answers, TODAY, content_dir=content)
    assert any("UNVERIFIED" in w.en for w in old.warnings)
    assert not any("UNVERIFIED" in w.en for w in new.warnings)
    d = core.diff(old, new, content_dir=content)
    assert d.ruleset == ("2026.11", "2027.01")
    assert "version 2026.11 → 2027.01" in d.explanation.da
    region = {"authority": "sub_central", "contract_type": "supplies_services"}
    tender = core.evaluate(
        "procurement", {**region, "estimated_value_dkk": 1_609_000}, TODAY, content_dir=content
    )
    assert tender["eu_tender_required"] is True
    assert tender["threshold"]["dkk_status"] == "official"


def test_a_rule_out_of_force_no_longer_fires(tmp_path):
    content = copy_content(tmp_path, only="mdr")
    edit(
        content / "mdr.yaml",
        'set: {notified_body_required: true}\n        references: ["MDR Art. 52"]',
        'set: {notified_body_required: true}\n        references: ["MDR Art. 52"]\n'
        "        valid_to: 2026-12-31",
    )
    answers = {
        "medical_purpose": True,
        "acts_beyond_storage": True,
        "informs_decisions": True,
        "worst_case": "other",
        "monitors_physiological": False,
    }
    in_force = core.evaluate("mdr", answers, dt.date(2026, 12, 31), content_dir=content)
    expired = core.evaluate("mdr", answers, dt.date(2027, 1, 1), content_dir=content)
    assert "B10" in in_force.fired_ids and in_force["notified_body_required"] is True
    assert "B10" not in expired.fired_ids and expired["notified_body_required"] is False


def test_review_date_passed_is_warned():
    result = assess("gdpr", on=dt.date(2028, 1, 1))
    assert any("gdpr 2026.11" in w.da for w in result.warnings)
