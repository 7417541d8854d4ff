"""The demo in embedded and production mode: never a published password in production."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from vejviser import cli
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project


@pytest.fixture
def quiet_serve(monkeypatch: Any) -> list[dict[str, Any]]:
    """`vejviser serve` without migrating, loading content, building the index or
    listening: the calls to the server are recorded instead."""
    import waitress

    import vejviser.assistant.answering as answering
    from vejviser.jobs import worker

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(cli, "_migrate", lambda: None)
    monkeypatch.setattr(cli, "_load_content", lambda **kw: None)
    monkeypatch.setattr(answering, "engine", lambda: None)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append(kw))
    # embedded mode's worker thread would outlive the test and its database
    monkeypatch.setattr(worker, "start_in_thread", lambda **kw: None)
    return calls


def authenticate(*, username: str, password: str) -> Any | None:
    user = get_user_model().objects.filter(username=username).first()
    return user if user is not None and user.check_password(password) else None


def _users() -> int:
    return get_user_model().objects.count()


def test_production_serve_loads_no_demo_unless_asked(db, settings, quiet_serve):
    settings.PRODUCTION = True
    result = CliRunner().invoke(cli.main, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert quiet_serve, "the server was started"
    assert _users() == 0
    assert not Project.objects.exists()
    assert cli.DEMO_PASSWORD not in result.output


def test_production_demo_gets_random_passwords_shown_once(db, settings, quiet_serve):
    # a database that once ran in embedded mode has demo users with the published password
    load_demo(password=cli.DEMO_PASSWORD)
    assert authenticate(username="anna", password=cli.DEMO_PASSWORD) is not None
    settings.PRODUCTION = True
    result = CliRunner().invoke(cli.main, ["serve", "--demo", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert cli.DEMO_PASSWORD not in result.output
    printed = dict(line.split() for line in result.output.splitlines() if line.startswith("    "))
    assert {"anna", "admin", "leverandoer"} <= set(printed)
    assert len(set(printed.values())) == len(printed), "one password per user"
    for username, password in printed.items():
        assert authenticate(username=username, password=password) is not None
        assert authenticate(username=username, password=cli.DEMO_PASSWORD) is None


def test_production_refuses_a_shared_demo_password(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        load_demo(password="anything-shared")
    assert _users() == 0


def test_embedded_serve_loads_the_demo_with_the_published_password(db, quiet_serve):
    result = CliRunner().invoke(cli.main, ["serve", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert cli.DEMO_PASSWORD in result.output
    assert authenticate(username="anna", password=cli.DEMO_PASSWORD) is not None


def test_demo_and_no_demo_together_is_a_usage_error(db, quiet_serve):
    result = CliRunner().invoke(cli.main, ["serve", "--demo", "--no-demo"])
    assert result.exit_code == 2
    assert not quiet_serve


def test_a_renamed_demo_project_is_not_created_again(db):
    assert load_demo(password="demo-password-123") == 2
    project = Project.objects.get(demo_key="ambient-scribe")
    owner = project.memberships.get(is_owner=True).user
    project.edit(owner, {"title": "Vores ambient scribe"}, project.version)
    assert load_demo(password="demo-password-123") == 0
    assert Project.objects.count() == 2
    assert Project.objects.get(demo_key="ambient-scribe").title == "Vores ambient scribe"


def test_a_demo_project_from_before_keys_is_found_by_title_and_gets_its_key(db):
    load_demo(password="demo-password-123")
    Project.objects.update(demo_key="")
    assert load_demo(password="demo-password-123") == 0
    assert set(Project.objects.values_list("demo_key", flat=True)) == {
        "ambient-scribe",
        "ai-contouring",
    }
