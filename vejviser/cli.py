"""The ``vejviser`` command line. Every command has ``--help``.

Commands that need the database set Django up on demand, so pure commands (such as the
statistics and simulation cores added by later modules) start fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from vejviser.kernel.i18n import Lang

#: Commands of the capability modules, imported only when they are used so that the
#: CLI starts fast: name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "ask": "vejviser.assistant.cli:ask",
    "assistant": "vejviser.assistant.cli:assistant",
    "assess": "vejviser.assessments.cli:assess",
    "backup": "vejviser.ops.cli:backup",
    "tender": "vejviser.market.cli:tender",
    "document": "vejviser.documents.cli:document",
    "validate": "vejviser.evidence.cli:validate",
    "monitor": "vejviser.monitoring.cli:monitor",
    "portfolio": "vejviser.portfolio.cli:portfolio",
    "share": "vejviser.sharing.cli:share",
    "restore": "vejviser.ops.cli:restore",
    "value": "vejviser.value.cli:value",
    "worker": "vejviser.jobs.cli:worker",
    "jobs": "vejviser.jobs.cli:jobs",
}


#: The one-line help of each lazy command, so that ``vejviser --help`` lists them without
#: importing them (a test checks each against the command's own help).
LAZY_HELP: dict[str, str] = {
    "ask": "Answer QUESTION from Vejviser's content, with numbered sources.",
    "assistant": "The question-answering assistant.",
    "assess": "Assess AI Act, MDR, GDPR, approvals or procurement (NAME) from answers in JSON.",
    "backup": "Back up the whole database (SQLite or PostgreSQL) to one file, while the "
    "server runs.",
    "document": "Documents made from a project's own data (DOCX and PDF).",
    "monitor": "Monitor an AI product in operation: control charts designed for your volume.",
    "portfolio": "Management's portfolio: every AI project in the organisations managed.",
    "share": "Share a project's results with other Vejviser installations (signed bundles).",
    "restore": "Replace the whole database with the backup FILE (made by `vejviser backup`).",
    "tender": "Tender evaluation: points, ranking and what would reverse the winner.",
    "validate": "Validate an AI product on your own data: metrics with confidence intervals.",
    "value": "Business cases: hours freed, costs, NPV and their uncertainty.",
    "worker": "Run the background jobs: large validations, simulations, documents, reminders.",
    "jobs": "The background jobs: state, progress, result.",
}


class LazyGroup(click.Group):
    """A click group whose module commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, with the lazy commands' help from :data:`LAZY_HELP`."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max((len(n) for n in names), default=0)
        rows = []
        for name in names:
            if name in LAZY_COMMANDS and name in LAZY_HELP:
                stand_in = click.Command(name, help=LAZY_HELP[name])  # shortened as click does
                rows.append((name, stand_in.get_short_help_str(limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            import importlib

            module, attr = LAZY_COMMANDS[cmd_name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, cmd_name)


DEMO_PASSWORD = "vejviser-demo"  # noqa: S105 - demo users of the embedded mode only


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django
    from django.conf import settings

    django.setup()
    if not os.environ.get("DATABASE_URL"):
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vejviser")
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language of messages and text output (default: $VEJVISER_LANG, else da).",
)
def main(lang: str | None) -> None:
    """Vejviser: from a clinical need to an AI product in safe, monitored use."""


def current_lang(explicit: str | None = None) -> Lang:
    """The language the CLI speaks: a command's own ``--lang``, else the global
    ``vejviser --lang``, else ``$VEJVISER_LANG``, else Danish."""
    from vejviser.kernel.i18n import cli_lang

    ctx = click.get_current_context(silent=True)
    chosen = ctx.find_root().params.get("lang") if ctx is not None else None
    return cli_lang(explicit or chosen)


def translate(msgid: str, lang: str, /, **params: Any) -> str:
    """``msgid`` from the one catalogue in ``lang`` (:func:`vejviser.kernel.i18n.translate`,
    imported on use so that ``--help`` stays fast)."""
    from vejviser.kernel.i18n import translate as kernel_translate

    return kernel_translate(msgid, lang, **params)


# --- serve --------------------------------------------------------------------------------


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Threads per process.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processes. 1: the embedded waitress server; more: gunicorn with that many "
    "processes (use PostgreSQL through DATABASE_URL).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Load the demo even in production mode (random passwords, printed once).",
)
@click.option("--no-demo", is_flag=True, help="Do not load the demo projects and users.")
def serve(host: str, port: int, threads: int, workers: int, demo: bool, no_demo: bool) -> None:
    """Set up the database, load content and demo, and serve the web app.

    In production mode (VEJVISER_PRODUCTION=1) the demo is loaded only with --demo.
    """
    setup_django()
    from django.conf import settings
    from waitress import serve as waitress_serve

    from vejviser.wsgi import application

    if demo and no_demo:
        click.echo("Vælg enten --demo eller --no-demo (choose one of --demo, --no-demo).", err=True)
        raise SystemExit(2)
    with_demo = demo or (not no_demo and not settings.PRODUCTION)
    _migrate()
    _load_content(force=False, overwrite_local=False, quiet=True)
    passwords = _load_demo_for(settings.PRODUCTION) if with_demo else {}
    from vejviser.assistant.answering import engine

    engine()  # build the assistant's index now, so the first question is answered fast
    if workers == 1 and settings.VEJVISER_TASKS == "database":
        from vejviser.jobs.worker import start_in_thread

        start_in_thread()  # embedded mode: background jobs run in this process
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - import every view now, not in the first request
    url = f"http://{host}:{port}/"
    lang = current_lang()
    click.echo("")
    click.echo("  " + translate("Vejviser is running at {url}", lang, url=url))
    if with_demo and not passwords:
        click.echo(
            "  "
            + translate(
                "Log in as 'anna' (clinician) with the password '{password}'.",
                lang,
                password=DEMO_PASSWORD,
            )
        )
        click.echo(
            "  "
            + translate(
                "Content editor: 'admin' / '{password}' ({url}admin/).",
                lang,
                password=DEMO_PASSWORD,
                url=url,
            )
        )
    _echo_demo_passwords(passwords)
    click.echo("  " + translate("Stop with Ctrl+C.", lang) + "\n")
    if workers > 1:
        _serve_processes(application, host, port, workers, threads)
        return
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="vejviser")
    except OSError as exc:
        click.echo(
            translate(
                "Cannot listen on {address} ({error}). Try --port {port}.",
                lang,
                address=f"{host}:{port}",
                error=str(exc.strerror),
                port=str(port + 1),
            ),
            err=True,
        )
        raise SystemExit(2) from exc


def _serve_processes(application: Any, host: str, port: int, workers: int, threads: int) -> None:
    """Serve with gunicorn: ``workers`` processes forked from this one (which has
    migrated, loaded the content and built the assistant's index, shared copy-on-write),
    each with ``threads`` threads. Database connections are closed before the fork, so
    no process shares one."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    connections.close_all()
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "preload_app": True,
        "proc_name": "vejviser",
        "accesslog": None,  # one line per request comes from vejviser.lib.logs
        "timeout": 120,
        "graceful_timeout": 20,
        # Idle keep-alive connections wait in gunicorn's poller (no thread held) for
        # 75 s, longer than a proxy's (nginx, load balancers: 60 s), so a proxy or client
        # never sends a request on a connection the server is just closing; gunicorn's
        # default of 2 s made 4-9 of ~2,000 POSTs fail in the load test ("connection
        # closed"), as a POST is not retried.
        "keepalive": 75,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    try:
        Server().run()
    except SystemExit as exc:
        if exc.code not in (0, None):  # gunicorn stops with 1 when it cannot listen
            click.echo(f"Kan ikke starte på {host}:{port}. Prøv en anden --port.", err=True)
            click.echo(f"Cannot start on {host}:{port}; try another --port.", err=True)
            raise SystemExit(2) from exc
        raise


def _load_demo_for(production: bool, reset: bool = False) -> dict[str, str]:
    """Load the demo: the published password in embedded mode (returns {}), a random
    password per demo user in production mode (returns username -> password)."""
    from vejviser.projects.demo import issue_demo_passwords, load_demo

    if not production:
        load_demo(password=DEMO_PASSWORD, reset=reset)
        return {}
    load_demo(password=None, reset=reset)
    return issue_demo_passwords()


def _echo_demo_passwords(passwords: dict[str, str]) -> None:
    if not passwords:
        return
    click.echo(
        "  " + translate("Demo users with new random passwords (shown only this once):",
                         current_lang())
    )
    for username, password in passwords.items():
        click.echo(f"    {username:<12} {password}")


# --- content ------------------------------------------------------------------------------


@main.group()
def content() -> None:
    """Journey content: check and load the files in content/."""


def _content_dir(directory: str | None) -> Path:
    from django.conf import settings

    return Path(directory) if directory else Path(settings.CONTENT_DIR)


def _load_content(
    *, force: bool, overwrite_local: bool, quiet: bool, directory: str | None = None
) -> Any:
    from vejviser.journey.loader import load_content
    from vejviser.kernel.files import ContentErrors

    lang = current_lang()
    try:
        report = load_content(
            _content_dir(directory), loaded_by="cli", force=force, overwrite_local=overwrite_local
        )
    except ContentErrors as exc:
        click.echo(
            translate("Content was not loaded; the previous content is unchanged.", lang),
            err=True,
        )
        for error in exc.errors:
            click.echo(f"  {error}", err=True)
        raise SystemExit(2) from exc
    if not quiet:
        if report.unchanged:
            click.echo(translate("The content is unchanged.", lang))
        else:
            click.echo(
                translate(
                    "Loaded: {created} new, {updated} changed, {retired} retired "
                    "(version {version}).",
                    lang,
                    created=report.created,
                    updated=report.updated,
                    retired=report.retired,
                    version=str(report.version_id),
                )
            )
        for label in report.kept_local:
            click.echo(
                "  " + translate("kept the edit made in the admin: {label}", lang, label=label)
            )
    return report


@content.command("load")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Content directory.")
@click.option("--force", is_flag=True, help="Load even if the files are unchanged.")
@click.option("--overwrite-local", is_flag=True, help="Replace edits made in the admin.")
def content_load(directory: str | None, force: bool, overwrite_local: bool) -> None:
    """Validate the content files and load them into the database."""
    setup_django()
    _migrate()
    _load_content(force=force, overwrite_local=overwrite_local, quiet=False, directory=directory)


@content.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Content directory.")
def content_check(directory: str | None) -> None:
    """Validate the content files without touching the database: the journey and every
    registered content folder (knowledge, assessments, each capability's)."""
    setup_django()  # the apps register their folders; no database is opened
    from vejviser.journey.loader import check_folders
    from vejviser.kernel.files import ContentErrors, read_content

    path = Path(directory) if directory else Path(__file__).resolve().parent.parent / "content"
    errors = check_folders(path)
    try:
        bundle = read_content(path)
    except ContentErrors as exc:
        errors = [*exc.errors, *errors]
    if errors:
        for error in errors:
            click.echo(str(error), err=True)
        raise SystemExit(2)
    actions = sum(len(p.actions) for t in bundle.tracks for p in t.phases)
    click.echo(
        translate(
            "OK: {tracks} tracks, {actions} actions ({digest}).",
            current_lang(),
            tracks=len(bundle.tracks),
            actions=actions,
            digest=bundle.digest[:12],
        )
    )


# --- demo ---------------------------------------------------------------------------------


@main.command()
@click.option("--reset", is_flag=True, help="Delete the demo projects first and build them anew.")
def demo(reset: bool) -> None:
    """Load the demo users and projects (idempotent).

    In production mode (VEJVISER_PRODUCTION=1) every demo user gets a new random
    password, printed once.
    """
    setup_django()
    from django.conf import settings

    _migrate()
    _load_content(force=False, overwrite_local=False, quiet=True)
    passwords = _load_demo_for(settings.PRODUCTION, reset=reset)
    click.echo(translate("Demo ready.", current_lang()))
    if passwords:
        _echo_demo_passwords(passwords)
    else:
        click.echo(
            translate("Log in as 'anna' / '{password}'.", current_lang(), password=DEMO_PASSWORD)
        )


# --- journey ------------------------------------------------------------------------------


@main.group()
def journey() -> None:
    """The AI journey: tracks, phases and actions."""


@journey.command("show")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language (default: the global --lang, else $VEJVISER_LANG, else da).",
)
def journey_show(fmt: str, lang: str | None) -> None:
    """Print both tracks with their phases and actions."""
    lang = current_lang(lang)
    setup_django()
    _migrate()
    _load_content(force=False, overwrite_local=False, quiet=True)
    from vejviser.journey.api import track_tree

    tree = track_tree(lang)
    if fmt == "json":
        slim = {
            "tracks": [
                {
                    "id": t["id"],
                    "title": t["title"],
                    "phases": [
                        {
                            "id": p["id"],
                            "title": p["title"],
                            "actions": [
                                {"id": a["id"], "title": a["title"], "roles": a["roles"]}
                                for a in p["actions"]
                            ],
                        }
                        for p in t["phases"]  # type: ignore[attr-defined]
                    ],
                }
                for t in tree
            ]
        }
        click.echo(json.dumps(slim, ensure_ascii=False, indent=2))
        return
    for track in tree:
        click.secho(str(track["title"]), bold=True)
        phases: list[dict[str, Any]] = track["phases"]  # type: ignore[assignment]
        for number, phase in enumerate(phases, start=1):
            click.echo(f"  {number}. {phase['title']}")
            for action in phase["actions"]:
                click.echo(f"     - {action['title']}  [{', '.join(action['roles'])}]")


# --- tokens and users ---------------------------------------------------------------------


@main.group()
def token() -> None:
    """API tokens for scripts."""


@token.command("create")
@click.argument("username")
@click.option("--name", default="cli", show_default=True, help="What the token is for.")
@click.option(
    "--scope",
    type=click.Choice(["read", "write"]),
    default="write",
    show_default=True,
    help="read: the token gets 403 on every change.",
)
@click.option(
    "--project",
    "projects",
    type=int,
    multiple=True,
    help="Limit the token to this project id (repeat for several; default: all).",
)
def token_create(username: str, name: str, scope: str, projects: tuple[int, ...]) -> None:
    """Create an API token for USERNAME and print it (shown only once)."""
    setup_django()
    from django.contrib.auth import get_user_model

    from vejviser.accounts.models import ApiToken

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        click.echo(
            translate("No user named '{username}'.", current_lang(), username=username), err=True
        )
        raise SystemExit(2)
    from vejviser.projects.models import Project

    found = list(Project.objects.for_user(user).filter(pk__in=projects))
    missing = sorted(set(projects) - {p.pk for p in found})
    if missing:
        click.echo(
            translate(
                "No project {ids} that '{username}' can open.",
                current_lang(),
                ids=", ".join(map(str, missing)),
                username=username,
            ),
            err=True,
        )
        raise SystemExit(2)
    _token, secret = ApiToken.issue(user, name, scope=scope, projects=found)
    click.echo(secret)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command, e.g. `vejviser manage createsuperuser`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    from django.core.management import execute_from_command_line

    setup_django()
    execute_from_command_line(["vejviser manage", *args])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
