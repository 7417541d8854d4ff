"""The JSON API: same permissions as the pages; token and session authentication."""

from __future__ import annotations

import json

from vejviser.accounts.models import ApiToken
from vejviser.conftest import make_user


def auth(user):
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_journey_tracks_are_public_and_complete(client, db):
    data = client.get("/api/v1/journey/tracks").json()
    assert [t["id"] for t in data] == ["ny-ide", "faerdigt-produkt"]
    assert [len(t["phases"]) for t in data] == [5, 2]
    english = client.get("/api/v1/journey/tracks?lang=en").json()
    assert english[0]["title"] != data[0]["title"]


def test_openapi_document(client, db):
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/projects" in doc["paths"]


def test_projects_need_authentication(client, personas):
    assert client.get("/api/v1/projects").status_code == 401
    assert client.get("/api/v1/projects", HTTP_AUTHORIZATION="Bearer vj_wrong").status_code == 401


def test_token_lists_only_my_projects(client, personas):
    assert [p["id"] for p in client.get("/api/v1/projects", **auth(personas.alice)).json()] == [
        personas.project.pk
    ]
    assert client.get("/api/v1/projects", **auth(personas.charlie)).json() == []


def test_outsider_gets_404_on_every_endpoint(client, personas):
    p = personas.project
    step = p.steps.first()
    headers = auth(personas.charlie)
    assert client.get(f"/api/v1/projects/{p.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/projects/{p.pk}/steps", **headers).status_code == 404
    assert client.get(f"/api/v1/projects/{p.pk}/audit", **headers).status_code == 404
    response = client.patch(
        f"/api/v1/projects/{p.pk}/steps/{step.pk}",
        json.dumps({"version": 1}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 404


def test_vendor_sees_only_shared_steps_via_api(client, personas):
    p = personas.project
    steps = client.get(f"/api/v1/projects/{p.pk}/steps", **auth(personas.victor)).json()
    assert steps and all(s["shared_with_vendor"] for s in steps)
    assert len(steps) < p.steps.count()
    assert client.get(f"/api/v1/projects/{p.pk}/audit", **auth(personas.victor)).status_code == 403


def test_member_patches_step_and_conflict_is_409(client, personas):
    p = personas.project
    step = p.steps.first()
    headers = auth(personas.bob)
    response = client.patch(
        f"/api/v1/projects/{p.pk}/steps/{step.pk}",
        json.dumps({"version": 1, "status": "in_progress"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    response = client.patch(
        f"/api/v1/projects/{p.pk}/steps/{step.pk}",
        json.dumps({"version": 1, "status": "done"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    step.refresh_from_db()
    assert step.status == "in_progress"


def test_management_cannot_patch(client, personas):
    p = personas.project
    step = p.steps.first()
    response = client.patch(
        f"/api/v1/projects/{p.pk}/steps/{step.pk}",
        json.dumps({"version": 1, "status": "done"}),
        content_type="application/json",
        **auth(personas.maja),
    )
    assert response.status_code == 403


def test_invalid_patch_is_rejected_and_changes_nothing(client, personas):
    p = personas.project
    step = p.steps.first()
    response = client.patch(
        f"/api/v1/projects/{p.pk}/steps/{step.pk}",
        json.dumps({"version": 1, "status": "finished"}),
        content_type="application/json",
        **auth(personas.alice),
    )
    assert response.status_code == 422
    step.refresh_from_db()
    assert step.version == 1


def test_create_project_via_api(client, db):
    user = make_user("dora")
    payload = {
        "title": "AI-triage",
        "clinical_area": "Akutmodtagelse",
        "department": "OUH FAM",
        "region": "syddanmark",
        "track": "ny-ide",
    }
    response = client.post(
        "/api/v1/projects", json.dumps(payload), content_type="application/json", **auth(user)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["current_phase"] == "ideudvikling"
    assert body["my_role"] == "kliniker"
    bad = client.post(
        "/api/v1/projects",
        json.dumps({**payload, "region": "mars"}),
        content_type="application/json",
        **auth(user),
    )
    assert bad.status_code == 422
