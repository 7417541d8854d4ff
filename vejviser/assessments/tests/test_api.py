"""Assessments through the API: the rules are public; runs on a step under the pages'
permissions; bad answers are a 400 naming each key; versions and their changes."""

from __future__ import annotations

import json

import pytest

from vejviser.accounts.models import ApiToken
from vejviser.assessments.models import AssessmentRun

from .test_web_assessments import SHARED, step

HIGH_RISK = {"mdr_class": "IIa", "role": "deployer", "public_body": True}


def auth(user, **scope):
    _token, secret = ApiToken.issue(user, "test", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def url(project, s=None, name="ai-act"):
    s = s or step(project)
    return f"/api/v1/assessments/projects/{project.pk}/steps/{s.pk}/{name}"


def run(client, address, answers, headers, on_date="2026-11-22"):
    body = json.dumps({"answers": answers, "on_date": on_date})
    return client.post(address, body, content_type="application/json", **headers)


def test_the_rule_sets_and_questions_are_public(client, db):
    listed = client.get("/api/v1/assessments").json()
    assert {a["id"] for a in listed} == {"ai-act", "mdr", "gdpr", "approvals", "procurement"}
    questions = client.get("/api/v1/assessments/ai-act/questions").json()
    assert any(q["key"] == "mdr_class" for q in questions)
    assert client.get("/api/v1/assessments/nope/questions").status_code == 404


def test_a_member_runs_twice_and_reads_the_versions_with_their_changes(client, personas):
    address = url(personas.project)
    first = run(client, address, HIGH_RISK, auth(personas.bob))
    assert first.status_code == 201, first.content
    assert first.json()["result"]["tier"] == "high-risk" and first.json()["version"] == 1
    second = run(client, address, {**HIGH_RISK, "mdr_class": "none"}, auth(personas.alice))
    assert second.status_code == 201, second.content
    assert second.json()["version"] == 2 and second.json()["changes"]
    listed = client.get(address, **auth(personas.maja)).json()
    assert [r["version"] for r in listed] == [2, 1]
    assert client.get(address + "/v1", **auth(personas.maja)).json()["answers"] == HIGH_RISK
    assert client.get(address + "/v9", **auth(personas.maja)).status_code == 404


def test_bad_answers_are_a_400_naming_each_key_and_save_nothing(client, personas):
    response = run(
        client, url(personas.project), {"mdr_class": "XL", "nope": 1}, auth(personas.alice)
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "mdr_class" in detail and "nope" in detail
    assert not AssessmentRun.objects.exists()


@pytest.mark.parametrize(("who", "code"), [("maja", 403), ("charlie", 404)])
def test_who_may_not_run(client, personas, who, code):
    assert (
        run(client, url(personas.project), HIGH_RISK, auth(getattr(personas, who))).status_code
        == code
    )
    assert not AssessmentRun.objects.exists()


def test_vendor_reads_on_a_shared_step_but_never_runs(client, personas):
    p = personas.project
    shared, legal = step(p, SHARED), step(p)
    assert shared.shared_with_vendor and not legal.shared_with_vendor
    gdpr = url(p, shared, "gdpr")
    assert client.get(gdpr, **auth(personas.victor)).status_code == 200
    assert run(client, gdpr, {}, auth(personas.victor)).status_code == 403
    assert client.get(url(p), **auth(personas.victor)).status_code == 404


def test_a_step_without_the_tool_and_a_read_token(client, personas):
    p = personas.project
    assert client.get(url(p, step(p, SHARED), "ai-act"), **auth(personas.alice)).status_code == 404
    refused = run(client, url(p), HIGH_RISK, auth(personas.alice, scope="read"))
    assert refused.status_code == 403
    assert not AssessmentRun.objects.exists()
