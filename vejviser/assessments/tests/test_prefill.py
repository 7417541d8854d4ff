"""A questionnaire starts from the project's answers and from what other tools know, and
says where each pre-filled answer came from (``vejviser/assessments/prefill.py``)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from vejviser.assessments.demo import DEMO_RUNS
from vejviser.assessments.models import AssessmentRun
from vejviser.assessments.prefill import prefill
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project
from vejviser.value.models import BusinessCase
from vejviser.value.shipped import shipped_cases

CONTOURING = "AI-indtegning af normalvæv ved strålebehandling"
MDR_ANSWERS = next(r[4] for r in DEMO_RUNS if r[0] == CONTOURING and r[2] == "mdr")


def _questions(client, project, slug, name):
    step = project.steps.get(action__slug=slug)
    return client.get(reverse("assessments:questions", args=[project.pk, step.pk, name]))


def test_the_contouring_legal_step_starts_from_the_answers_of_the_earlier_step(client, db):
    load_demo(password="demo-password-123")
    project = Project.objects.get(title=CONTOURING)
    client.force_login(project.memberships.get(role="jurist").user)
    page = _questions(client, project, "kategoriser-risici-ift-eus-ai-forordning", "ai-act")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="role-both" checked' in html  # answered "both" on vurder-juridiske-aspekter
    assert 'id="role-unknown" checked' not in html
    assert 'id="mdr_class-IIb" checked' in html
    assert "data-origin" in html and "Vurder juridiske aspekter" in html


def test_the_ai_act_questionnaire_takes_the_mdr_class_from_the_mdr_result(client, personas):
    project = personas.project
    tjek = project.steps.get(action__slug="udfyld-tjekliste")
    run = AssessmentRun.record(tjek, personas.bob, "mdr", MDR_ANSWERS, dt.date(2026, 11, 20))
    assert run.result["class"] == "IIb"
    client.force_login(personas.bob)
    page = _questions(
        client, project, "gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning", "ai-act"
    )
    html = page.content.decode()
    assert 'id="mdr_class-IIb" checked' in html
    origin = html.split('data-question="mdr_class"')[1].split("</fieldset>")[0]
    assert "data-origin" in origin and "MDR" in origin


def test_a_saved_run_on_the_step_is_used_as_it_is(personas):
    step = personas.project.steps.get(action__slug="udfyld-tjekliste")
    AssessmentRun.record(step, personas.bob, "mdr", MDR_ANSWERS, dt.date(2026, 11, 20))
    latest = AssessmentRun.objects.for_step(step, "mdr").first()
    start = prefill(step, "mdr", latest)
    assert start.answers == latest.answers and start.origins == {}


def test_the_business_case_total_costs_prefill_the_procurement_value(personas):
    project = personas.project
    bc_step = project.steps.get(action__slug="udarbejd-business-case")
    version = BusinessCase.start(
        project=project,
        step=bc_step,
        user=personas.alice,
        name="BC",
        template="ambient-scribe",
        case=shipped_cases()["ambient-scribe"],
    )
    step = project.steps.get(action__slug="foretag-udbud")
    start = prefill(step, "procurement", None)
    assert start.answers["estimated_value_dkk"] == version.summary["deterministic"]["costs_total"]
    assert "BC" in start.origins["estimated_value_dkk"].text("da")


def test_a_changed_answer_no_longer_claims_its_origin(client, personas):
    project = personas.project
    tjek = project.steps.get(action__slug="udfyld-tjekliste")
    AssessmentRun.record(tjek, personas.bob, "mdr", MDR_ANSWERS, dt.date(2026, 11, 20))
    step = project.steps.get(
        action__slug="gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning"
    )
    client.force_login(personas.bob)
    url = reverse("assessments:questions", args=[project.pk, step.pk, "ai-act"])
    html = client.post(url, {"mdr_class": "I", "on_date": "2026-11-22"}).content.decode()
    fieldset = html.split('data-question="mdr_class"')[1].split("</fieldset>")[0]
    assert 'id="mdr_class-I" checked' in fieldset and "data-origin" not in fieldset
