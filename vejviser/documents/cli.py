"""``vejviser document …``: the document kinds, and one document written to a file.

    vejviser document kinds [--format json] [--lang en]
    vejviser document render --project 2 --kind mini-hta --format docx --out mini-hta.docx

``render`` writes the document as the project's owner sees it (every step), without
saving a version; an unknown project or kind is refused with exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from vejviser.kernel.i18n import cli_lang, translate


class BadInput(click.ClickException):
    exit_code = 2


@click.group()
def document() -> None:
    """Documents made from a project's own data (DOCX and PDF)."""


@document.command("kinds")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language (default $VEJVISER_LANG or da).",
)
def kinds(fmt: str, lang: str | None) -> None:
    """List the document kinds and their sections."""
    from vejviser.cli import setup_django

    setup_django()
    from .render import content

    language = cli_lang(lang)
    templates = list(content().templates.values())
    if fmt == "json":
        out = [
            {
                "kind": t.kind,
                "tool": t.tool,
                "title": t.title.get(language),
                "sections": [{"id": s.id, "title": s.title.get(language)} for s in t.sections],
            }
            for t in templates
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for t in templates:
        click.echo(f"{t.kind:28} {t.title.get(language)} ({len(t.sections)})")


@document.command("render")
@click.option(
    "--project", "project_id", type=int, required=True, help="Project id (as in its URL)."
)
@click.option("--kind", required=True, help="Document kind (see `vejviser document kinds`).")
@click.option(
    "--format", "fmt", type=click.Choice(["docx", "pdf"]), default="docx", show_default=True
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write."
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language (default $VEJVISER_LANG or da).",
)
def render_command(project_id: int, kind: str, fmt: str, out: Path, lang: str | None) -> None:
    """Write one document of a project to a file (no version is saved)."""
    from vejviser.cli import setup_django

    setup_django()
    from vejviser.projects.access import ProjectAccess
    from vejviser.projects.models import Project

    from .render import content, record_for, render

    language = cli_lang(lang)
    template = content().template(kind)
    if template is None:
        known = ", ".join(content().kinds())
        raise BadInput(
            translate(
                "Unknown document kind {kind}. Known kinds: {known}.",
                language,
                kind=kind,
                known=known,
            )
        )
    project = Project.objects.filter(pk=project_id).select_related("track").first()
    if project is None:
        raise BadInput(translate("No project with id {id}.", language, id=str(project_id)))
    access = ProjectAccess(project, None, is_staff=True)
    record = record_for(access, language, template=template)
    rendered = render(project, template, record, fmt, version=1)
    out.write_bytes(rendered.data)
    click.echo(
        translate(
            "Wrote {path} ({ready} of {total} sections ready, SHA-256 {sha}).",
            language,
            path=str(out),
            ready=rendered.coverage.ready,
            total=rendered.coverage.total,
            sha=rendered.sha256[:16],
        )
    )
