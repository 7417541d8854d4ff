"""``vejviser backup`` and ``vejviser restore``: the whole database to one file and back
(SQLite or PostgreSQL; see :mod:`vejviser.ops.backup` and docs/operations.md)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from vejviser.cli import current_lang, setup_django
from vejviser.kernel.i18n import translate


@click.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The backup file to write.",
)
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
def backup(out: Path, force: bool) -> None:
    """Back up the whole database (SQLite or PostgreSQL) to one file, while the
    server runs."""
    setup_django()
    from vejviser.ops.backup import BackupError, create_backup

    lang = current_lang()
    started = time.perf_counter()
    try:
        manifest = create_backup(out, overwrite=force)
    except BackupError as exc:
        click.echo(exc.text(lang), err=True)
        raise SystemExit(2) from exc
    click.echo(
        translate(
            "Backup written to {path}: {engine}, {rows} rows in {tables} tables, {size} MB, "
            "in {seconds} s.",
            lang,
            path=str(out),
            engine=manifest.server,
            rows=manifest.rows,
            tables=len(manifest.tables),
            size=round(Path(out).stat().st_size / 1_000_000, 1),
            seconds=round(time.perf_counter() - started, 1),
        )
    )


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def restore(file: Path, yes: bool) -> None:
    """Replace the whole database with the backup FILE (made by `vejviser backup`).

    Stop the server first. The file is checked before anything is changed; a backup
    of an older version is migrated forward.
    """
    setup_django()
    from vejviser.ops.backup import BackupError, opened_backup, restore_backup

    lang = current_lang()
    try:
        with opened_backup(file) as (manifest, _data):
            pass
        if not yes:
            click.echo(
                translate(
                    "{path}: a backup of {created} (Vejviser {version}, {rows} rows).",
                    lang,
                    path=str(file),
                    created=manifest.created,
                    version=manifest.vejviser,
                    rows=manifest.rows,
                )
            )
            prompt = translate("Replace the whole database with it?", lang)
            if not click.confirm(prompt, default=False):
                click.echo(translate("Nothing was changed.", lang))
                raise SystemExit(1)
        started = time.perf_counter()
        report = restore_backup(file)
    except BackupError as exc:
        click.echo(exc.text(lang), err=True)
        raise SystemExit(2) from exc
    click.echo(
        translate(
            "Restored {rows} rows in {tables} tables from the backup of {created}, in "
            "{seconds} s.",
            lang,
            rows=report.manifest.rows,
            tables=len(report.manifest.tables),
            created=report.manifest.created,
            seconds=round(time.perf_counter() - started, 1),
        )
    )
    if report.migrated:
        click.echo(
            translate(
                "Migrated forward: {migrations}.", lang, migrations=", ".join(report.migrated)
            )
        )
    click.echo(translate("Restart the server so that every process reads the restored data.",
                         lang))  # fmt: skip
