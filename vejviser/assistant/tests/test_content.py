"""The assistant's knowledge content: valid, bilingual, short, and citing known sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from vejviser.assistant.core.corpus import ContentError, load_corpus
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.text import word_count


def test_every_passage_cites_a_known_source(assistant: Assistant) -> None:
    corpus = assistant.corpus
    unknown = {(d.id, r.doc) for d in corpus.docs for r in d.sources if r.doc not in corpus.sources}
    assert not unknown


def test_knowledge_passages_are_short_and_bilingual(assistant: Assistant) -> None:
    knowledge = [d for d in assistant.corpus.docs if d.kind == "knowledge"]
    assert len(knowledge) > 100
    for doc in knowledge:
        for lang in ("da", "en"):
            assert doc.text[lang].strip() and doc.title[lang].strip(), doc.id
            assert word_count(doc.text[lang]) <= 110, (doc.id, lang)


def test_journey_is_indexed_when_present(assistant: Assistant) -> None:
    kinds = {d.kind for d in assistant.corpus.docs}
    assert "knowledge" in kinds
    if (Path(assistant.corpus.files[0]).parents[1] / "journey").glob("*.yaml"):
        assert {"track", "phase", "action", "attention"} <= kinds


def test_bad_knowledge_file_names_the_file(tiny_content: Path) -> None:
    (tiny_content / "knowledge" / "broken.yaml").write_text(
        "topic: {da: X, en: X}\nreviewed: 2026-01-01\npassages: []\n", encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"broken\.yaml"):
        load_corpus(tiny_content)


def test_duplicate_passage_ids_are_refused(tiny_content: Path) -> None:
    src = tiny_content / "knowledge" / "emne.yaml"
    (tiny_content / "knowledge" / "emne2.yaml").write_text(src.read_text("utf-8"), "utf-8")
    with pytest.raises(ContentError, match="duplicate passage id"):
        load_corpus(tiny_content)


def test_files_are_read_anew_after_an_edit(tiny_content: Path) -> None:
    first = load_corpus(tiny_content)
    path = tiny_content / "knowledge" / "emne.yaml"
    path.write_text(path.read_text("utf-8").replace("gælder for", "gælder altid for"), "utf-8")
    second = load_corpus(tiny_content)
    old = next(d for d in first.docs if d.kind == "knowledge").text["da"]
    new = next(d for d in second.docs if d.kind == "knowledge").text["da"]
    assert "altid" not in old and "altid" in new
