"""Checks of the assistant's word lists, run when the content is loaded (pure).

The word lists — everyday phrases -> the content's terms (``phrase_terms``), word
variants (``term_variants``) in ``assistant.yaml`` and each knowledge passage's
``keywords`` — steer retrieval for every question, so a defect in them is a load error
naming the file and line, not a silent change of the ranking (issue 16):

- **phrase keys that collide**: two phrases that are the same after normalisation (lower
  case, Snowball stems), in one entry or in two — the second is dead or contradicts the
  first;
- **phrase keys made only of stop words** ("må vi", "hvornår kan vi"): they match the
  wording of almost any question, not its topic, so they pull the question towards the
  terms they map to whatever it is about;
- **keywords that are stop words** ("hvorfor", "hvem er"): a passage keyword is searched
  as part of the passage; a question word makes the passage win questions for their
  form, not their topic (a keyword written in capitals is an abbreviation: "IT");
- **terms absent from the corpus** (:func:`absent_terms`, checked once the journey's
  passages are known too): a phrase's term or a variant group the passages never use in
  any form can only make a question harder to answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from vejviser.assistant.core.schema import AssistantFile, KnowledgeFile
from vejviser.assistant.core.text import STOPWORDS, content_words, stem, words
from vejviser.kernel.files import ContentError
from vejviser.kernel.yamllines import line_of

ASSISTANT_FILE = "assistant.yaml"


def _key(phrase: str, lang: str) -> tuple[str, ...]:
    return tuple(stem(w, lang) for w in words(phrase))


def _only_stop_words(text: str, lang: str) -> bool:
    tokens = words(text)
    return bool(tokens) and all(t in STOPWORDS[lang] for t in tokens)


def check_config(config: AssistantFile, raw: Any) -> list[ContentError]:
    """Colliding and stop-word-only phrase keys of ``phrase_terms``; variants listed
    in two groups of ``term_variants``."""
    errors: list[ContentError] = []

    def error(loc: list[int | str], message: str) -> None:
        errors.append(ContentError(ASSISTANT_FILE, line_of(raw, loc), message))

    for lang, entries in config.phrase_terms.items():
        seen: dict[tuple[str, ...], tuple[int, str]] = {}
        for i, entry in enumerate(entries):
            for j, phrase in enumerate(entry.phrases):
                loc: list[int | str] = ["phrase_terms", lang, i, "phrases", j]
                if _only_stop_words(phrase, lang):
                    error(loc, f"phrase {phrase!r} is made only of stop words ({lang})")
                    continue
                key = _key(phrase, lang)
                if key in seen:
                    entry_of, other = seen[key]
                    where = "in the same entry" if entry_of == i else "of another entry"
                    error(loc, f"phrase {phrase!r} collides with {other!r} {where} ({lang})")
                    continue
                seen[key] = (i, phrase)
    for lang, groups in config.term_variants.items():
        grouped: dict[str, str] = {}
        for i, group in enumerate(groups):
            for j, word in enumerate(group):
                norm = word.lower()
                if norm in grouped:
                    error(
                        ["term_variants", lang, i, j],
                        f"variant {word!r} is also in the group of {grouped[norm]!r} ({lang})",
                    )
                grouped[norm] = group[0]
    return errors


def check_keywords(name: str, topic: KnowledgeFile, raw: Any) -> list[ContentError]:
    """Keywords of a knowledge file's passages that are stop words in either language."""
    errors: list[ContentError] = []
    for i, passage in enumerate(topic.passages):
        for j, keyword in enumerate(passage.keywords):
            if keyword.isupper():  # an abbreviation ("IT"), not the English pronoun
                continue
            if any(_only_stop_words(keyword, lang) for lang in STOPWORDS):
                line = line_of(raw, ["passages", i, "keywords", j])
                errors.append(
                    ContentError(name, line, f"keyword {keyword!r} is a stop word ({passage.id})")
                )
    return errors


def absent_terms(
    config: AssistantFile, raw: Any, texts: Mapping[str, Iterable[str]]
) -> list[ContentError]:
    """Phrase terms no passage uses in any form, and variant groups none of whose words
    a passage uses. ``texts``: per language, every passage's searchable text. A word is
    used when it, its stem or a longer word containing it (a compound) occurs."""
    errors: list[ContentError] = []
    vocab = {lang: {w for t in ts for w in words(t)} for lang, ts in texts.items()}
    stems = {lang: {stem(w, lang) for w in v} for lang, v in vocab.items()}
    joined = {lang: " ".join(sorted(v)) for lang, v in vocab.items()}

    def used(term: str, lang: str) -> bool:
        if lang not in vocab:
            return False
        parts = content_words(term, lang) or words(term)
        return all(
            w in vocab[lang] or stem(w, lang) in stems[lang] or w in joined[lang] for w in parts
        )

    for lang, entries in config.phrase_terms.items():
        for i, entry in enumerate(entries):
            for j, term in enumerate(entry.terms):
                if not used(term, lang):
                    loc: list[int | str] = ["phrase_terms", lang, i, "terms", j]
                    message = f"term {term!r} is used by no passage ({lang})"
                    errors.append(ContentError(ASSISTANT_FILE, line_of(raw, loc), message))
    for lang, groups in config.term_variants.items():
        for i, group in enumerate(groups):
            if not any(used(word, lang) for word in group):
                message = f"no word of the variant group {group[0]!r} is used by a passage ({lang})"
                line = line_of(raw, ["term_variants", lang, i])
                errors.append(ContentError(ASSISTANT_FILE, line, message))
    return errors
