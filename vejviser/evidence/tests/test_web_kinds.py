"""Uploads of the other kinds through the web: contours, transcripts, time studies."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vejviser.evidence.models import ValidationRun

from .web import DEMO, upload, url

META = {"purpose": "after-upgrade", "product_name": "Scribe", "product_version": "2.4"}


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return personas


def _cases(folder):
    return [upload(p) for p in sorted((DEMO / "contouring" / folder).glob("*.npz"))]


def test_contours_upload_gives_dice_per_structure(client, alice):
    data = {**META, "reference": _cases("reference"), "prediction": _cases("prediction")}
    data["tolerance"] = "2"
    response = client.post(url(alice.project, "new", kind="segmentation"), data)
    assert response.status_code == 302, response.context["form"].errors
    run = ValidationRun.objects.get()
    assert run.n == 4
    structures = {s["structure"] for s in run.report["structures"]}
    assert structures == {"Brainstem", "Parotid_L", "Parotid_R", "SpinalCord"}
    page = client.get(response["Location"]).content.decode()
    assert "Gennemsnitlig Dice, laveste struktur" in page and 'data-plot="dice"' in page


def test_contours_that_do_not_match_are_named(client, alice):
    data = {**META, "reference": _cases("reference"), "prediction": _cases("prediction")[:3]}
    data["tolerance"] = "2"
    response = client.post(url(alice.project, "new", kind="segmentation"), data)
    assert response.status_code == 200
    assert "prediction" in response.context["form"].errors
    assert ValidationRun.objects.count() == 0


def test_transcripts_upload_gives_the_word_error_rate(client, alice):
    data = {**META, "file": upload(DEMO / "ambient_scribe" / "transcripts.csv")}
    data.update(id_column="id", reference_column="reference", hypothesis_column="hypothesis")
    response = client.post(url(alice.project, "new", kind="transcripts"), data)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "er ordfejlraten 11\u00a0%" in page and "Dokument 1" in page
    assert "konsultation-01" not in page  # the typed ids are discarded


def test_typed_document_ids_are_never_stored_or_shown(client, alice):
    """Transcript validation stored one row per document with the id as typed ("Jens
    Hansen 1 journal 2024-03-01") and showed it to the vendor on a shared step."""
    rows = [
        "id,reference,hypothesis",
        "Jens Hansen 1 journal 2024-03-01,patienten har feber,patienten har feber",
        "Mette Holm notat,ingen smerter i dag,ingen smerte i dag",
    ]
    data = {**META, "file": SimpleUploadedFile("notes.csv", "\n".join(rows).encode())}
    data.update(id_column="id", reference_column="reference", hypothesis_column="hypothesis")
    response = client.post(url(alice.project, "new", kind="transcripts"), data)
    assert response.status_code == 302
    run = ValidationRun.objects.get()
    stored = str(run.report) + str(run.settings) + str(run.plots)
    assert "Jens" not in stored and "Mette" not in stored and "2024-03-01" not in stored
    assert [d["document"] for d in run.report["documents"]] == ["1", "2"]
    page = client.get(response["Location"]).content.decode()
    assert "Jens" not in page and "Dokument 2" in page


def test_typed_case_names_are_never_stored(client, alice):
    ref, pred = _cases("reference"), _cases("prediction")
    for i, (r, p) in enumerate(zip(ref, pred, strict=True)):
        r.name = p.name = f"Hansen Jens {i}.npz"
    data = {**META, "reference": ref, "prediction": pred, "tolerance": "2"}
    response = client.post(url(alice.project, "new", kind="segmentation"), data)
    assert response.status_code == 302, response.context["form"].errors
    run = ValidationRun.objects.get()
    assert "Hansen" not in str(run.report) + str(run.plots)
    assert {s["case"] for s in run.report["scores"]} == {"1", "2", "3", "4"}


def test_timing_upload_with_a_wrong_column_names_the_columns(client, alice):
    data = {**META, "file": upload(DEMO / "ambient_scribe" / "documentation_time.csv")}
    data.update(before="minutter_foer", with_product="minutter_efter")
    response = client.post(url(alice.project, "new", kind="timing"), data)
    errors = " ".join(response.context["form"].errors["with_product"])
    assert "minutter_efter" in errors and "minutter_med" in errors  # the file's columns
    data["file"] = SimpleUploadedFile("tider.csv", b"a,b\n1,2\n")
    data.update(before="minutter_foer", with_product="minutter_med")
    assert client.post(url(alice.project, "new", kind="timing"), data).status_code == 200
    assert ValidationRun.objects.count() == 0


def test_sample_size_without_an_expected_value_asks_for_one(client, alice):
    step = alice.project.steps.get(action__slug="gennemfoer-prospektiv-validering")
    data = {"prevalence": "0,2", "width": "0,1", "purpose": "prospective"}
    response = client.post(url(alice.project, "sample_size", step=step), data)
    assert response.status_code == 200
    assert response.context["form"].errors["sensitivity"]
    assert ValidationRun.objects.count() == 0


@pytest.mark.parametrize("field", ["prevalence", "width", "sensitivity"])
@pytest.mark.parametrize("value", ["nan", "inf", "1e400"])
def test_sample_size_refuses_non_finite_numbers_next_to_the_field(client, alice, field, value):
    step = alice.project.steps.get(action__slug="gennemfoer-prospektiv-validering")
    data = {"prevalence": "0,2", "width": "0,1", "sensitivity": "0,9", "purpose": "prospective"}
    data[field] = value
    response = client.post(url(alice.project, "sample_size", step=step), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert ValidationRun.objects.count() == 0
