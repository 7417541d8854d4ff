"""Start-up time of the CLI, as the difference to (and ratio over) a bare ``python -c
pass`` measured in the same run, so a busy machine shows up in both. Figures go to
docs/cli.md.

    .venv/bin/python benchmarks/cli/bench_startup.py [--repeat 9] [--json]

Measured, each in a fresh process, runs interleaved with the bare Python runs:

- ``vejviser --help`` (lists every command without importing the command modules);
- ``vejviser value --help`` (imports the value command, not its plotting);
- ``vejviser ask "…"`` from a cold start with a warm index: content loaded into a
  throwaway database, the index file for that revision written by one earlier question;
- ``vejviser ask "…"`` with no index file for the revision (the index is built).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Hvornår er der krav om udbud?"


CPU: dict[str, list[float]] = {}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict[str, str], name: str = "") -> float:
    """Wall seconds to run ``args`` (our own interpreter and CLI) to the end; its CPU
    seconds (user + system: steadier on a busy machine) go to ``CPU[name]``."""
    cpu = _cpu()
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    elapsed = time.perf_counter() - start
    CPU.setdefault(name, []).append(_cpu() - cpu)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    opts = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="vejviser-bench-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "VEJVISER_VAR_DIR": str(work / "var"),
        "VEJVISER_CACHE_DIR": str(work / "cache"),
    }
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "vejviser.cli"]
    try:
        _run([*cli, "content", "load"], env)
        _run([*cli, "ask", QUESTION], env)  # writes the index file
        cases = {
            "vejviser --help": [*cli, "--help"],
            "vejviser value --help": [*cli, "value", "--help"],
            "vejviser ask (cold start, warm index)": [*cli, "ask", QUESTION],
        }
        bare = [sys.executable, "-c", "pass"]
        times: dict[str, list[float]] = {name: [] for name in ["python -c pass", *cases]}
        cold: list[float] = []
        for _ in range(opts.repeat):
            for name, args in cases.items():
                times["python -c pass"].append(_run(bare, env, "python -c pass"))
                times[name].append(_run(args, env, name))
        for _ in range(max(1, opts.repeat // 3)):
            shutil.rmtree(work / "cache", ignore_errors=True)
            cold.append(_run([*cli, "ask", QUESTION], env, "vejviser ask (no index file: built)"))
        times["vejviser ask (no index file: built)"] = cold
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(times["python -c pass"])
    base_cpu = statistics.median(CPU["python -c pass"])
    rows = []
    for name, values in times.items():
        med = statistics.median(values)
        cpu = statistics.median(CPU[name])
        rows.append(
            {
                "command": name,
                "median_s": round(med, 3),
                "over_python_s": round(med - base, 3),
                "ratio": round(med / base, 1),
                "cpu_s": round(cpu, 3),
                "cpu_over_python_s": round(cpu - base_cpu, 3),
                "runs": len(values),
            }
        )
    if opts.json:
        print(json.dumps({"load_average": os.getloadavg(), "rows": rows}, indent=2))
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"{'command':42} {'median s':>9} {'over python':>12} {'ratio':>6} {'CPU s':>6}"
        f" {'CPU over python':>16}"
    )
    for row in rows:
        print(
            f"{row['command']:42} {row['median_s']:9.3f} {row['over_python_s']:12.3f}"
            f" {row['ratio']:6.1f} {row['cpu_s']:6.3f} {row['cpu_over_python_s']:16.3f}"
        )


if __name__ == "__main__":
    main()
