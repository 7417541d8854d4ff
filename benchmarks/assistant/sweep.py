"""Sweep one ranking constant of the assistant and measure every question set.

All ranking constants live in ``vejviser/assistant/core/tuning.py``. This script sets
one of them to each given value, rebuilds the index (some are used when it is built),
and runs the development set, our own sets in this folder and the off-topic set,
printing for each value the questions passed with a 95 % Wilson interval and how many
off-topic questions got "I don't know". The held-out sets ``questions_h18.yaml`` to
``questions_h29.yaml`` are never run here (they must not be tuned on).

Run from the repository root:

    .venv/bin/python benchmarks/assistant/sweep.py COVERAGE_WEIGHT 0.3 0.4 0.5 0.6
    .venv/bin/python benchmarks/assistant/sweep.py MIN_COVERAGE 0.30 0.34 0.38 --json
    (in a worktree: --dev /work/shared/eval/assistant_dev.yaml)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1].parent
sys.path.insert(0, str(REPO))

from ruamel.yaml import YAML  # noqa: E402

from vejviser.assistant.core import tuning  # noqa: E402
from vejviser.assistant.core.engine import Assistant  # noqa: E402
from vejviser.assistant.core.evaluation import load_cases, run_eval  # noqa: E402
from vejviser.evidence.core.proportions import wilson_interval  # noqa: E402

HERE = Path(__file__).resolve().parent
DEV_SET = REPO.parent / "shared" / "eval" / "assistant_dev.yaml"
HELD_OUT = {f"questions_h{n}.yaml" for n in range(18, 30)}  # never tuned on


def question_sets(dev: Path = DEV_SET) -> list[Path]:
    sets = [dev] if dev.is_file() else []
    return sets + sorted(p for p in HERE.glob("questions_*.yaml") if p.name not in HELD_OUT)


def measure(dev: Path = DEV_SET) -> dict[str, Any]:
    """Pass counts over every set, and the off-topic questions not answered."""
    assistant = Assistant.load()
    passed = total = 0
    per_set = {}
    for path in question_sets(dev):
        report = run_eval(assistant, load_cases(path), use_llm=False)
        ok = sum(r.passed for r in report.results)
        per_set[path.name] = [ok, len(report.results)]
        passed += ok
        total += len(report.results)
    offtopic = YAML(typ="safe").load((HERE / "offtopic.yaml").read_text(encoding="utf-8"))
    unanswered = sum(assistant.ask(c["q"]).mode == "no-answer" for c in offtopic)
    low, high = wilson_interval(passed, total)
    return {
        "passed": passed,
        "total": total,
        "rate": passed / total,
        "wilson95": [low, high],
        "offtopic_unanswered": unanswered,
        "offtopic_total": len(offtopic),
        "per_set": per_set,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("name", help="a constant of vejviser/assistant/core/tuning.py")
    parser.add_argument("values", nargs="+", type=float)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument(
        "--dev", type=Path, default=DEV_SET, help="the development set (shared/eval/…)"
    )
    args = parser.parse_args()
    if not hasattr(tuning, args.name) or not args.name.isupper():
        parser.error(f"{args.name} is not a constant of core/tuning.py")
    original = getattr(tuning, args.name)
    results = []
    try:
        for value in args.values:
            typed = int(value) if isinstance(original, int) else value
            setattr(tuning, args.name, typed)
            result = {"name": args.name, "value": typed, **measure(args.dev)}
            results.append(result)
            if not args.json:
                low, high = result["wilson95"]
                print(
                    f"{args.name}={typed}: {result['passed']}/{result['total']} "
                    f"({result['rate']:.3f}, 95 % {low:.3f}–{high:.3f}); off-topic not answered "
                    f"{result['offtopic_unanswered']}/{result['offtopic_total']}"
                )
    finally:
        setattr(tuning, args.name, original)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
