"""An alert is raised by an upload and resolved, in a real browser (Chromium, live server)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, screenshot_dir
from vejviser.monitoring.models import Alert

from .web import make_plan, step

pytestmark = pytest.mark.browser


def _shot(page: Page, name: str) -> None:
    """Saved under ``$VEJVISER_SCREENSHOTS`` (e.g. /tmp/shots/monitoring) to look at."""
    page.screenshot(path=screenshot_dir() / f"monitoring-{name}", full_page=True)


def test_an_upload_raises_an_alert_that_the_owner_resolves(
    page: Page, live_server, live_personas, tmp_path
):
    base = live_server.url
    project = live_personas.project
    _plan, metric = make_plan(live_personas)
    go_live = step(project)
    cases = ["period,outcome"] + ["2026-04,1"] * 37 + ["2026-04,0"] * 3
    cases += ["2026-05,1"] * 22 + ["2026-05,0"] * 18
    upload = tmp_path / "cases.csv"
    upload.write_text("\n".join(cases), encoding="utf-8")

    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{project.pk}/steps/{go_live.pk}/")
    page.locator("[data-tools] [data-tool='monitoring'] a").click()
    expect(page.locator("[data-plan]")).to_be_visible()
    form = page.locator("[data-upload-form]")
    form.locator("select[name=metric]").select_option(str(metric.pk))
    form.get_by_label("CSV-fil").set_input_files(str(upload))
    form.locator("[data-upload]").click()

    expect(page.locator(".messages")).to_contain_text("Den uploadede fil er slettet")
    expect(page.locator("[data-open-alerts]")).to_contain_text("Sensitivity i 2026-05")
    chart = page.locator("[data-plot=sensitivity] img")
    chart.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => document.querySelector('[data-plot=sensitivity] img').naturalWidth > 0"
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    _shot(page, "plan-1366.png")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "plan-390.png")
    overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow
    page.set_viewport_size({"width": 1366, "height": 900})

    # On the project page too, linked to the alert.
    page.goto(f"{base}/projects/{project.pk}/")
    expect(page.locator("[data-monitoring-alerts]")).to_contain_text("Sensitivity")
    page.locator("[data-monitoring-alerts] a").first.click()
    expect(page.locator("[data-alert-status]")).to_have_text("Åben")
    expect(page.locator("[data-action=report]")).to_contain_text("Lægemiddelstyrelsen")
    page.locator("[data-acknowledge]").click()
    expect(page.locator("[data-alert-status]")).to_have_text("Kvitteret")
    page.get_by_label("Hvad blev der gjort").fill("Ny CT-protokol; leverandøren er kontaktet.")
    page.locator("[data-resolve]").click()
    expect(page.locator("[data-alert-status]")).to_have_text("Løst")
    expect(page.locator("[data-resolution]")).to_contain_text("Ny CT-protokol")
    _shot(page, "alert-1366.png")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "alert-390.png")
    assert not page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")

    alert = Alert.objects.get()
    assert alert.status == "resolved"
    assert alert.resolved_by is not None and alert.resolved_by.username == "alice"
    page.goto(f"{base}/projects/{project.pk}/")
    expect(page.locator("[data-monitoring-alerts]")).to_have_count(0)
