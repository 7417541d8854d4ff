"""Offline answers: citations, word cap, language, "I don't know", input caps, tools."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from vejviser.assistant.core.answer import MAX_WORDS, cap_words
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.text import has_kind, split_sentences, word_count

CITATION = re.compile(r"\[(\d+)\]")


def test_answer_cites_numbered_sources(assistant: Assistant) -> None:
    answer = assistant.ask("Hvornår er der krav om udbud?")
    assert answer.mode == "offline"
    numbers = [int(n) for n in CITATION.findall(answer.text)]
    assert numbers and sorted(set(numbers)) == list(range(1, len(answer.sources) + 1))
    for source in answer.sources:
        assert source.title and source.ref
        assert source.url is None or source.url.startswith("http")
    assert "1,6 mio" in answer.text


def test_json_shape(assistant: Assistant) -> None:
    data = assistant.ask("Hvad er OPI?").as_json()
    assert set(data) == {"answer", "pointer", "sources", "latency_ms"}
    assert isinstance(data["latency_ms"], float)
    assert all(set(s) == {"title", "ref", "url"} for s in data["sources"])


def test_answers_are_concise(assistant: Assistant) -> None:
    for question in (
        "Hvad kræves der af et højrisiko-AI-system efter AI-forordningen?",
        "Hvilke faser består sporet for en ny idé af?",
        "Hvad skal en kravspecifikation til et AI-produkt indeholde?",
        "What does the AI Act require of a hospital that deploys high-risk AI?",
    ):
        assert word_count(assistant.ask(question).text) <= MAX_WORDS


@given(st.lists(st.sampled_from(["Ord", "ord.", "En sætning.", "lang", "[1]"]), max_size=400))
def test_cap_words_never_exceeds_limit(parts: list[str]) -> None:
    text = " ".join(parts)
    assert word_count(cap_words(text, 50)) <= 51  # the cut may add an ellipsis


def test_english_question_gets_english_answer(assistant: Assistant) -> None:
    answer = assistant.ask("How much time can an ambient scribe save?")
    assert answer.lang == "en"
    assert "20" in answer.text and "51" in answer.text
    assert answer.sources[0].title.isascii() or "Guidelines" in answer.sources[0].title


def test_other_language_is_answered_in_english(assistant: Assistant) -> None:
    answer = assistant.ask("Welche Phasen hat der Weg für eine neue Idee?")
    assert answer.lang == "en"


def test_unknown_question_says_so_and_names_a_role(assistant: Assistant) -> None:
    answer = assistant.ask("Hvordan bager man rugbrød?")
    assert answer.mode == "no-answer"
    assert answer.sources == []
    assert "ved jeg ikke" in answer.text
    assert "Innovationskonsulent" in answer.text


def test_unknown_legal_question_names_the_lawyer(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad siger loven om parkering ved hospitalet?")
    assert answer.mode == "no-answer"
    assert assistant.corpus.role_title("jurist", "da") in answer.text


def test_unknown_english_question(assistant: Assistant) -> None:
    answer = assistant.ask("What is the capital of France?")
    assert answer.lang == "en" and answer.mode == "no-answer"
    assert "don't know" in answer.text


def test_empty_question_gets_message_in_both_languages(assistant: Assistant) -> None:
    answer = assistant.ask("   ")
    assert answer.mode == "invalid"
    assert "Skriv et spørgsmål" in answer.text and "Please write a question" in answer.text


def test_too_long_question_is_refused(assistant: Assistant) -> None:
    limit = assistant.config.max_question_chars
    answer = assistant.ask("Hvad er OPI? " * (limit // 10))
    assert answer.mode == "invalid"
    assert str(limit) in answer.text
    english = assistant.ask("What is the threshold for a tender? " * (limit // 20))
    assert english.mode == "invalid" and "too long" in english.text


def test_assessment_question_points_to_tool(assistant: Assistant) -> None:
    answer = assistant.ask("Er vores produkt højrisiko efter AI-forordningen?")
    assert answer.tool == "assessment:ai-act"
    # the pointer is navigation under the answer, not part of its text
    assert "assessment:ai-act" in answer.pointer and "assessment:ai-act" not in answer.text
    assert answer.pointer in answer.render("Kilder")  # the CLI prints it
    assert answer.sources  # still answered from the knowledge
    gdpr = assistant.ask("Skal vi lave en konsekvensanalyse?")
    assert gdpr.tool == "assessment:gdpr"


def test_plain_question_has_no_tool(assistant: Assistant) -> None:
    plain = assistant.ask("Hvad er en ambient scribe?")
    assert plain.tool is None and plain.pointer == ""


def test_tiny_content_answers_with_its_sources(tiny_content: Path) -> None:
    small = Assistant.load(tiny_content, llm=None)
    answer = small.ask("Hvad er kravspecifikationen?")
    assert answer.mode == "offline"
    assert answer.sources[0].title == "Guiden"
    assert answer.text.endswith("]") or "assessment:" in answer.text


def _keyword_content(root: Path) -> None:
    filler = " ".join(
        f"Sætning nummer {n} handler om noget helt andet end emnet her og fylder blot."
        for n in range(1, 9)
    )
    (root / "knowledge" / "ord.yaml").write_text(
        "topic: {da: Ord, en: Words}\n"
        "reviewed: 2026-01-01\n"
        "passages:\n"
        "  - id: overgang\n"
        "    title: {da: Overgangsregler, en: Transition rules}\n"
        "    text:\n"
        f"      da: Denne tekst indleder emnet kort. {filler} Overgangsreglerne løber til 2028.\n"
        "      en: This text opens the topic. The transition rules apply until 2028.\n"
        "    keywords: [direktivcertifikat, legacy certificate]\n"
        "    sources: [{doc: law, section: 'Art. 120'}]\n",
        encoding="utf-8",
    )


def test_keywords_find_a_passage_but_are_never_shown(tiny_content: Path) -> None:
    _keyword_content(tiny_content)
    small = Assistant.load(tiny_content, llm=None)
    answer = small.ask("Hvad med et direktivcertifikat?")
    assert answer.mode == "offline"
    assert answer.passages == ["knowledge:overgang"]
    assert "direktivcertifikat" not in answer.text.lower()


def test_keyword_match_keeps_the_sentence_with_the_main_term(tiny_content: Path) -> None:
    """Found through a keyword only, the answer still states the passage's main term
    (its title word), not just the passage's lead sentence."""
    _keyword_content(tiny_content)
    small = Assistant.load(tiny_content, llm=None)
    answer = small.ask("Hvad med et direktivcertifikat?")
    assert "Overgangsreglerne løber til 2028." in answer.text
    assert "Sætning nummer 5" not in answer.text  # the filler is left out


def test_an_action_answer_says_where_in_the_journey_it_belongs(tiny_content: Path) -> None:
    small = Assistant.load(tiny_content, llm=None)
    answer = small.ask("Hvordan opstiller vi kravene til specifikationen?")
    assert answer.passages[0] == "action:spor:opstil-krav"
    assert answer.text.startswith("Indkøb (Prøvespor) – Opstil krav: Skriv kravene")


def _dated_content(root: Path) -> None:
    filler = " ".join(
        f"Forbuddene gælder også for systemtype nummer {n} i praksis." for n in range(1, 16)
    )
    (root / "knowledge" / "frister.yaml").write_text(
        "topic: {da: Frister, en: Deadlines}\n"
        "reviewed: 2026-01-01\n"
        "passages:\n"
        "  - id: forbud\n"
        "    title: {da: Forbudte praksisser, en: Prohibited practices}\n"
        "    text:\n"
        f"      da: Forbuddene rammer manipulerende AI. {filler} Forbuddene gælder for alle"
        " systemtyper fra den 2. februar 2025 og fremefter i hele Unionen.\n"
        "      en: The prohibitions hit manipulative AI. They apply from 2 February 2025.\n"
        "    sources: [{doc: law, section: 'Art. 5'}]\n",
        encoding="utf-8",
    )


def test_a_when_question_keeps_the_sentence_with_the_date(tiny_content: Path) -> None:
    _dated_content(tiny_content)
    small = Assistant.load(tiny_content, llm=None)
    assert "2. februar 2025" in small.ask("Hvornår gælder forbuddene?").text
    # The same words without a question for a date: the passage is too long to show
    # whole, and the equally matching sentences before the date fill the answer.
    assert "2. februar 2025" not in small.ask("Hvordan gælder forbuddene?").text


def test_a_why_question_opens_with_the_reason(assistant: Assistant) -> None:
    # "hvorfor" asks for a reason (answer_types: reason): the sentence that gives one
    # ("Formålet …", "… fordi …") opens the answer, not the passage's description.
    answer = assistant.ask("Hvorfor vil regionen teste ambient scribe grundigt, før man køber det?")
    assert answer.text.startswith("Formålet"), answer.text
    english = assistant.ask("Why does the region test the ambient scribe before buying it?")
    assert has_kind(split_sentences(english.text)[0], "reason"), english.text


def test_the_sentence_that_answers_leads_when_it_holds_clearly_more(
    assistant: Assistant,
) -> None:
    # Not a yes/no or number question, but the deadline sentence holds much more of
    # the question than the passage's lead about post-market surveillance.
    answer = assistant.ask(
        "Hvor hurtigt skal en alvorlig hændelse med medicinsk udstyr indberettes?"
    )
    assert answer.text.startswith("Alvorlige hændelser indberettes inden 15 dage"), answer.text


def test_the_answering_sentence_is_told_apart_by_the_words_not_every_sentence_has(
    assistant: Assistant,
) -> None:
    # Every sentence of the test passage names "ambient scribe" and most name the
    # region: "afdelinger" tells the sentence with the test sites apart, and it leads.
    answer = assistant.ask(
        "Hvilke afdelinger er med i afprøvningen af ambient scribe i Region Syddanmark?"
    )
    assert answer.text.startswith("Teststederne"), answer.text


def test_a_further_passage_only_when_it_matches_as_well_or_answers_the_open_part(
    assistant: Assistant,
) -> None:
    from vejviser.assistant.core import tuning
    from vejviser.assistant.core.answer import select_hits

    index = assistant.index.langs["da"]
    # The passage on what an ambient scribe is ranks first and leaves "risici" open;
    # the one on its risks answers that part and follows.
    question = "Hvilke risici er der ved tale-til-tekst løsninger i konsultationen?"
    answer = assistant.ask(question)
    assert "fejlgenerering" in answer.text and "[2]" in answer.text, answer.text
    # Every chosen passage matches about as well as the best one, or adds to it.
    for q in (question, "Hvad er public steal?", "Hvor mange timer sparer AI-indtegning?"):
        hits = assistant.search(q, "da")
        chosen = select_hits(hits, index, q)
        units = index.query_units(q)
        first = index.position(chosen[0].doc.id)
        for hit in chosen[1:]:
            at = index.position(hit.doc.id)
            assert first is not None and at is not None
            assert (
                hit.coverage >= tuning.RELATED_COVERAGE * chosen[0].coverage
                or index.open_covered(units, first, at) > 0
            ), (q, hit.doc.id)


def test_what_is_keeps_the_passages_own_lead(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad er CAI-X, og hvem står bag?")
    assert answer.text.startswith("CAI-X er"), answer.text


def test_a_journey_steps_place_opens_only_a_when_or_how_answer(assistant: Assistant) -> None:
    what = assistant.ask("Hvad bruges resultaterne fra den prospektive vurdering til?")
    assert what.passages[0].startswith("action:") and " – " not in what.text.split(":")[0]
    how = assistant.ask("Hvordan laver jeg en business case for en AI-løsning til røntgen?")
    assert how.text.startswith("Idéudvikling (Ny idé) – "), how.text
