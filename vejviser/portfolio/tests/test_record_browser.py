"""The project's owner opens the AI system record from the project page, fills in what
only the project knows, and switches the public page on; a reader without a login then
sees it, in a real browser (Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir

from .factory import Tree

pytestmark = pytest.mark.browser


def test_the_owner_fills_in_the_record_and_publishes_it(
    page: Page, live_server, live_personas, browser
):
    base = live_server.url
    shots = screenshot_dir()
    tree = Tree(live_personas)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{tree.project.pk}/")
    page.locator("[data-record-panel] [data-record-link]").click()
    expect(page.locator("h1")).to_contain_text("AI-systemregistrering")
    expect(page.locator("[data-public-state=off]")).to_be_visible()
    expect(page.locator("[data-field=organisation]")).to_have_text(
        "Region Syddanmark › Odense Universitetshospital › Onkologisk afdeling"
    )

    form = page.locator("[data-record-form]")
    form.get_by_label("Menneskeligt tilsyn").fill("Lægen godkender hvert forslag, før det bruges.")
    form.get_by_label("Næste genvalidering").fill("01.06.2027")
    form.locator("[data-save-record]").click()
    expect(page.locator(".messages")).to_contain_text("Registreringen er gemt.")
    expect(page.locator("[data-field=oversight]")).to_have_text(
        "Lægen godkender hvert forslag, før det bruges."
    )
    expect(page.locator("[data-field=revalidation]")).to_have_text("1. juni 2027")

    page.locator("[data-public-toggle]").check()
    page.locator("[data-publish]").click()
    expect(page.locator("[data-public-state=on]")).to_be_visible()
    public_url = page.locator("[data-public-link]").get_attribute("href")
    assert public_url and "/records/" in public_url
    page.screenshot(path=shots / "record-1366.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the record page is {width} px wide on a phone"
    page.screenshot(path=shots / "record-390.png", full_page=True)

    anonymous = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 844})
    reader = anonymous.new_page()
    reader.goto(public_url)
    expect(reader.locator("[data-public-record]")).to_have_text(tree.project.title)
    expect(reader.locator("[data-field=oversight]")).to_contain_text("Lægen godkender")
    width = reader.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the public page is {width} px wide on a phone"
    reader.screenshot(path=shots / "record-public-390.png", full_page=True)
    reader.set_viewport_size({"width": 1366, "height": 900})
    reader.screenshot(path=shots / "record-public-1366.png", full_page=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("[data-public-toggle]").uncheck()
    page.locator("[data-publish]").click()
    expect(page.locator("[data-public-state=off]")).to_be_visible()
    assert reader.goto(public_url).status == 404
    anonymous.close()
