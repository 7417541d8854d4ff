"""The document page on a step: coverage with links, the project's texts, generating and
downloading versions, what changed since the last one — and who may do what."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from vejviser.documents.models import DocumentVersion, ProjectNarrative
from vejviser.projects.models import AuditEvent

SHARED = "gennemfoer-retrospektiv-validering"  # shared with the vendor; validation report
INTERNAL = "evaluer-afproevningsfasen"  # not shared; mini-HTA


def _step(personas, slug):
    return personas.project.steps.get(action__slug=slug)


def _url(personas, slug, kind, name="documents:page", **extra):
    step = _step(personas, slug)
    return reverse(
        name, kwargs={"pk": personas.project.pk, "step_pk": step.pk, "kind": kind, **extra}
    )


def test_the_step_links_its_document_tools_to_the_document_page(client, personas):
    client.force_login(personas.alice)
    step = _step(personas, INTERNAL)
    page = client.get(reverse("step", args=[personas.project.pk, step.pk])).content.decode()
    assert _url(personas, INTERNAL, "mini-hta") in page
    assert _url(personas, INTERNAL, "mas-ai") in page


def test_the_page_shows_what_is_ready_and_links_what_is_missing(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.alice)
    with django_assert_max_num_queries(40):
        response = client.get(_url(personas, INTERNAL, "mini-hta"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-coverage-summary" in page
    assert 'data-section="patient"' in page
    # the MDR assessment is missing; it is filled on a step that has the MDR tool
    mdr_step = next(
        s for s in personas.project.ordered_steps() if "assessment:mdr" in (s.action.tools or [])
    )
    assert 'data-missing-source="assessment.mdr"' in page
    assert reverse("assessments:overview", args=[personas.project.pk, mdr_step.pk, "mdr"]) in page
    assert 'id="narrative-patient-perspective"' in page


def test_generate_word_then_pdf_and_see_what_changed_in_between(client, personas):
    client.force_login(personas.alice)
    url = _url(personas, INTERNAL, "mini-hta", name="documents:generate")
    response = client.post(url, {"format": "docx", "lang": "da"})
    assert response.status_code == 302
    first = DocumentVersion.objects.get(kind="mini-hta")
    assert (first.number, first.fmt, first.lang, first.created_by) == (
        1,
        "docx",
        "da",
        personas.alice,
    )
    word = read_docx(io.BytesIO(bytes(first.content)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert personas.project.title in text
    assert "patientperspektiv" in text.lower()  # the gap says so, visibly
    import hashlib

    assert first.sha256 == hashlib.sha256(bytes(first.content)).hexdigest()
    # write the patient perspective once, then the next version shows the change
    narrative_url = _url(
        personas, INTERNAL, "mini-hta", name="documents:narrative", key="patient-perspective"
    )
    response = client.post(
        narrative_url, {"text": "Kortere ventetid for patienten.", "version": "0"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        project=personas.project, changes__has_key="patient-perspective"
    ).exists()
    client.post(url, {"format": "pdf", "lang": "en"})
    second = DocumentVersion.objects.get(kind="mini-hta", number=2)
    assert second.changes == [{"source": "narrative:patient-perspective", "kind": "added"}]
    pdf_text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(bytes(second.content))).pages
    )
    assert "Kortere ventetid for patienten." in pdf_text
    download = client.get(_url(personas, INTERNAL, "mini-hta", name="documents:download", number=2))
    assert download["Content-Type"] == "application/pdf"
    assert bytes(download.content) == bytes(second.content)
    page = client.get(_url(personas, INTERNAL, "mini-hta")).content.decode()
    assert 'data-version="2"' in page and "data-changes" in page
    step = _step(personas, INTERNAL)
    step_page = client.get(reverse("step", args=[personas.project.pk, step.pk])).content.decode()
    assert "Seneste: v2 · PDF" in step_page  # the tool's summary on the step


def test_the_same_text_is_used_by_every_document_that_needs_it(client, personas):
    client.force_login(personas.alice)
    url = _url(personas, INTERNAL, "mas-ai", name="documents:narrative", key="patient-perspective")
    client.post(url, {"text": "Skrevet én gang.", "version": "0"})
    page = client.get(_url(personas, INTERNAL, "mini-hta")).content.decode()
    assert "Skrevet én gang." in page


def test_a_stale_text_edit_keeps_the_users_text_and_changes_nothing(client, personas):
    ProjectNarrative.write(personas.project, "organisation", "Bobs tekst", personas.bob, 0, "org")
    client.force_login(personas.alice)
    url = _url(personas, INTERNAL, "mini-hta", name="documents:narrative", key="organisation")
    response = client.post(url, {"text": "Alices tekst", "version": "0"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Alices tekst" in page and "Bobs tekst" in page
    assert ProjectNarrative.objects.get(key="organisation").text == "Bobs tekst"


def test_bad_generate_input_gets_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        _url(personas, INTERNAL, "mini-hta", name="documents:generate"),
        {"format": "exe", "lang": "da"},
    )
    assert response.status_code == 400
    assert "data-error" in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_a_kind_the_step_does_not_ask_for_is_not_found(client, personas):
    client.force_login(personas.alice)
    assert client.get(_url(personas, INTERNAL, "dpia")).status_code == 404
    assert client.get(_url(personas, INTERNAL, "no-such-kind")).status_code == 404


@pytest.mark.parametrize(
    ("who", "slug", "get", "post"),
    [
        ("alice", INTERNAL, 200, 302),  # owner
        ("bob", INTERNAL, 200, 302),  # member (jurist)
        ("maja", INTERNAL, 200, 403),  # management reads
        ("charlie", INTERNAL, 404, 404),  # outsider
        ("victor", INTERNAL, 404, 404),  # vendor: step not shared
        ("victor", SHARED, 200, 403),  # vendor: shared step, read-only
    ],
)
def test_permissions(client, personas, who, slug, get, post):
    kind = "mini-hta" if slug == INTERNAL else "validation-report"
    client.force_login(getattr(personas, who))
    assert client.get(_url(personas, slug, kind)).status_code == get
    response = client.post(
        _url(personas, slug, kind, name="documents:generate"), {"format": "docx", "lang": "da"}
    )
    assert response.status_code == post


def test_outsider_and_vendor_cannot_download_a_version(client, personas):
    client.force_login(personas.alice)
    client.post(
        _url(personas, INTERNAL, "mini-hta", name="documents:generate"),
        {"format": "docx", "lang": "da"},
    )
    url = _url(personas, INTERNAL, "mini-hta", name="documents:download", number=1)
    for who in ("charlie", "victor"):
        client.force_login(getattr(personas, who))
        assert client.get(url).status_code == 404
    client.force_login(personas.maja)
    assert client.get(url).status_code == 200


def test_a_vendors_document_holds_no_business_case(client, personas):
    from vejviser.documents.render import record_for
    from vejviser.projects.access import get_project_for_user
    from vejviser.value.models import BusinessCase
    from vejviser.value.shipped import shipped_cases

    step = personas.project.steps.get(action__slug="udarbejd-business-case")
    BusinessCase.start(
        project=personas.project,
        step=step,
        user=personas.alice,
        name="BC",
        template="ambient-scribe",
        case=shipped_cases()["ambient-scribe"],
    )
    owner = record_for(
        get_project_for_user(personas.alice, personas.project.pk), "da", figures=False
    )
    vendor = record_for(
        get_project_for_user(personas.victor, personas.project.pk), "da", figures=False
    )
    assert "business-case.summary" in owner.parts
    assert "business-case.summary" not in vendor.parts
