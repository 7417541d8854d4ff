"""Command-line shell of the assistant: ``ask`` and ``assistant eval``.

The lead's ``vejviser`` CLI mounts :data:`ask` and :data:`assistant`; this module also
runs on its own: ``python -m vejviser.assistant.cli ask "Hvad er OPI?"``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from vejviser.assistant.core.corpus import ContentError
from vejviser.assistant.core.engine import Assistant, get_assistant
from vejviser.assistant.core.evaluation import load_cases, run_eval
from vejviser.assistant.core.project import ProjectState
from vejviser.cli import current_lang
from vejviser.kernel.i18n import translate

#: The repository's content folder (overridable with $VEJVISER_CONTENT_DIR).
REPO_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def _assistant(content_dir: Path | None) -> Assistant:
    env = os.environ.get("VEJVISER_CONTENT_DIR")
    root = content_dir or (Path(env) if env else REPO_CONTENT_DIR)
    try:
        return get_assistant(root)
    except ContentError as exc:
        raise click.ClickException(str(exc)) from exc


content_option = click.option(
    "--content-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content folder (default: $VEJVISER_CONTENT_DIR or the repository's content/).",
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)


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
