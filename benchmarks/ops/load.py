"""Load test: 50 simulated users with 1 s think time across the main pages and the API
(benchmarks/ops/locustfile.py) for 60 s, against each server configuration in turn, in
one run, on the loopback address only:

- ``embedded``: `vejviser serve --workers 1` on SQLite (the embedded mode, waitress);
- ``pg-1``: `vejviser serve --workers 1` on PostgreSQL;
- ``pg-N``: `vejviser serve --workers N` on PostgreSQL (gunicorn, N processes).

Each starts from a fresh database with the demo loaded. Prints a markdown table per
page (requests/s, p50, p95, errors) and the ratio of the project page's requests/s,
pg-N over embedded (target >= 1.6, p95 <= 250 ms, 0 errors).

Run: .venv/bin/python benchmarks/ops/load.py [--users 50 --duration 60 --workers 3]
     [--database-url postgres://postgres@127.0.0.1:5432/vejviser_load] [--quick]
``--quick`` is 10 users for 10 s (to check the set-up). Needs locust (`pip install -e
".[bench]"`) and a PostgreSQL server; the database in --database-url is dropped and
made afresh.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import ROOT, Server, fresh_postgres_database

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
PAGES = ["project page", "dashboard", "journey guide", "portfolio", "assistant question",
         "API: project", "API: steps"]  # fmt: skip


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float


def run_locust(server: Server, users: int, duration: int, think: float, out: Path,
               token: str, project: int) -> dict[str, Row]:  # fmt: skip
    """Locust, headless, against ``server``; the statistics per request name, counted
    from when every user has started."""
    prefix = out / server.label
    env = {**server.env, "LOAD_TOKEN": token, "LOAD_PROJECT": str(project),
           "LOAD_THINK": str(think),
           "LOAD_SESSIONS_ANNA": ",".join(server.sessions("anna", users)),
           "LOAD_SESSIONS_LENE": ",".join(server.sessions("lene", max(1, users // 4)))}  # fmt: skip
    spawn_rate = max(1, users // 5)
    subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
         "--host", server.base, "-u", str(users), "-r", str(spawn_rate),
         "-t", f"{duration + users // spawn_rate}s", "--reset-stats", "--only-summary",
         "--csv", str(prefix), "--loglevel", "WARNING", "--stop-timeout", "5"],
        cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
        stderr=(out / f"{server.label}-locust.log").open("w"), timeout=duration + 300,
    )  # fmt: skip
    rows = {}
    with Path(f"{prefix}_failures.csv").open() as handle:
        for line in csv.DictReader(handle):
            print(f"   {server.label} failures: {line['Occurrences']} × {line['Method']} "
                  f"{line['Name']}: {line['Error']}", file=sys.stderr, flush=True)  # fmt: skip
    with Path(f"{prefix}_stats.csv").open() as handle:
        for line in csv.DictReader(handle):
            name = line["Name"] if line["Name"] != "Aggregated" else "all requests"
            rows[name] = Row(
                name=name,
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                rps=float(line["Requests/s"]),
                p50=float(line["50%"]),
                p95=float(line["95%"]),
            )
    return rows


def measure(server: Server, args: argparse.Namespace, out: Path) -> dict[str, Row]:
    if server.database_url:
        fresh_postgres_database(server.database_url)
    print(f"== {server.label}: starting", file=sys.stderr, flush=True)
    ready = server.start()
    try:
        token = server.token("anna")
        project = int(server.demo_project(token)["id"])
        print(f"== {server.label}: ready in {ready:.0f} s; {args.users} users for "
              f"{args.duration} s", file=sys.stderr, flush=True)  # fmt: skip
        return run_locust(server, args.users, args.duration, args.think, out, token, project)
    finally:
        server.stop()


def table(results: dict[str, dict[str, Row]]) -> str:
    lines = ["| server | page | requests/s | p50 ms | p95 ms | errors |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for label, rows in results.items():
        for name in [*PAGES, "all requests"]:
            row = rows.get(name)
            if row is None:
                continue
            lines.append(f"| {label} | {name} | {row.rps:.1f} | {row.p50:.0f} | {row.p95:.0f} "
                         f"| {row.failures} |")  # fmt: skip
    return "\n".join(lines)


def ratios(results: dict[str, dict[str, Row]], many: str) -> list[str]:
    lines = []
    page = "project page"
    for base in ("embedded", "pg-1"):
        if base in results and many in results and page in results[base]:
            lines.append(
                f"- project page requests/s, {many} / {base}: "
                f"{results[many][page].rps / results[base][page].rps:.2f}×"
            )
    if many in results and page in results[many]:
        row, total = results[many][page], results[many]["all requests"]
        lines.append(f"- {many}: project page p95 {row.p95:.0f} ms (target ≤ 250), "
                     f"errors in all requests {total.failures} (target 0)")  # fmt: skip
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of measurement")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between requests")
    parser.add_argument("--workers", type=int, default=3, help="processes of pg-N")
    parser.add_argument("--threads", type=int, default=8, help="threads per process")
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/vejviser_load")  # fmt: skip
    parser.add_argument("--only", default="embedded,pg-1,pg-N",
                        help="which servers, comma-separated (embedded, pg-1, pg-N)")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="10 users for 10 s")
    parser.add_argument("--keep", type=Path, help="keep server logs and locust CSVs here")
    args = parser.parse_args()
    if args.quick:
        args.users, args.duration = 10, 10
    many = f"pg-{args.workers}"
    with tempfile.TemporaryDirectory(prefix="vejviser-load-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        # 40 of the 50 users share the demo account `anna`: the per-user question limit
        # (30 a minute) would answer most of their questions with 429. The load test
        # measures the servers, not the limit (tested in vejviser/lib/tests).
        unlimited = {"VEJVISER_RATE_ASSISTANT": "1000000/min"}
        common = {"threads": args.threads, "extra_env": unlimited}
        servers = {
            "embedded": Server("embedded", 1, work / "embedded", **common),  # type: ignore[arg-type]
            "pg-1": Server("pg-1", 1, work / "pg-1", args.database_url, **common),  # type: ignore[arg-type]
            "pg-N": Server(many, args.workers, work / many, args.database_url, **common),  # type: ignore[arg-type]
        }
        results = {}
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        for key in args.only.split(","):
            server = servers[key.strip()]
            results[server.label] = measure(server, args, work)
    print(f"\nLoad test {started}: {args.users} users, {args.think:g} s think time, "
          f"{args.duration} s each, {args.threads} threads per process, loopback.\n")  # fmt: skip
    print(table(results))
    print()
    print("\n".join(ratios(results, many)))


if __name__ == "__main__":
    main()
