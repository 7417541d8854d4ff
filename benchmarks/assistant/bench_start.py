"""Start-up benchmark: the first answer after a start, on the paths the product takes.

Each case runs in a fresh interpreter (imports included), a few times; min and median:

- ``site_kept``: the web app on a loaded database whose index file exists (as after
  ``vejviser content load`` or ``vejviser serve``): Django set up, then the first
  question through the chat panel (htmx POST) — the URL configuration, the index file,
  the answer, storing it and rendering the panel;
- ``site_fresh``: the same right after a content edit (a new revision: the index is
  built from the loaded content in the first request);
- ``files_kept`` / ``files_fresh``: an assistant on the content files
  (``vejviser ask --content-dir``), with and without the index file kept for them.

Run from the repository root (``--src`` measures another checkout of the code, e.g. an
older commit exported with ``git archive``, against the same content):

    .venv/bin/python benchmarks/assistant/bench_start.py [--runs 3] [--src DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
QUESTION = "Hvornår er der krav om udbud?"

SETUP_DB = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from vejviser.journey.loader import load_content
call_command("migrate", interactive=False, verbosity=0)
load_content(settings.CONTENT_DIR, loaded_by="bench", force=True)
get_user_model().objects.get_or_create(username="bench")
print("{}")
"""

SITE = """
import time, json
t0 = time.perf_counter()
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username="bench"))
t1 = time.perf_counter()
r = client.post("/assistant/ask/", {"question": QUESTION}, headers={"HX-Request": "true"})
t2 = time.perf_counter()
assert r.status_code == 200, r.status_code
print(json.dumps({"first_request_s": t2 - t1, "total_s": t2 - t0}))
""".replace("QUESTION", repr(QUESTION), 1)

FILES = """
import time, json
t0 = time.perf_counter()
try:
    from vejviser.assistant.index import load_files
    assistant = load_files()
except ImportError:  # code before the index file for content files
    from vejviser.assistant.core.engine import Assistant
    assistant = Assistant.load()
t1 = time.perf_counter()
assistant.ask(QUESTION)
t2 = time.perf_counter()
print(json.dumps({"first_request_s": t2 - t1, "total_s": t2 - t0}))
""".replace("QUESTION", repr(QUESTION), 1)


def _run(code: str, src: Path, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", code],
        env={**os.environ, **env, "PYTHONPATH": str(src)},
        cwd=src,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure(src: Path, runs: int) -> dict[str, Any]:
    cases: dict[str, list[dict[str, float]]] = {
        k: [] for k in ("site_kept", "site_fresh", "files_kept", "files_fresh")
    }
    content = {"VEJVISER_CONTENT_DIR": str(REPO / "content")}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**content, "VEJVISER_VAR_DIR": tmp, "VEJVISER_CACHE_DIR": f"{tmp}/cache"}
            env.pop("DATABASE_URL", None)
            _run(SETUP_DB, src, env)  # a new revision: no index file for it yet
            cases["site_fresh"].append(_run(SITE, src, env))  # builds and keeps it
            cases["site_kept"].append(_run(SITE, src, env))  # reads it
            files_env = {**content, "VEJVISER_CACHE_DIR": f"{tmp}/files-cache"}
            cases["files_fresh"].append(_run(FILES, src, files_env))
            cases["files_kept"].append(_run(FILES, src, files_env))
    return {
        name: {
            key: {
                "min": round(min(r[key] for r in rows), 3),
                "median": round(statistics.median(r[key] for r in rows), 3),
            }
            for key in ("first_request_s", "total_s")
        }
        for name, rows in cases.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, default=REPO, help="the code to measure")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("LLM_BASE_URL", None)
    result = measure(args.src.resolve(), args.runs)
    result["load_average"] = [round(x, 1) for x in os.getloadavg()]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name in ("site_kept", "site_fresh", "files_kept", "files_fresh"):
        r = result[name]
        print(
            f"{name:<11} first answer after start {r['total_s']['median']:.2f} s "
            f"(min {r['total_s']['min']:.2f}); the first request/answer alone "
            f"{r['first_request_s']['median']:.2f} s (min {r['first_request_s']['min']:.2f})"
        )
    print(f"load average {result['load_average']}")


if __name__ == "__main__":
    main()
