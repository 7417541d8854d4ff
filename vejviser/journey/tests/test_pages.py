"""The journey guide pages and the CLI's journey command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vejviser.cli import main


@pytest.mark.django_db
def test_overview_and_track_pages_are_public(client):
    page = client.get("/journey/").content.decode()
    assert "Ny idé" in page and "Færdigt produkt" in page
    track = client.get("/journey/ny-ide/").content.decode()
    assert "Konceptualisering" in track and "Kilde" in track


@pytest.mark.django_db
def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/journey/"})
    assert response.status_code == 302
    page = client.get("/journey/").content.decode()
    assert "New idea" in page and 'lang="en"' in page


@pytest.mark.django_db(transaction=True)
def test_cli_journey_show_json(settings):
    result = CliRunner().invoke(main, ["journey", "show", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [t["id"] for t in data["tracks"]] == ["ny-ide", "faerdigt-produkt"]
    action = data["tracks"][0]["phases"][0]["actions"][0]
    assert set(action) == {"id", "title", "roles"} and action["roles"]
    english = json.loads(
        CliRunner().invoke(main, ["journey", "show", "--format", "json", "--lang", "en"]).output
    )
    assert english["tracks"][0]["title"] != data["tracks"][0]["title"]


def test_every_command_has_help():
    import click

    runner = CliRunner()
    stack: list[tuple[tuple[str, ...], click.Command]] = [((), main)]
    ctx = click.Context(main)
    while stack:
        path, command = stack.pop()
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                stack.append(((*path, name), sub))


def test_content_check_command():
    result = CliRunner().invoke(main, ["content", "check"])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_content_check_checks_every_registered_folder(tmp_path):
    """Not only the journey: a broken assessment or capability file fails the check."""
    import shutil

    from django.conf import settings

    shutil.copytree(settings.CONTENT_DIR, tmp_path / "content")
    gdpr = tmp_path / "content" / "assessments" / "gdpr.yaml"
    gdpr.write_text(gdpr.read_text(encoding="utf-8") + "\nnot_a_field: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["content", "check", "--dir", str(tmp_path / "content")])
    assert result.exit_code == 2
    assert "gdpr.yaml" in result.output
