"""Shared test fixtures: the content loaded once, hand-written factories, personas.

Personas (as in healthchecks): alice owns the project (kliniker), bob is a member
(jurist), charlie is an outsider, victor is the vendor (virksomhed) and maja is
management (ledelse, read-only).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery"  # noqa: S105 - test users only

# No time limit per example: tests check behaviour, never speed (benchmarks do that),
# and a first call that loads data (the word-frequency list) must not fail on a busy CI.
hypothesis.settings.register_profile("vejviser", deadline=None)
hypothesis.settings.load_profile("vejviser")


def pytest_configure(config: Any) -> None:
    # (The catalogues are compiled, if a .po changed, when Django starts: LibConfig.ready.)
    # The assistant's index files go to a private folder, never the user's ~/.cache.
    os.environ.setdefault("VEJVISER_CACHE_DIR", tempfile.mkdtemp(prefix="vejviser-cache-"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """All content — the journey and every registered folder — loaded once, as
    ``vejviser content load`` does; what was built from content is forgotten."""
    from vejviser.journey.content import clear_cache
    from vejviser.journey.loader import load_content

    with django_db_blocker.unblock():
        load_content(settings.CONTENT_DIR, loaded_by="tests")
    clear_cache()


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, **extra: Any) -> Any:
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **extra
    )
    return user


def make_project(owner: Any, track: str = "faerdigt-produkt", **extra: Any) -> Any:
    from vejviser.journey.models import Track
    from vejviser.projects.models import Project

    fields = {
        "title": "Ambient scribe i almen praksis",
        "clinical_area": "Almen praksis",
        "department": "Lægehuset i Vejle",
        "region": "syddanmark",
        "description": "Mindre tid på journalføring.",
        **extra,
    }
    return Project.start(user=owner, role="kliniker", track=Track.objects.get(slug=track), **fields)


class Personas:
    def __init__(self) -> None:
        from vejviser.projects.models import Membership

        self.alice = make_user("alice", first_name="Alice", last_name="Andersen")
        self.bob = make_user("bob")
        self.charlie = make_user("charlie")
        self.victor = make_user("victor")
        self.maja = make_user("maja")
        self.project = make_project(self.alice)
        Membership.objects.create(project=self.project, user=self.bob, role="jurist")
        Membership.objects.create(project=self.project, user=self.victor, role="virksomhed")
        Membership.objects.create(project=self.project, user=self.maja, role="ledelse")


@pytest.fixture
def personas(db: Any) -> Personas:
    return Personas()


# --- browser tests (Playwright driving Debian's Chromium) ----------------------------------

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop
CHROMIUM = os.environ.get("VEJVISER_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "da-DK"}


@pytest.fixture
def live_personas(transactional_db: Any, live_server: Any) -> Personas:
    """Content and personas in a database the live server shares (transactional)."""
    from vejviser.journey.loader import load_content

    load_content(settings.CONTENT_DIR, loaded_by="tests")
    return Personas()


def screenshot_dir() -> Path:
    path = Path(os.environ.get("VEJVISER_SCREENSHOTS", "var/screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_in(page: Any, base: str, username: str) -> None:
    """Log a persona in through the real login form (Danish labels)."""
    page.goto(f"{base}/account/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.locator("[data-login] button").click()
