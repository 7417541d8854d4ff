"""Who may ask where: anonymous → login (pages) or 401 (API); outsider → 404 for the
project's assistant, as for the project itself; every member may ask in the project."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from vejviser.accounts.models import ApiToken
from vejviser.assistant.models import Conversation
from vejviser.projects.models import Membership


def auth(user):
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post_json(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def alice_message(client, personas):
    client.force_login(personas.alice)
    url = reverse("assistant:project_ask", args=[personas.project.pk])
    client.post(url, {"question": "Hvad er OPI?"})
    client.logout()
    return Conversation.objects.get(user=personas.alice).messages.get()


def test_anonymous_is_sent_to_login(client, personas, alice_message):
    p = personas.project
    for method, url in [
        ("get", reverse("assistant:home")),
        ("post", reverse("assistant:ask")),
        ("post", reverse("assistant:project_ask", args=[p.pk])),
        ("post", reverse("assistant:feedback", args=[alice_message.pk])),
    ]:
        response = getattr(client, method)(url, {"question": "Hvad er OPI?", "useful": "1"})
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
    assert alice_message.conversation.messages.count() == 1


def test_api_needs_authentication(client, personas):
    assert post_json(client, "/api/v1/assistant/ask", {"question": "Hvad er OPI?"}).status_code == (
        401
    )
    assert client.get("/api/v1/assistant/history").status_code == 401


def test_outsider_gets_404_for_the_projects_assistant(client, personas, alice_message):
    p = personas.project
    client.force_login(personas.charlie)
    ask = reverse("assistant:project_ask", args=[p.pk])
    assert client.post(ask, {"question": "hvor er vi?"}).status_code == 404
    assert client.post(ask, {"question": "hvor er vi?"}, HTTP_HX_REQUEST="true").status_code == 404
    feedback = reverse("assistant:feedback", args=[alice_message.pk])
    assert client.post(feedback, {"useful": "0"}).status_code == 404
    assert not Conversation.objects.filter(user=personas.charlie).exists()
    # … and the same through the API
    headers = auth(personas.charlie)
    data = {"question": "hvor er vi?", "project": p.pk}
    assert post_json(client, "/api/v1/assistant/ask", data, **headers).status_code == 404
    assert client.get(f"/api/v1/assistant/history?project={p.pk}", **headers).status_code == 404


def test_outsider_may_use_the_standalone_assistant(client, personas):
    client.force_login(personas.charlie)
    assert client.get(reverse("assistant:home")).status_code == 200
    response = client.post(reverse("assistant:ask"), {"question": "Hvad er OPI?"})
    assert response.status_code == 302
    assert Conversation.objects.get(user=personas.charlie).project is None


def test_nobody_gives_feedback_on_anothers_answer(client, personas, alice_message):
    client.force_login(personas.bob)  # a member of the same project
    feedback = reverse("assistant:feedback", args=[alice_message.pk])
    assert client.post(feedback, {"useful": "0"}).status_code == 404
    assert not hasattr(alice_message, "feedback") or alice_message.feedback is None


def test_every_member_sees_the_panel_and_may_ask(client, personas):
    p = personas.project
    for user in [personas.alice, personas.bob, personas.victor, personas.maja]:
        client.force_login(user)
        page = client.get(reverse("project", args=[p.pk])).content.decode()
        assert "data-assistant" in page, user
        ask = reverse("assistant:project_ask", args=[p.pk])
        assert client.post(ask, {"question": "hvor er vi?"}).status_code == 302, user
        assert Conversation.objects.get(user=user, project=p).messages.count() == 1


def test_a_member_who_left_loses_the_projects_answers(client, personas):
    p = personas.project
    client.force_login(personas.bob)
    client.post(reverse("assistant:project_ask", args=[p.pk]), {"question": "hvor er vi?"})
    message = Conversation.objects.get(user=personas.bob).messages.get()
    Membership.objects.filter(project=p, user=personas.bob).delete()
    feedback = reverse("assistant:feedback", args=[message.pk])
    assert client.post(feedback, {"useful": "1"}).status_code == 404
    response = client.get(f"/api/v1/assistant/history?project={p.pk}", **auth(personas.bob))
    assert response.status_code == 404
