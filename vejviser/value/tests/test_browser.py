"""A clinician fills in the ambient-scribe case in a real browser (Chromium, live server)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir
from vejviser.value.models import BusinessCase

from .web import business_step

pytestmark = pytest.mark.browser


def test_clinician_fills_in_the_ambient_scribe_case_and_saves_it(
    page: Page, live_server, live_personas
):
    base = live_server.url
    shots = screenshot_dir()
    project = live_personas.project
    step = business_step(project)
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    page.locator("[data-tools] [data-tool=business-case] a").click()
    expect(page.locator("[data-no-cases]")).to_be_visible()
    page.locator("[data-template=ambient-scribe] a.btn").click()

    # The form: the example's figures, each with label, unit, origin and help.
    form = page.locator("[data-case-form]")
    expect(form.locator("[data-input=consultations]")).to_contain_text("Konsultationer om året")
    form.get_by_label("Navn på business casen").fill("Ambient scribe – Lægehuset i Vejle")
    consultations = form.locator("[data-input=consultations]")
    consultations.locator("[data-part=value] input").fill("24.000")
    consultations.locator("[data-part=mode] input").fill("24.000")
    consultations.locator("[data-part=low] input").fill("30.000")  # a slip: low above high
    consultations.locator("[data-part=high] input").fill("28.000")
    form.locator("[data-input=documentation-minutes] [data-part=value] input").fill("6")
    form.locator("[data-input=documentation-minutes] [data-part=mode] input").fill("6")
    form.get_by_label("Hvad er ændret, og hvorfor").fill("Vores eget antal konsultationer.")
    form.locator("[data-save]").click()

    # The slip is named next to the field, in Danish; what was typed is kept.
    expect(page.locator("[data-form-errors]")).to_be_visible()
    expect(consultations).to_contain_text("Lav (30.000) er større end høj (28.000).")
    expect(consultations.locator("[data-part=value] input")).to_have_value("24.000")
    assert BusinessCase.objects.count() == 0
    consultations.locator("[data-part=low] input").fill("20.000")
    consultations.scroll_into_view_if_needed()
    page.screenshot(path=shots / "value-form.png", full_page=True)
    page.locator("[data-case-form] [data-save]").click()

    # The result: the expected figures, the range of outcomes, what drives them.
    expect(page.locator(".messages")).to_contain_text("gemt som version 1")
    expect(page.locator("[data-case-title]")).to_have_text("Ambient scribe – Lægehuset i Vejle")
    expect(page.locator("[data-hours-per-year]")).to_have_text("384")  # 24,000 × 6/60 × .2 × .8
    expect(page.locator("[data-range-sentence]")).to_contain_text("I 90 % af 10.000 simuleringer")
    expect(page.locator("[data-tornado] tbody tr").first).to_contain_text("journalføringstiden")
    expect(page.locator("[data-scenarios]")).to_contain_text("Leverandør B")
    for kind in ("histogram", "tornado", "cashflow"):
        image = page.locator(f"[data-plot={kind}] img")
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, kind
    page.screenshot(path=shots / "value-result.png", full_page=True)
    expect(page.locator("[data-prob-interval]")).to_contain_text("Monte Carlo-interval")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "value-result-390.png", full_page=True)
    # on a phone the page itself does not scroll sideways (wide tables scroll in their box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})

    # Saved to the project: listed on the tool page and in the step's history.
    page.get_by_role("link", name="Business cases").first.click()
    expect(page.locator("[data-case] [data-version='1']")).to_contain_text("384")
    page.screenshot(path=shots / "value-list.png", full_page=True)
    version = BusinessCase.objects.get().latest()
    assert version is not None and version.created_by is not None
    assert version.created_by.username == "alice"
    assert version.data["inputs"]["consultations"]["value"] == 24000
    page.goto(f"{base}/projects/{project.pk}/steps/{step.pk}/")
    expect(page.get_by_text("Ambient scribe – Lægehuset i Vejle (v1)").first).to_be_visible()
