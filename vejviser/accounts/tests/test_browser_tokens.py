"""A clinician makes a read-only token for one project under Konto → API-nøgler, and a
script using it reads that project but cannot change it (Chromium against a live
server). Screenshots at 1366 and 390 px."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, make_project, screenshot_dir

pytestmark = pytest.mark.browser


def _call(url: str, secret: str, method: str = "GET", body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - the test's own live server
        url, data=data, method=method, headers={"Authorization": f"Bearer {secret}"}
    )
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:  # noqa: S310
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_a_read_only_token_for_one_project(page: Page, live_server, live_personas):
    base = live_server.url
    other = make_project(live_personas.alice, title="Andet projekt")
    log_in(page, base, "alice")
    page.goto(f"{base}/account/tokens/")
    page.get_by_label("Navn").fill("Overvågning fra LIS")
    expect(page.get_by_label("Kun læse")).to_be_checked()
    page.get_by_label("Ambient scribe i almen praksis").check()
    page.get_by_role("button", name="Opret nøgle").click()
    secret = page.locator("[data-token-secret] code").inner_text().strip()
    assert secret.startswith("vj_")
    row = page.locator("table.tokens tbody tr").first
    expect(row.locator("[data-token-scope]")).to_have_text("Kun læse")
    expect(row.locator("[data-token-projects]")).to_have_text("Ambient scribe i almen praksis")
    page.screenshot(path=screenshot_dir() / "tokens-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=screenshot_dir() / "tokens-390.png", full_page=True)

    project = live_personas.project
    step = project.steps.first()
    api = f"{base}/api/v1/projects"
    assert _call(f"{api}/{project.pk}", secret) == 200
    assert _call(f"{api}/{other.pk}", secret) == 404
    patch = {"version": step.version, "notes": "fra script"}
    assert _call(f"{api}/{project.pk}/steps/{step.pk}", secret, "PATCH", patch) == 403
