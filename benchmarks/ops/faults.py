"""Fault tests against real servers on the loopback address, each bounded in time:

1. ``kill-embedded``: `vejviser serve --workers 1` (waitress) on SQLite, killed with
   SIGKILL while API clients write (step notes by PATCH, assistant questions by POST),
   then started again;
2. ``kill-gunicorn``: `vejviser serve --workers 2` (gunicorn) on PostgreSQL, the same;
3. ``pg-restart``: PostgreSQL restarted (``pg_ctl restart -m fast``) while clients
   read and write through `vejviser serve --workers 2`; the server is not restarted.

After each kill: every write the server acknowledged (a 2xx) is in the database (each
step's notes carry a sequence number at least that of the last acknowledged one; each
acknowledged question's id exists), SQLite's ``PRAGMA integrity_check`` and
``foreign_key_check`` pass, no row points to a missing row (every foreign key of every
model, checked by SQL on both engines), and on PostgreSQL ``amcheck`` finds every B-tree
index sound. After the PostgreSQL restart: how long requests failed, and that every
request after it succeeds with the same server processes.

PostgreSQL here is a private cluster this script makes in a temporary folder (initdb,
as the ``postgres`` user when run as root) on a free loopback port, and removes at the
end: restarting the machine's shared server would cut every other user's connections.
Without initdb (or permission) the PostgreSQL scenarios are skipped with a message.

Run: .venv/bin/python benchmarks/ops/faults.py [--only kill-embedded,kill-gunicorn,pg-restart]
     [--writers 8] [--seconds 6] [--rounds 2]
Prints a markdown table; exit code 1 if an acknowledged write is lost or a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import HOST, ROOT, Server, free_port, request

PG_BIN = Path("/usr/lib/postgresql/15/bin")
QUESTIONS = ["Hvad skal en DPIA indeholde?", "Hvornår er et AI-produkt medicinsk udstyr?"]


# --- a private PostgreSQL cluster --------------------------------------------------------


class Cluster:
    """A throw-away PostgreSQL cluster on a free loopback port (trust authentication,
    listening on 127.0.0.1 only)."""

    def __init__(self) -> None:
        # a folder of its own: the postgres user must reach it (the run's folder is 0700)
        root = Path(tempfile.mkdtemp(prefix="vejviser-faults-pg-"))
        self.root = root
        self.dir = root / "pgdata"
        self.socket_dir = root / "pgsock"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [*args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check,  # noqa: S603
                              timeout=120)  # fmt: skip

    def start(self) -> None:
        for folder in (self.dir, self.socket_dir):
            folder.mkdir(parents=True)
            if self.as_postgres:
                shutil.chown(folder, "postgres", "postgres")
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.dir), "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8")  # fmt: skip
        self._ctl("start")

    def _ctl(self, action: str, *extra: str) -> None:
        options = (f"-p {self.port} -c listen_addresses={HOST} "
                   f"-c unix_socket_directories={self.socket_dir} -c fsync=on")  # fmt: skip
        self._run(str(PG_BIN / "pg_ctl"), action, "-D", str(self.dir), "-w", "-t", "60",
                  "-o", options, "-l", str(self.dir / "server.log"), *extra)  # fmt: skip

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "stop", "-D", str(self.dir), "-m", "immediate",
                  check=False)  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, name: str) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def private_cluster() -> tuple[Cluster | None, str]:
    if not (PG_BIN / "initdb").exists():
        return None, f"no initdb at {PG_BIN}"
    cluster = Cluster()
    try:
        cluster.start()
    except (subprocess.CalledProcessError, OSError, LookupError) as exc:
        cluster.stop()
        detail = getattr(exc, "stderr", "") or str(exc)
        return None, f"could not start a private PostgreSQL cluster: {detail.strip()[:300]}"
    return cluster, ""


# --- writers -----------------------------------------------------------------------------


@dataclass
class Acknowledged:
    """What the server said it stored: per step the last acknowledged sequence number,
    and the ids of the acknowledged questions."""

    steps: dict[int, int] = field(default_factory=dict)
    sent: dict[int, int] = field(default_factory=dict)
    questions: list[int] = field(default_factory=list)
    writes: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def step_writer(base: str, token: str, project: int, step: dict[str, Any], run: str,
                ack: Acknowledged, stop: threading.Event) -> None:  # fmt: skip
    """PATCH one step's notes with increasing sequence numbers until stopped."""
    url = f"{base}/api/v1/projects/{project}/steps/{step['id']}"
    version, seq = int(step["version"]), 0
    while not stop.is_set():
        seq += 1
        with ack.lock:
            ack.sent[step["id"]] = seq
        status, body = request(url, method="PATCH", token=token, timeout=10,
                               body={"notes": f"{run}:{seq}", "version": version})  # fmt: skip
        if status == 200:
            version = int(body["version"])
            with ack.lock:
                ack.steps[step["id"]] = seq
                ack.writes += 1
        else:
            with ack.lock:
                ack.failures[str(status)] += 1
            if status == 409:  # cannot happen with one writer per step; re-read to go on
                status, steps = request(f"{base}/api/v1/projects/{project}/steps", token=token)
                if status == 200:
                    version = next(int(s["version"]) for s in steps if s["id"] == step["id"])
            time.sleep(0.05)


def question_writer(base: str, token: str, project: int, ack: Acknowledged,
                    stop: threading.Event) -> None:  # fmt: skip
    n = 0
    while not stop.is_set():
        n += 1
        status, body = request(f"{base}/api/v1/assistant/ask", method="POST", token=token,
                               body={"question": QUESTIONS[n % 2], "project": project},
                               timeout=10)  # fmt: skip
        with ack.lock:
            if status == 200:
                ack.questions.append(int(body["id"]))
                ack.writes += 1
            else:
                ack.failures[str(status)] += 1
        if status != 200:
            time.sleep(0.05)


# --- checks (in a process with the server's settings) ------------------------------------

CHECK = """
import json, sys
import django
django.setup()
from django.apps import apps
from django.db import connection
from vejviser.assistant.models import Message
from vejviser.projects.models import Step

ack = json.load(open(sys.argv[1]))
run = ack["run"]
out = {"lost_steps": [], "lost_questions": [], "problems": []}
for step_id, seq in ack["steps"].items():
    notes = Step.objects.get(pk=int(step_id)).notes
    stored = int(notes.split(":")[1]) if notes.startswith(run + ":") else 0
    if stored < seq or stored > ack["sent"][step_id]:
        out["lost_steps"].append([step_id, seq, notes])
found = set(Message.objects.filter(pk__in=ack["questions"]).values_list("pk", flat=True))
out["lost_questions"] = sorted(set(ack["questions"]) - found)
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("PRAGMA integrity_check")
        rows = [r[0] for r in cursor.fetchall()]
        if rows != ["ok"]:
            out["problems"].append("integrity_check: " + "; ".join(rows[:5]))
        cursor.execute("PRAGMA foreign_key_check")
        rows = cursor.fetchall()
        if rows:
            out["problems"].append(f"foreign_key_check: {len(rows)} rows")
        out["checks"] = ["PRAGMA integrity_check", "PRAGMA foreign_key_check"]
    else:
        out["checks"] = []
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
            cursor.execute(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = current_schema()")
            names = [r[0] for r in cursor.fetchall()]
            for name in names:
                cursor.execute("SELECT bt_index_check(%s::regclass, true)", [name])
            out["checks"].append(f"amcheck bt_index_check on {len(names)} indexes")
        except Exception as exc:  # amcheck missing or not permitted
            out["checks"].append(f"amcheck not run ({type(exc).__name__})")
    orphans = 0
    fks = 0
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if not f.is_relation or not f.many_to_one and not f.one_to_one:
                continue
            if not f.db_constraint:
                continue
            target = f.target_field.model._meta
            fks += 1
            q = connection.ops.quote_name
            cursor.execute(
                f"SELECT COUNT(*) FROM {q(model._meta.db_table)} child LEFT JOIN "
                f"{q(target.db_table)} parent ON child.{q(f.column)} = "
                f"parent.{q(f.target_field.column)} WHERE child.{q(f.column)} IS NOT NULL "
                f"AND parent.{q(f.target_field.column)} IS NULL")
            n = cursor.fetchone()[0]
            if n:
                out["problems"].append(f"{model._meta.label}.{f.name}: {n} orphans")
            orphans += n
    out["checks"].append(f"no orphans in {fks} foreign keys")
out["steps_checked"] = len(ack["steps"])
out["questions_checked"] = len(ack["questions"])
print(json.dumps(out))
"""


def check(server: Server, ack: Acknowledged, run: str, work: Path) -> dict[str, Any]:
    path = work / f"ack-{run}.json"
    path.write_text(json.dumps({"run": run, "steps": ack.steps, "sent": ack.sent,
                                "questions": ack.questions}))  # fmt: skip
    done = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-c", CHECK, str(path)], env=server.env, cwd=ROOT,
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        return {"problems": [f"check failed: {done.stderr.strip()[-500:]}"], "checks": [],
                "lost_steps": [], "lost_questions": []}  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- scenarios -----------------------------------------------------------------------------


@dataclass
class Result:
    scenario: str
    server: str
    detail: str
    acknowledged: int
    lost: int
    checks: str
    ok: bool


def kill_during_writes(server: Server, args: argparse.Namespace, work: Path) -> list[Result]:
    """Rounds of: writers start, the server is killed (SIGKILL to its process group) at
    a random moment, started again, and every acknowledged write is checked."""
    print(f"== {server.label}: starting", file=sys.stderr, flush=True)
    server.start()
    token = server.token("anna")
    project = server.demo_project(token)
    _status, steps = request(f"{server.base}/api/v1/projects/{project['id']}/steps", token=token)
    steps = steps[: args.writers]
    results = []
    for round_no in range(1, args.rounds + 1):
        run = f"r{round_no}-{random.randrange(10**6)}"  # noqa: S311 - not security
        ack, stop = Acknowledged(), threading.Event()
        if round_no > 1:
            _status, steps = request(f"{server.base}/api/v1/projects/{project['id']}/steps",
                                     token=token)  # fmt: skip
            steps = steps[: args.writers]
        threads = [threading.Thread(target=step_writer, daemon=True,
                                    args=(server.base, token, project["id"], s, run, ack, stop))
                   for s in steps]  # fmt: skip
        threads += [threading.Thread(target=question_writer, daemon=True,
                                     args=(server.base, token, project["id"], ack, stop))
                    for _ in range(2)]  # fmt: skip
        for thread in threads:
            thread.start()
        time.sleep(args.seconds * random.uniform(0.6, 1.0))  # noqa: S311
        server.kill()
        killed_at = ack.writes
        time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        restart = server.start()
        verdict = check(server, ack, run, work)
        lost = len(verdict["lost_steps"]) + len(verdict["lost_questions"])
        ok = lost == 0 and not verdict["problems"]
        results.append(Result(
            scenario=f"kill -9 during writes, round {round_no}",
            server=server.label,
            detail=(f"{len(steps)} step writers + 2 question writers; killed after "
                    f"{killed_at} acknowledged writes; up again in {restart:.0f} s"),
            acknowledged=ack.writes,
            lost=lost,
            checks="; ".join(verdict["checks"] + verdict["problems"]),
            ok=ok,
        ))  # fmt: skip
        print(f"   round {round_no}: {ack.writes} acknowledged, {lost} lost, "
              f"{verdict['problems'] or 'checks pass'}", file=sys.stderr, flush=True)  # fmt: skip
    server.stop()
    return results


def postgres_restart(server: Server, cluster: Cluster, args: argparse.Namespace) -> list[Result]:
    """Clients read and write for a while; PostgreSQL restarts in the middle; the same
    server processes must answer every request again afterwards."""
    print(f"== {server.label}: starting (PostgreSQL restart)", file=sys.stderr, flush=True)
    server.start()
    token = server.token("anna")
    project = server.demo_project(token)
    pk = project["id"]
    pid = server.process.pid if server.process else 0
    log: list[tuple[float, int]] = []
    lock, stop = threading.Lock(), threading.Event()

    def client(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            if i % 3 == 0:
                status, _ = request(f"{server.base}/api/v1/assistant/ask", method="POST",
                                    token=token, body={"question": QUESTIONS[n % 2]})  # fmt: skip
            elif i % 3 == 1:
                status, _ = request(f"{server.base}/api/v1/projects/{pk}", token=token)
            else:
                status, _ = request(f"{server.base}/health/ready")
            with lock:
                log.append((time.monotonic(), status))
            time.sleep(0.05)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(6)]
    t0 = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    restart_started = time.monotonic()
    cluster.restart()
    restart_done = time.monotonic()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    same_process = server.process is not None and server.process.poll() is None
    server.stop()
    before = [s for t, s in log if t < restart_started]
    during = [s for t, s in log if restart_started <= t <= restart_done]
    after = [s for t, s in log if t > restart_done]
    failed_after = [(t, s) for t, s in log if t > restart_done and not 200 <= s < 300]
    last_failure = max((t for t, _s in failed_after), default=restart_done)
    recovered = last_failure - restart_done
    tail = [s for t, s in log if t > last_failure]
    ok = (same_process and all(200 <= s < 300 for s in before) and bool(tail)
          and all(200 <= s < 300 for s in tail) and recovered < args.seconds)  # fmt: skip
    codes = Counter(s for s in during + after if not 200 <= s < 300)
    detail = (f"pg_ctl restart took {restart_done - restart_started:.1f} s; "
              f"{len(before)} requests before (all 2xx: {all(200 <= s < 300 for s in before)}), "
              f"{len(during)} during, {len(after)} after; failed after the restart: "
              f"{len(failed_after)} {dict(codes) or ''}; every request 2xx again "
              f"{recovered:.1f} s after the restart; same server process (pid {pid}): "
              f"{same_process}; {time.monotonic() - t0:.0f} s in all")  # fmt: skip
    print(f"   {detail}", file=sys.stderr, flush=True)
    return [Result(scenario="PostgreSQL restart during load", server=server.label,
                   detail=detail, acknowledged=sum(1 for _t, s in log if 200 <= s < 300),
                   lost=0, checks="no server restart", ok=ok)]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="kill-embedded,kill-gunicorn,pg-restart")
    parser.add_argument("--writers", type=int, default=8, help="step writers (threads)")
    parser.add_argument("--seconds", type=float, default=6, help="writing before a kill")
    parser.add_argument("--rounds", type=int, default=2, help="kills per server")
    args = parser.parse_args()
    wanted = {w.strip() for w in args.only.split(",")}
    results: list[Result] = []
    skipped: list[str] = []
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with tempfile.TemporaryDirectory(prefix="vejviser-faults-") as tmp:
        work = Path(tmp)
        if "kill-embedded" in wanted:
            server = Server("embedded, SQLite", 1, work / "embedded")
            try:
                results += kill_during_writes(server, args, work)
            finally:
                server.stop()
        cluster = None
        if wanted & {"kill-gunicorn", "pg-restart"}:
            cluster, why = private_cluster()
            if cluster is None:
                skipped.append(f"PostgreSQL scenarios skipped: {why}")
        try:
            if cluster is not None and "kill-gunicorn" in wanted:
                url = cluster.create_database("faults_kill")
                server = Server("gunicorn --workers 2, PostgreSQL", 2, work / "gunicorn", url)
                try:
                    results += kill_during_writes(server, args, work)
                finally:
                    server.stop()
            if cluster is not None and "pg-restart" in wanted:
                url = cluster.create_database("faults_restart")
                server = Server("gunicorn --workers 2, PostgreSQL", 2, work / "restart", url)
                try:
                    results += postgres_restart(server, cluster, args)
                finally:
                    server.stop()
        finally:
            if cluster is not None:
                cluster.stop()
    print(f"\nFault tests {started}, loopback only.\n")
    print("| scenario | server | acknowledged | lost | checks | result |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    for r in results:
        print(f"| {r.scenario} | {r.server} | {r.acknowledged} | {r.lost} | {r.checks} "
              f"| {'pass' if r.ok else 'FAIL'} |")  # fmt: skip
    print()
    for r in results:
        print(f"- {r.scenario} ({r.server}): {r.detail}")
    for line in skipped:
        print(f"- {line}")
    sys.exit(0 if results and all(r.ok for r in results) else 1)


if __name__ == "__main__":
    main()
