"""The demo projects come with saved assessments a clinician can read."""

from __future__ import annotations

from django.urls import reverse

from vejviser.assessments.demo import load_demo_assessments
from vejviser.assessments.models import AssessmentRun
from vejviser.projects.demo import load_demo


def latest(title, name):
    return AssessmentRun.objects.filter(project__title=title, assessment=name).first()


def test_demo_projects_get_their_assessments_once(db, client):
    load_demo(password="demo-password-123")  # saves the four demo runs
    assert AssessmentRun.objects.count() == 4
    assert load_demo_assessments() == 0  # idempotent

    scribe = "Ambient scribe i almen praksis"
    ai = latest(scribe, "ai-act").result
    assert ai["tier"] == "minimal"
    assert ai["transparency_duties"] is True
    assert "AI Act Art. 50(2)" in ai["references"]
    gdpr = latest(scribe, "gdpr").result
    assert gdpr["dpia"] == "required"
    assert gdpr["processor_agreement_required"] is True

    contouring = "AI-indtegning af normalvæv ved strålebehandling"
    mdr = latest(contouring, "mdr").result
    assert (mdr["device"], mdr["class"], mdr["notified_body_required"]) == (True, "IIb", True)
    assert mdr["in_house_exemption"] == "not_met"
    ai = latest(contouring, "ai-act").result
    assert (ai["tier"], ai["route"]) == ("high-risk", "annex_i")

    run = latest(contouring, "mdr")
    client.force_login(run.created_by)
    step_page = client.get(reverse("step", args=[run.project_id, run.step_id])).content.decode()
    assert 'data-assessment-summary="mdr"' in step_page  # the result shows on its step
    page = client.get(
        reverse("assessments:overview", args=[run.project_id, run.step_id, "mdr"])
    ).content.decode()
    assert "Klasse: klasse IIb." in page
    assert "MDR Annex VIII Rule 11" in page
