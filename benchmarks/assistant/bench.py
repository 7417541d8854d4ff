"""Benchmark of the offline assistant: start-up, index build, warm query latency and
pass rates on the question sets. Figures go to docs/assistant.md.

Run from the repository root:

    .venv/bin/python benchmarks/assistant/bench.py [--repeat 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from vejviser.assistant.core.corpus import load_corpus  # noqa: E402
from vejviser.assistant.core.engine import Assistant  # noqa: E402
from vejviser.assistant.core.evaluation import (  # noqa: E402
    EvalCase,
    load_cases,
    percentile,
    run_eval,
)
from vejviser.assistant.core.retrieval import Index  # noqa: E402

DEV_SET = REPO.parent / "shared" / "eval" / "assistant_dev.yaml"
EXTRA_SET = REPO / "benchmarks" / "assistant" / "questions_extra.yaml"
PARAPHRASE_SET = REPO / "benchmarks" / "assistant" / "questions_paraphrase.yaml"

# Runs in a fresh interpreter: everything from "python starts" to "first answer".
COLD_START = """
import time, json
t0 = time.perf_counter()
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.corpus import load_corpus
t1 = time.perf_counter()
corpus = load_corpus()
t2 = time.perf_counter()
assistant = Assistant(corpus, llm=None)
t3 = time.perf_counter()
assistant.ask("Hvornår er der krav om udbud?")
t4 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "index_s": t3 - t2,
                  "first_answer_s": t4 - t3, "total_s": t4 - t0}))
"""


def cold_start(cache_dir: str) -> dict[str, float]:
    env = {**os.environ, "VEJVISER_CACHE_DIR": cache_dir, "PYTHONPATH": str(REPO)}
    env.pop("LLM_BASE_URL", None)
    start = time.perf_counter()
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", COLD_START],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    result["process_s"] = time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the questions")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        first_run = cold_start(cache)  # empty YAML cache: every file parsed
        warm_cache = [cold_start(cache) for _ in range(3)]  # parsed content cached
    restart = min(warm_cache, key=lambda r: r["total_s"])

    corpus = load_corpus()
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        Index(corpus.docs, corpus.config.term_variants)
        builds.append(time.perf_counter() - start)
    assistant = Assistant(corpus, llm=None)

    sets: dict[str, list[EvalCase]] = {
        "extra": load_cases(EXTRA_SET),
        "paraphrase": load_cases(PARAPHRASE_SET),
    }
    if DEV_SET.is_file():
        sets["dev"] = load_cases(DEV_SET)
    questions = [c.q for cases in sets.values() for c in cases]
    for q in questions:  # warm up caches once
        assistant.ask(q)
    latencies = []
    for _ in range(args.repeat):
        for q in questions:
            latencies.append(assistant.ask(q).latency_ms)

    rates = {name: run_eval(assistant, cases).pass_rate for name, cases in sets.items()}
    report: dict[str, Any] = {
        "passages": len(corpus.docs),
        "cpu_count": os.cpu_count(),
        "first_start_empty_cache": first_run,
        "restart_cached_content": restart,
        "index_build_s_median": statistics.median(builds),
        "index_build_s_max": max(builds),
        "queries": len(latencies),
        "query_ms_p50": statistics.median(latencies),
        "query_ms_p95": percentile(latencies, 95),
        "query_ms_max": max(latencies),
        "pass_rate": rates,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"passages indexed            {report['passages']}")
    print(
        f"first start (empty cache)   {first_run['total_s']:.2f} s to first answer "
        f"(import {first_run['import_s']:.2f}, load {first_run['load_s']:.2f}, "
        f"index {first_run['index_s']:.2f}, answer {first_run['first_answer_s']:.3f})"
    )
    print(
        f"restart (cached content)    {restart['total_s']:.2f} s to first answer "
        f"(import {restart['import_s']:.2f}, load {restart['load_s']:.2f}, "
        f"index {restart['index_s']:.2f}, answer {restart['first_answer_s']:.3f})"
    )
    print(
        f"index build (all content)   median {report['index_build_s_median']:.3f} s, "
        f"max {report['index_build_s_max']:.3f} s"
    )
    print(
        f"warm query latency          p50 {report['query_ms_p50']:.2f} ms, "
        f"p95 {report['query_ms_p95']:.2f} ms, max {report['query_ms_max']:.2f} ms "
        f"({report['queries']} queries)"
    )
    for name, rate in rates.items():
        print(f"pass rate {name:<17} {rate:.1%}")


if __name__ == "__main__":
    main()
