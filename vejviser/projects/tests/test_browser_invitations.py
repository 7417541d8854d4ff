"""Inviting in a real browser: the owner invites, the invited user accepts on the
dashboard; screenshots at desktop and phone width, no horizontal overflow."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser


def _shots(page: Page, name: str) -> None:
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        path = Path(screenshot_dir()) / f"{name}-{width}.png"
        page.screenshot(path=path, full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} overflows at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_owner_invites_and_the_invited_user_accepts(page: Page, live_server, live_personas):
    base, project = live_server.url, live_personas.project
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/members/")
    page.get_by_label("Brugernavn eller e-mail").fill("charlie@example.org")
    page.locator("[data-invite] select[name=role]").select_option("it-arkitekt")
    page.locator("[data-invite] button").click()
    expect(page.locator("[data-invitation='charlie@example.org']")).to_be_visible()
    _shots(page, "members-invited")

    page.context.clear_cookies()
    log_in(page, base, "charlie")
    expect(page.locator("[data-pending-invitations]")).to_contain_text(project.title)
    _shots(page, "dashboard-invitation")
    page.locator("[data-accept]").click()
    expect(page.locator("[data-project-title]")).to_have_text(project.title)
