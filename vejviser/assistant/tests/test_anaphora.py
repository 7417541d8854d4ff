"""A sentence that points back ("Den giver …") is never used without its antecedent."""

from __future__ import annotations

from vejviser.assistant.core.sentences import refers_back, with_antecedents

ANAPHORA = frozenset({"den", "det", "derfor"})


def test_refers_back_on_first_word_only() -> None:
    assert refers_back("Den giver mulighed for dialog.", ANAPHORA)
    assert not refers_back("Vestre Viken brugte den.", ANAPHORA)
    assert not refers_back("Dengang var det anderledes.", ANAPHORA)


def test_antecedents_are_added_back_to_a_plain_sentence() -> None:
    sentences = ["Vestre Viken brugte dialog.", "Den var åben.", "Derfor virkede den.", "Slut."]
    assert with_antecedents(sentences, [2], ANAPHORA) == [0, 1, 2]
    assert with_antecedents(sentences, [3], ANAPHORA) == [3]
    assert with_antecedents(sentences, [0, 1], ANAPHORA) == [0, 1]
