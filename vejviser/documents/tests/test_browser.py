"""A clinician opens a step that asks for a document, sees what is ready and what is
missing, writes the patient perspective once and downloads the Word file and the PDF
(Chromium against a live server). Screenshots at 1366 and 390 px."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as read_docx
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser
STEP = "evaluer-afproevningsfasen"


def test_clinician_generates_and_downloads_a_mini_hta_from_the_step(
    page: Page, live_server, live_personas
):
    base = live_server.url
    project = live_personas.project
    step = project.steps.get(action__slug=STEP)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    page.locator("[data-tools] [data-tool='document:mini-hta'] a").click()

    # What is ready and what is missing, each missing part linked to where it is filled.
    summary = page.locator("[data-coverage-summary]")
    expect(summary).to_contain_text("af 6 afsnit klar")
    patient = page.locator("[data-section=patient]")
    expect(patient).to_contain_text("mangler: patientperspektiv")
    regulation = page.locator("[data-section=regulation] [data-missing-source='assessment.mdr'] a")
    mdr_step = project.steps.get(action__slug="udfyld-tjekliste")
    expect(regulation).to_have_attribute(
        "href", f"/projects/{project.pk}/steps/{mdr_step.pk}/assessments/mdr/"
    )

    # The patient perspective, written once.
    page.get_by_label("Patientperspektiv").fill("Patienterne får kortere ventetid på behandling.")
    page.locator("[data-narrative=patient-perspective] button").click()
    expect(page.locator(".messages")).to_contain_text("Gemt")
    expect(page.locator("[data-section=patient] .badge")).to_have_text("Klar")
    shots = screenshot_dir()
    page.screenshot(path=shots / "documents-page-1366.png", full_page=True)

    # Word, then PDF.
    page.locator("[data-generate-button]").click()
    expect(page.locator("[data-version='1']")).to_contain_text("DOCX")
    with page.expect_download() as info:
        page.locator("[data-version='1'] [data-download]").click()
    word = read_docx(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Patienterne får kortere ventetid på behandling." in text
    assert project.title in text
    page.locator("input[name=format][value=pdf]").check()
    page.locator("[data-generate-button]").click()
    expect(page.locator("[data-version='2']")).to_contain_text("PDF")
    with page.expect_download() as info:
        page.locator("[data-version='2'] [data-download]").click()
    pdf = Path(info.value.path()).read_bytes()
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Patienterne får kortere ventetid" in pdf_text
    (shots / "mini-hta.pdf").write_bytes(pdf)

    # A phone: nothing overflows sideways; the versions table scrolls in its own box.
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    page.screenshot(path=shots / "documents-page-390.png", full_page=True)
