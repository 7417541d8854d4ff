"""Hospital sign-in in a real browser (Chromium): the login page with both options, the
provider's login page, back to Vejviser signed in, and logout at the provider too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from vejviser.accounts import oidc
from vejviser.accounts.models import ExternalIdentity, GroupMapping
from vejviser.conftest import screenshot_dir
from vejviser.portfolio.models import Organisation, OrganisationRole

from .oidc_provider import LocalProvider

pytestmark = pytest.mark.browser


@pytest.fixture
def provider(settings: Any) -> Iterator[LocalProvider]:
    with LocalProvider() as started:
        for name, value in started.settings().items():
            setattr(settings, name, value)
        settings.VEJVISER_OIDC_PROVIDER_NAME = "Region Hovedstaden"
        oidc.forget_metadata()
        yield started
    oidc.forget_metadata()


def test_a_clinician_signs_in_through_the_hospital_provider(
    page: Page, live_server: Any, live_personas: Any, provider: LocalProvider
) -> None:
    base, shots = live_server.url, screenshot_dir()
    region = Organisation.objects.create(name="Region Hovedstaden", kind="region")
    GroupMapping.objects.create(
        issuer=provider.issuer, group="g-ledelse", role="management", organisation=region
    )
    provider.add_user(
        "mette",
        preferred_username="mette.berg@regionh.dk",
        email="mette.berg@regionh.dk",
        given_name="Mette",
        family_name="Berg",
        groups=["g-ledelse"],
    )

    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}/account/login/")
        expect(page.locator("[data-oidc-start]")).to_have_text("Log ind med Region Hovedstaden")
        expect(page.locator("[data-login] button")).to_be_visible()
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"the login page is {scroll} px wide at {width} px"
        page.screenshot(path=shots / f"login-oidc-{width}.png", full_page=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("[data-oidc-start]").click()
    expect(page.locator("h1")).to_have_text("Regionens login (testudbyder)")
    page.get_by_label("Brugernavn hos regionen").fill("mette")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/")
    identity = ExternalIdentity.objects.select_related("user").get()
    assert identity.user.username == "mette.berg"
    assert OrganisationRole.objects.filter(user=identity.user, organisation=region).exists()
    page.screenshot(path=shots / "login-oidc-signed-in-1366.png", full_page=True)

    page.locator("[data-logout]").click()
    page.wait_for_url(f"{base}/account/login/")
    assert provider.logouts and provider.logouts[-1]["id_token_hint"]
    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/account/login/?next=/")

    # a token that fails verification: a clear message on the login page, nobody signed in
    provider.tamper = "signature"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/account/login/")
    page.locator("[data-oidc-start]").click()
    page.get_by_label("Brugernavn hos regionen").fill("mette")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/account/login/")
    expect(page.locator(".messages")).to_contain_text("Login blev afvist")
    page.screenshot(path=shots / "login-oidc-refused-390.png", full_page=True)
    page.goto(f"{base}/")
    expect(page).to_have_url(f"{base}/account/login/?next=/")
