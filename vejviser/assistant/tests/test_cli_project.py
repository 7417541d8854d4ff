"""`vejviser ask QUESTION --project ID [--user NAME]`: answers in a project's context."""

from __future__ import annotations

import json

from click.testing import CliRunner

from vejviser.assistant.cli import ask


def run(*args: str):
    return CliRunner().invoke(ask, list(args))


def test_ask_in_a_project_keeps_the_json_shape(personas):
    p = personas.project
    result = run("hvad er mit næste skridt?", "--project", str(p.pk), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"answer", "pointer", "sources", "latency_ms"}
    assert p.journey().next_steps[0].action.title_da in data["answer"]
    assert data["sources"] and set(data["sources"][0]) == {"title", "ref", "url"}


def test_ask_as_a_user_respects_the_projects_permissions(personas):
    p = personas.project
    unshared = p.journey().next_steps[0]
    assert not unshared.shared_with_vendor
    as_vendor = run("hvad er mit næste skridt?", "--project", str(p.pk), "--user", "victor")
    assert as_vendor.exit_code == 0, as_vendor.output
    assert unshared.action.title_da not in as_vendor.output
    as_outsider = run("hvor er vi?", "--project", str(p.pk), "--user", "charlie")
    assert as_outsider.exit_code != 0
    assert "må se" in as_outsider.output


def test_unknown_project_and_user_without_project_are_errors(personas):
    assert "Intet projekt med id 999999" in run("hvor er vi?", "--project", "999999").output
    assert run("hvor er vi?", "--user", "alice").exit_code == 2
