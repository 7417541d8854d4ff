"""The development question set must not silently get worse.

The floor is the level reached when the assistant was built (30/30 = 100 %), less one
question: an unrelated content edit that costs one answer does not break the build, two
lost answers do. Our own sets in benchmarks/assistant/ have floors a few points under
their measured rates (one to two questions of slack). Five floors were lowered in
session 5 (t8, h10, h13, h15, h17), when answers stopped adding a further passage's
sentence that holds too little of the question: the term checks lost words that only
the padding held, and blind graded reviews of the answers that changed found them
better (docs/assistant.md, "Session 5").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.evaluation import load_cases, run_eval

DEV_SET = Path(__file__).resolve().parents[3].parent / "shared/eval/assistant_dev.yaml"
BENCH = Path(__file__).resolve().parents[3] / "benchmarks/assistant"
DEV_FLOOR = 0.96
OWN_FLOORS = {
    "questions_extra.yaml": 0.93,
    "questions_paraphrase.yaml": 0.9,
    # The blind sets once tuned on (blind2 and blind4 stay estimates, not floors).
    "questions_blind.yaml": 0.95,
    "questions_blind3.yaml": 0.93,
    # Session 2's sets, each run once as an estimate and then tuned on.
    "questions_t7.yaml": 0.93,
    "questions_t8.yaml": 0.86,
    "questions_h9.yaml": 0.92,
    "questions_h10.yaml": 0.87,
    "questions_h11.yaml": 0.92,
    "questions_h12.yaml": 0.86,
    "questions_h13.yaml": 0.84,
    "questions_h14.yaml": 0.91,
    "questions_h15.yaml": 0.86,
    "questions_h16.yaml": 0.88,
    # Run once and not tuned on: a floor under its first result.
    "questions_h17.yaml": 0.9,
}


@pytest.mark.skipif(not DEV_SET.is_file(), reason="shared/eval/assistant_dev.yaml not present")
def test_dev_set_pass_rate(assistant: Assistant) -> None:
    report = run_eval(assistant, load_cases(DEV_SET), use_llm=False)
    failed = [r.id for r in report.results if not r.passed]
    assert report.pass_rate >= DEV_FLOOR, failed


@pytest.mark.parametrize("name", sorted(OWN_FLOORS))
def test_own_sets_pass_rate(assistant: Assistant, name: str) -> None:
    report = run_eval(assistant, load_cases(BENCH / name), use_llm=False)
    failed = [r.id for r in report.results if not r.passed]
    assert report.pass_rate >= OWN_FLOORS[name], failed
