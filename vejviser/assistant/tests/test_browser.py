"""A clinician asks the assistant in a real browser (Chromium, live server): in the
panel on a project page, and a general question on /assistant/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser


def test_clinician_asks_in_the_project_and_on_the_assistant_page(
    page: Page, live_server, live_personas
):
    base = live_server.url
    project = live_personas.project
    first_step = project.journey().next_steps[0].action.title_da
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/")
    jump = page.locator("[data-assistant-jump]")
    expect(jump).to_be_visible()  # the panel is far below the journey: a link jumps there
    jump.click()
    panel = page.locator("[data-assistant]")
    expect(panel).to_be_in_viewport()
    page.evaluate("window.stillHere = true")  # gone if the page reloads
    panel.get_by_label("Dit spørgsmål").fill("hvad er mit næste skridt?")
    panel.locator("[data-ask-submit]").click()
    latest = page.locator("[data-assistant] [data-latest]")
    expect(latest.locator("[data-answer]")).to_contain_text(first_step)
    expect(latest.locator("[data-mode=project]")).to_be_visible()
    expect(latest.locator("[data-sources] li").first).to_contain_text("AI-rejsen")
    expect(latest.locator("[data-links] a").first).to_have_attribute(
        "href", f"/projects/{project.pk}/steps/{project.journey().next_steps[0].pk}/"
    )
    assert page.evaluate("window.stillHere") is True  # htmx swapped the panel only

    # A suggestion button asks too; feedback with a comment is stored.
    panel.locator("[data-suggestion]", has_text="Hvem skal vi have med nu?").click()
    expect(page.locator("[data-assistant] [data-latest] [data-answer]")).to_contain_text(
        "Kliniker (Alice Andersen)"
    )
    expect(page.locator("[data-assistant] [data-history] > li")).to_have_count(2)
    latest = page.locator("[data-assistant] [data-latest]")
    latest.locator("[data-feedback] summary").click()
    latest.locator("[data-comment]").fill("Godt overblik.")
    latest.locator("[data-useful]").click()
    expect(latest.locator("[data-thanks]")).to_be_visible()
    panel.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir() / "assistant-project.png", full_page=True)

    # The standalone page: a general question, with a CPR number that is removed.
    page.locator("[data-nav=assistant]").click()
    expect(page.get_by_role("heading", name="Spørg Vejviser")).to_be_visible()
    page.get_by_label("Dit spørgsmål").fill("Hvornår er der krav om udbud? Patient 010203-1234")
    page.locator("[data-ask-submit]").click()
    latest = page.locator("[data-assistant] [data-latest]")
    expect(latest.locator("[data-answer]")).to_contain_text("1,6 mio")
    expect(latest.locator("[data-removed]")).to_contain_text(
        "Vi fjernede et CPR-nummer fra dit spørgsmål, før det blev behandlet."
    )
    expect(latest.locator(".q")).not_to_contain_text("010203-1234")
    expect(latest.locator("[data-sources] li").first).to_be_visible()

    # An empty question gets a clear message instead of an answer.
    page.locator("[data-ask-submit]").click()
    expect(page.locator("[data-ask-error]")).to_contain_text("Skriv et spørgsmål")
    page.get_by_label("Dit spørgsmål").fill("Hvad er OPI?")
    page.locator("[data-ask-submit]").click()
    expect(page.locator("[data-assistant] [data-latest] [data-answer]")).to_contain_text("OPI")
    expect(page.locator("[data-ask-error]")).to_have_count(0)
    page.screenshot(path=screenshot_dir() / "assistant.png", full_page=True)


def test_panel_works_without_javascript(browser, live_server, live_personas):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    log_in(page, live_server.url, "bob")
    page.goto(f"{live_server.url}/projects/{live_personas.project.pk}/")
    page.get_by_label("Dit spørgsmål").fill("hvor er vi?")
    page.locator("[data-ask-submit]").click()
    expect(page.locator("[data-assistant] [data-latest] [data-answer]")).to_contain_text(
        "er i fasen"
    )
    context.close()
