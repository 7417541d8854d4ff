"""Approvals: every row of decision table D."""

from __future__ import annotations

import pytest

from vejviser.assessments.tests.helpers import assess


@pytest.mark.parametrize(
    ("answers", "route", "rule", "ethics", "lmst"),
    [
        pytest.param(
            {"clinical_investigation_device": True},
            "clinical_investigation",
            "D1",
            True,
            True,
            id="D1-clinical-investigation",
        ),
        pytest.param(
            {"intervention_on_humans": True},
            "ethics_notification",
            "D2",
            True,
            False,
            id="D2-intervention",
        ),
        pytest.param(
            {"biological_material": True},
            "ethics_notification",
            "D2",
            True,
            False,
            id="D2-biological-material",
        ),
        pytest.param(
            {"genome_or_imaging_secondary_findings": True},
            "ethics_notification",
            "D3",
            True,
            False,
            id="D3-health-data-science",
        ),
        pytest.param(
            {"quality_assurance_project": True},
            "no_notification",
            "D4",
            False,
            False,
            id="D4-quality-assurance",
        ),
        pytest.param(
            {"questionnaire_interview_only": True},
            "no_notification",
            "D5",
            False,
            False,
            id="D5-questionnaire",
        ),
        pytest.param(
            {"register_data_only": True},
            "no_notification",
            "D5",
            False,
            False,
            id="D5-register-data",
        ),
        pytest.param({}, "check_with_committee", "D6", False, False, id="D6-unsettled"),
    ],
)
def test_table_d(answers, route, rule, ethics, lmst):
    result = assess("approvals", **answers)
    assert result["route"] == route
    assert result.fired_ids == [rule]
    assert result["ethics_committee_notification"] is ethics
    assert result["lmst_application"] is lmst
    assert result.references


def test_clinical_investigation_goes_to_vmk_and_lmst_together():
    result = assess("approvals", clinical_investigation_device=True, quality_assurance_project=True)
    assert result["authorities"] == ["lmst", "vmk"]
    assert result.ignored_answers == ["quality_assurance_project"]
    assert "MDR Art. 62–80" in result.references
    assert "Lægemiddelstyrelsen" in result.explanation.da


def test_quality_assurance_needs_management_permission():
    result = assess("approvals", quality_assurance_project=True)
    assert result["quality_assurance"] is True
    assert result["authorities"] == ["site_management"]
    assert "Sundhedsloven § 42 d" in result.references
