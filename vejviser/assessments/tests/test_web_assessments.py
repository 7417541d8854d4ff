"""Assessments on a project step: who may see and run them, saving, versions, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from vejviser.assessments.models import AssessmentRun
from vejviser.projects.models import AuditEvent

LEGAL = "gennemfoer-juridisk-vurdering-herunder-ift-eus-ai-forordning"  # ai-act, mdr, gdpr
SHARED = "indgaa-aftale-foer-validering"  # shared with vendors; gdpr

HIGH_RISK = {"mdr_class": "IIa", "role": "deployer", "public_body": "true", "on_date": "2026-11-22"}


def step(project, slug=LEGAL):
    return project.steps.get(action__slug=slug)


def urls(project, s, name="ai-act"):
    return {
        "overview": reverse("assessments:overview", args=[project.pk, s.pk, name]),
        "questions": reverse("assessments:questions", args=[project.pk, s.pk, name]),
        "run": reverse("assessments:run", args=[project.pk, s.pk, name, 1]),
    }


def run_once(project, user, s=None, name="ai-act", **answers):
    return AssessmentRun.record(
        s or step(project), user, name, answers or {"mdr_class": "IIa"}, dt.date(2026, 11, 22)
    )


def save(client, url, data):
    return client.post(url, {**data, "save": "1"})


# --- who may do what ------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, personas):
    p = personas.project
    run_once(p, personas.alice)
    for url in urls(p, step(p)).values():
        for response in (client.get(url), client.post(url, HIGH_RISK)):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404(client, personas):
    p = personas.project
    run_once(p, personas.alice)
    client.force_login(personas.charlie)
    for url in urls(p, step(p)).values():
        assert client.get(url).status_code == 404, url
        assert client.post(url, {**HIGH_RISK, "save": "1"}).status_code == 404, url
    assert AssessmentRun.objects.count() == 1


def test_tool_link_on_the_step_page_opens_the_assessment(client, personas):
    p, s = personas.project, step(personas.project)
    client.force_login(personas.bob)
    page = client.get(reverse("step", args=[p.pk, s.pk])).content.decode()
    for name in ("ai-act", "mdr", "gdpr"):
        assert f'href="{reverse(f"assessments:{name}", args=[p.pk, s.pk])}"' in page
    assert reverse("assessments:ai-act", args=[p.pk, s.pk]) == urls(p, s)["overview"]


def test_assessment_not_listed_on_the_step_is_404(client, personas):
    p = personas.project
    client.force_login(personas.alice)
    assert client.get(urls(p, step(p), "procurement")["questions"]).status_code == 404
    assert client.get(urls(p, step(p), "no-such-thing")["overview"]).status_code == 404


def test_member_opens_questionnaire_when_nothing_is_saved_yet(client, personas):
    p = personas.project
    client.force_login(personas.bob)
    u = urls(p, step(p))
    assert client.get(u["overview"])["Location"] == u["questions"]
    assert client.get(u["questions"]).status_code == 200


def test_management_reads_but_cannot_run(client, personas):
    p = personas.project
    run_once(p, personas.alice)
    client.force_login(personas.maja)
    u = urls(p, step(p))
    page = client.get(u["overview"])
    assert page.status_code == 200
    assert "højrisiko" in page.content.decode()
    assert client.get(u["run"]).status_code == 200
    assert client.get(u["questions"]).status_code == 403
    assert save(client, u["questions"], HIGH_RISK).status_code == 403
    assert AssessmentRun.objects.count() == 1


def test_vendor_gets_404_on_unshared_step_and_reads_shared_one(client, personas):
    p = personas.project
    run_once(p, personas.alice)
    shared = step(p, SHARED)
    run_once(p, personas.alice, shared, "gdpr", external_processor=True)
    client.force_login(personas.victor)
    for url in urls(p, step(p)).values():
        assert client.get(url).status_code == 404, url
    u = urls(p, shared, "gdpr")
    assert client.get(u["overview"]).status_code == 200
    assert client.get(u["questions"]).status_code == 403
    assert save(client, u["questions"], {"external_processor": "true"}).status_code == 403
    assert AssessmentRun.objects.filter(step=shared).count() == 1


# --- running and saving -----------------------------------------------------------------


def test_saving_stores_result_version_and_audit(client, personas):
    p, s = personas.project, step(personas.project)
    client.force_login(personas.bob)
    response = save(client, urls(p, s)["questions"], HIGH_RISK)
    assert response.status_code == 302
    run = AssessmentRun.objects.get()
    assert (run.step, run.project, run.version, run.created_by) == (s, p, 1, personas.bob)
    assert run.answers == {"mdr_class": "IIa", "role": "deployer", "public_body": True}
    assert run.on_date == dt.date(2026, 11, 22)
    assert run.result["tier"] == "high-risk"
    assert "AI Act Art. 6(1)" in run.result["references"]
    assert run.ruleset_version == run.result["ruleset"]["version"]
    assert run.ruleset_next_review.isoformat() == run.result["ruleset"]["next_review"]
    assert run.diff is None
    event = AuditEvent.objects.filter(step=s).latest("at")
    assert event.verb == "step_updated"
    assert event.changes == {"assessment:ai-act": [None, "højrisiko"]}

    page = client.get(response["Location"]).content.decode()
    assert "Risikoniveau efter AI-forordningen: højrisiko." in page
    assert "AI Act Art. 6(1)" in page  # the article
    assert "IKKE BEKRÆFTET" in page  # the Digital Omnibus note
    assert "2. august 2027" in page and "2. august 2028" in page  # both Annex I dates


def test_rerun_is_a_new_version_showing_what_changed_and_why(client, personas):
    p, s = personas.project, step(personas.project)
    client.force_login(personas.alice)
    save(client, urls(p, s)["questions"], HIGH_RISK)
    save(client, urls(p, s)["questions"], {**HIGH_RISK, "mdr_class": "none"})
    latest, first = AssessmentRun.objects.for_step(s, "ai-act")
    assert (latest.version, first.version) == (2, 1)
    assert latest.diff["outputs"][0]["key"] == "tier"
    assert latest.diff["outputs"][0]["before"] == "high-risk"
    assert latest.diff["outputs"][0]["rules_before"] == ["A2"]
    page = client.get(urls(p, s)["overview"]).content.decode()
    assert "Hvad er ændret siden version 1" in page
    assert "Risikoniveau: højrisiko → minimal risiko" in page
    assert "(afgjort af regel A6; før: A2)" in page
    assert page.index('data-history-version="2"') < page.index('data-history-version="1"')
    changes = AuditEvent.objects.filter(step=s).latest("at").changes
    assert changes == {"assessment:ai-act": ["højrisiko", "minimal risiko"]}
    # the first version is kept as it was
    old = client.get(urls(p, s)["run"]).content.decode()
    assert "Risikoniveau efter AI-forordningen: højrisiko." in old


def test_questionnaire_is_prefilled_with_the_latest_answers(client, personas):
    p = personas.project
    run_once(p, personas.alice, mdr_class="IIb")
    client.force_login(personas.alice)
    page = client.get(urls(p, step(p))["questions"]).content.decode()
    assert 'id="mdr_class-IIb" checked' in page


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "field", "message"),
    [
        ("ai-act", {"mdr_class": "IV"}, "mdr_class", "Vælg en af de viste muligheder."),
        ("ai-act", {"prohibited_practice": "måske"}, "prohibited_practice", "Svar ja eller nej."),
        ("mdr", {}, "medical_purpose", "Besvar venligst spørgsmålet."),
        (
            "procurement",
            {"authority": "sub_central", "contract_type": "works", "estimated_value_dkk": "mange"},
            "estimated_value_dkk",
            "Skriv et tal",
        ),
        *[
            (
                "procurement",
                {
                    "authority": "sub_central",
                    "contract_type": "works",
                    "estimated_value_dkk": typed,
                },
                "estimated_value_dkk",
                message,
            )
            for typed, message in [
                ("nan", "er ikke et endeligt tal"),
                ("inf", "er ikke et endeligt tal"),
                ("-Infinity", "er ikke et endeligt tal"),
                ("1e308", "urimeligt stort"),
                ("2000000000000", "urimeligt stort"),
            ]
        ],
        ("ai-act", {"on_date": "2020-01-01"}, "on_date", "Reglerne gælder fra 1. august 2024"),
        ("ai-act", {"on_date": "01.01.2020"}, "on_date", "Reglerne gælder fra 1. august 2024"),
        ("ai-act", {"on_date": "i går"}, "on_date", "Skriv datoen som dd.mm.åååå, fx 13.12.2026."),
        ("ai-act", {"on_date": "12/13/2026"}, "on_date", "Skriv datoen som dd.mm.åååå"),
    ],
)
def test_bad_input_is_explained_next_to_the_question_and_saves_nothing(
    client, personas, name, data, field, message
):
    p = personas.project
    s = step(p, "foretag-udbud" if name == "procurement" else LEGAL)
    client.force_login(personas.bob)
    response = save(client, urls(p, s, name)["questions"], {"on_date": "2026-11-22", **data})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ret venligst de markerede svar. Intet er gemt." in page
    block = page[page.index(f'data-question="{field}"') :]
    block = block[: block.index("</fieldset>")]
    assert message in block
    assert AssessmentRun.objects.count() == 0
    assert not AuditEvent.objects.filter(changes__has_key=f"assessment:{name}").exists()


def test_danish_number_format_is_understood(client, personas):
    p = personas.project
    s = step(p, "foretag-udbud")
    client.force_login(personas.alice)
    data = {
        "authority": "sub_central",
        "contract_type": "supplies_services",
        "estimated_value_dkk": "1.700.000",
        "on_date": "2026-11-22",
    }
    assert save(client, urls(p, s, "procurement")["questions"], data).status_code == 302
    run = AssessmentRun.objects.get()
    assert run.answers["estimated_value_dkk"] == 1_700_000
    assert run.result["eu_tender_required"] is True


# --- conditional questions without JavaScript -----------------------------------------


def test_follow_up_question_appears_once_its_condition_holds(client, personas):
    p = personas.project
    client.force_login(personas.alice)
    url = urls(p, step(p), "mdr")["questions"]
    first = client.get(url).content.decode()
    assert 'data-question="medical_purpose"' in first
    assert 'data-question="acts_beyond_storage"' not in first
    # "Show the next questions" (no save): the answer is kept, the follow-up appears
    second = client.post(url, {"medical_purpose": "true", "on_date": "2026-11-22"}).content.decode()
    assert 'id="medical_purpose-true" checked' in second
    assert 'data-question="acts_beyond_storage"' in second
    assert 'data-question="informs_decisions"' not in second
    assert "Besvar venligst" not in second  # no complaints while answering
    third = client.post(
        url, {"medical_purpose": "true", "acts_beyond_storage": "true", "on_date": "2026-11-22"}
    ).content.decode()
    assert 'data-question="informs_decisions"' in third
    assert AssessmentRun.objects.count() == 0


def test_answer_to_a_question_that_is_hidden_again_is_dropped(client, personas):
    p = personas.project
    client.force_login(personas.alice)
    url = urls(p, step(p), "mdr")["questions"]
    data = {"medical_purpose": "false", "acts_beyond_storage": "true", "on_date": "2026-11-22"}
    page = client.post(url, data).content.decode()
    assert 'data-question="acts_beyond_storage"' not in page
    assert save(client, url, data).status_code == 302
    run = AssessmentRun.objects.get()
    assert run.answers == {"medical_purpose": False}
    assert run.result["device"] is False


def test_htmx_gets_only_the_question_list(client, personas):
    p = personas.project
    client.force_login(personas.alice)
    response = client.post(
        urls(p, step(p), "mdr")["questions"],
        {"medical_purpose": "true", "on_date": "2026-11-22"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert page.lstrip().startswith("<div data-questions")
    assert 'data-question="acts_beyond_storage"' in page
    assert "<html" not in page


# --- English and the rules ----------------------------------------------------------------


def test_result_in_english_when_the_interface_is_english(client, personas):
    p = personas.project
    run_once(p, personas.alice)
    client.force_login(personas.alice)
    client.cookies["django_language"] = "en"
    page = client.get(urls(p, step(p))["overview"]).content.decode()
    assert "Risk tier under the AI Act: high-risk." in page
    assert "Latest result" in page
    assert "højrisiko" not in page


def test_every_rule_is_listed_with_its_reference(client, db):
    from vejviser.assessments import core

    index = client.get(reverse("assessments:index")).content.decode()
    for info in core.list_assessments():
        assert reverse("assessments:rules", args=[info.id]) in index
        page = client.get(reverse("assessments:rules", args=[info.id])).content.decode()
        a = core.get_questionnaire(info.id)
        for group in a.spec.groups:
            for rule in group.rules:
                row = page[page.index(f'data-rule="{rule.id}"') :]
                row = row[: row.index("</tr>")]
                for ref in rule.references:
                    if "{" not in ref:
                        assert ref.replace("&", "&amp;") in row, (info.id, rule.id, ref)
                assert rule.review_by.strftime("%d.%m.%Y") in row
    assert client.get(reverse("assessments:rules", args=["nope"])).status_code == 404


def test_pages_take_a_fixed_number_of_queries(client, personas):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    p, s = personas.project, step(personas.project)
    client.force_login(personas.alice)
    u = urls(p, s)

    def queries(url):
        with CaptureQueriesContext(connections["default"]) as c:
            assert client.get(url).status_code == 200
        return len(c.captured_queries)

    run_once(p, personas.alice)
    few = {name: queries(url) for name, url in u.items()}
    for answer in ("none", "IIa", "IIb") * 3:
        run_once(p, personas.bob, mdr_class=answer)
    many = {name: queries(url) for name, url in u.items()}
    assert many == few, (few, many)
    assert max(many.values()) <= 10, many


def test_summary_tag_shows_the_latest_result_for_the_step_page(personas):
    from django.template import Context, Template

    p = personas.project
    run_once(p, personas.alice, mdr_class="IIb")
    run_once(p, personas.alice, mdr_class="none")
    template = Template(
        "{% load assessments %}{% for t in tools %}{% assessment_summary step t %}{% endfor %}"
    )
    tools = ["assessment:ai-act", "assessment:mdr", "business-case"]
    html = template.render(Context({"step": step(p), "tools": tools}))
    assert html.count("data-assessment-summary") == 1
    assert "Risikoniveau efter AI-forordningen: minimal risiko." in html
    assert "version 2, 22. november 2026" in html


# --- dates the Danish way -----------------------------------------------------------------


def test_the_assessment_date_is_typed_and_shown_the_danish_way(client, personas):
    """No browser date picker (it shows 12/13/2026 in an English browser): a text field
    with the date as dd.mm.yyyy, accepting ISO too; the result shows '22. november 2026'."""
    p, s = personas.project, step(personas.project)
    client.force_login(personas.bob)
    page = client.get(urls(p, s)["questions"]).content.decode()
    assert 'type="date"' not in page
    assert f'value="{dt.date.today():%d.%m.%Y}"' in page and 'placeholder="dd.mm.åååå"' in page
    response = save(client, urls(p, s)["questions"], {**HIGH_RISK, "on_date": "22.11.2026"})
    assert response.status_code == 302
    assert AssessmentRun.objects.get().on_date == dt.date(2026, 11, 22)
    result = client.get(urls(p, s)["run"]).content.decode()
    assert "22. november 2026" in result and "2026-11-22" not in result
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(urls(p, s)["questions"]).content.decode()
    assert f'value="{dt.date.today():%d/%m/%Y}"' in english
