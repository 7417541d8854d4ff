"""Follow-up questions: which questions lean on the turn before, and how they are
rewritten. The pairs were written before the code (turn before, follow-up, the words the
rewritten question must hold — or None when it must stand on its own)."""

from __future__ import annotations

import pytest

from vejviser.assistant.core.followup import classify, resolve, topic_words

PAIRS = [
    # (previous question, follow-up, kind, words the resolved question must contain)
    ("Hvad er en DPIA?", "og hvem gør det?", "pointer", ["hvem", "DPIA"]),
    ("Hvad er en DPIA?", "hvordan laver vi den?", "pointer", ["hvordan", "DPIA"]),
    (
        "Hvad er en databehandleraftale?",
        "hvornår skal vi have en?",
        "pointer",
        ["hvornår", "databehandleraftale"],
    ),
    ("Hvad er CE-mærkning?", "og hvad koster det?", "pointer", ["koster", "CE-mærkning"]),
    (
        "Hvornår gælder kravene til højrisiko-AI?",
        "hvad med MDR?",
        "contrast",
        ["MDR", "højrisiko-AI", "Hvornår"],
    ),
    (
        "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?",
        "hvad med klasse III?",
        "contrast",
        ["FRIA", "klasse III", "offentligt hospital"],
    ),
    (
        "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?",
        "hvorfor?",
        "bare",
        ["FRIA", "klasse IIa", "hvorfor"],
    ),
    (
        "Skal vi i udbud med en løsning til 3 mio. kr.?",
        "og til 800.000 kr.?",
        "contrast",
        ["udbud", "800.000 kr"],
    ),
    ("Hvad er en vurdering af risikoniveau?", "og hvem?", "bare", ["risikoniveau", "hvem"]),
    ("What is a DPIA?", "and who does it?", "pointer", ["who", "DPIA"]),
    ("What is a DPIA?", "why?", "bare", ["DPIA", "why"]),
    (
        "Is our class IIa device high-risk?",
        "what about class I?",
        "contrast",
        ["class I", "high-risk"],
    ),
]

STANDALONE = [
    ("Hvad er en DPIA?", "Hvad er en FRIA?"),
    ("Hvad er en DPIA?", "Hvem skal godkende en kravspecifikation?"),
    ("Hvad er en DPIA?", "Hvad koster en pizza i Odense?"),
    ("Hvad er en DPIA?", "Tak!"),
    ("Hvad er en DPIA?", "Hvornår er der krav om udbud?"),
    ("Hvad er en DPIA?", "Hvad er der i en kravspecifikation?"),
    ("Hvad er en DPIA?", "ok"),
    (
        "Hvad er en DPIA?",
        "Hvad betyder det for os, når AI-forordningen træder i kraft for medicinsk udstyr?",
    ),
    ("What is a DPIA?", "What does the AI Act require of deployers?"),
]


@pytest.mark.parametrize(("previous", "question", "kind", "must"), PAIRS)
def test_a_follow_up_is_rewritten_with_the_turn_before(previous, question, kind, must):
    assert classify(question) == kind
    found = resolve(question, previous)
    assert found is not None
    assert found.asked == question and found.previous == previous and found.kind == kind
    for word in must:
        assert word.lower() in found.question.lower(), (word, found.question)


@pytest.mark.parametrize(("previous", "question"), STANDALONE)
def test_a_question_with_its_own_topic_is_not_rewritten(previous, question):
    assert resolve(question, previous) is None


def test_no_turn_before_no_follow_up():
    assert resolve("og hvem gør det?", None) is None
    assert resolve("og hvem gør det?", "   ") is None


def test_a_chain_keeps_its_topic():
    first = resolve("og hvem gør det?", "Hvad er en DPIA?")
    assert first is not None
    second = resolve("hvornår?", first.question)
    assert second is not None and "DPIA" in second.question and "hvornår" in second.question


def test_topic_words_leave_out_grammar_question_words_and_pronouns():
    assert topic_words("Hvornår skal vi lave en DPIA for det på hospitalet?") == [
        "DPIA",
        "hospitalet",
    ]


def test_a_contrast_puts_its_own_words_last_so_they_win():
    found = resolve("hvad med klasse III?", "Er klasse IIa højrisiko?")
    assert found is not None
    assert found.question.index("III") > found.question.index("IIa")
