"""Management filters the portfolio and exports it, in a real browser (Chromium)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, make_project, screenshot_dir

from .factory import Tree, link

pytestmark = pytest.mark.browser


def test_management_filters_the_portfolio_and_exports_it(page: Page, live_server, live_personas):
    base = live_server.url
    shots = screenshot_dir()
    tree = Tree(live_personas)
    for i in range(3):
        link(
            make_project(live_personas.alice, title=f"Talegenkendelse i praksis {i + 1}"),
            tree.praksis,
        )
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "maja")
    page.goto(f"{base}/")
    page.locator("[data-portfolio-panel] a").click()
    expect(page.locator("h1")).to_have_text("Portefølje")
    expect(page.locator("[data-portfolio] tbody tr")).to_have_count(4)
    expect(page.locator("[data-portfolio]")).not_to_contain_text("Rigshospitalet")
    page.screenshot(path=shots / "portfolio-1366.png", full_page=True)

    filters = page.locator("[data-portfolio-filters]")
    filters.locator("select[name=organisation]").select_option(label="Praksisområdet (Afdeling)")
    filters.locator("select[name=sort]").select_option(label="Projekt")
    filters.locator("[data-apply]").click()
    rows = page.locator("[data-portfolio] tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Talegenkendelse i praksis 1")
    expect(page.locator("[data-shown]")).to_have_text("3")

    with page.expect_download() as info:
        page.locator("[data-export=csv]").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    assert [r["title"] for r in records] == [f"Talegenkendelse i praksis {i}" for i in (1, 2, 3)]
    assert {r["organisation"] for r in records} == {"Praksisområdet"}
    with page.expect_download() as info:
        page.locator("[data-export=xlsx]").click()
    assert info.value.suggested_filename == "portfolio.xlsx"

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a phone"
    page.screenshot(path=shots / "portfolio-390.png", full_page=True)
