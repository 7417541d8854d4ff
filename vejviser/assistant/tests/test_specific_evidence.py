"""A passage is evidence for a question only when it shares a word that says what the
question is about (issue 16, item 4): ``LangIndex.specific`` and the rule in
``answer._covers``."""

from __future__ import annotations

from dataclasses import replace

from vejviser.assistant.core.answer import is_relevant
from vejviser.assistant.core.corpus import Doc
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.retrieval import Hit, Index
from vejviser.assistant.core.tuning import NEARLY_ALL, TITLED_MATCHES
from vejviser.kernel.schema import SourceRef


def _doc(doc_id: str, da: str) -> Doc:
    return Doc(
        id=doc_id,
        kind="knowledge",
        title={"da": doc_id, "en": doc_id},
        text={"da": da, "en": "text"},
        sources=(SourceRef(doc="law", section="1"),),
    )


def test_a_word_is_specific_when_rare_or_far_more_common_in_our_content(
    assistant: Assistant,
) -> None:
    li = assistant.index.langs["da"]
    assert li.specific("databehandleraftale")  # rare in the language
    assert li.specific("data") and li.specific("leverandøren")  # common, but our topic's
    # Everyday words our content uses only in passing: "tog" (took), "pas på", "nyt".
    assert not any(li.specific(w) for w in ("toget", "tage", "pas", "nyt", "hund"))


def test_a_one_word_phrase_matched_only_through_its_stem_shows_nothing() -> None:
    """ "hoster" maps to the content's terms; "min hoste" (a cough) has the same stem.
    The phrase still stands for the terms, but a passage that shares only it is no
    evidence; the phrase as written is."""
    docs = [_doc("dba", "En databehandleraftale er nødvendig, når leverandøren behandler data.")]
    index = Index(docs, phrases={"da": [(("hoster",), ("databehandleraftale",))]})
    li = index.langs["da"]
    assert li.expand("Hvad med min hoste?")[1] == [("databehandleraftale",)]
    assert index.search("Hvad med min hoste?", "da")[0].specific == 0
    assert index.search("Leverandøren hoster vores data", "da")[0].specific >= 1


def test_a_passage_sharing_only_everyday_words_is_not_relevant() -> None:
    hit = Hit(doc=_doc("x", "tekst"), score=1.0, coverage=1.0, matched=2, units=2)
    assert not is_relevant([hit])  # "Hvordan får jeg et nyt pas?"
    assert is_relevant([replace(hit, specific=1)])
    # Nearly all of a longer question ("forhold mellem pris og kvalitet") is evidence.
    several = replace(hit, matched=TITLED_MATCHES, units=TITLED_MATCHES, coverage=NEARLY_ALL)
    assert is_relevant([several])


def test_the_former_chance_matches_are_not_answered(assistant: Assistant) -> None:
    for question in (
        "Kan jeg tage min hund med i toget?",
        "Hvordan får jeg et nyt pas?",
        "Hvordan slipper jeg af med min hoste?",
    ):
        assert assistant.ask(question).mode == "no-answer", question
    # … while the same words in a question about our content still answer it.
    hosted = assistant.ask(
        "Leverandøren vil hoste patientoplysningerne i skyen – hvad skal vi have på plads?"
    )
    assert hosted.mode == "offline"
