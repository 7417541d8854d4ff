"""Benchmark of the evidence core's binary validation (issue 5 targets).

Measured in the same run, on the same synthetic file (score with six decimals, 0/1
label, site and sex; 20 % prevalence):

a. The whole CLI run — ``vejviser validate binary FILE --score --label --positive
   --format json`` in-process (read CSV, CPR check, DeLong AUC, Youden threshold, all
   threshold metrics with intervals, threshold table, ROC, calibration, JSON) — against
   the reference ``pandas.read_csv`` + ``sklearn.metrics.roc_auc_score``.
   Target: ratio ≤ 1.5.
b. The AUC + DeLong core (``auc_delong``) against ``numpy.sort`` of the same scores.
   Target: ratio ≤ 2.5. Reported for the file's scores (six decimals, so many ties) and
   for full-precision scores (no ties).
c. 10 M rows through the CLI in a child process (the file is streamed): wall time and
   peak resident memory of the child (``os.wait4`` rusage).

Each pair (ours, reference) is timed back to back. Reported: the median of the per-pair
wall-clock ratios (the headline for a, where pyarrow reads with two threads) and the
ratio of the best CPU times (the headline for b, both sides single-threaded, which is
the figure least disturbed by other work on a shared machine).

Run: ``.venv/bin/python benchmarks/evidence/bench_binary.py [--rows N] [--big-rows N]
[--repeat N] [--skip-big] [--keep DIR]``. Figures are reported in ``docs/evidence.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ARGS = ["--score", "score", "--label", "label", "--positive", "1", "--format", "json"]


def write_csv(path: Path, rows: int, seed: int = 1, chunk: int = 1_000_000) -> None:
    """A synthetic validation file written in chunks with pyarrow (fast, low memory)."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.csv as pcsv  # type: ignore[import-untyped]

    rng = np.random.default_rng(seed)
    sites = np.array(["Aarhus", "Odense", "Aalborg", "Herlev"])
    writer = None
    with path.open("wb") as sink:
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            labels = rng.random(n) < 0.2
            scores = np.round(1 / (1 + np.exp(-(rng.normal(size=n) + 1.2 * labels - 1.5))), 6)
            table = pa.table(
                {
                    "score": scores,
                    "label": labels.astype(np.int8),
                    "site": sites[rng.integers(0, 4, n)],
                    "sex": np.where(rng.random(n) < 0.5, "K", "M"),
                }
            )
            if writer is None:
                writer = pcsv.CSVWriter(sink, table.schema)
            writer.write_table(table)
        if writer is not None:
            writer.close()


def paired(
    ours: Callable[[], object], reference: Callable[[], object], repeat: int
) -> dict[str, float]:
    """Time ``ours`` and ``reference`` back to back ``repeat`` times (after one warm-up):
    wall-clock and CPU time (CPU time is less disturbed by other work on a shared
    machine, but counts every thread, so it only suits single-threaded pairs)."""
    ours()
    reference()
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for k, fn in enumerate((ours, reference)):
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall[k].append(time.perf_counter() - w0)
            cpu[k].append(time.process_time() - c0)
    ratios = [x / y for x, y in zip(*wall, strict=True)]
    return {
        "ours_median_s": statistics.median(wall[0]),
        "reference_median_s": statistics.median(wall[1]),
        "ratio_median": statistics.median(ratios),
        "ratio_of_best": min(wall[0]) / min(wall[1]),
        "ratio_of_best_cpu": min(cpu[0]) / min(cpu[1]),
    }


def bench_cli(path: Path, repeat: int) -> dict[str, object]:
    import pandas as pd  # type: ignore[import-untyped]
    from click.testing import CliRunner
    from sklearn.metrics import roc_auc_score  # type: ignore[import-untyped]

    from vejviser.evidence.cli import validate

    runner = CliRunner()

    def cli(extra: tuple[str, ...] = ()) -> Callable[[], object]:
        def run() -> object:
            result = runner.invoke(validate, ["binary", str(path), *ARGS, *extra])
            assert result.exit_code == 0, result.output
            return result

        return run

    def reference() -> float:
        frame = pd.read_csv(path)
        return float(roc_auc_score(frame["label"], frame["score"]))

    ours = json.loads(cli()().stdout)  # type: ignore[attr-defined]
    assert abs(ours["auc"]["estimate"] - reference()) < 1e-12
    return {
        "plain": paired(cli(), reference, repeat),
        "with_subgroups_site_and_sex": paired(
            cli(("--subgroup", "site", "--subgroup", "sex")), reference, max(3, repeat // 2)
        ),
    }


def bench_core(path: Path, repeat: int) -> dict[str, object]:
    from vejviser.evidence.core.auc import auc_delong
    from vejviser.evidence.core.inputs import read_binary

    data = read_binary(path, score="score", label="label", positive="1")
    scores, labels = data.scores, data.labels
    rng = np.random.default_rng(5)
    smooth = 1 / (1 + np.exp(-(rng.normal(size=labels.size) + 1.2 * labels - 1.5)))
    results = {}
    for name, x in (("file_scores_6_decimals", scores), ("full_precision_scores", smooth)):
        results[name] = paired(lambda x=x: auc_delong(x, labels), lambda x=x: np.sort(x), repeat)
    logits = np.log(smooth / (1 - smooth))
    results["full_precision_logits"] = paired(
        lambda: auc_delong(logits, labels), lambda: np.sort(logits), repeat
    )
    return results


def bench_big(path: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "vejviser.evidence.cli", "binary", str(path), *ARGS]
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE)  # noqa: S603
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, child.stderr.read().decode() if child.stderr else ""
    return {
        "rows": None,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "wall_s": round(elapsed, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--big-rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--keep", type=Path, default=None, help="Keep the CSV files here.")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="vejviser-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    small = folder / f"binary_{options.rows}.csv"
    if not small.exists():
        write_csv(small, options.rows)
    out: dict[str, object] = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "rows": options.rows,
        "file_mb": round(small.stat().st_size / 1e6, 1),
        "a_cli_vs_pandas_sklearn": bench_cli(small, options.repeat),
        "b_auc_delong_vs_numpy_sort": bench_core(small, max(3 * options.repeat, 21)),
    }
    if not options.skip_big:
        big = folder / f"binary_{options.big_rows}.csv"
        if not big.exists():
            write_csv(big, options.big_rows, seed=2)
        result = bench_big(big)
        result["rows"] = options.big_rows
        out["c_big_file_cli"] = result
        if options.keep is None:
            big.unlink()
    if options.keep is None:
        small.unlink()
        folder.rmdir()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
