"""In a real browser (Chromium): the owner sets a level and exports a bundle; the product
page shows a deployment imported from another installation with its provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from vejviser.conftest import log_in, make_user, screenshot_dir
from vejviser.portfolio.models import OrganisationMember
from vejviser.sharing import bundles, keys
from vejviser.sharing.core import bundle as core
from vejviser.sharing.core import signing
from vejviser.sharing.models import ShareLevel

from .factory import Shared

pytestmark = pytest.mark.browser


def fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the page is {scroll} px wide at {width} px"


def test_owner_sets_a_level_and_exports(page: Page, live_server, live_personas, tmp_path):
    base = live_server.url
    shots = screenshot_dir()
    shared = Shared(live_personas)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "alice")
    page.goto(f"{base}/projects/{shared.project.pk}/steps/{shared.step.pk}/")
    page.locator('[data-tool="portfolio:share"] a').click()
    expect(page.locator("h1")).to_have_text("Del resultater med andre regioner")
    page.locator("#level-validation").select_option("national")
    page.locator("#level-lessons").select_option("region")
    page.locator("[data-save-levels]").click()
    expect(page.locator('[data-item="validation"] [data-audiences]')).to_have_text(
        "Region, National"
    )
    assert ShareLevel.objects.get(item="validation").level == "national"
    page.screenshot(path=shots / "sharing-1366.png", full_page=True)
    with page.expect_download() as info:
        page.locator("[data-export-button]").click()
    bundle = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert set(bundle["payload"]["items"]) == {"validation"}  # lessons are region only
    assert bundle["signature"]["fingerprint"] == signing.fingerprint(keys.public_key())
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    fits(page, 390)
    page.screenshot(path=shots / "sharing-390.png", full_page=True)


def test_the_product_page_shows_an_imported_deployment(page: Page, live_server, live_personas):
    base = live_server.url
    shots = screenshot_dir()
    shared = Shared(live_personas, validation="national", lessons="national")
    bundle, _ = bundles.export(shared.project, "national", live_personas.alice)
    bundles.trust(keys.public_key_file(), "Region Syddanmark")
    bundles.import_bundle(core.dump(bundle))
    reader = make_user("hanne")
    OrganisationMember.objects.create(user=reader, organisation=shared.tree.rh)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "hanne")
    page.goto(f"{base}/sharing/products/{shared.product.pk}/")
    imported = page.locator("[data-deployment][data-imported]")
    expect(imported).to_have_count(1)
    expect(imported.locator("[data-provenance]")).to_contain_text("Delt af Region Syddanmark")
    expect(imported.locator("[data-provenance]")).to_contain_text("version 1")
    expect(imported.locator("[data-validation]")).to_contain_text("AUC 0,84")
    expect(imported.locator("[data-lesson]")).to_contain_text("fysikeren")
    page.screenshot(path=shots / "sharing-product-1366.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    fits(page, 390)
    page.screenshot(path=shots / "sharing-product-390.png", full_page=True)
