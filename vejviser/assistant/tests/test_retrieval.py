"""Retrieval: Danish stemming, compounds both ways, n-gram fusion, language detection."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vejviser.assistant.core.answer import is_relevant
from vejviser.assistant.core.corpus import Doc, load_corpus
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.retrieval import Index, Setting
from vejviser.assistant.core.text import Analyzer, detect_language, specificity, split_sentences
from vejviser.assistant.core.tuning import (
    ANSWER_KIND_BONUS,
    PART_CREDIT,
    PARTIAL_CREDIT,
    QUESTION_WORD_BONUS,
)
from vejviser.kernel.schema import SourceRef


def _doc(doc_id: str, da: str, en: str = "text") -> Doc:
    return Doc(
        id=doc_id,
        kind="knowledge",
        title={"da": doc_id, "en": doc_id},
        text={"da": da, "en": en},
        sources=(SourceRef(doc="law", section="1"),),
    )


DOCS = [
    _doc("krav", "Skriv krav til specifikationen, før udbuddet annonceres."),
    _doc("samlet", "Kravspecifikationen bruges i udbuddet."),
    _doc("patienter", "Patienter med hjertesvigt følges tæt af sygeplejersker."),
    _doc("tid", "En ambient scribe kan spare tid på journalføring i konsultationen."),
    _doc("validering", "Produktet valideres på lokale data, før det tages i brug."),
]


def test_danish_stemming_matches_inflections() -> None:
    index = Index(DOCS)
    hits = index.search("validering af produkter", "da")
    assert hits[0].doc.id == "validering"


def test_compound_in_question_finds_separate_words() -> None:
    """'kravspecifikation' finds a text that only says 'krav til specifikationen'."""
    index = Index([d for d in DOCS if d.id != "samlet"])
    hits = index.search("kravspecifikation", "da")
    assert hits and hits[0].doc.id == "krav"
    assert hits[0].coverage == 1.0


def test_separate_words_in_question_find_compound() -> None:
    index = Index([d for d in DOCS if d.id != "krav"])
    hits = index.search("krav til specifikation", "da")
    assert hits and hits[0].doc.id == "samlet"


def test_compound_split_uses_corpus_lexicon() -> None:
    analyzer = Analyzer(
        "da",
        {
            "hjerte",
            "svigt",
            "patienter",
            "patient",
            "data",
            "beskyttelse",
            "forordningen",
            "forordning",
        },
    )
    assert analyzer.compound_parts("hjertesvigtpatienter") == ("hjerte", "svigt", "patienter")
    assert analyzer.compound_parts("databeskyttelsesforordningen") == (
        "data",
        "beskyttelse",
        "forordningen",
    )
    assert analyzer.compound_parts("udbud") == ()


def test_ngram_view_helps_unknown_compound() -> None:
    index = Index(DOCS)
    hits = index.search("hjertesvigtpatienterne", "da")
    assert hits and hits[0].doc.id == "patienter"


def test_real_content_compounds(assistant: Assistant) -> None:
    for question in ("kravspecifikation", "krav til specifikationen"):
        ids = [h.doc.id for h in assistant.search(question, "da")[:3]]
        assert any("krav" in i for i in ids), (question, ids)


def test_unrelated_question_has_no_relevant_hit(assistant: Assistant) -> None:
    """ "Hovedstaden" is in the content (Region Hovedstaden); "Frankrig" nowhere: one
    shared word with a question that has words our content never uses is chance."""
    hits = assistant.search("Hvad er hovedstaden i Frankrig?", "da")
    assert not is_relevant(hits)


def test_language_detection() -> None:
    assert detect_language("Hvad skal en kravspecifikation indeholde?") == "da"
    assert detect_language("Hvornår er der krav om udbud?") == "da"
    assert detect_language("What must a requirement specification contain?") == "en"
    assert detect_language("When is a tender required for our hospital?") == "en"
    assert detect_language("Was ist die Schwelle für eine Ausschreibung?") == "en"
    assert detect_language("Hvad er OPI?") == "da"


def test_language_detection_uses_corpus_vocabulary(assistant: Assistant) -> None:
    assert assistant.language("OPI-kontrakt rettigheder") == "da"
    assert assistant.language("Procurement threshold") == "en"


def test_sentences_do_not_split_after_abbreviations() -> None:
    text = "Efter GDPR art. 35 skal der laves en DPIA. Det gælder bl.a. Region Syddanmark."
    assert split_sentences(text) == [
        "Efter GDPR art. 35 skal der laves en DPIA.",
        "Det gælder bl.a. Region Syddanmark.",
    ]


@given(st.text(max_size=200))
def test_search_never_fails(question: str) -> None:
    index = _SMALL_INDEX
    for lang in ("da", "en"):
        hits = index.search(question, lang)
        assert all(0.0 <= h.coverage <= 1.0 for h in hits)


_SMALL_INDEX = Index(DOCS)


def test_build_from_tiny_content(tiny_content: Path) -> None:
    corpus = load_corpus(tiny_content)
    kinds = {d.kind for d in corpus.docs}
    assert kinds == {"track", "phase", "action", "attention", "role", "knowledge"}
    action = next(d for d in corpus.docs if d.kind == "action")
    assert "Rolle indkoebskonsulent" in action.text["da"]
    assert "Kravene er skrevet." in action.text["da"]
    citation = corpus.citation(action, "da")
    assert citation.title == "Guiden"
    assert citation.url == "https://example.org/guide"
    assert "Handling 1" in citation.ref and "law: § 2" in citation.ref
    track = next(d for d in corpus.docs if d.kind == "track")
    assert "Indkøb" in track.text["da"]


def test_latin_singular_matches_plural_and_compound() -> None:
    """ "kriterium" (and a compound ending in it) finds text that says "kriterier"."""
    docs = [
        _doc("tildeling", "Kriterier for tildeling: pris og kvalitet vægtes."),
        _doc("andet", "Afdelingen vægter gode arbejdsgange højt."),
    ]
    index = Index(docs)
    assert index.search("Hvilket tildelingskriterium vægter mest?", "da")[0].doc.id == "tildeling"
    assert index.search("Hvad er et kriterium?", "da")[0].doc.id == "tildeling"


def test_compound_needs_only_its_smallest_parts() -> None:
    docs = [
        _doc("kvalitet", "Kvalitetssikring og udvikling af forløb i et projekt."),
        _doc("andet", "Produktet valideres på lokale data."),
    ]
    li = Index(docs).langs["da"]
    units = li.query_units("kvalitetsudviklingsprojekt")
    assert li.coverage(units, 0) == 1.0


def test_the_askers_setting_is_left_out() -> None:
    """ "på vores afdeling" says where the asker works, not what the question is about."""
    docs = [
        _doc("skalering", "Løsningen udbredes fra én afdeling til flere afdelinger i regionen."),
        _doc("validering", "Før drift valideres produktet lokalt på egne data."),
    ]
    setting = {"da": Setting(words=("afdeling", "region"), markers=("vores",))}
    index = Index(docs, setting=setting)
    li = index.langs["da"]
    assert li.focus("Hvad skal valideres før drift på vores afdeling?") == (
        "hvad skal valideres før drift på vores"
    )
    assert index.search("Hvad skal valideres før drift på vores afdeling?", "da")[0].doc.id == (
        "validering"
    )
    # Without a marker the word counts, and a question of setting words only is kept.
    assert "afdeling" in li.focus("Hvordan udbredes løsningen til en anden afdeling?")
    assert li.focus("vores afdeling") == "vores afdeling"


def test_everyday_phrase_is_searched_as_the_contents_terms() -> None:
    """ "holder øje med" is not in the content; its terms (overvågning …) are. The phrase
    matches by stem, counts as one unit (any term will do), and its words are no
    unknown words; a mapping whose terms the corpus lacks is ignored."""
    docs = [
        _doc("overvaagning", "Modellen kræver løbende overvågning i drift."),
        _doc("model", "Modellen trænes på data fra mange hospitaler og mange modeller."),
    ]
    phrases = {
        "da": [
            (("holde øje med",), ("tilsyn", "overvågning", "monitorering")),
            (("hvem betaler",), ("finansiering",)),  # not in this corpus: ignored
        ]
    }
    index = Index(docs, phrases=phrases)
    li = index.langs["da"]
    rest, found = li.expand("Hvordan holder vi øje med modellen?")
    assert found == [("overvågning",)]  # the terms this corpus has
    assert "øje" not in rest and "modellen" in rest
    assert li.unknown_words("Hvordan holder vi øje med modellen?") == []
    assert li.expand("Hvem betaler for modellen?") == ("Hvem betaler for modellen?", [])
    hits = index.search("Hvordan holder vi øje med modellen?", "da")
    assert hits[0].doc.id == "overvaagning"
    assert hits[0].coverage == 1.0
    # Without the mapping the everyday words are unknown and the model passage may win.
    assert Index(docs).langs["da"].unknown_words("Hvordan holder vi øje med modellen?")


def test_phrase_terms_in_the_content_are_used_by_the_assistant() -> None:
    """The content's phrase_terms reach the index: an everyday phrase finds the
    passage that uses the content's term."""
    assistant = Assistant.load()
    rest, found = assistant.index.langs["da"].expand("Hvem betaler for projektet?")
    assert any("finansiering" in terms for terms in found)
    assert "betaler" not in rest


def test_everyday_words_weigh_less_than_topic_words() -> None:
    """A word every Danish text uses ("stadig", "virker") weighs less in a question than
    a topic word as rare in the corpus: the passage with the topic word wins."""
    assert specificity("stadig", "da") < specificity("monitorering", "da") == 1.0
    docs = [
        _doc("overvaagning", "Monitorering af modellen i drift opdager fald i kvaliteten."),
        _doc("hverdag", "Systemet virker stadig, når netværket er nede."),
    ]
    hits = Index(docs).search("virker monitorering", "da")
    assert hits[0].doc.id == "overvaagning"


def test_a_compound_counts_in_part_when_the_passage_has_some_of_its_parts() -> None:
    """ "forskningsprojekt" against a passage that says "forskning" but not "projekt"."""
    docs = [
        _doc("forskning", "Fra forskning til drift er vejen lang."),
        _doc("andet", "Et projekt om udbud tager tid."),
    ]
    index = Index(docs)
    hits = {h.doc.id: h for h in index.search("forskningsprojekt drift", "da")}
    assert 0.5 < hits["forskning"].coverage < 1.0
    units = index.langs["da"].query_units("forskningsprojekt")
    assert index.langs["da"].coverage(units, 0) == pytest.approx(PARTIAL_CREDIT / 2)


def test_when_question_prefers_the_passage_with_a_date() -> None:
    docs = [
        _doc("regel", "Reglerne om forbudt praksis gælder for alle udbydere."),
        _doc("frist", "Reglerne om forbudt praksis gælder fra 2. februar 2025."),
    ]
    index = Index(docs)
    question = "hvornår gælder forbudt praksis"
    plain = {h.doc.id: h.score for h in index.search(question, "da")}
    dated = {h.doc.id: h.score for h in index.search(question, "da", kind="date")}
    assert dated["frist"] == pytest.approx(plain["frist"] + ANSWER_KIND_BONUS)
    assert dated["regel"] == pytest.approx(plain["regel"])


def test_answer_kind_comes_from_the_question_words(assistant: Assistant) -> None:
    assert assistant.answer_kind("Hvornår gælder forbuddene?", "da") == "date"
    assert assistant.answer_kind("Hvor mange timer sparer vi?", "da") == "number"
    assert assistant.answer_kind("How many hours do we save?", "en") == "number"
    assert assistant.answer_kind("Hvad er en mini-HTA?", "da") is None


def test_a_title_that_asks_the_same_question_is_preferred() -> None:
    """ "Hvem …?" lifts a passage titled "Hvem …" among passages that match equally."""
    docs = [
        Doc(
            id=doc_id,
            kind="knowledge",
            title={"da": title, "en": title},
            text={"da": "Guiden er skrevet til klinikere og virksomheder.", "en": "text"},
            sources=(SourceRef(doc="law", section="1"),),
        )
        for doc_id, title in (("hvad", "Guidens indhold"), ("hvem", "Hvem guiden er til"))
    ]
    index = Index(docs)
    plain = {h.doc.id: h.score for h in index.search("guiden skrevet til", "da")}
    asked = {h.doc.id: h.score for h in index.search("hvem er guiden skrevet til", "da")}
    assert asked["hvem"] == pytest.approx(plain["hvem"] + QUESTION_WORD_BONUS)
    assert asked["hvad"] == pytest.approx(plain["hvad"])


def test_a_pronoun_in_a_phrase_may_stand_anywhere() -> None:
    """A phrase written "hvem skal vi vælge" matches "hvem vi skal vælge" too; a phrase
    that would be one word without its pronoun ("må vi") keeps the pronoun."""
    docs = [
        _doc("tildeling", "Tildelingskriterier afgør, hvilket tilbud der vinder."),
        _doc("hjemmel", "Der skal være hjemmel til at bruge data."),
    ]
    phrases = {
        "da": [
            (("hvem skal vi vælge",), ("tildelingskriterier",)),
            (("må vi",), ("hjemmel",)),
        ]
    }
    li = Index(docs, phrases=phrases).langs["da"]
    assert li.expand("hvem vi skal vælge")[1] == [("tildelingskriterier",)]
    assert li.expand("hvem skal vi vælge")[1] == [("tildelingskriterier",)]
    assert li.expand("må vi bruge data")[1] == [("hjemmel",)]
    assert li.expand("må leverandøren bruge data")[1] == []
    # Up to three such words in a row: "uden (at skulle i) udbud".
    uden = Index(
        [_doc("udbud", "Et udbud kræves over tærsklen; uden udbud går det ikke.")],
        phrases={"da": [(("uden udbud",), ("udbud",))]},
    ).langs["da"]
    assert uden.expand("kan vi det uden at skulle i udbud")[1] == [("udbud", "uden udbud")]


def test_a_word_used_as_a_word_counts_more_than_inside_a_compound() -> None:
    """ "krav" in "Der er krav om …" is stronger evidence than in "kravspecifikation"."""
    docs = [
        _doc("ord", "Der er krav om udbud, og der skal en specifikation til."),
        _doc("del", "Kravspecifikationen bruges i et udbud."),
    ]
    li = Index(docs).langs["da"]
    units = li.query_units("krav udbud")
    assert li.coverage(units, 0) == 1.0
    krav = units[[sorted(a) for _, alts in units for a in alts].index(["krav"])][0]
    total = sum(w for w, _ in units)
    assert li.coverage(units, 1) == pytest.approx(1 - krav * (1 - PART_CREDIT) / total)
