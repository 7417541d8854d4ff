"""The learning loop on the web: follow-up questions in the panel and the API, rule-engine
verdicts, and the content editors' page of gaps (who sees it, what it shows)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from vejviser.accounts.roles import make_content_editor
from vejviser.assistant.models import FOLLOW_UP_WINDOW, Message
from vejviser.conftest import make_user

HX = {"HTTP_HX_REQUEST": "true"}
CPR = "010203-1234"


def ask(client, question, project=None, **extra):
    url = (
        reverse("assistant:project_ask", args=[project.pk]) if project else reverse("assistant:ask")
    )
    return client.post(url, {"question": question}, **extra)


def last(user):
    return Message.objects.filter(conversation__user=user).latest("id")


@pytest.fixture
def editor(db):
    user = make_user("edith", first_name="Edith", last_name="Eriksen")
    make_content_editor(user)
    return user


# -- follow-ups -------------------------------------------------------------------------------


def test_a_follow_up_in_the_panel_uses_the_turn_before(client, personas):
    client.force_login(personas.alice)
    ask(client, "Hvad er en DPIA?", **HX)
    response = ask(client, "og hvem gør det?", **HX)
    message = last(personas.alice)
    assert message.question == "og hvem gør det?"  # as asked
    assert "DPIA" in message.resolved  # as answered
    body = response.content.decode()
    assert "data-resolved" in body and "DPIA" in body
    assert message.mode in {"offline", "llm"}  # answered from the content, not "I don't know"


def test_a_follow_up_without_js_too(client, personas):
    client.force_login(personas.bob)
    ask(client, "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?")
    response = ask(client, "hvad med et triage-system?")
    assert response.status_code == 302
    message = last(personas.bob)
    assert message.mode == "verdict" and message.answer.startswith("Ja – ")
    page = client.get(response["Location"]).content.decode()
    assert "Forstået som et opfølgende spørgsmål" in page


def test_a_new_topic_is_not_a_follow_up(client, personas):
    client.force_login(personas.alice)
    ask(client, "Hvad er en DPIA?", **HX)
    ask(client, "Hvornår er der krav om udbud?", **HX)
    assert last(personas.alice).resolved == ""


def test_a_turn_hours_ago_is_not_followed_up(client, personas):
    client.force_login(personas.alice)
    ask(client, "Hvad er en DPIA?", **HX)
    Message.objects.filter(conversation__user=personas.alice).update(
        created_at=timezone.now() - FOLLOW_UP_WINDOW - dt.timedelta(minutes=1)
    )
    ask(client, "og hvem gør det?", **HX)
    assert last(personas.alice).resolved == ""


def test_a_project_question_is_never_taken_for_a_follow_up(client, personas):
    client.force_login(personas.alice)
    ask(client, "Hvad er en DPIA?", personas.project, **HX)
    ask(client, "hvem skal vi have med nu?", personas.project, **HX)
    message = last(personas.alice)
    assert message.mode == "project" and message.resolved == ""


def test_the_api_resolves_follow_ups_in_the_users_history(client, personas):
    client.force_login(personas.alice)
    url = "/api/v1/assistant/ask"
    client.post(
        url,
        json.dumps({"question": "Hvad er en databehandleraftale?"}),
        content_type="application/json",
    )
    response = client.post(
        url, json.dumps({"question": "hvornår skal vi have en?"}), content_type="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["question"] == "hvornår skal vi have en?"
    assert "databehandleraftale" in data["resolved"]
    # the follow-up's turn before is the user's own: another user's history is not used
    client.force_login(personas.charlie)
    other = client.post(
        url, json.dumps({"question": "hvornår skal vi have en?"}), content_type="application/json"
    )
    assert other.json()["resolved"] == ""


# -- verdicts -------------------------------------------------------------------------------


def test_a_verdict_in_the_panel_is_the_engines_and_links_its_rules(client, personas):
    client.force_login(personas.alice)
    response = ask(
        client, "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?", **HX
    )
    message = last(personas.alice)
    assert message.mode == "verdict"
    assert message.answer.startswith("Nej – ")
    assert "Antaget" in message.answer
    urls = [s["url"] for s in message.sources]
    assert reverse("assessments:rules", args=["ai-act"]) + "#rule-A2" in urls
    assert message.tool == "assessment:ai-act"  # and the pointer to the tool
    body = response.content.decode()
    assert 'data-mode="verdict"' in body
    assert client.get(urls[0].split("#")[0]).status_code == 200  # the rules page exists


def test_a_verdict_question_in_english_through_the_api(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": "Do we need a DPIA for an AI using health data of all patients?"}),
        content_type="application/json",
    )
    data = response.json()
    assert data["mode"] == "verdict" and data["answer"].startswith("Yes – ")


# -- the content editors' page of gaps -------------------------------------------------------


def _make_gaps(client, personas):
    """Gaps from a project (alice) and outside one (bob), with personal data in them."""
    client.force_login(personas.alice)
    ask(
        client,
        f"Hvad koster en pizza i Odense? Ring til Alice Andersen på 12345678, {CPR}",
        personas.project,
    )
    ask(client, "hvad er mit næste skridt?", personas.project)
    project_answer = last(personas.alice)
    assert project_answer.mode == "project"
    client.post(
        reverse("assistant:feedback", args=[project_answer.pk]),
        {"useful": "0", "comment": "Skriv til bob@example.org om det"},
    )
    client.force_login(personas.bob)
    ask(client, "Hvad koster en pizza i Odense?")
    ask(client, "hvad koster en pizza i odense")
    return project_answer


def test_the_content_editor_sees_scrubbed_grouped_gaps(client, personas, editor):
    project_answer = _make_gaps(client, personas)
    client.force_login(editor)
    page = client.get(reverse("assistant:gaps"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Huller i indholdet" in body
    assert "hvad er mit næste skridt?" in body
    assert "Hvad koster en pizza i Odense?" in body
    assert "2 gange" in body  # bob's two pizza questions are one gap
    # personal data and project content never reach the editor
    for secret in (
        "Alice",
        "Andersen",
        "12345678",
        CPR,
        "bob@example.org",
        personas.project.title,
        personas.project.department,
    ):
        assert secret not in body, secret
    assert project_answer.answer[:40] not in body  # never the answer
    assert "[NAVN]" in body and "[E-MAIL]" in body
    assert "data-admin-link" in body and "folder__exact=knowledge" in body


def test_marking_a_gap_handled_and_open_again(client, personas, editor):
    _make_gaps(client, personas)
    client.force_login(editor)
    ids = list(Message.objects.filter(mode="no-answer").values_list("pk", flat=True))
    response = client.post(reverse("assistant:gap_mark"), {"id": ids})
    assert response.status_code == 302
    assert Message.objects.filter(pk__in=ids, handled_by=editor).count() == len(ids)
    body = client.get(reverse("assistant:gaps")).content.decode()
    assert "pizza" not in body
    handled = client.get(reverse("assistant:gaps") + "?show=handled").content.decode()
    assert "pizza" in handled and "data-reopen" in handled
    client.post(reverse("assistant:gap_mark"), {"id": ids, "reopen": "1"})
    assert not Message.objects.filter(pk__in=ids, handled_at__isnull=False).exists()


def test_marking_ignores_questions_that_are_no_gap(client, personas, editor):
    client.force_login(personas.alice)
    ask(client, "Hvornår er der krav om udbud?")
    fine = last(personas.alice)
    client.force_login(editor)
    client.post(reverse("assistant:gap_mark"), {"id": [fine.pk, "x"]})
    fine.refresh_from_db()
    assert fine.handled_at is None


@pytest.mark.parametrize("who", ["alice", "victor", "charlie", "maja"])
def test_clinician_vendor_outsider_and_management_do_not_see_the_gaps(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(reverse("assistant:gaps")).status_code == 403
    assert client.post(reverse("assistant:gap_mark"), {"id": [1]}).status_code == 403
    assert "data-gaps-link" not in client.get(reverse("assistant:home")).content.decode()


def test_staff_without_the_group_does_not_see_the_gaps(client, personas):
    personas.bob.is_staff = True
    personas.bob.save()
    client.force_login(personas.bob)
    assert client.get(reverse("assistant:gaps")).status_code == 403


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(reverse("assistant:gaps"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(reverse("assistant:gap_mark"), {"id": [1]}).status_code == 302


def test_the_editor_gets_no_project_through_the_page(client, personas, editor):
    _make_gaps(client, personas)
    client.force_login(editor)
    assert "data-gaps-link" in client.get(reverse("assistant:home")).content.decode()
    assert client.get(reverse("project", args=[personas.project.pk])).status_code == 404


def test_an_operator_sees_the_gaps(client, personas):
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("assistant:gaps")).status_code == 200


def test_the_group_name_is_the_roles_one(editor):
    assert Group.objects.filter(name="content-editor", user=editor).exists()
