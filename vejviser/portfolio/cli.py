"""``vejviser portfolio …``: management's portfolio from the command line.

    vejviser portfolio list [--format text|json|csv] [--user NAME] [--lang en]
    vejviser portfolio record --project ID [--standard algoritmeregister|atrs] [--lang en]

Without ``--user`` the command lists every project (the operator's view: whoever runs
the CLI has the database); with ``--user`` exactly what that user's management roles
show on the portfolio page. An unknown user, or one without a management role, is
refused with exit code 2.
"""

from __future__ import annotations

import json

import click

from vejviser.kernel.i18n import cli_lang, translate


class BadInput(click.ClickException):
    exit_code = 2


@click.group()
def portfolio() -> None:
    """Management's portfolio: every AI project in the organisations managed."""


@portfolio.command("list")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--user", "username", default=None, help="Show this user's portfolio.")
@click.option("--lang", type=click.Choice(["da", "en"]), default=None, help="Language.")
def list_command(fmt: str, username: str | None, lang: str | None) -> None:
    """List the projects of the portfolio with phase, status, risk and value."""
    from vejviser.cli import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.db.models import QuerySet
    from django.utils import translation

    from vejviser.projects.models import Project

    from . import exports
    from .access import portfolio_access
    from .facts import portfolio_rows

    language = cli_lang(lang)
    if username is None:
        projects: QuerySet[Project] = Project.objects.all()
    else:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise BadInput(translate("No user called {name}.", language, name=username))
        access = portfolio_access(user)
        if not access.allowed:
            raise BadInput(
                translate(
                    "{name} has no management role at any organisation.", language, name=username
                )
            )
        projects = access.projects()
    with translation.override(language):
        rows = portfolio_rows(projects, language)
    if fmt == "json":
        click.echo(json.dumps(exports.records(rows), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(exports.to_csv(rows), nl=False)
    else:
        for row in rows:
            risk = row.ai_act_label or "–"
            click.echo(
                f"{row.pk:>5}  {row.title}  ·  {row.organisation or '–'}  ·  "
                f"{row.phase or '–'}  ·  {risk}"
            )


@portfolio.command("record")
@click.option("--project", "project_id", type=int, required=True, help="The project's id.")
@click.option(
    "--standard",
    default=None,
    help="Write the record in a standard's fields (algoritmeregister, atrs).",
)
@click.option("--lang", type=click.Choice(["da", "en"]), default=None, help="Language.")
def record_command(project_id: int, standard: str | None, lang: str | None) -> None:
    """Print a project's AI system record as JSON (or in a register's fields)."""
    from vejviser.cli import setup_django

    setup_django()
    from django.utils import translation

    from vejviser.projects.models import Project

    from .core import record as core
    from .record import mappings, record_for

    language = cli_lang(lang)
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise BadInput(translate("No project with id {id}.", language, id=str(project_id)))
    standards = mappings().standards
    if standard is not None and standard not in standards:
        raise BadInput(
            translate(
                "Unknown standard {name}; choose one of: {known}.",
                language,
                name=standard,
                known=", ".join(sorted(standards)),
            )
        )
    with translation.override(language):
        record = record_for(project, language)
    data = core.export(standards[standard], record) if standard else record
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
