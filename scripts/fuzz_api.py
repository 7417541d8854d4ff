"""Fuzz the whole JSON API with schemathesis against `vejviser serve` on 127.0.0.1.

Starts the server on a throw-away SQLite database with the demo loaded, creates a fuzz
operator (a superuser, so every demo object is reachable) and a write token, then calls
every operation in /api/v1/openapi.json with generated valid and invalid input, with
generated ids and with the ids of real demo objects (vejviser/lib/tests/fuzz.py). Every
answer of 500 or more is a failure; the exit code is 1 if there was one.

Run:  PYTHONPATH=$PWD .venv/bin/python scripts/fuzz_api.py [--examples 25] [--seed 12]
Figures: docs/operations.md ("Fuzz").
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def vejviser(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
        [sys.executable, "-c", "from vejviser.cli import main; main()", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def prepare(env: dict[str, str]) -> str:
    """Demo data, a fuzz operator and its token; returns the token."""
    vejviser("demo", env=env)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from vejviser.accounts.models import ApiToken

    user = get_user_model().objects.create_superuser("fuzz", "fuzz@example.org", None)
    _token, secret = ApiToken.issue(user, "fuzz")
    return secret


def wait_for(url: str, seconds: float = 180) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25, help="Cases per operation and way.")
    parser.add_argument("--heavy-examples", type=int, default=3, help="… for heavy operations.")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()

    port = free_port()
    env = {
        **os.environ,
        "VEJVISER_VAR_DIR": tempfile.mkdtemp(prefix="vejviser-fuzz-"),
        "VEJVISER_RATE_ASSISTANT": "1000000/min",  # the limits are tested elsewhere
        "VEJVISER_RATE_UPLOAD": "1000000/min",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    token = prepare(env)
    from vejviser.lib.tests.fuzz import fuzz, known_ids

    ids = known_ids()
    log_path = Path(env["VEJVISER_VAR_DIR"]) / "server.log"
    log = log_path.open("w")
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from vejviser.cli import main; main()",
            "serve",
            "--no-demo",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        wait_for(f"{base}/health/ready")
        report = fuzz(
            base,
            token,
            ids,
            examples=args.examples,
            heavy_examples=args.heavy_examples,
            seed=args.seed,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    seconds = time.monotonic() - started
    print(f"{report.summary()} ({seconds:.0f} s, seed {args.seed}, {args.examples} examples)")
    for failure in report.failures:
        print("FAIL", failure)
    if report.failures:
        print(f"server log: {log_path}", file=sys.stderr)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
