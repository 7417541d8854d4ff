"""Two questions in one (issue 16, item 1: "a question about two things answers both")."""

from __future__ import annotations

import re

import pytest

from vejviser.assistant.core.compound import split_question
from vejviser.assistant.core.engine import Assistant


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        (
            "Hvor mange behov startede Vestre Viken med, og hvor mange gik de videre med?",
            "Hvor mange behov startede Vestre Viken med?",
            "hvor mange gik de videre med (behov startede Vestre Viken)?",
        ),
        ("Hvad er CAI-X, og hvem står bag?", "Hvad er CAI-X?", "hvem står bag (CAI-X)?"),
        (
            "Er triage højrisiko og fra hvornår gælder kravene?",
            "Er triage højrisiko?",
            "fra hvornår gælder kravene (triage højrisiko)?",
        ),
    ],
)
def test_split_a_compound_question(question: str, first: str, second: str) -> None:
    parts = split_question(question)
    assert parts is not None and (parts.first, parts.second) == (first, second)


@pytest.mark.parametrize(
    "question",
    [
        "Hvad er en DPIA?",
        "hvorfor og hvordan?",  # no topic of its own before "og"
        "Hvem står bag og hvorfor?",  # the second part is a bare question word
        "Hvad er forskellen på en DPIA og en FRIA?",  # "og" not before a question word
    ],
)
def test_one_question_is_not_split(question: str) -> None:
    assert split_question(question) is None


def test_the_second_part_is_answered_from_its_own_passage(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Vi har fundet et produkt, vi gerne vil anskaffe. Hvem i organisationen skal vi "
        "samarbejde med om købet, og hvornår skal det i udbud?"
    )
    assert "indkøbsafdeling" in answer.text and "tærskelværdi" in answer.text, answer.text
    assert len(answer.sources) == len(answer.passages) == 2
    assert "[2]" in answer.text
    assert len(re.findall(r"\S+", answer.text)) <= 150


def test_a_second_part_the_first_passage_answers_adds_nothing(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad er CAI-X, og hvem står bag?")
    assert answer.passages == ["knowledge:cai-x"] and "SDU" in answer.text
