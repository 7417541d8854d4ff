"""`vejviser backup` / `vejviser restore`: a round trip on the database the suite runs on
(SQLite, or PostgreSQL when DATABASE_URL says so; the engine-specific tests skip on the
other), and every refusal changes nothing."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection

from vejviser.cli import main
from vejviser.conftest import Personas
from vejviser.ops import backup as ops
from vejviser.ops.backup import MANIFEST, BackupError, create_backup, restore_backup
from vejviser.projects.models import AuditEvent, Project, Step

User = get_user_model()


@pytest.fixture
def data(transactional_db: Any) -> Personas:
    """Committed data (backups read it from other connections): content and personas."""
    from vejviser.journey.loader import load_content

    load_content(settings.CONTENT_DIR, loaded_by="tests")
    return Personas()


def _state() -> dict[str, Any]:
    return {
        "users": sorted(User.objects.values_list("username", flat=True)),
        "projects": sorted(Project.objects.values_list("title", flat=True)),
        "notes": sorted(Step.objects.exclude(notes="").values_list("notes", flat=True)),
        "audit": AuditEvent.objects.count(),
    }


def _edit_note(step: Step, user: Any, text: str) -> None:
    step.refresh_from_db()
    step.edit(user, {"notes": text}, step.version)


def test_round_trip_restores_exactly_what_was_backed_up(data: Personas, tmp_path: Path) -> None:
    step = data.project.steps.order_by("id").first()
    _edit_note(step, data.alice, "Aftalt med DPO: konsekvensanalyse før pilot.")
    before = _state()
    out = tmp_path / "vejviser.backup"
    manifest = create_backup(out)
    assert out.stat().st_mode & 0o777 == 0o600
    assert manifest.engine == connection.vendor
    assert manifest.tables["auth_user"] == len(before["users"])
    assert ["projects", "0001_initial"] in manifest.migrations
    # after the backup: new user, deleted project, changed note
    User.objects.create_user("efter-backup")
    _edit_note(step, data.alice, "Ændret efter backup")
    Project.objects.create(title="Kun efter backup", created_by=data.bob,
                           track=data.project.track)  # fmt: skip
    data.project.delete()
    assert _state() != before
    report = restore_backup(out)
    assert _state() == before
    assert report.migrated == []
    assert report.manifest.tables == manifest.tables
    # the restored database works as before: a login and an edit
    step = Step.objects.get(pk=step.pk)
    _edit_note(step, User.objects.get(username="alice"), "Efter gendannelse")
    assert Step.objects.get(pk=step.pk).notes == "Efter gendannelse"


def test_a_backup_is_refused_on_an_existing_file_unless_forced(data, tmp_path):
    out = tmp_path / "backup.tar"
    out.write_text("keep me")
    with pytest.raises(BackupError, match="exists already"):
        create_backup(out)
    assert out.read_text() == "keep me"
    create_backup(out, overwrite=True)
    assert tarfile.is_tarfile(out)


def _rewrite(source: Path, target: Path, change: Any) -> None:
    """A copy of the backup with its manifest changed by ``change(dict)``."""
    with tarfile.open(source) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(target, "w") as tar:
        for member, blob in members:
            if member.name == MANIFEST:
                raw = json.loads(blob)
                change(raw)
                blob = json.dumps(raw).encode()
                member.size = len(blob)
            tar.addfile(member, io.BytesIO(blob))


def _damaged(source: Path, target: Path) -> None:
    with tarfile.open(source) as tar:
        member = tar.getmembers()[1]
        where = member.offset_data + member.size // 2  # a byte in the middle of the database
    raw = bytearray(source.read_bytes())
    raw[where] ^= 0xFF
    target.write_bytes(bytes(raw))


def _refusals(good: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    text = tmp / "notes.txt"
    text.write_text("Ikke en backup\n")
    plain = tmp / "plain.tar"
    with tarfile.open(plain, "w") as tar:
        tar.add(text, arcname="notes.txt")
    other = tmp / "other-engine.tar"
    engine = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    _rewrite(good, other, lambda m: m.update(engine=engine))
    newer = tmp / "newer.tar"
    _rewrite(good, newer, lambda m: m["migrations"].append(["projects", "9999_future"]))
    future = tmp / "future-format.tar"
    _rewrite(good, future, lambda m: m.update(format_version=99))
    damaged = tmp / "damaged.tar"
    _damaged(good, damaged)
    truncated = tmp / "truncated.tar"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return {
        "text": (text, "is not a Vejviser backup"),
        "plain tar": (plain, "no Vejviser manifest"),
        "other engine": (other, "this installation uses"),
        "newer migrations": (newer, "projects.9999_future"),
        "newer format": (future, "newer version of Vejviser"),
        "damaged": (damaged, "checksum"),
        "truncated": (truncated, "damaged"),
        "missing": (tmp / "nowhere.tar", "does not exist"),
    }


def test_restore_refuses_what_is_not_a_good_backup_and_changes_nothing(data, tmp_path):
    good = tmp_path / "good.backup"
    create_backup(good)
    User.objects.create_user("made-after-the-backup")
    before = _state()
    for name, (path, expected) in _refusals(good, tmp_path).items():
        with pytest.raises(BackupError) as refused:
            restore_backup(path)
            pytest.fail(f"restored: {name}")
        assert expected in refused.value.text("en"), (name, refused.value.text("en"))
        assert "nothing was changed" in refused.value.text("en").lower(), name
        assert _state() == before, name


def test_cli_backup_and_restore(data, tmp_path):
    runner = CliRunner()
    out = tmp_path / "cli.backup"
    result = runner.invoke(main, ["--lang", "en", "backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Backup written to" in result.output
    User.objects.create_user("made-after-the-backup")
    # without --yes it asks, and "no" changes nothing
    result = runner.invoke(main, ["--lang", "en", "restore", str(out)], input="n\n")
    assert result.exit_code == 1
    assert "Nothing was changed" in result.output
    assert User.objects.filter(username="made-after-the-backup").exists()
    result = runner.invoke(main, ["--lang", "en", "restore", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    assert not User.objects.filter(username="made-after-the-backup").exists()
    # a file that is not a backup: exit code 2 and the reason, in Danish by default
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"\x00" * 4096)
    result = runner.invoke(main, ["restore", str(junk), "--yes"])
    assert result.exit_code == 2
    assert "er ikke en Vejviser-backup" in result.output
    assert User.objects.filter(username="alice").exists()


def test_the_cache_table_comes_back_usable(data, tmp_path):
    out = tmp_path / "cache.backup"
    cache.set("before", 1)
    create_backup(out)
    restore_backup(out)
    cache.set("after", 2)
    assert cache.get("after") == 2


# --- SQLite ----------------------------------------------------------------------------


def test_sqlite_backup_is_one_checked_file(data, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only (DATABASE_URL is not SQLite)")
    out = tmp_path / "sqlite.backup"
    manifest = create_backup(out)
    assert manifest.member == "database.sqlite3.gz"
    assert manifest.server.startswith("SQLite ")
    with tarfile.open(out) as tar:
        assert tar.getnames() == [MANIFEST, "database.sqlite3.gz"]


# --- PostgreSQL ------------------------------------------------------------------------


def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL is not PostgreSQL)")


def test_postgresql_backup_is_a_pg_dump_of_the_counted_snapshot(data, tmp_path):
    _postgresql_only()
    out = tmp_path / "pg.backup"
    manifest = create_backup(out)
    assert manifest.member == "database.pgdump"
    assert manifest.server.startswith("PostgreSQL ")
    with tarfile.open(out) as tar:
        dump = tar.extractfile("database.pgdump").read()  # type: ignore[union-attr]
    assert dump.startswith(b"PGDMP")


def test_postgresql_restore_is_all_or_nothing(data, tmp_path, monkeypatch):
    """A server still holding a table: the restore waits, gives up and changes nothing."""
    _postgresql_only()
    out = tmp_path / "pg.backup"
    create_backup(out)
    User.objects.create_user("made-after-the-backup")
    before = _state()
    monkeypatch.setattr(ops, "LOCK_TIMEOUT", "1s")
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("BEGIN")
        other.execute("LOCK TABLE auth_user IN ACCESS SHARE MODE")
        with pytest.raises(BackupError, match="unchanged"):
            restore_backup(out)
    finally:
        other.rollback()
        other.close()
    assert _state() == before
