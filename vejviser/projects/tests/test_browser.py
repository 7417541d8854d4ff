"""A clinician's walk through Vejviser in a real browser (Chromium, live server)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser


def test_clinician_creates_projects_and_walks_the_journey(page: Page, live_server, live_personas):
    base = live_server.url
    shots = screenshot_dir()
    page.goto(f"{base}/account/login/")
    page.screenshot(path=shots / "login.png", full_page=True)
    log_in(page, base, "alice")
    expect(page.get_by_role("heading", name="Mine projekter")).to_be_visible()
    page.screenshot(path=shots / "dashboard.png", full_page=True)

    for track_label, first_phase in [
        ("Ny idé", "Idéudvikling"),
        ("Færdigt produkt", "Test og implementering"),
    ]:
        page.goto(f"{base}/")
        page.locator("[data-new-project]").click()
        page.get_by_label("Titel").fill(f"Test af {track_label}")
        page.get_by_label("Klinisk område").fill("Radiologi")
        page.get_by_label("Afdeling").fill("Radiologisk afdeling, OUH")
        page.get_by_label("Region").select_option("syddanmark")
        page.get_by_label("Spor").select_option(label=track_label)
        page.locator("[data-project-form] button[type=submit]").click()
        expect(page.locator("[data-project-title]")).to_have_text(f"Test af {track_label}")
        current = page.locator("ol.timeline li[data-state=current]")
        expect(current).to_contain_text(first_phase)

    # On the "Færdigt produkt" project: close the first step and see the next steps move on.
    next_steps = page.locator("[data-next-steps] [data-next]")
    first = next_steps.first.get_attribute("data-next")
    row = page.locator(f"tr[data-step='{first}']")
    row.locator("[data-status-select]").select_option("done")
    row.locator("[data-status-save]").click()
    expect(page.locator(f"tr[data-step='{first}']")).to_have_attribute("data-status", "done")
    expect(page.locator(f"[data-next-steps] [data-next='{first}']")).to_have_count(0)
    page.screenshot(path=shots / "project.png", full_page=True)

    # A step page: guidance, sources, the form.
    page.locator("[data-next-steps] [data-next] a").first.click()
    expect(page.locator("[data-guidance]")).to_contain_text("Kilde")
    page.get_by_label("Noter").fill("Møde med **jurist** aftalt.")
    page.get_by_label("Status").select_option("in_progress")
    page.screenshot(path=shots / "step.png", full_page=True)
    page.locator("[data-step-form] [data-save]").click()
    expect(page.locator(".messages")).to_contain_text("Trinnet er gemt")

    # English switch keeps the page and translates the interface.
    page.locator("[data-lang=en]").click()
    expect(page.get_by_role("heading", name="Your next steps")).to_be_visible()
    page.screenshot(path=shots / "project-en.png", full_page=True)
    page.locator("[data-lang=da]").click()
    expect(page.get_by_role("heading", name="Jeres næste skridt")).to_be_visible()

    # The audit trail shows the change with before and after.
    page.get_by_role("link", name="Ændringslog").click()
    expect(page.locator("[data-audit]")).to_contain_text("Ikke startet → I gang")
    page.screenshot(path=shots / "audit.png", full_page=True)


UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name || el.id)"""


def test_pages_are_usable_by_keyboard_and_screen_reader(page: Page, live_server, live_personas):
    """Every form field has a label; the skip link and the status forms work by keyboard."""
    base = live_server.url
    log_in(page, base, "alice")
    project = live_personas.project
    step = project.steps.first()
    for path in [
        "/",
        "/projects/new/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/steps/{step.pk}/",
        f"/projects/{project.pk}/members/",
    ]:
        page.goto(base + path)
        assert page.evaluate(UNLABELLED_FIELDS) == [], path
        assert page.locator("html").get_attribute("lang") == "da"
    page.goto(f"{base}/projects/{project.pk}/")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    select = page.locator(f"tr[data-step='{step.action.slug}'] [data-status-select]")
    select.focus()
    select.select_option("in_progress")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f"tr[data-step='{step.action.slug}']")).to_have_attribute(
        "data-status", "in_progress"
    )


def test_outsider_cannot_open_the_project(page: Page, live_server, live_personas):
    log_in(page, live_server.url, "charlie")
    expect(page.get_by_role("heading", name="Mine projekter")).to_be_visible()
    expect(page.locator(f"[data-project='{live_personas.project.pk}']")).to_have_count(0)
    response = page.goto(f"{live_server.url}/projects/{live_personas.project.pk}/")
    assert response is not None and response.status == 404
    assert live_personas.project.title not in page.content()


def test_vendor_sees_shared_steps_only(page: Page, live_server, live_personas):
    log_in(page, live_server.url, "victor")
    page.goto(f"{live_server.url}/projects/{live_personas.project.pk}/")
    expect(page.get_by_text("Leverandørvisning")).to_be_visible()
    shown = page.locator("tr[data-step]").count()
    assert 0 < shown < live_personas.project.steps.count()
    expect(page.locator("[data-status-select]")).to_have_count(0)


def test_two_people_editing_the_same_step(page: Page, live_server, live_personas, browser):
    """Bob and Alice open the same step; Alice saves first; Bob is told and loses nothing."""
    project = live_personas.project
    step = project.steps.first()
    url = f"{live_server.url}/projects/{project.pk}/steps/{step.pk}/"
    log_in(page, live_server.url, "bob")
    page.goto(url)
    other = browser.new_context(locale="da-DK")
    alice = other.new_page()
    log_in(alice, live_server.url, "alice")
    alice.goto(url)
    alice.get_by_label("Noter").fill("Alices version")
    alice.locator("[data-step-form] [data-save]").click()
    expect(alice.locator(".messages")).to_contain_text("Trinnet er gemt")
    page.get_by_label("Noter").fill("Bobs version")
    page.locator("[data-step-form] [data-save]").click()
    expect(page.locator("[data-conflict]")).to_be_visible()
    expect(page.get_by_label("Noter")).to_have_value("Bobs version")
    expect(page.locator("[data-saved-now]")).to_contain_text("Alices version")
    page.screenshot(path=screenshot_dir() / "conflict.png", full_page=True)
    other.close()
    step.refresh_from_db()
    assert step.notes == "Alices version"


def test_journey_guide_is_readable_without_login(page: Page, live_server, live_personas):
    page.goto(f"{live_server.url}/journey/")
    expect(page.locator("[data-track]")).to_have_count(2)
    page.locator("[data-track=ny-ide] a.btn").click()
    expect(page.locator("details.phase")).to_have_count(5)
    page.locator("[data-action]").first.locator("summary").click()
    expect(page.locator("[data-action]").first).to_contain_text(re.compile("Afsluttet, når"))
    page.screenshot(path=screenshot_dir() / "journey.png", full_page=False)
