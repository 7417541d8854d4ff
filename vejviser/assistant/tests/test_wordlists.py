"""The assistant's word lists are checked when the content is loaded: colliding phrase
keys, phrases and keywords made only of stop words, and terms no passage uses are load
errors naming the file and line (``vejviser/assistant/core/wordlists.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from vejviser.assistant.core.corpus import (
    ContentError,
    build_corpus,
    load_corpus,
    parse_knowledge,
    read_knowledge,
)
from vejviser.kernel.files import ContentErrors


def _edit_config(root: Path, key: str, value: object) -> None:
    path = root / "knowledge" / "assistant.yaml"
    yaml = YAML(typ="rt")
    config = yaml.load(path.read_text(encoding="utf-8"))
    config[key] = value
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)


def _refused(root: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_corpus(root)
    return str(caught.value)


def test_the_real_word_lists_load() -> None:
    corpus = load_corpus()
    assert corpus.config.phrase_terms["da"]


def test_the_tiny_content_loads_with_consistent_word_lists(tiny_content: Path) -> None:
    _edit_config(
        tiny_content,
        "phrase_terms",
        {"da": [{"phrases": ["holde styr på data"], "terms": ["databeskyttelse"]}]},
    )
    _edit_config(tiny_content, "term_variants", {"da": [["patient", "patienter", "syge"]]})
    assert load_corpus(tiny_content).config.phrase_terms["da"][0].terms == ["databeskyttelse"]


def test_phrases_that_collide_after_normalisation_are_refused(tiny_content: Path) -> None:
    _edit_config(
        tiny_content,
        "phrase_terms",
        {
            "da": [
                {"phrases": ["beskytte data"], "terms": ["databeskyttelse"]},
                {"phrases": ["beskytter data"], "terms": ["patienter"]},
            ]
        },
    )
    message = _refused(tiny_content)
    assert "assistant.yaml:" in message
    assert "'beskytter data' collides with 'beskytte data' of another entry" in message


def test_an_inflected_copy_in_the_same_entry_is_refused(tiny_content: Path) -> None:
    _edit_config(
        tiny_content,
        "phrase_terms",
        {"da": [{"phrases": ["beskytte data", "beskytter data"], "terms": ["databeskyttelse"]}]},
    )
    assert "in the same entry" in _refused(tiny_content)


def test_a_phrase_of_question_words_only_is_refused(tiny_content: Path) -> None:
    """ "hvad koster" may stay (koster is a content word); "må vi" may not."""
    _edit_config(
        tiny_content,
        "phrase_terms",
        {"da": [{"phrases": ["må vi"], "terms": ["databeskyttelse"]}]},
    )
    assert "'må vi' is made only of stop words" in _refused(tiny_content)


def test_a_term_no_passage_uses_is_refused(tiny_content: Path) -> None:
    _edit_config(
        tiny_content,
        "phrase_terms",
        {"da": [{"phrases": ["holde styr på data"], "terms": ["bødestraf"]}]},
    )
    message = _refused(tiny_content)
    assert "term 'bødestraf' is used by no passage" in message
    assert "knowledge/assistant.yaml:" in message


def test_a_variant_group_no_passage_uses_is_refused(tiny_content: Path) -> None:
    _edit_config(tiny_content, "term_variants", {"da": [["pizza", "pizzaer"]]})
    assert "variant group 'pizza'" in _refused(tiny_content)


def test_a_variant_in_two_groups_is_refused(tiny_content: Path) -> None:
    _edit_config(
        tiny_content, "term_variants", {"da": [["patient", "syge"], ["personoplysninger", "syge"]]}
    )
    assert "variant 'syge' is also in the group of 'patient'" in _refused(tiny_content)


def test_a_stop_word_keyword_is_refused_with_its_file_and_line(tiny_content: Path) -> None:
    path = tiny_content / "knowledge" / "emne.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    sources: [{doc: law", "    keywords: [GDPR, hvorfor]\n    sources: [{doc: law"
    )
    path.write_text(text, encoding="utf-8")
    docs, _ = read_knowledge(tiny_content)
    with pytest.raises(ContentErrors) as caught:
        parse_knowledge(docs)
    [error] = caught.value.errors
    assert error.path == "emne.yaml"
    assert error.line == 9  # the keywords line
    assert "keyword 'hvorfor' is a stop word (databeskyttelse)" in error.message


def test_an_abbreviation_in_capitals_is_not_a_stop_word(tiny_content: Path) -> None:
    path = tiny_content / "knowledge" / "emne.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    sources: [{doc: law", "    keywords: [IT]\n    sources: [{doc: law"
    )
    path.write_text(text, encoding="utf-8")
    assert load_corpus(tiny_content).doc("knowledge:databeskyttelse") is not None


def test_the_running_site_logs_an_absent_term_and_goes_on(
    tiny_content: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A content editor who retires a knowledge file must not stop the assistant: the
    site builds its corpus with ``strict=False``, and the index leaves the term out."""
    _edit_config(
        tiny_content,
        "phrase_terms",
        {"da": [{"phrases": ["holde styr på data"], "terms": ["bødestraf"]}]},
    )
    docs, _ = read_knowledge(tiny_content)
    corpus = build_corpus(parse_knowledge(docs), strict=False)
    assert corpus.doc("knowledge:databeskyttelse") is not None
    assert "term 'bødestraf' is used by no passage" in caplog.text
