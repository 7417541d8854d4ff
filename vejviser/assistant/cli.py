"""Command-line shell of the assistant: ``ask`` and ``assistant eval``.

The ``vejviser`` CLI mounts :data:`ask` and :data:`assistant`; this module also runs on
its own: ``python -m vejviser.assistant.cli ask "Hvad er OPI?"``. Both answer from the
content as loaded in the database — what the site shows, with the content editors'
edits — through the index file kept for the current content revision, so a cold start
answers without building the index. ``--content-dir`` answers from a folder's files
instead (to try content before ``vejviser content load``).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vejviser.cli import current_lang
from vejviser.cli_options import FORMAT
from vejviser.kernel.i18n import translate

if TYPE_CHECKING:
    from vejviser.assistant.core.engine import Assistant
    from vejviser.assistant.core.project import ProjectState


def _assistant(content_dir: Path | None) -> Assistant:
    from vejviser.assistant.core.corpus import ContentError

    try:
        if content_dir is not None:
            from vejviser.assistant.core.llm import LLMConfig
            from vejviser.assistant.index import load_files

            return load_files(content_dir, llm=LLMConfig.from_env())
        return _loaded_assistant()
    except ContentError as exc:
        raise click.ClickException(str(exc)) from exc


#: The content revision's token (table of ``journey.ContentVersion``), read before
#: Django's apps are set up.
REVISION_SQL = "SELECT token FROM journey_contentversion ORDER BY id DESC LIMIT 1"


def _revision_token() -> tuple[str] | None:
    """One query for the revision's token; SQLite is read directly (read-only), which
    spares loading Django's ORM."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        import sqlite3

        path = Path(database["NAME"])
        if not path.is_file():
            return None
        try:
            with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
                found: tuple[str] | None = db.execute(REVISION_SQL).fetchone()
                return found
        except sqlite3.Error:
            return None
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
        cursor = connection.connection.cursor()  # the driver's own: apps are not set up
        try:
            cursor.execute(REVISION_SQL)
            row: tuple[str] | None = cursor.fetchone()
        finally:
            cursor.close()
    except (DatabaseError, connection.Database.Error):  # type: ignore[attr-defined]
        return None
    return row


def _from_index_file() -> Assistant | None:
    """The index file kept for the current content revision, found with one SQL query
    before Django's apps are set up, so a cold start answers at once; ``None`` when there
    is none (then Django is set up, and the index built and kept)."""
    row = _revision_token()
    if not row:
        return None
    from vejviser.assistant.core.llm import LLMConfig
    from vejviser.assistant.index import read_index

    found = read_index(str(row[0]))
    return found.with_llm(LLMConfig.from_env()) if found is not None else None


def _loaded_assistant() -> Assistant:
    """The assistant on the loaded content; a database without content is set up and
    loaded from the content files first (as ``vejviser content load`` does)."""
    fast = _from_index_file()
    if fast is not None:
        return fast
    from vejviser.cli import _load_content, _migrate, setup_django

    setup_django()
    from django.db import DatabaseError

    from vejviser.journey.content import ContentNotLoaded, revision

    try:
        loaded = revision() > 0
    except DatabaseError:
        loaded = False
    if not loaded:
        _migrate()
        _load_content(force=False, overwrite_local=False, quiet=True)
    from vejviser.assistant.answering import engine

    try:
        return engine()
    except ContentNotLoaded as exc:
        raise click.ClickException(str(exc)) from exc


content_option = click.option(
    "--content-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Answer from this content folder's files instead of the loaded content.",
)
format_option = FORMAT


def _project_source(project: int, username: str | None) -> Callable[[], ProjectState]:
    """Read a project from the database (Django is set up only here). Without
    ``username`` the project is seen whole, as its owner sees it; with it, as that user
    may see it (an outsider is refused, a vendor sees the shared steps)."""
    from vejviser.cli import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.http import Http404

    from vejviser.assistant.answering import project_state
    from vejviser.projects.access import ProjectAccess, get_project_for_user
    from vejviser.projects.models import Project

    lang = current_lang()
    if username is None:
        found = Project.objects.select_related("track").filter(pk=project).first()
        if found is None:
            raise click.ClickException(
                translate("No project with id {project}.", lang, project=str(project))
            )
        access = ProjectAccess(found, None, is_staff=True)
    else:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise click.ClickException(
                translate("No user named '{username}'.", lang, username=username)
            )
        try:
            access = get_project_for_user(user, project)
        except Http404:
            raise click.ClickException(
                translate(
                    "No project with id {project} that {username} may see.",
                    lang,
                    project=str(project),
                    username=username,
                )
            ) from None
    return lambda: project_state(access)


@click.command("ask")
@click.argument("question")
@format_option
@content_option
@click.option("--offline", is_flag=True, help="Never call the LLM endpoint, even if set.")
@click.option(
    "--project",
    "project",
    type=int,
    default=None,
    help="Answer in this project's context (its current phase, next steps, roles).",
)
@click.option(
    "--user",
    "username",
    default=None,
    help="With --project: see the project as this user may (default: the whole project).",
)
def ask(
    question: str,
    fmt: str,
    content_dir: Path | None,
    offline: bool,
    project: int | None,
    username: str | None,
) -> None:
    """Answer QUESTION from Vejviser's content, with numbered sources."""
    if username is not None and project is None:
        raise click.UsageError(translate("--user needs --project.", current_lang()))
    source = _project_source(project, username) if project is not None else None
    assistant = _assistant(content_dir)
    answer = assistant.ask(question, use_llm=not offline, project=source)
    if fmt == "json":
        click.echo(json.dumps(answer.as_json(), ensure_ascii=False, indent=2))
    else:
        heading = assistant.messages.sources_heading.get(answer.lang)
        click.echo(answer.render(heading))
    if answer.mode == "invalid":
        sys.exit(2)


@click.group("assistant")
def assistant() -> None:
    """The question-answering assistant."""


@assistant.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option
@content_option
@click.option("--offline", is_flag=True, help="Never call the LLM endpoint, even if set.")
def eval_command(file: Path, fmt: str, content_dir: Path | None, offline: bool) -> None:
    """Run a question set (id, q, must) and report pass rate and latency."""
    from vejviser.assistant.core.corpus import ContentError
    from vejviser.assistant.core.evaluation import load_cases, run_eval

    engine = _assistant(content_dir)
    try:
        cases = load_cases(file)
    except ContentError as exc:
        raise click.ClickException(str(exc)) from exc
    report = run_eval(engine, cases, use_llm=not offline)
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "results": [r.as_json() for r in report.results],
                    "pass_rate": report.pass_rate,
                    "median_ms": round(report.median_ms, 3),
                    "p95_ms": round(report.p95_ms, 3),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in report.results:
        mark = "PASS" if r.passed else "FAIL"
        click.echo(f"[{mark}] {r.id}: {r.question}")
        click.echo(f"    {r.answer}")
        if r.missing:
            click.echo(f"    missing: {r.missing}")
    click.echo(
        f"pass rate {report.pass_rate:.1%} ({sum(r.passed for r in report.results)}"
        f"/{len(report.results)}), median {report.median_ms:.2f} ms, "
        f"p95 {report.p95_ms:.2f} ms"
    )


@click.group()
def main() -> None:
    """Vejviser's assistant (standalone entry point)."""


main.add_command(ask)
main.add_command(assistant)

if __name__ == "__main__":
    main()
