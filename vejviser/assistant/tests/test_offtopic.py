"""Off-topic questions get "I don't know", never an answer from a neighbouring passage.

``benchmarks/assistant/offtopic.yaml`` holds 108 everyday questions (food, sport,
weather, IT support, travel, personal health, other matters), written before they were
run. The few our content still answers by chance are listed in ``KNOWN_MISSES`` as
strict expected failures: they are the open part of issue 16, item 4, and the test
fails when one of them starts passing, so the list cannot go stale.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from vejviser.assistant.core.engine import Assistant

OFFTOPIC = Path(__file__).resolve().parents[3] / "benchmarks/assistant/offtopic.yaml"
CASES = YAML(typ="safe").load(OFFTOPIC.read_text(encoding="utf-8"))
#: Still answered by chance: an everyday word the content uses in another sense,
#: matched through its stem ("toget" -> "tog" = took; "pas" as in "pas på"; "hoste" =
#: cough, the stem of the phrase "hoster" = hosts). travel-01 ("Hvornår går det næste
#: tog til Aarhus?") is no longer answered since 2026-12-03: one shared word out of
#: four or more is chance (``CHANCE_UNITS`` in core/answer.py). Matching one-word
#: phrases as written instead of by stem would fix health-11 but loses "vil hoste
#: patientoplysningerne" (b6-03) and inflected synonyms (h11-10), so it was not kept.
KNOWN_MISSES = {"travel-08", "travel-13", "health-11"}


def test_the_set_has_at_least_100_everyday_questions() -> None:
    assert len(CASES) >= 100
    assert {c["kind"] for c in CASES} >= {"food", "sport", "weather", "it", "travel", "health"}
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=c["id"], marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if c["id"] in KNOWN_MISSES
        else pytest.param(c, id=c["id"])
        for c in CASES
    ],
)
def test_offtopic_question_is_not_answered(assistant: Assistant, case: dict[str, str]) -> None:
    answer = assistant.ask(case["q"])
    assert answer.mode == "no-answer", (answer.text, answer.passages)
    assert not answer.sources


@pytest.mark.parametrize(
    "question", ["Hvad koster en pizza i Odense?", "Hvor langt er et halvmaraton?"]
)
def test_a_tuned_phrase_does_not_answer_an_unrelated_question(
    assistant: Assistant, question: str
) -> None:
    """ "hvad koster" and "hvor langt er" map to the content's terms (fines, maturity)
    only in a question whose other words our content knows."""
    assert assistant.ask(question).mode == "no-answer"


def test_a_personal_health_question_is_told_to_ask_a_doctor(assistant: Assistant) -> None:
    answer = assistant.ask("Hvor mange panodiler må jeg tage om dagen?")
    assert answer.mode == "no-answer"
    assert "læge" in answer.text
    english = assistant.ask("I have a sore throat, should I take antibiotics?")
    assert english.mode == "no-answer" and "doctor" in english.text


def test_the_fines_are_still_found_with_the_phrase(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad koster det, hvis vi overtræder AI-forordningen?")
    assert answer.mode == "offline"
    assert any("sanktion" in p for p in answer.passages)
