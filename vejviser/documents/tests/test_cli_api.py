"""``vejviser document …`` and the documents API, under the project's permissions."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from docx import Document as read_docx

from vejviser.cli import main
from vejviser.documents.models import DocumentVersion

INTERNAL = "evaluer-afproevningsfasen"
SHARED = "gennemfoer-retrospektiv-validering"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_lists_the_kinds(runner, db):
    result = runner.invoke(main, ["document", "kinds", "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    kinds = json.loads(result.output)
    assert [k["kind"] for k in kinds][:2] == ["project-description", "business-case"]
    assert any(k["kind"] == "mas-ai" and k["sections"] for k in kinds)


def test_cli_renders_a_word_file(runner, personas, tmp_path):
    out = tmp_path / "mini-hta.docx"
    args = [
        "document",
        "render",
        "--project",
        str(personas.project.pk),
        "--kind",
        "mini-hta",
        "--format",
        "docx",
        "--out",
        str(out),
        "--lang",
        "da",
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    word = read_docx(io.BytesIO(out.read_bytes()))
    assert any(p.text == "Mini-MTV" for p in word.paragraphs)
    assert "af 6 afsnit klar" in result.output
    assert not DocumentVersion.objects.exists()  # the CLI writes a file, saves no version


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--project", "999999", "--kind", "mini-hta"], "999999"),
        (["--project", "PK", "--kind", "no-such-kind"], "no-such-kind"),
    ],
)
def test_cli_refuses_an_unknown_project_or_kind_with_exit_code_2(
    runner, personas, tmp_path, args, message
):
    args = [a.replace("PK", str(personas.project.pk)) for a in args]
    result = runner.invoke(main, ["document", "render", *args, "--out", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x.docx").exists()


def _api(personas, slug, kind, suffix=""):
    step = personas.project.steps.get(action__slug=slug)
    return f"/api/v1/documents/projects/{personas.project.pk}/steps/{step.pk}/{kind}{suffix}"


def test_api_generates_lists_and_returns_documents(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        _api(personas, INTERNAL, "mini-hta"),
        {"format": "pdf", "lang": "en"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["number"], body["format"], body["lang"]) == (1, "pdf", "en")
    coverage = client.get(_api(personas, INTERNAL, "mini-hta")).json()
    assert coverage["total"] == 6 and coverage["versions"][0]["sha256"] == body["sha256"]
    assert {
        "section": "patient",
        "source": "narrative:patient-perspective",
        "tool": "narrative",
    } in coverage["missing"]
    listed = client.get(f"/api/v1/documents/projects/{personas.project.pk}").json()
    assert [v["kind"] for v in listed] == ["mini-hta"]
    file = client.get(body["url"])
    assert file["Content-Type"] == "application/pdf" and file.content.startswith(b"%PDF")
    assert client.get("/api/v1/documents/kinds").status_code == 200


@pytest.mark.parametrize(
    ("who", "slug", "status"),
    [
        ("bob", INTERNAL, 200),
        ("maja", INTERNAL, 200),
        ("charlie", INTERNAL, 404),
        ("victor", INTERNAL, 404),
        ("victor", SHARED, 200),
    ],
)
def test_api_permissions(client, personas, who, slug, status):
    kind = "mini-hta" if slug == INTERNAL else "validation-report"
    client.force_login(getattr(personas, who))
    assert client.get(_api(personas, slug, kind)).status_code == status
    generate = client.post(
        _api(personas, slug, kind), {"format": "docx"}, content_type="application/json"
    )
    assert generate.status_code == {"bob": 201, "maja": 403}.get(who, 403 if status == 200 else 404)


def test_api_lists_only_versions_of_steps_the_vendor_may_see(client, personas):
    client.force_login(personas.alice)
    client.post(
        _api(personas, INTERNAL, "mini-hta"), {"format": "docx"}, content_type="application/json"
    )
    client.post(
        _api(personas, SHARED, "validation-report"),
        {"format": "docx"},
        content_type="application/json",
    )
    client.force_login(personas.victor)
    listed = client.get(f"/api/v1/documents/projects/{personas.project.pk}").json()
    assert [v["kind"] for v in listed] == ["validation-report"]
    client.force_login(personas.charlie)
    assert client.get(f"/api/v1/documents/projects/{personas.project.pk}").status_code == 404
