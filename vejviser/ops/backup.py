"""Backup and restore of the whole database, SQLite or PostgreSQL (``vejviser backup`` /
``vejviser restore``).

A backup is one tar file: a manifest (``vejviser-backup.json``: format, engine, when,
the Vejviser version, the migrations applied, the row count of every table and the
checksum of the data) followed by the database itself:

- SQLite: a copy made with SQLite's online backup API (consistent while the server
  runs; writers wait only for the few milliseconds each step takes), checked with
  ``PRAGMA integrity_check`` and gzip-compressed;
- PostgreSQL: ``pg_dump --format=custom`` (compressed), taken from the same snapshot
  as the row counts (``pg_export_snapshot``), so the manifest describes exactly the dump.

Restore checks everything before it changes anything: that the file is a Vejviser
backup of this database engine, undamaged (checksum), made by this or an older
version (no migration the code does not know), and readable (SQLite: integrity check;
PostgreSQL: ``pg_restore --list``). Then it replaces the database — SQLite with the
backup API in one step, PostgreSQL in one transaction (``psql --single-transaction``:
all or nothing) — compares the row counts with the manifest, and migrates a backup of
an older version forward. Files are not part of a backup: Vejviser keeps none (uploads
are processed and discarded; everything else is in the database).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vejviser.kernel.i18n import Message, message

FORMAT = "vejviser-backup"
FORMAT_VERSION = 1
MANIFEST = "vejviser-backup.json"
MEMBERS = {"sqlite": "database.sqlite3.gz", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MAX_MANIFEST_BYTES = 10_000_000
CHUNK = 1 << 20
#: How long a PostgreSQL restore waits for a table a running server holds, then gives up
#: (and changes nothing).
LOCK_TIMEOUT = "20s"


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed. ``sentences`` are
    for the user (translated when shown: :meth:`text`)."""

    def __init__(self, *sentences: Message) -> None:
        self.sentences = sentences
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return " ".join(sentence.text(lang) for sentence in self.sentences)


@dataclass
class Manifest:
    engine: str
    created: str
    vejviser: str
    migrations: list[list[str]]
    tables: dict[str, int]
    member: str
    size: int = 0
    sha256: str = ""
    server: str = ""
    format: str = FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True).encode()

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass
class RestoreReport:
    manifest: Manifest
    migrated: list[str] = field(default_factory=list)


# --- the database at hand ------------------------------------------------------------


def _connection(using: str) -> Any:
    from django.db import connections

    return connections[using]


def engine_of(using: str = "default") -> str:
    vendor = str(_connection(using).vendor)
    if vendor not in MEMBERS:
        raise BackupError(message("Backup supports SQLite and PostgreSQL, not {engine}.",
                                  engine=vendor))  # fmt: skip
    return vendor


def _tables(using: str) -> list[str]:
    """Every table Vejviser keeps data in: the models' and the migration history (the
    cache table is left out of the counts: its rows come and go)."""
    from django.conf import settings

    conn = _connection(using)
    with conn.cursor() as cursor:
        existing = set(conn.introspection.table_names(cursor))
    names = set(conn.introspection.django_table_names(only_existing=True)) | {"django_migrations"}
    return sorted((names & existing) - {settings.CACHE_TABLE})


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - own table names
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _version() -> str:
    try:
        return importlib.metadata.version("vejviser")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- backup --------------------------------------------------------------------------


def create_backup(out: Path, *, using: str = "default", overwrite: bool = False) -> Manifest:
    """Write a backup of the database to ``out`` (a new file unless ``overwrite``); the
    file appears complete or not at all (written beside it, then renamed)."""
    engine = engine_of(using)
    out = out.resolve()
    if out.exists() and not overwrite:
        raise BackupError(message("{path} exists already; choose another name or use --force.",
                                  path=str(out)))  # fmt: skip
    if not out.parent.is_dir():
        raise BackupError(message("The folder {path} does not exist.", path=str(out.parent)))
    with tempfile.TemporaryDirectory(prefix="vejviser-backup-", dir=out.parent) as work:
        data = Path(work) / MEMBERS[engine]
        if engine == "sqlite":
            manifest = _backup_sqlite(data, using)
        else:
            manifest = _backup_postgresql(data, using)
        manifest.size = data.stat().st_size
        manifest.sha256 = _sha256(data)
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            blob = manifest.to_json()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(blob), int(dt.datetime.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(blob))
            tar.add(data, arcname=manifest.member, recursive=False)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.chmod(0o600)  # the whole database: personal data of the users
        os.replace(partial, out)
    return manifest


def _backup_sqlite(data: Path, using: str) -> Manifest:
    conn = _connection(using)
    conn.ensure_connection()
    tables = _tables(using)
    with tempfile.TemporaryDirectory(dir=data.parent) as work:
        copy_path = Path(work) / "copy.sqlite3"
        copy = sqlite3.connect(copy_path)
        try:
            # the online backup API: a consistent copy while other processes write
            conn.connection.backup(copy, pages=4096)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            _check_sqlite(copy)
            cursor = copy.cursor()
            counts = _count(cursor, tables)
            migrations = [list(r) for r in cursor.execute(
                "SELECT app, name FROM django_migrations ORDER BY app, name")]  # fmt: skip
        finally:
            copy.close()
        with copy_path.open("rb") as source, gzip.open(data, "wb", compresslevel=6) as target:
            shutil.copyfileobj(source, target, CHUNK)
    return Manifest(
        engine="sqlite", created=_now(), vejviser=_version(), migrations=migrations,
        tables=counts, member=MEMBERS["sqlite"], server=f"SQLite {sqlite3.sqlite_version}",
    )  # fmt: skip


def _check_sqlite(db: sqlite3.Connection) -> None:
    result = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError(message("The SQLite database is damaged: {problem}",
                                  problem="; ".join(map(str, result[:5]))))  # fmt: skip


def _pg_env(using: str) -> dict[str, str]:
    """libpq's environment for ``pg_dump``/``psql``: the password never on a command line."""
    db = _connection(using).settings_dict
    env = {**os.environ, "PGDATABASE": str(db["NAME"]), "PGAPPNAME": "vejviser-backup"}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                     ("PASSWORD", "PGPASSWORD")):  # fmt: skip
        if db.get(key):
            env[var] = str(db[key])
    options = db.get("OPTIONS") or {}
    for key, var in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if options.get(key):
            env[var] = str(options[key])
    return env


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            message(
                "{program} was not found. Install PostgreSQL's client programs, of the "
                "server's version or newer (Debian: apt-get install postgresql-client).",
                program=name,
            )
        )
    return path


def _run(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(args, env=env, capture_output=True, check=False, **kwargs)  # noqa: S603
    if result.returncode != 0:
        error = result.stderr.decode(errors="replace").strip()[-2000:]
        raise BackupError(message("{program} failed: {error}", program=Path(args[0]).name,
                                  error=error))  # fmt: skip
    return result


def _backup_postgresql(data: Path, using: str) -> Manifest:
    pg_dump = _program("pg_dump")
    conn = _connection(using)
    tables = _tables(using)
    raw = conn.get_new_connection(conn.get_connection_params())
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            # counts and dump from one snapshot: the manifest describes exactly the dump
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server = cursor.fetchone()
            counts = _count(cursor, tables)
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = [list(r) for r in cursor.fetchall()]
            _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot}", f"--file={data}"], _pg_env(using))  # fmt: skip
            cursor.execute("COMMIT")
    finally:
        raw.close()
    return Manifest(
        engine="postgresql", created=_now(), vejviser=_version(), migrations=migrations,
        tables=counts, member=MEMBERS["postgresql"], server=f"PostgreSQL {server}",
    )  # fmt: skip


# --- reading a backup ----------------------------------------------------------------

def _truncated(path: Path) -> BackupError:
    return BackupError(message("The backup {path} is damaged: it ends too early. "
                               "Nothing was changed.", path=str(path)))  # fmt: skip


def _refuse(path: Path, reason: Message) -> BackupError:
    return BackupError(
        message("{path} is not a Vejviser backup; nothing was changed.", path=str(path)), reason
    )


@contextmanager
def opened_backup(path: Path, *, using: str = "default") -> Iterator[tuple[Manifest, Path]]:
    """The manifest and the database file of the backup at ``path``, unpacked in a
    temporary folder and checked; ``BackupError`` (nothing changed) if it is not a
    Vejviser backup of this engine, is damaged or is newer than this code."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(message("{path} does not exist; nothing was changed.", path=str(path)))
    try:
        tar = tarfile.open(path, "r:*")  # noqa: SIM115 - closed below
    except (tarfile.TarError, OSError, EOFError):
        raise _refuse(path, message("It is not a tar archive.")) from None
    with tar, tempfile.TemporaryDirectory(prefix="vejviser-restore-") as work:
        manifest = _read_manifest(tar, path)
        _check_manifest(manifest, path, using)
        data = Path(work) / "database"
        try:
            member = tar.getmember(manifest.member)
        except KeyError:
            raise _refuse(path, message("The database is missing from it.")) from None
        except (tarfile.TarError, OSError, EOFError):
            raise _truncated(path) from None
        source = tar.extractfile(member) if member.isfile() else None
        if source is None:
            raise _refuse(path, message("The database is missing from it."))
        try:
            with source, data.open("wb") as target:
                shutil.copyfileobj(source, target, CHUNK)
        except (tarfile.TarError, OSError, EOFError):
            raise _truncated(path) from None
        if data.stat().st_size != manifest.size or _sha256(data) != manifest.sha256:
            raise BackupError(message("The backup {path} is damaged: its checksum does not "
                                      "match. Nothing was changed.", path=str(path)))  # fmt: skip
        if manifest.engine == "sqlite":
            data = _unpack_sqlite(data, path)
        else:
            _run([_program("pg_restore"), "--list", str(data)], _pg_env(using))
        yield manifest, data


def _read_manifest(tar: tarfile.TarFile, path: Path) -> Manifest:
    try:
        first = tar.next()
    except (tarfile.TarError, OSError, EOFError):
        raise _refuse(path, message("It is not a tar archive.")) from None
    if first is None or first.name != MANIFEST or not first.isfile():
        raise _refuse(path, message("It has no Vejviser manifest."))
    if first.size > MAX_MANIFEST_BYTES:
        raise _refuse(path, message("Its manifest is too large."))
    handle = tar.extractfile(first)
    try:
        assert handle is not None
        raw = json.loads(handle.read())
    except (ValueError, OSError, EOFError, tarfile.TarError):
        raise _refuse(path, message("Its manifest is not readable.")) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _refuse(path, message("It has no Vejviser manifest."))
    if not isinstance(raw.get("format_version"), int) or raw["format_version"] > FORMAT_VERSION:
        version = str(raw.get("format_version"))
        raise BackupError(message("The backup {path} was made by a newer version of Vejviser "
                                  "(backup format {version}). Nothing was changed.",
                                  path=str(path), version=version))  # fmt: skip
    try:
        manifest = Manifest(**{k: raw[k] for k in Manifest.__dataclass_fields__ if k in raw})
    except TypeError:
        raise _refuse(path, message("Its manifest is incomplete.")) from None
    shapes = isinstance(manifest.tables, dict) and isinstance(manifest.migrations, list)
    if manifest.member not in MEMBERS.values() or not shapes:
        raise _refuse(path, message("Its manifest is incomplete."))
    return manifest


def _check_manifest(manifest: Manifest, path: Path, using: str) -> None:
    engine = engine_of(using)
    if manifest.engine != engine:
        raise BackupError(message(
            "The backup {path} is of a {backup} database; this installation uses {engine}. "
            "Restore it into a {backup} installation. Nothing was changed.",
            path=str(path), backup=ENGINE_NAMES.get(manifest.engine, manifest.engine),
            engine=ENGINE_NAMES[engine]))  # fmt: skip
    unknown = sorted(set(map(tuple, manifest.migrations)) - _known_migrations())
    if unknown:
        raise BackupError(message(
            "The backup {path} was made by a newer version of Vejviser (it has migrations "
            "this version does not know: {migrations}). Nothing was changed.",
            path=str(path), migrations=", ".join(f"{a}.{n}" for a, n in unknown[:5])))  # fmt: skip


def _known_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.disk_migrations)


def _unpack_sqlite(data: Path, path: Path) -> Path:
    db_path = data.with_suffix(".sqlite3")
    try:
        with gzip.open(data, "rb") as source, db_path.open("wb") as target:
            shutil.copyfileobj(source, target, CHUNK)
    except (OSError, EOFError):
        raise _refuse(path, message("The database in it is not readable.")) from None
    data.unlink()
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            _check_sqlite(db)
            db.execute("SELECT app, name FROM django_migrations LIMIT 1")
        finally:
            db.close()
    except sqlite3.DatabaseError:
        raise _refuse(path, message("The database in it is not readable.")) from None
    return db_path


# --- restore -------------------------------------------------------------------------


def restore_backup(path: Path, *, using: str = "default", migrate: bool = True) -> RestoreReport:
    """Replace the database with the backup at ``path`` (see the module's docstring)."""
    from django.db import connections

    with opened_backup(path, using=using) as (manifest, data):
        connections[using].close()
        if manifest.engine == "sqlite":
            _restore_sqlite(data, using)
        else:
            _restore_postgresql(data, using)
    connections[using].close()
    conn = _connection(using)
    with conn.cursor() as cursor:
        counts = _count(cursor, sorted(manifest.tables))
    if counts != manifest.tables:
        differ = sorted(t for t in counts if counts[t] != manifest.tables[t])
        raise BackupError(message("The database was restored but differs from the backup's "
                                  "manifest in {tables}: check it.",
                                  tables=", ".join(differ[:5])))  # fmt: skip
    report = RestoreReport(manifest)
    if migrate:
        report.migrated = _migrate(using)
    return report


def _restore_sqlite(data: Path, using: str) -> None:
    conn = _connection(using)
    conn.ensure_connection()
    source = sqlite3.connect(f"file:{data}?mode=ro", uri=True)
    try:
        source.backup(conn.connection)  # one step: the whole file, under the write lock
    except sqlite3.Error as exc:
        raise BackupError(message("SQLite could not restore the backup ({error}); the "
                                  "database is unchanged.", error=str(exc))) from exc  # fmt: skip
    finally:
        source.close()
    conn.close()


def _restore_postgresql(dump: Path, using: str) -> None:
    """Drop Vejviser's tables and load the dump, all in one transaction: if anything
    fails (a lock held by a running server, a full disk), the database is unchanged."""
    pg_restore, psql = _program("pg_restore"), _program("psql")
    env = _pg_env(using)
    listing = _run([pg_restore, "--list", str(dump)], env).stdout.decode(errors="replace")
    in_dump = set()
    for line in listing.splitlines():
        parts = line.split()
        if not line.startswith(";") and len(parts) >= 6 and parts[3] == "TABLE":
            in_dump.add((parts[4], parts[5]))
    conn = _connection(using)
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = str(cursor.fetchone()[0])
        ours = {(schema, t) for t in _tables(using)}
        from django.conf import settings

        ours.add((schema, settings.CACHE_TABLE))
    conn.close()
    drops = "".join(
        f"DROP TABLE IF EXISTS {_quote(s)}.{_quote(t)} CASCADE;\n"
        for s, t in sorted(in_dump | ours)
    )
    prefix = f"SET lock_timeout = '{LOCK_TIMEOUT}';\n{drops}"  # a running server: give up
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(prefix)
    try:
        script = subprocess.Popen(  # noqa: S603
            [pg_restore, "--no-owner", "--no-privileges", "--file=-", str(dump)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert script.stdout is not None
        loaded = subprocess.run(  # noqa: S603
            [psql, "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1",
             f"--file={handle.name}", "--file=-"],
            env=env, stdin=script.stdout, capture_output=True, check=False,
        )  # fmt: skip
        script.stdout.close()
        script.wait()
    finally:
        os.unlink(handle.name)
    if script.returncode != 0 or loaded.returncode != 0:
        error = (loaded.stderr or b"").decode(errors="replace").strip()[-2000:]
        raise BackupError(message("PostgreSQL could not restore the backup ({error}); the "
                                  "database is unchanged.", error=error))  # fmt: skip


def _migrate(using: str) -> list[str]:
    """Migrations newer than the backup, applied (a backup of an older version)."""
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(_connection(using))
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", database=using, interactive=False, verbosity=0)
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]
