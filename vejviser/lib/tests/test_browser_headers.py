"""In a real browser: the API docs work from our own static files (the test browser has
no internet), and the pages run under the Content-Security-Policy without violations."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir

pytestmark = pytest.mark.browser


def _watch(page: Page, base: str) -> tuple[list[str], list[str]]:
    """Requests to other hosts, and console messages about the security policy."""
    host = urlsplit(base).netloc
    foreign: list[str] = []
    violations: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlsplit(r.url).scheme in {"http", "https"} and urlsplit(r.url).netloc != host
            else None
        ),
    )
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return foreign, violations


def test_api_docs_work_offline_under_the_policy(page: Page, live_server, live_personas):
    base = live_server.url
    foreign, violations = _watch(page, base)
    page.goto(f"{base}/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Vejviser API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    page.screenshot(path=screenshot_dir() / "api-docs.png")
    assert not foreign
    assert not violations


def test_pages_and_htmx_run_without_policy_violations(page: Page, live_server, live_personas):
    base = live_server.url
    foreign, violations = _watch(page, base)
    log_in(page, base, "alice")
    project = live_personas.project
    page.goto(f"{base}/projects/{project.pk}/")
    first = page.locator("[data-next-steps] [data-next]").first.get_attribute("data-next")
    row = page.locator(f"tr[data-step='{first}']")
    row.locator("[data-status-select]").select_option("done")
    row.locator("[data-status-save]").click()  # an htmx swap
    expect(page.locator(f"tr[data-step='{first}']")).to_have_attribute("data-status", "done")
    for url in ["/", "/journey/", "/assistant/", f"/projects/{project.pk}/members/"]:
        page.goto(f"{base}{url}")
    assert not foreign
    assert not violations
