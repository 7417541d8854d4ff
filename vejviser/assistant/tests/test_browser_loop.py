"""The learning loop in a real browser (Chromium, live server): a follow-up conversation
with htmx, a verdict, feedback, and the content editor's page of gaps — at desktop and
phone widths (screenshots in $VEJVISER_SCREENSHOTS)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from vejviser.accounts.roles import make_content_editor
from vejviser.conftest import log_in, make_user, screenshot_dir

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": 1366, "phone": 390}


def ask(page: Page, question: str) -> None:
    page.get_by_label("Dit spørgsmål").fill(question)
    page.locator("[data-ask-submit]").click()
    expect(page.locator("[data-assistant] [data-latest] .q")).to_contain_text(question[:20])


def test_follow_up_conversation_feedback_and_the_editors_gaps(
    page: Page, live_server, live_personas
):
    base = live_server.url
    editor = make_user("edith", first_name="Edith", last_name="Eriksen")
    make_content_editor(editor)
    log_in(page, base, "alice")
    page.goto(f"{base}/assistant/")
    page.evaluate("window.stillHere = true")
    ask(page, "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?")
    latest = page.locator("[data-assistant] [data-latest]")
    expect(latest.locator("[data-answer]")).to_contain_text("Nej –")
    expect(latest.locator("[data-mode=verdict]")).to_be_visible()
    ask(page, "hvad med et triage-system?")
    latest = page.locator("[data-assistant] [data-latest]")
    expect(latest.locator("[data-resolved]")).to_contain_text("FRIA")
    expect(latest.locator("[data-answer]")).to_contain_text("Ja –")
    ask(page, "og hvem gør det?")
    latest = page.locator("[data-assistant] [data-latest]")
    expect(latest.locator("[data-resolved]")).to_be_visible()
    assert page.evaluate("window.stillHere") is True  # htmx: no reload
    ask(page, "Hvad koster en pizza i Odense?")
    latest = page.locator("[data-assistant] [data-latest]")
    latest.locator("[data-not-useful]").click()
    expect(latest.locator("[data-verdict=not-useful]")).to_be_visible()
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=screenshot_dir() / f"assistant-followup-{name}.png", full_page=True)

    # The content editor sees the gap, scrubbed, and closes it.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "edith")
    page.goto(f"{base}/assistant/")
    page.locator("[data-gaps-link] a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huller i indholdet")
    row = page.locator("[data-gap]").filter(has_text="pizza")
    expect(row).to_be_visible()
    expect(row.locator("[data-unanswered]")).to_be_visible()
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=screenshot_dir() / f"assistant-gaps-{name}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    row.locator("[data-mark-handled]").click()
    expect(page.locator("[data-gap]").filter(has_text="pizza")).to_have_count(0)
    page.locator("[data-show=handled]").click()
    expect(page.locator("[data-gap]").filter(has_text="pizza")).to_be_visible()
