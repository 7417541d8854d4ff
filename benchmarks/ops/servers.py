"""Real `vejviser serve` processes on the loopback address for the load and fault runs:
started with their own database (a SQLite file in a temporary folder, or a PostgreSQL
database made afresh), waited for until ready, stopped (or killed) by process group."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # loopback only: nothing here listens on another address
DEMO_PROJECT = "Ambient scribe i almen praksis"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fresh_postgres_database(url: str) -> None:
    """Drop and create the database named in ``url`` (a PostgreSQL URL)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    assert name and name not in {"postgres", "template0", "template1"}, url
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def request(url: str, *, method: str = "GET", body: Any = None, token: str | None = None,
            timeout: float = 10) -> tuple[int, Any]:  # fmt: skip
    """(status, parsed JSON or text); status 0 when the server does not answer."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=timeout) as answer:  # noqa: S310 - loopback
            raw = answer.read()
            status = int(answer.status)
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), int(exc.code)
    except (OSError, TimeoutError, http.client.HTTPException):  # e.g. killed mid-answer
        return 0, None
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode(errors="replace")


@dataclass
class Server:
    """One `vejviser serve` with its environment; ``label`` names it in tables."""

    label: str
    workers: int
    workdir: Path
    database_url: str | None = None
    threads: int = 8
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in {"DATABASE_URL", "SECRET_KEY", "VEJVISER_PRODUCTION"}}  # fmt: skip
        env.update(
            PYTHONPATH=str(ROOT),
            DJANGO_SETTINGS_MODULE="vejviser.settings",
            VEJVISER_VAR_DIR=str(self.workdir / "var"),
            VEJVISER_CACHE_DIR=str(self.workdir / "cache"),
            **self.extra_env,
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def cli(self, *args: str) -> str:
        """Run a `vejviser` command against this server's database; its output."""
        done = subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "-m", "vejviser.cli", *args], env=self.env, cwd=ROOT,
            capture_output=True, text=True, check=True, timeout=600,
        )  # fmt: skip
        return done.stdout

    def start(self, timeout: float = 600) -> float:
        """Start and wait until /health/ready answers 200; the seconds that took."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = (self.workdir / f"server-{self.port}.log").open("ab")
        started = time.monotonic()
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [sys.executable, "-m", "vejviser.cli", "serve", "--host", HOST,
             "--port", str(self.port), "--workers", str(self.workers),
             "--threads", str(self.threads)],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        while request(f"{self.base}/health/ready", timeout=2)[0] != 200:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.label} stopped; see {log.name}")
            if time.monotonic() - started > timeout:
                self.stop()
                raise RuntimeError(f"{self.label} was not ready in {timeout} s")
            time.sleep(0.3)
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """kill -9 the server and every process it started (gunicorn's workers)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def sessions(self, username: str, count: int) -> list[str]:
        """``count`` logged-in sessions of ``username`` (session keys), made in the
        database as a login makes them, without ``count`` password hashes at once."""
        code = (
            "import django; django.setup()\n"
            "from django.contrib.auth import get_user_model\n"
            "from django.test import Client\n"
            f"user = get_user_model().objects.get(username={username!r})\n"
            f"for _ in range({count}):\n"
            "    client = Client(); client.force_login(user)\n"
            "    print(client.cookies['sessionid'].value)\n"
        )
        done = subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "-c", code], env=self.env, cwd=ROOT, capture_output=True,
            text=True, check=True, timeout=600,
        )  # fmt: skip
        return done.stdout.split()

    def token(self, username: str = "anna") -> str:
        return self.cli("token", "create", username, "--name", "bench").strip()

    def demo_project(self, token: str) -> dict[str, Any]:
        status, projects = request(f"{self.base}/api/v1/projects", token=token)
        assert status == 200, (status, projects)
        return next(p for p in projects if p["title"] == DEMO_PROJECT)
