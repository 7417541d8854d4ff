"""The chat panel: answers with sources, history, feedback, project-awareness, bad input,
and CPR numbers that are never stored or sent."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from vejviser.assistant import answering
from vejviser.assistant.core.llm import LLMConfig
from vejviser.assistant.models import Conversation, Feedback, Message
from vejviser.journey import tools

CPR = "010203-1234"
HX = {"HTTP_HX_REQUEST": "true"}


def ask(client, project=None, question="Hvad er OPI?", **extra):
    url = (
        reverse("assistant:project_ask", args=[project.pk]) if project else reverse("assistant:ask")
    )
    return client.post(url, {"question": question}, **extra)


def last_message(user):
    return Message.objects.filter(conversation__user=user).latest("id")


def step_urls(message):
    return [link["url"] for link in message.links]


def test_question_without_js_redirects_to_the_page_that_shows_the_answer(client, personas):
    client.force_login(personas.alice)
    response = ask(client, question="Hvornår er der krav om udbud?")
    assert response.status_code == 302
    assert response["Location"] == reverse("assistant:home") + "#assistant"
    page = client.get(response["Location"]).content.decode()
    assert "Hvornår er der krav om udbud?" in page
    assert "1,6 mio" in page  # the answer
    assert 'id="m' in page and "data-sources" in page  # numbered sources
    assert 'class="cite-ref"' in page  # [n] linked to its source


def test_htmx_question_returns_the_panel_with_the_answer(client, personas):
    client.force_login(personas.alice)
    response = ask(client, personas.project, "Hvad er OPI?", **HX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="assistant"')
    assert "offentlig-privat innovationssamarbejde" in body
    assert "<html" not in body
    message = last_message(personas.alice)
    assert message.mode == "offline"
    assert message.sources and {"title", "ref", "url"} <= set(message.sources[0])
    assert message.conversation.project == personas.project
    assert message.latency_ms > 0


def test_history_is_kept_per_user_and_project(client, personas):
    p = personas.project
    client.force_login(personas.alice)
    ask(client, p, "hvor er vi?")
    ask(client, p, "Hvad er OPI?")
    ask(client, None, "Hvad er en DPIA?")
    client.force_login(personas.bob)
    ask(client, p, "Hvem er jurist?")
    alice_here = Conversation.objects.get(user=personas.alice, project=p)
    assert [m.question for m in alice_here.history()] == ["hvor er vi?", "Hvad er OPI?"]
    assert Conversation.objects.get(user=personas.alice, project=None).messages.count() == 1
    client.force_login(personas.alice)
    page = client.get(reverse("project", args=[p.pk])).content.decode()
    assert "hvor er vi?" in page and "Hvad er OPI?" in page
    assert "Hvad er en DPIA?" not in page and "Hvem er jurist?" not in page


def test_next_step_answer_follows_the_projects_steps(client, personas):
    p = personas.project
    client.force_login(personas.alice)
    ask(client, p, "hvad er mit næste skridt?")
    first = last_message(personas.alice)
    assert first.mode == "project"
    journey = p.journey()
    step = journey.next_steps[0]
    assert step.action.title_da in first.answer
    assert reverse("step", args=[p.pk, step.pk]) in step_urls(first)
    assert f"action:{p.track.slug}:{step.action.slug}" not in first.answer
    assert any("Centrale handlinger" in s["ref"] for s in first.sources)  # journey content

    client.post(
        reverse("step_status", args=[p.pk, step.pk]), {"status": "done", "version": step.version}
    )
    ask(client, p, "hvad er mit næste skridt?")
    second = last_message(personas.alice)
    assert reverse("step", args=[p.pk, step.pk]) not in step_urls(second)
    assert "1 af" in second.answer and "0 af" in first.answer
    assert second.answer != first.answer


def test_who_answer_names_the_members_who_hold_the_roles(client, personas):
    client.force_login(personas.alice)
    ask(client, personas.project, "hvem skal jeg have med nu?")
    message = last_message(personas.alice)
    assert message.mode == "project"
    assert "Kliniker (Alice Andersen)" in message.answer


def test_vendor_gets_only_shared_steps_in_a_project_answer(client, personas):
    p = personas.project
    shared = {reverse("step", args=[p.pk, s.pk]) for s in p.steps.filter(shared_with_vendor=True)}
    client.force_login(personas.alice)
    ask(client, p, "hvad er mit næste skridt?")
    alice = last_message(personas.alice)
    assert set(step_urls(alice)) - shared  # the owner sees steps the vendor does not
    client.force_login(personas.victor)
    ask(client, p, "hvad er mit næste skridt?")
    victor = last_message(personas.victor)
    assert victor.mode == "project"
    assert step_urls(victor) and set(step_urls(victor)) <= shared
    for step in p.steps.filter(shared_with_vendor=False).select_related("action"):
        assert step.action.title_da not in victor.answer
    assert "delt med leverandøren" in victor.answer


def test_assessment_question_links_the_tool_when_it_exists(client, personas, monkeypatch):
    client.force_login(personas.alice)
    monkeypatch.setitem(tools.AVAILABLE, "assessment:ai-act", "step")  # any (pk, step_pk) URL
    page = ask(client, personas.project, "Er vores produkt højrisiko?", **HX).content.decode()
    message = last_message(personas.alice)
    assert message.tool == "assessment:ai-act"
    # the pointer is stored and shown under the answer, by the tool's name only
    assert "assessment:ai-act" in message.pointer and "assessment:ai-act" not in message.answer
    assert "data-pointer" in page and "AI-forordningen – risikoniveau" in page
    assert "(assessment:ai-act)" not in page
    assert message.links and message.links[0]["url"].startswith(
        f"/projects/{personas.project.pk}/steps/"
    )
    monkeypatch.delitem(tools.AVAILABLE, "assessment:ai-act")
    ask(client, personas.project, "Er vores produkt højrisiko?")
    assert last_message(personas.alice).links == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("   ", "Skriv et spørgsmål"),
        ("x" * 1001, "Spørgsmålet er for langt (1001 tegn)"),
    ],
)
def test_empty_or_too_long_question_gets_a_clear_message(client, personas, question, expected):
    client.force_login(personas.alice)
    response = ask(client, personas.project, question, **HX)
    assert expected in response.content.decode()
    response = ask(client, personas.project, question, follow=True)
    assert expected in response.content.decode()
    assert not Message.objects.exists()


def test_english_interface_gets_english_messages(client, personas):
    client.force_login(personas.alice)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("assistant:home")).content.decode()
    assert "Ask Vejviser" in page and "Your question" in page
    response = ask(client, None, "", **HX)
    assert "Please write a question" in response.content.decode()


def test_cpr_number_is_removed_before_storing_and_the_user_is_told(client, personas):
    client.force_login(personas.alice)
    question = f"Hvornår skal vi lave en DPIA for patient {CPR}?"
    response = ask(client, personas.project, question, follow=True)
    page = response.content.decode()
    assert "Vi fjernede et CPR-nummer fra dit spørgsmål, før det blev behandlet." in page
    assert CPR not in page
    message = last_message(personas.alice)
    assert CPR not in message.question and "[CPR]" in message.question
    assert message.removed == {"cpr": 1}
    feedback = reverse("assistant:feedback", args=[message.pk])
    client.post(feedback, {"useful": "0", "comment": f"Gælder det også {CPR}?"})
    stored = json.dumps(
        [list(Message.objects.values()), list(Feedback.objects.values())], default=str
    )
    assert CPR not in stored and "0102031234" not in stored


def test_cpr_number_is_never_sent_to_the_language_model(
    client, personas, assistant, fake_llm, monkeypatch
):
    fake, url = fake_llm
    llm = assistant.with_llm(LLMConfig(base_url=url, model="m", timeout=5))
    monkeypatch.setattr(answering, "engine", lambda: llm)
    client.force_login(personas.alice)
    ask(client, None, f"Hvornår er der krav om udbud? Patient {CPR}")
    assert fake.requests, "the language model was asked"
    assert CPR not in json.dumps(fake.requests)
    message = last_message(personas.alice)
    assert message.mode == "llm" and CPR not in message.question
    page = client.get(reverse("assistant:home")).content.decode()
    assert "Skrevet af en sprogmodel" in page


def test_feedback_is_stored_changed_and_shown(client, personas):
    client.force_login(personas.alice)
    ask(client, personas.project, "Hvad er OPI?")
    message = last_message(personas.alice)
    url = reverse("assistant:feedback", args=[message.pk])
    response = client.post(url, {"useful": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("project", args=[personas.project.pk]) + "#assistant"
    response = client.post(url, {"useful": "0", "comment": "Mangler tal."}, **HX)
    assert "Tak for din feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.useful, feedback.comment, feedback.user) == (
        False,
        "Mangler tal.",
        personas.alice,
    )
    page = client.get(reverse("project", args=[personas.project.pk])).content.decode()
    assert 'data-verdict="not-useful"' in page


def test_feedback_without_a_verdict_is_refused(client, personas):
    client.force_login(personas.alice)
    ask(client)
    message = last_message(personas.alice)
    client.post(reverse("assistant:feedback", args=[message.pk]), {"comment": "hm"})
    assert not Feedback.objects.exists()


def test_feedback_is_reviewed_in_the_admin(client, personas, admin_client):
    client.force_login(personas.alice)
    ask(client, personas.project, "Hvad er OPI?")
    message = last_message(personas.alice)
    message.give_feedback(personas.alice, False, "Svaret var for langt.")
    listing = admin_client.get("/admin/assistant/feedback/").content.decode()
    assert "Svaret var for langt." in listing
    assert personas.project.title in listing
    not_useful = admin_client.get("/admin/assistant/feedback/?useful__exact=0").content.decode()
    assert "Svaret var for langt." in not_useful
    useful = admin_client.get("/admin/assistant/feedback/?useful__exact=1").content.decode()
    assert "Svaret var for langt." not in useful
    by_project = admin_client.get(
        f"/admin/assistant/feedback/?message__conversation__project__id__exact={personas.project.pk}"
    )
    assert "Svaret var for langt." in by_project.content.decode()
    detail = admin_client.get(f"/admin/assistant/feedback/{message.feedback.pk}/change/")
    assert detail.status_code == 200
    assert "Hvad er OPI?" in detail.content.decode()
    assert 'name="comment"' not in detail.content.decode()  # read-only
    assert admin_client.get("/admin/assistant/feedback/add/").status_code == 403
    assert admin_client.get("/admin/assistant/message/").status_code == 200


def test_the_panel_has_the_same_per_user_limit_as_the_api(client, personas, settings):
    settings.VEJVISER_RATES = {**settings.VEJVISER_RATES, "assistant": "2/hour"}
    client.force_login(personas.alice)
    for _ in range(2):
        assert ask(client, **HX).status_code == 200
    before = Message.objects.filter(conversation__user=personas.alice).count()
    response = ask(client, **HX)
    assert response.status_code == 429
    assert "Prøv igen om" in response.content.decode()
    assert Message.objects.filter(conversation__user=personas.alice).count() == before
    client.force_login(personas.bob)  # another user has a count of their own
    assert ask(client, **HX).status_code == 200
