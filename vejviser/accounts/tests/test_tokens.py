"""Scoped API tokens: chosen under Account → API tokens or on the command line; a read
token gets 403 on writes, a token limited to projects 404 for the others."""

from __future__ import annotations

import json

from click.testing import CliRunner
from django.urls import reverse

from vejviser.accounts.models import ApiToken, Scope
from vejviser.conftest import make_project


def _secret(page: str) -> str:
    return page.split("data-token-secret")[1].split("<code>")[1].split("</code>")[0]


def _patch(client, step, secret):
    return client.patch(
        f"/api/v1/projects/{step.project_id}/steps/{step.pk}",
        json.dumps({"version": step.version, "notes": "fra script"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


def test_the_page_makes_a_read_token_for_one_project(client, personas):
    other = make_project(personas.alice, title="Andet projekt")
    client.force_login(personas.alice)
    page = client.get(reverse("tokens")).content.decode()
    assert 'value="read"' in page and "Andet projekt" in page
    response = client.post(
        reverse("tokens"), {"name": "rapport", "scope": "read", "projects": [personas.project.pk]}
    )
    secret = _secret(response.content.decode())
    token = ApiToken.objects.get()
    assert token.scope == Scope.READ and token.project_ids() == {personas.project.pk}
    listing = client.get(reverse("tokens")).content.decode()
    assert "Ambient scribe i almen praksis" in listing.split("data-token-projects")[1]
    client.logout()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get(f"/api/v1/projects/{personas.project.pk}", **headers).status_code == 200
    assert client.get(f"/api/v1/projects/{other.pk}", **headers).status_code == 404
    step = personas.project.steps.first()
    assert _patch(client, step, secret).status_code == 403
    assert type(step).objects.get(pk=step.pk).notes == step.notes


def test_a_write_token_for_all_projects_writes(client, personas):
    client.force_login(personas.alice)
    response = client.post(reverse("tokens"), {"name": "system", "scope": "write"})
    secret = _secret(response.content.decode())
    client.logout()
    assert ApiToken.objects.get().project_ids() is None
    step = personas.project.steps.first()
    assert _patch(client, step, secret).status_code == 200


def test_no_scope_sent_is_read_only_and_other_peoples_projects_are_refused(client, personas):
    theirs = make_project(personas.charlie, title="Charlies projekt")
    client.force_login(personas.alice)
    refused = client.post(reverse("tokens"), {"name": "x", "projects": [theirs.pk]})
    assert "data-token-secret" not in refused.content.decode()
    assert not ApiToken.objects.exists()
    client.post(reverse("tokens"), {"name": "y"})
    assert ApiToken.objects.get().scope == Scope.READ


def test_the_cli_makes_scoped_tokens(personas):
    from vejviser.cli import main

    runner = CliRunner()
    result = runner.invoke(
        main, ["token", "create", "alice", "--scope", "read", "--project", str(personas.project.pk)]
    )
    assert result.exit_code == 0, result.output
    token = ApiToken.objects.get()
    assert result.output.strip().startswith("vj_") and token.scope == "read"
    assert token.project_ids() == {personas.project.pk}
    theirs = make_project(personas.charlie, title="Charlies projekt")
    refused = runner.invoke(main, ["token", "create", "alice", "--project", str(theirs.pk)])
    assert refused.exit_code == 2 and str(theirs.pk) in refused.output
    assert ApiToken.objects.count() == 1
