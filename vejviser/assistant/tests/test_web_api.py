"""POST /api/v1/assistant/ask and GET /api/v1/assistant/history."""

from __future__ import annotations

import json

from vejviser.accounts.models import ApiToken
from vejviser.assistant.models import Message

CPR = "010203-1234"


def auth(user):
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def ask(client, headers, **data):
    return client.post(
        "/api/v1/assistant/ask", json.dumps(data), content_type="application/json", **headers
    )


def test_ask_returns_answer_sources_and_latency(client, personas):
    response = ask(client, auth(personas.alice), question="Hvornår er der krav om udbud?")
    assert response.status_code == 200
    data = response.json()
    assert "1,6 mio" in data["answer"]
    assert data["sources"] and set(data["sources"][0]) == {"title", "ref", "url"}
    assert data["latency_ms"] > 0
    assert data["mode"] == "offline" and data["project"] is None and data["lang"] == "da"


def test_ask_in_a_project_answers_from_its_steps(client, personas):
    p = personas.project
    data = ask(client, auth(personas.alice), question="hvad er mit næste skridt?", project=p.pk)
    data = data.json()
    assert data["mode"] == "project" and data["project"] == p.pk
    step = p.journey().next_steps[0]
    assert step.action.title_da in data["answer"]
    assert f"/projects/{p.pk}/steps/{step.pk}/" in [link["url"] for link in data["links"]]


def test_vendor_gets_only_shared_steps_through_the_api(client, personas):
    p = personas.project
    data = ask(client, auth(personas.victor), question="What is our next step?", project=p.pk)
    data = data.json()
    assert data["lang"] == "en"
    shared = {f"/projects/{p.pk}/steps/{s.pk}/" for s in p.steps.filter(shared_with_vendor=True)}
    assert data["links"] and {link["url"] for link in data["links"]} <= shared


def test_session_authentication_works_too(client, personas):
    client.force_login(personas.bob)
    assert ask(client, {}, question="Hvad er OPI?").status_code == 200


def test_empty_and_too_long_questions_are_400_with_the_reason(client, personas):
    headers = auth(personas.alice)
    empty = ask(client, headers, question="  ")
    assert empty.status_code == 400 and "Skriv et spørgsmål" in empty.json()["detail"]
    long = ask(client, headers, question="x" * 1001)
    assert long.status_code == 400 and "højst 1000 tegn" in long.json()["detail"]
    assert not Message.objects.exists()


def test_cpr_is_removed_and_reported_not_returned(client, personas):
    data = ask(client, auth(personas.alice), question=f"Hvad er OPI? {CPR}").json()
    assert data["removed"] == {"cpr": 1}
    assert CPR not in json.dumps(data)
    assert CPR not in Message.objects.get().question


def test_history_is_mine_per_project_oldest_first(client, personas):
    p = personas.project
    alice = auth(personas.alice)
    ask(client, alice, question="Hvad er OPI?", project=p.pk)
    ask(client, alice, question="hvor er vi?", project=p.pk)
    ask(client, alice, question="Hvad er en DPIA?")
    ask(client, auth(personas.bob), question="Hvem er jurist?", project=p.pk)
    here = client.get(f"/api/v1/assistant/history?project={p.pk}", **alice).json()
    assert [m["question"] for m in here] == ["Hvad er OPI?", "hvor er vi?"]
    outside = client.get("/api/v1/assistant/history", **alice).json()
    assert [m["question"] for m in outside] == ["Hvad er en DPIA?"]
    assert client.get("/api/v1/assistant/history", **auth(personas.charlie)).json() == []


def test_openapi_lists_the_assistant(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/assistant/ask" in paths and "/api/v1/assistant/history" in paths
