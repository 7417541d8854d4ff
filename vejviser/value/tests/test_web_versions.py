"""Filling in, saving and versioning a business case through the web pages."""

from __future__ import annotations

import html
import json

import pytest
from django.urls import reverse

from vejviser.kernel.inputs import NumberError
from vejviser.projects.models import AuditEvent
from vejviser.value.forms import parse_number
from vejviser.value.models import BusinessCase, CaseVersion

from .web import business_step, form_data, start_case, tool_url


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return client


def test_new_case_from_the_template_saves_version_1_with_its_figures(alice, personas):
    response = start_case(alice, personas.project, name="Ambient scribe – Lægehuset i Vejle")
    bc = BusinessCase.objects.get()
    version = bc.latest()
    assert response["Location"] == tool_url(personas.project, "version", case_pk=bc.pk, number=1)
    assert (bc.name, bc.template, bc.step) == (
        "Ambient scribe – Lægehuset i Vejle",
        "ambient-scribe",
        business_step(personas.project),
    )
    assert version.number == 1 and version.stage == "expected" and version.changes == []
    assert version.data["version"] == 1
    assert version.summary["simulation"]["iterations"] == 10_000
    assert round(version.hours_full_use, 1) == 266.7  # 20,000 × 5 min × 20 % × 80 %
    event = AuditEvent.objects.filter(project=personas.project).first()
    assert (event.verb, event.step, event.target) == (
        "step_updated",
        business_step(personas.project),
        f"{bc.name} (v1)",
    )
    assert event.changes["business case"] == [None, f"{bc.name} (v1)"]


def test_a_new_version_records_what_changed(alice, personas):
    start_case(alice, personas.project)
    bc = BusinessCase.objects.get()
    url = tool_url(personas.project, "new_version", case_pk=bc.pk)
    data = form_data(
        alice,
        url,
        **{
            "in-consultations-value": "18.000",
            "stage": "adjusted",
            "note": "Tal fra praksissystemet",
        },
    )
    response = alice.post(url, data)
    assert response.status_code == 302
    v2 = bc.latest()
    assert (v2.number, v2.stage, v2.note) == (2, "adjusted", "Tal fra praksissystemet")
    (change,) = v2.changes
    assert (change["section"], change["id"], change["kind"]) == (
        "inputs",
        "consultations",
        "changed",
    )
    assert (change["before"]["value"], change["after"]["value"]) == (20000.0, 18000.0)
    event = AuditEvent.objects.filter(project=personas.project).first()
    assert event.changes["Konsultationer om året"] == [
        "20.000 (16.000–24.000)",
        "18.000 (16.000–24.000)",
    ]
    assert event.changes["stadie"] == ["Forventet", "Tilpasset"]
    audit = alice.get(reverse("audit", args=[personas.project.pk])).content.decode()
    assert f"{bc.name} (v2)" in audit and "Konsultationer om året" in audit
    page = alice.get(response["Location"]).content.decode()
    assert "data-changes" in page and "20.000 (16.000 / 20.000 – 24.000)" in page
    assert v2.hours_full_use == pytest.approx(240.0)  # 18,000 × 5/60 × 0.2 × 0.8


def test_someone_elses_newer_version_is_a_conflict_and_nothing_is_lost(alice, personas, client):
    start_case(alice, personas.project)
    bc = BusinessCase.objects.get()
    url = tool_url(personas.project, "new_version", case_pk=bc.pk)
    mine = form_data(alice, url, **{"in-gp-cost-value": "900"})  # based on v1
    alice.post(url, form_data(alice, url, note="først"))  # v2 saved meanwhile
    response = alice.post(url, mine)
    assert response.status_code == 409
    page = response.content.decode()
    assert "data-conflict" in page and 'value="900"' in page
    assert bc.versions.count() == 2
    again = response.context["form"]["based_on"].value()
    assert again == "2"
    assert alice.post(url, {**mine, "based_on": again}).status_code == 302
    assert bc.latest().number == 3 and bc.latest().data["inputs"]["gp-cost"]["value"] == 900


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("in-consultations-value", "-850", "Må ikke være under 0"),
        ("in-consultations-low", "30.000", "Lav (30.000) er større end høj (24.000)."),
        ("in-gp-cost-value", "mange", "'mange' er ikke et tal."),
        ("in-adoption-high", "120", "Må ikke være over 100 %."),
        ("horizon_years", "2,5", "Skriv et helt tal."),
        ("in-subscription-value", "1e99", "urimeligt stort"),
        ("in-subscription-value", "99999999999999", "urimeligt stort"),
        ("in-subscription-value", "nan", "'nan' er ikke et endeligt tal."),
        ("in-subscription-low", "inf", "'inf' er ikke et endeligt tal."),
        ("in-subscription-value", "1e400", "er ikke et endeligt tal"),
        ("discount_rate_percent", "-inf", "er ikke et endeligt tal"),
        ("ramp_percent", "50; nan", "'nan' er ikke et endeligt tal."),
    ],
)
def test_bad_input_shows_the_message_and_saves_nothing(alice, personas, field, typed, message):
    response = start_case(alice, personas.project, **{field: typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-form-errors" in page
    assert message in html.unescape(page)
    assert f'value="{typed}"' in page  # what was typed is kept
    assert not BusinessCase.objects.exists() and not CaseVersion.objects.exists()
    assert not AuditEvent.objects.filter(verb="step_updated").exists()


def test_bad_input_on_a_new_version_saves_nothing(alice, personas):
    start_case(alice, personas.project)
    bc = BusinessCase.objects.get()
    url = tool_url(personas.project, "new_version", case_pk=bc.pk)
    response = alice.post(url, form_data(alice, url, **{"in-training-low": "40000"}))
    assert response.status_code == 200
    assert "Lav (40.000) er større end høj (30.000)." in response.content.decode()
    assert bc.versions.count() == 1


def test_growth_that_overflows_is_rejected_not_stored(alice, personas):
    url = tool_url(personas.project, "new", template="contouring")
    data = form_data(
        alice,
        url,
        **{
            "in-patient-growth-value": "900000000000",
            "in-patient-growth-high": "900000000000",
            "horizon_years": "35",
        },
    )
    response = alice.post(url, data)
    assert response.status_code == 200
    assert "kan regnes med" in response.content.decode()
    assert not BusinessCase.objects.exists()


def test_the_result_page_shows_the_range_and_what_drives_it(alice, personas):
    response = start_case(alice, personas.project)
    page = alice.get(response["Location"]).content.decode()
    for marker in (
        "data-figures",
        "data-range",
        "data-tornado",
        "data-scenarios",
        "data-years",
        'data-plot="histogram"',
        'data-plot="tornado"',
        'data-plot="cashflow"',
        "data-exports",
    ):
        assert marker in page, marker
    assert "Leverandør A (dyr, stor besparelse)" in page
    assert "Andel af journalføringstiden sparet" in page  # the largest driver, by label
    # P(NPV > 0) with its Monte Carlo uncertainty (Wilson), in Danish number format
    version = BusinessCase.objects.get().latest()
    low, high = version.summary["simulation"]["prob_npv_positive_interval"]
    assert low <= version.prob_npv_positive <= high
    assert "data-prob-interval" in page and "Monte Carlo-interval, 95 %:" in html.unescape(page)


def test_plots_are_svg_in_the_page_language(alice, personas):
    start_case(alice, personas.project)
    bc = BusinessCase.objects.get()
    for kind in ("histogram", "tornado", "cashflow"):
        url = tool_url(personas.project, "plot", case_pk=bc.pk, number=1, kind=kind)
        response = alice.get(url, {"lang": "en"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        assert response.content.startswith(b"<?xml")
    danish = alice.get(url, {"lang": "da"}).content.decode()
    assert "Akkumuleret nettostrøm" in danish


def test_exports_of_kpis_criteria_and_the_case(alice, personas):
    start_case(alice, personas.project)
    bc = BusinessCase.objects.get()
    version = {"case_pk": bc.pk, "number": 1}
    kpis = alice.get(tool_url(personas.project, "export", what="kpis", fmt="json", **version))
    assert "attachment" in kpis["Content-Disposition"]
    ids = [k["id"] for k in json.loads(kpis.content)]
    assert "time-saved-share" in ids and "hours-freed-per-year" in ids
    csv = alice.get(tool_url(personas.project, "export", what="criteria", fmt="csv", **version))
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;")
    assert "price;" in text and ";30;" in text  # the price weight
    case = alice.get(tool_url(personas.project, "export", what="case", fmt="json", **version))
    assert json.loads(case.content)["id"] == "ambient-scribe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5", 2.5),
        ("20.000", 20000.0),
        ("1.234,5", 1234.5),
        ("2.5", 2.5),
        ("20 000", 20000.0),
        ("−3", -3.0),
        ("20,000", 20000.0),
        ("1,234.5", 1234.5),
        ("", None),
        ("1e5", 100000.0),
    ],
)
def test_numbers_as_people_type_them(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["to", "nan", "inf", "-Infinity", "1e400"])
def test_what_is_not_a_finite_number_is_refused(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_a_fixed_figure_can_get_a_range(alice, personas):
    """Contouring's patient count is the seed's fixed 850; the team adds 800–900."""
    from vejviser.conftest import make_project

    project = make_project(personas.alice, track="ny-ide", title="Indtegning")
    step = project.steps.get(action__slug="udarbejd-forventet-business-case")
    url = reverse("value:new", args=[project.pk, step.pk, "contouring"])
    data = form_data(alice, url, **{"in-hn-patients-low": "800", "in-hn-patients-high": "900"})
    assert alice.post(url, data).status_code == 302
    spec = BusinessCase.objects.get().latest().data["inputs"]["hn-patients"]
    assert spec["value"] == 850
    assert spec["range"] == {"dist": "triangular", "low": 800, "mode": 850, "high": 900}


def test_the_pages_speak_english_too(alice, personas):
    response = start_case(alice, personas.project)
    alice.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = alice.get(response["Location"]).content.decode()
    assert "The range of outcomes" in page and "Share of documentation time saved" in page
    url = tool_url(personas.project, "new", template="contouring")
    form = alice.post(url, form_data(alice, url, **{"in-ai-share-value": "101"}))
    assert "Must not be above 100 %." in form.content.decode()
