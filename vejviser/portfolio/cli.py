"""``vejviser portfolio …``: management's portfolio from the command line.

    vejviser portfolio list [--format text|json|csv] [--user NAME] [--lang en]

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
