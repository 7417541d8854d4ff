"""Business cases through the API: same permissions as the pages, versions with edit
conflicts (409), a bad case is a 400 naming the problem, simulation saves nothing."""

from __future__ import annotations

import json

import pytest

from vejviser.accounts.models import ApiToken
from vejviser.value.models import BusinessCase, CaseVersion

from .web import business_step


def auth(user, **scope):
    _token, secret = ApiToken.issue(user, "test", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def base(project):
    return f"/api/v1/value/projects/{project.pk}/steps/{business_step(project).pk}/cases"


def post(client, url, body, headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def started(client, personas):
    response = post(
        client,
        base(personas.project),
        {"name": "Talegenkendelse", "template": "ambient-scribe"},
        auth(personas.alice),
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_start_from_a_template_and_read_it_back(client, personas, started):
    assert started["number"] == 1 and started["figures"]["deterministic"]["npv"] == started["npv"]
    listed = client.get(base(personas.project), **auth(personas.maja)).json()
    assert [c["name"] for c in listed] == ["Talegenkendelse"]
    url = f"{base(personas.project)}/{started['case_id']}/versions/1"
    got = client.get(url, **auth(personas.bob))
    assert got.status_code == 200 and got.json()["case"] == started["case"]


def test_a_new_version_and_an_edit_conflict(client, personas, started):
    url = f"{base(personas.project)}/{started['case_id']}/versions"
    case = started["case"]
    case["inputs"]["consultations"]["value"] = 18000
    second = post(client, url, {"based_on": 1, "case": case, "note": "kortere"}, auth(personas.bob))
    assert second.status_code == 201, second.content
    assert second.json()["number"] == 2 and second.json()["changes"]
    stale = post(client, url, {"based_on": 1, "case": case}, auth(personas.alice))
    assert stale.status_code == 409 and "2" in stale.json()["detail"]
    assert CaseVersion.objects.count() == 2


def test_a_bad_case_is_a_400_and_saves_nothing(client, personas, started):
    url = f"{base(personas.project)}/{started['case_id']}/versions"
    broken = {**started["case"], "horizon_years": "many"}
    response = post(client, url, {"based_on": 1, "case": broken}, auth(personas.alice))
    assert response.status_code == 400 and response.json()["detail"]
    none = post(client, base(personas.project), {"name": "x"}, auth(personas.alice))
    assert none.status_code == 400
    assert CaseVersion.objects.count() == 1


@pytest.mark.parametrize(("who", "code"), [("maja", 403), ("victor", 404), ("charlie", 404)])
def test_who_may_not_add(client, personas, started, who, code):
    body = {"name": "x", "template": "ambient-scribe"}
    assert (
        post(client, base(personas.project), body, auth(getattr(personas, who))).status_code == code
    )
    assert BusinessCase.objects.count() == 1


def test_vendor_gets_404_even_when_reading_a_shared_step(client, personas, started):
    step = business_step(personas.project)
    step.shared_with_vendor = True
    step.save()
    assert client.get(base(personas.project), **auth(personas.victor)).status_code == 404


def test_simulate_saves_nothing_and_a_read_token_may_call_it(client, personas, started):
    body = {"case": started["case"], "seed": int(started["figures"]["simulation"]["seed"])}
    response = post(client, "/api/v1/value/simulate", body, auth(personas.alice, scope="read"))
    assert response.status_code == 200, response.content
    assert response.json()["deterministic"]["npv"] == pytest.approx(started["npv"])
    assert response.json()["simulation"]["npv"] == started["figures"]["simulation"]["npv"]
    assert CaseVersion.objects.count() == 1
    # but a read token cannot save a version
    url = f"{base(personas.project)}/{started['case_id']}/versions"
    refused = post(
        client, url, {"based_on": 1, "case": started["case"]}, auth(personas.alice, scope="read")
    )
    assert refused.status_code == 403
