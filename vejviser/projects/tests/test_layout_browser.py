"""The main pages fit a phone and nothing floats over the content (Chromium, live server)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import FloatRect, Page, ViewportSize

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser

PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1366, height=900)

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"

# The widest elements, to say what overflows when the assertion fails.
WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className)"""


def _pages(personas) -> dict[str, str]:
    project = personas.project
    step = project.steps.order_by("action__phase__order", "action__order").first()
    return {
        "dashboard": "/",
        "journey": "/journey/",
        "track": f"/journey/{project.track.slug}/",
        "project": f"/projects/{project.pk}/",
        "step": f"/projects/{project.pk}/steps/{step.pk}/",
        "audit": f"/projects/{project.pk}/audit/",
        "members": f"/projects/{project.pk}/members/",
        "tokens": reverse("tokens"),
        "assistant": reverse("assistant:home"),
    }


def _worst_case(personas) -> None:
    """What makes a page wide in real use: a long Danish compound, a due date, a change
    with a long value in the audit trail."""
    project = personas.project
    step = project.steps.order_by("action__phase__order", "action__order").first()
    step.edit(
        personas.alice,
        {
            "status": "in_progress",
            "due_date": dt.date(2026, 12, 13),
            "notes": "Patientforløbskoordineringsværktøjsudviklingsarbejdsgruppemøde " * 3,
        },
        step.version,
    )
    project.edit(
        personas.alice,
        {"department": "Kræftpatientforløbskoordineringsafdelingen, Odense Universitetshospital"},
        project.version,
    )


def _rect(page: Page, selector: str) -> FloatRect:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box


def _overlap(a: FloatRect, b: FloatRect) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_no_page_is_wider_than_a_phone(page: Page, live_server, live_personas):
    _worst_case(live_personas)
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "alice")
    shots = screenshot_dir()
    for name, path in _pages(live_personas).items():
        page.goto(live_server.url + path)
        page.screenshot(path=shots / f"phone-{name}.png", full_page=True)
        assert page.evaluate(OVERFLOW) <= 0, (name, page.evaluate(WIDEST))


def test_due_dates_are_shown_and_typed_the_danish_way(page: Page, live_server, live_personas):
    _worst_case(live_personas)
    log_in(page, live_server.url, "alice")
    pages = _pages(live_personas)
    page.goto(live_server.url + pages["project"])
    assert "13.12.2026" in page.locator("[data-journey]").inner_text()
    page.goto(live_server.url + pages["step"])
    due = page.get_by_label("Frist")
    assert due.input_value() == "13.12.2026"
    assert due.get_attribute("placeholder") == "dd.mm.åååå"
    due.fill("24.12.2026")
    page.locator("[data-step-form] [data-save]").click()
    assert "24.12.2026" in page.locator("[data-journey]").inner_text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_ask_button_never_covers_the_next_steps(page: Page, live_server, live_personas, viewport):
    page.set_viewport_size(viewport)
    log_in(page, live_server.url, "alice")
    page.goto(live_server.url + _pages(live_personas)["project"])
    ask, steps = "[data-assistant-jump]", "[data-next-steps]"
    assert page.locator(ask).is_visible()
    assert not _overlap(_rect(page, ask), _rect(page, steps))
    page.locator(steps).scroll_into_view_if_needed()
    assert not _overlap(_rect(page, ask), _rect(page, steps))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    assert not _overlap(_rect(page, ask), _rect(page, steps))
