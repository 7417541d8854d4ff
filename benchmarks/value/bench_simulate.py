"""Benchmark of the value core (issue 6 targets), run by ``make bench``.

1. Core time of 1,000,000 Monte Carlo iterations of a 10-input, 10-year case
   (target ≤ 1 s on the 2-core development machine): CPU time of ``monte_carlo`` alone.
2. End to end for the default 10,000 iterations: load the YAML, deterministic figures,
   tornado, simulation, JSON report (target: shown in the browser within 0.5 s),
   and the same plus the three SVG plots.

Run: ``.venv/bin/python benchmarks/value/bench_simulate.py [--repeat N]``.
Figures are reported in ``docs/value.md``.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from vejviser.value.core import (  # noqa: E402
    deterministic,
    load_case,
    monte_carlo,
    plots,
    report,
    scenarios,
    tornado,
)

CASE = Path(__file__).with_name("bench-case.yaml")
SCRIBE = ROOT / "content" / "value" / "cases" / "ambient-scribe.yaml"


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(best CPU, median CPU, median wall) seconds over ``repeat`` runs."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return min(cpu), statistics.median(cpu), statistics.median(wall)


def end_to_end(path: Path, iterations: int, with_plots: bool) -> str:
    case = load_case(path)
    det = deterministic(case)
    bars = tornado(case)
    sim = monte_carlo(case, iterations, seed=1)
    variants = scenarios(case, iterations, seed=1) if case.scenarios else None
    out = json.dumps(report.simulation_report(sim, det, bars, variants))
    if with_plots:
        out += plots.npv_histogram(sim) + plots.tornado_chart(case, bars, det.npv)
        out += plots.cashflow_chart(det, sim)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    case = load_case(CASE)
    uncertain = sum(1 for inp in case.inputs.values() if inp.range is not None)
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"{platform.machine()}, case: {uncertain} uncertain inputs, "
        f"{case.horizon_years} years"
    )
    monte_carlo(case, 50_000, seed=0)  # warm up
    rows = [
        (
            "core: 1,000,000 iterations (10 inputs, 10 years)",
            lambda: monte_carlo(case, 1_000_000, seed=1),
            1.0,
        ),
        ("core: 10,000 iterations", lambda: monte_carlo(case, 10_000, seed=1), None),
        ("end to end: bench case, 10,000, JSON", lambda: end_to_end(CASE, 10_000, False), 0.5),
        (
            "end to end: ambient scribe + 2 scenarios, 10,000, JSON",
            lambda: end_to_end(SCRIBE, 10_000, False),
            0.5,
        ),
        (
            "end to end: ambient scribe, 10,000, JSON + 3 SVG plots",
            lambda: end_to_end(SCRIBE, 10_000, True),
            None,
        ),
    ]
    print(f"{'benchmark':58} {'best cpu':>9} {'median cpu':>11} {'median wall':>12}  target")
    for name, fn, target in rows:
        best, med, wall = measure(fn, args.repeat)
        verdict = "" if target is None else ("ok" if med <= target else "MISSED") + f" ≤ {target} s"
        print(f"{name:58} {best:9.3f} {med:11.3f} {wall:12.3f}  {verdict}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
