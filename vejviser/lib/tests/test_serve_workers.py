"""`vejviser serve --workers 2` runs two processes that both answer: a real server on a
free loopback port, its own SQLite file, stopped by the test (bounded in time)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 180  # migrate, load content, build the assistant's index on a busy machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            return int(response.status)
    except OSError:
        return 0


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    log = tmp_path / "server.log"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        PYTHONPATH=str(ROOT),
        VEJVISER_VAR_DIR=str(tmp_path / "var"),
        VEJVISER_LOG_JSON="1",
        DJANGO_SETTINGS_MODULE="vejviser.settings",
    )
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "vejviser.cli", "serve", "--workers", "2", "--threads", "2",
             "--port", str(port), "--no-demo"],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{port}", process, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _pids(log: Path) -> set[int]:
    pids = set()
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            if entry.get("path") == "/health/ready" and entry.get("status") == 200:
                pids.add(entry["pid"])
    return pids


def test_two_worker_processes_both_answer_ready(server):
    base, process, log = server
    deadline = time.monotonic() + START_TIMEOUT
    while _get(f"{base}/health/ready") != 200:
        assert process.poll() is None, log.read_text(errors="replace")[-2000:]
        assert time.monotonic() < deadline, "the server did not become ready"
        time.sleep(0.5)
    codes: list[int] = []
    with ThreadPoolExecutor(max_workers=6) as pool:
        for _round in range(20):  # at most 20 × 12 requests
            codes += pool.map(_get, [f"{base}/health/ready"] * 12)
            time.sleep(0.2)  # let the log lines land
            if len(_pids(log)) >= 2:
                break
    assert set(codes) == {200}
    assert len(_pids(log)) == 2, "both worker processes answered"
    assert _get(f"{base}/health/live") == 200


def test_a_port_gunicorn_cannot_listen_on_is_exit_code_2(monkeypatch, capsys):
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    from vejviser import cli

    def cannot_listen(self):
        raise SystemExit(1)  # what gunicorn's arbiter does when the port is taken

    monkeypatch.setattr(BaseApplication, "run", cannot_listen)
    with pytest.raises(SystemExit) as stopped:
        cli._serve_processes(object(), "127.0.0.1", 8123, 2, 1)
    assert stopped.value.code == 2
    assert "--port" in capsys.readouterr().err
