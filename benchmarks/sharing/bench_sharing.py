"""Measure sharing on the demo: exporting the contouring project at national level
(collect the items, scan for names, sign), opening a bundle (parse, verify the Ed25519
signature, check the payload) and importing it a second time (the idempotent path), and
the size of the bundle. Also the name scan against many users.

Run: .venv/bin/python benchmarks/sharing/bench_sharing.py [USERS]
Uses a throw-away SQLite database and key in a temporary directory.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
tmp = tempfile.mkdtemp(prefix="vejviser-bench-sharing-")
atexit.register(shutil.rmtree, tmp, ignore_errors=True)
os.environ.pop("DATABASE_URL", None)
os.environ["VEJVISER_VAR_DIR"] = tmp
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402


def timed(function, repeat: int = 20) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    call_command("migrate", interactive=False, verbosity=0)
    from vejviser.journey.loader import load_content
    from vejviser.projects.demo import load_demo

    load_content(settings.CONTENT_DIR, loaded_by="bench")
    load_demo(password="bench-password-123")  # noqa: S106 - a throw-away database
    from vejviser.projects.models import Project
    from vejviser.sharing import bundles, keys
    from vejviser.sharing.core import bundle as core

    project = Project.objects.get(demo_key="ai-contouring")
    export_ms, (bundle, _release) = timed(lambda: bundles.export(project, "national", None))
    text = core.dump(bundle)
    bundles.trust(keys.public_key_file(), "self")
    trusted = bundles.trusted_keys()
    open_ms, _ = timed(lambda: core.open_bundle(text, trusted), repeat=200)
    bundles.import_bundle(text)
    again_ms, _ = timed(lambda: bundles.import_bundle(text))
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(
                username=f"user{i}",
                first_name=f"Fornavn{i}",
                last_name=f"Efternavn{i}",
                email=f"user{i}@example.org",
            )
            for i in range(users)
        ]
    )
    export_many_ms, _ = timed(lambda: bundles.export(project, "national", None), repeat=5)
    print(f"bundle: {len(text.encode()):,} bytes, items {sorted(bundle['payload']['items'])}")
    print(f"export (demo users):            {export_ms:7.1f} ms (median of 20)")
    print(f"open (parse + verify + check):  {open_ms:7.2f} ms (median of 200)")
    print(f"import again (no change):       {again_ms:7.1f} ms (median of 20)")
    print(f"export with {users:,} more users:  {export_many_ms:7.1f} ms (median of 5)")


if __name__ == "__main__":
    main()
