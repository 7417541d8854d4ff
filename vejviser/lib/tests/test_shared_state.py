"""Several processes behave as one: a session, a cached value and a login lockout made
in one process hold in another (`vejviser serve --workers N` forks N such processes).

Two real Python processes on one database: a SQLite file of the test's own, or the test
database itself when the suite runs on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

PROCESS = textwrap.dedent(
    """
    import json, os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    print(json.dumps({"pid": os.getpid()}), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        op = cmd["op"]
        out = {"pid": os.getpid()}
        if op == "user":
            get_user_model().objects.create_user(cmd["username"], password=cmd["password"])
        elif op == "login":
            client = Client()
            answer = client.post(
                "/account/login/", {"username": cmd["username"], "password": cmd["password"]}
            )
            out["status"] = answer.status_code
            cookie = client.cookies.get("sessionid")
            out["session"] = cookie.value if cookie is not None else None
        elif op == "page":
            client = Client()
            if cmd.get("session"):
                client.cookies["sessionid"] = cmd["session"]
            answer = client.get(cmd["url"])
            out["status"] = answer.status_code
            out["location"] = answer.get("Location")
        elif op == "cache_set":
            cache.set(cmd["key"], cmd["value"], 300)
        elif op == "cache_get":
            out["value"] = cache.get(cmd["key"])
        elif op == "cache_add":
            out["added"] = cache.add(cmd["key"], cmd["value"], 300)
        print(json.dumps(out), flush=True)
    """
)


class Process:
    """A Django process that runs one JSON command per line from its stdin."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", PROCESS],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        self.pid = self._read()["pid"]

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            assert self.proc.stderr is not None
            raise AssertionError(f"process stopped: {self.proc.stderr.read()[-3000:]}")
        return json.loads(line)  # type: ignore[no-any-return]

    def __call__(self, **cmd: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung process
            self.proc.kill()
            self.proc.wait(timeout=10)


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="vejviser.settings",
        VEJVISER_VAR_DIR=str(tmp_path / "var"),
        VEJVISER_CACHE_DIR=str(tmp_path / "cache"),
    )
    if connection.vendor == "postgresql":
        # the test database itself (committed data: this test is transactional)
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        subprocess.run(
            [sys.executable, "-m", "vejviser.cli", "manage", "migrate", "-v0"],
            env=env, cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    return env


@pytest.fixture
def two_processes(transactional_db: Any, tmp_path: Path) -> Any:
    env = _environment(tmp_path)
    first, second = Process(env), Process(env)
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()


def test_settings_keep_shared_state_in_the_database() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_two_processes_behave_as_one(two_processes: Any) -> None:
    first, second = two_processes
    assert first.pid != second.pid
    # a session started in one process is valid in the other
    first(op="user", username="sofie", password="a-long-password-for-sofie")
    login = first(op="login", username="sofie", password="a-long-password-for-sofie")
    assert login["status"] == 302 and login["session"]
    assert second(op="page", url="/", session=login["session"])["status"] == 200
    assert second(op="page", url="/")["status"] == 302  # without the session: to login
    # a value cached by one process is read by the other; add() is one lock for both
    first(op="cache_set", key="shared-check", value={"n": 41})
    assert second(op="cache_get", key="shared-check")["value"] == {"n": 41}
    assert second(op="cache_add", key="one-holder", value="second")["added"] is True
    assert first(op="cache_add", key="one-holder", value="first")["added"] is False
    assert first(op="cache_get", key="one-holder")["value"] == "second"
    # failed logins counted in one process lock the account out in the other
    tries = [first(op="login", username="sofie", password="wrong")["status"]
             for _ in range(settings.AXES_FAILURE_LIMIT)]  # fmt: skip
    assert tries[0] == 200 and tries[-1] == 429  # refused once the limit is reached
    locked = second(op="login", username="sofie", password="a-long-password-for-sofie")
    assert locked["status"] == 429


def test_migrate_creates_the_cache_table(db: Any) -> None:
    from django.core.cache import cache

    assert settings.CACHE_TABLE in connection.introspection.table_names()
    cache.set("in-the-database", 7)
    assert cache.get("in-the-database") == 7
