"""Off-topic questions get "I don't know", never an answer from a neighbouring passage.

``benchmarks/assistant/offtopic.yaml`` holds 108 everyday questions (food, sport,
weather, IT support, travel, personal health, other matters) and
``offtopic_dev5.yaml`` 60 harder ones that share words with our content ("AI", "app",
"region", "godkendt", "tog", "pas", homographs of domain words), all written before they
were run. The few our content still answers by chance are listed in ``KNOWN_MISSES`` as
strict expected failures: they are the open part of issue 16, item 4, and the test
fails when one of them starts passing, so the list cannot go stale.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from vejviser.assistant.core.engine import Assistant

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks/assistant"
CASES = YAML(typ="safe").load((BENCHMARKS / "offtopic.yaml").read_text(encoding="utf-8"))
DEV5 = YAML(typ="safe").load((BENCHMARKS / "offtopic_dev5.yaml").read_text(encoding="utf-8"))
#: Still answered by chance (session 5): questions about AI, apps or chatbots in
#: general ("AI", "kunstig intelligens", "chatbot" are our topic's words), a compound
#: of a domain word ("regionsrådet"), "godkendt" beside a word split into known parts
#: ("byggetilladelse"), "delete my data", "Odense" (where our content's test sites
#: are). The three earlier misses ("toget" read as "tog" = took, "et nyt pas", "min
#: hoste" read as "hoster") are answered no more: evidence must share a specific word
#: (core/retrieval.py: ``LangIndex.specific``), and a one-word phrase matched only
#: through its stem is no such word. "Slet min konto og mine data på Facebook" became
#: one when the market's requirement passages were indexed (session 5: "sletning" and
#: "data" made "sletter" a word of our topic).
KNOWN_MISSES = {
    *("d5-ai-01", "d5-ai-08", "d5-ai-10", "d5-adm-02", "d5-adm-08", "d5-en-02", "d5-en-06"),
    "d5-ai-09",
}


def _params(cases: list[dict[str, str]]) -> list[object]:
    return [
        pytest.param(c, id=c["id"], marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if c["id"] in KNOWN_MISSES
        else pytest.param(c, id=c["id"])
        for c in cases
    ]


def test_the_set_has_at_least_100_everyday_questions() -> None:
    assert len(CASES) >= 100
    assert {c["kind"] for c in CASES} >= {"food", "sport", "weather", "it", "travel", "health"}
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert len(DEV5) == 60 and len({c["id"] for c in CASES + DEV5}) == len(CASES) + 60


@pytest.mark.parametrize("case", _params(CASES + DEV5))
def test_offtopic_question_is_not_answered(assistant: Assistant, case: dict[str, str]) -> None:
    answer = assistant.ask(case["q"])
    assert answer.mode == "no-answer", (answer.text, answer.passages)
    assert not answer.sources


def test_every_question_is_asked_whole() -> None:
    """A question with a comma must be quoted in the YAML flow mapping, or it is cut."""
    for case in CASES + DEV5:
        assert set(case) == {"id", "kind", "q"} and case["q"].endswith("?"), case


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



def test_a_question_about_our_subject_is_not_told_to_ask_a_doctor(assistant: Assistant) -> None:
    """ "I don't know" to a question about AI regulation leaves out the note meant for
    off-topic and personal health questions; it still names whom to ask."""
    question = "Hvad siger AI-forordningen og GDPR om kommunernes lønsystemer?"
    hits = assistant.search(question, "da")
    assert max(h.specific for h in hits[:2]) >= 2  # it shares the regulations' names
    unknown = assistant._no_answer(question, "da", hits)
    assert unknown.mode == "no-answer"
    assert "læge" not in unknown.text and "Spørg i stedet" in unknown.text
    health = assistant.ask("Jeg har haft hovedpine i tre dage, hvad skal jeg tage?")
    assert health.mode == "no-answer" and "læge" in health.text
