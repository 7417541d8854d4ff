"""Offline answers: composed from the best passages' own sentences, with numbered
citations. No network, no model: what it says is what the content says."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vejviser.assistant.core.corpus import Citation, Corpus, Doc
from vejviser.assistant.core.retrieval import Hit, LangIndex
from vejviser.assistant.core.text import has_kind, split_sentences, word_count

MAX_WORDS = 150  # the whole answer, notices included
BODY_WORDS = 120  # what the passages may use
MIN_COVERAGE = 0.34  # below this the best passage does not answer the question
MIN_COVERAGE_TITLED = 0.28  # … unless its title has a question word and it has
TITLED_MATCHES = 3  # … at least this many of the question's words
MIN_COVERAGE_SINGLE = 0.6
RELEVANT_DEPTH = 2  # the passages that may show the question is answerable
RELATED_COVERAGE = 0.5  # a further passage must cover this share of the top one's
MAX_PASSAGES = 3
WHOLE_PASSAGE_WORDS = 90  # a top passage this short is used whole
SHORT_PASSAGE_WORDS = 40  # a further passage this short is used whole
MIN_SENTENCE_SCORE = 0.2  # share of the question a further sentence of the top passage needs
MIN_NOVELTY = 0.5  # share of a further sentence's words not already in the answer
MIN_RELATED_SENTENCE_SCORE = 0.3  # … and the one sentence taken from another passage
ANSWER_KIND_SHARE = 0.2  # added to a sentence holding the kind of fact asked for (a date)


@dataclass(frozen=True)
class Link:
    """A place in Vejviser an answer points to (a project's step, a tool)."""

    label: str
    url: str

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "url": self.url}


@dataclass
class Answer:
    text: str
    sources: list[Citation]
    lang: str
    mode: str  # offline | llm | project | no-answer | invalid
    latency_ms: float = 0.0
    removed: dict[str, int] = field(default_factory=dict)
    tool: str | None = None
    passages: list[str] = field(default_factory=list)  # ids of the passages used
    #: Places in Vejviser to go on to (the project's steps, a tool on a step).
    links: list[Link] = field(default_factory=list)
    #: The question as answered: stripped and with identifiers removed (safe to store).
    question: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "sources": [c.as_dict() for c in self.sources],
            "latency_ms": round(self.latency_ms, 3),
        }

    def render(self, heading: str) -> str:
        lines = [self.text]
        if self.sources:
            lines += ["", f"{heading}:"]
            for n, c in enumerate(self.sources, 1):
                url = f" <{c.url}>" if c.url else ""
                lines.append(f"[{n}] {c.title} – {c.ref}{url}")
        return "\n".join(lines)


def is_relevant(hits: Sequence[Hit]) -> bool:
    """The best passage covers enough of the question's weight. When it shares only one
    word, not in its title, with a question that also has words our content never uses,
    it must cover clearly more: the one shared word is then often chance ("bager
    rugbrød" matches "bag" in our text, and "rugbrød" is nowhere). The best passage is
    one of the first ``RELEVANT_DEPTH``: the ranking also weighs BM25, so a passage
    found through its keywords may rank just above one that holds more question words."""
    return any(_covers(hit) for hit in hits[:RELEVANT_DEPTH])


def _covers(hit: Hit) -> bool:
    chance = hit.matched <= 1 and hit.unknown and not hit.in_title
    if chance:
        needed = MIN_COVERAGE_SINGLE
    elif hit.in_title and hit.matched >= TITLED_MATCHES:
        needed = MIN_COVERAGE_TITLED  # a long question whose topic is the passage's
    else:
        needed = MIN_COVERAGE
    # Unless the evidence shares several of the question's words (a question about our
    # content with words we lack: a pasted English sentence, a product name), what it
    # covers must outweigh the part of the question our content knows nothing about
    # (words no passage uses in any form: "pizza", "storm"), so a question about
    # something else is not answered from one or two shared everyday words.
    outweighs = hit.matched >= TITLED_MATCHES or hit.coverage > hit.unknown_share
    return hit.coverage >= needed and outweighs


def select_hits(hits: Sequence[Hit]) -> list[Hit]:
    """The top passage and the next ones that cover enough of the question."""
    if not is_relevant(hits):
        return []
    top = hits[0].coverage
    chosen = [hits[0]]
    for hit in hits[1:]:
        if len(chosen) == MAX_PASSAGES:
            break
        if hit.coverage >= max(MIN_COVERAGE, RELATED_COVERAGE * top):
            chosen.append(hit)
    return chosen


def _sentence_scores(
    index: LangIndex,
    question: str,
    sentences: list[str],
    doc: Doc | None = None,
    kind: str | None = None,
) -> list[float]:
    """Each sentence's share of the question's (idf-weighted) words.

    A question word the passage has only among its search ``keywords`` (a synonym or
    abbreviation: "overgangsperiode" for the transition rules) matches no sentence.
    Its weight goes to the sentences that name the passage's main term (a word of its
    title), so the sentence the user was looking for is kept, not paraphrased away.
    """
    units = index.query_units(question)
    total = sum(w for w, _ in units) or 1.0
    sentence_terms = [frozenset(index.analyzer.terms(s)) for s in sentences]
    bridged = 0.0
    title_terms: frozenset[str] = frozenset()
    if doc is not None and doc.keywords:
        text_terms = frozenset().union(*sentence_terms)
        keyword_terms = frozenset(index.analyzer.terms(" ".join(doc.keywords)))
        bridged = sum(
            w
            for w, alts in units
            if not any(a <= text_terms for a in alts) and any(a <= keyword_terms for a in alts)
        )
        title_terms = frozenset(index.analyzer.terms(doc.title[index.lang]))
    scores = []
    for sentence, terms in zip(sentences, sentence_terms, strict=True):
        score = sum(w for w, alts in units if any(a <= terms for a in alts))
        if bridged and terms & title_terms:
            score += bridged
        share = score / total
        if share and has_kind(sentence, kind):
            share += ANSWER_KIND_SHARE
        scores.append(share)
    return scores


def _refers_back(sentence: str, anaphora: frozenset[str]) -> bool:
    """The sentence opens with a word pointing back to the one before ("Den …")."""
    first = re.match(r"\w+", sentence)
    return bool(first and first.group(0).lower() in anaphora)


def _with_antecedents(sentences: list[str], keep: list[int], anaphora: frozenset[str]) -> list[int]:
    """``keep`` plus, for each kept sentence that refers back, the sentences before it
    up to one that does not (its antecedent)."""
    out = set(keep)
    for i in keep:
        j = i
        while j > 0 and _refers_back(sentences[j], anaphora):
            j -= 1
            out.add(j)
    return sorted(out)


def _pick_sentences(
    index: LangIndex,
    question: str,
    doc: Doc,
    budget: int,
    top: bool,
    skip_prefixes: tuple[str, ...] = (),
    seen: frozenset[str] = frozenset(),
    anaphora: frozenset[str] = frozenset(),
    kind: str | None = None,
) -> list[str]:
    """Sentences of a passage in their original order.

    The best passage: whole when short, else its first sentence (passages are written
    lead first) and then the sentences that match the question best. A further
    passage: its best matching sentence, if it matches well enough, says something new
    (not mostly words already used) and is not a label line ("Færdig når: …"). A
    sentence that opens with a word pointing back ("Den …", ``anaphora``) comes with
    the sentences before it that it depends on, or not at all.
    """
    sentences = split_sentences(doc.text[index.lang])
    if not top:
        sentences = [s for s in sentences if not s.startswith(skip_prefixes)]
    if not sentences:
        return []
    usable = [
        top or _novelty(index, s, seen) >= MIN_NOVELTY for s in sentences
    ]  # a further passage: only sentences that say something new
    if not any(usable):
        return []
    if top and sum(word_count(s) for s in sentences) <= min(budget, WHOLE_PASSAGE_WORDS):
        return sentences
    fresh = [i for i, ok in enumerate(usable) if ok]
    if (
        not top
        and sum(word_count(sentences[i]) for i in fresh) <= min(budget, SHORT_PASSAGE_WORDS)
        and _with_antecedents(sentences, fresh, anaphora) == fresh
    ):
        return [sentences[i] for i in fresh]  # a short passage (an attention point): one thought
    scores = _sentence_scores(index, question, sentences, doc, kind)
    scores = [s if ok else 0.0 for s, ok in zip(scores, usable, strict=True)]
    if not top and max(scores) < MIN_RELATED_SENTENCE_SCORE:
        scores[0] = MIN_RELATED_SENTENCE_SCORE  # the passage matches as a whole: its lead
    keep: list[int] = []
    used = 0
    if top:
        keep, used = [0], word_count(sentences[0])
    limit = budget
    for i in sorted(range(len(sentences)), key=lambda i: (-scores[i], i)):
        if i in keep:
            continue
        if scores[i] < (MIN_SENTENCE_SCORE if top else MIN_RELATED_SENTENCE_SCORE):
            break
        if not usable[i]:
            continue
        grown = _with_antecedents(sentences, [*keep, i], anaphora)
        n = sum(word_count(sentences[j]) for j in grown if j not in keep)
        if used + n > limit:
            continue
        keep = grown
        used += n
        if not top:
            break
    return [sentences[i] for i in sorted(keep)]


def _novelty(index: LangIndex, sentence: str, seen: frozenset[str]) -> float:
    terms = set(index.analyzer.terms(sentence))
    return len(terms - seen) / len(terms) if terms else 0.0


def compose(
    corpus: Corpus,
    index: LangIndex,
    question: str,
    hits: Sequence[Hit],
    kind: str | None = None,
) -> tuple[str, list[Citation], list[str]]:
    """Answer text with [n] citations, the citations, and the passage ids used.
    ``kind``: the kind of fact asked for (a date, a number); sentences holding one are
    preferred."""
    parts: list[str] = []
    citations: list[Citation] = []
    used_ids: list[str] = []
    budget = BODY_WORDS
    msg = corpus.config.messages
    labels = tuple(f"{label.get(index.lang)}:" for label in (msg.action_done, msg.action_roles))
    seen: frozenset[str] = frozenset()
    anaphora = frozenset(w.lower() for w in corpus.config.anaphora.get(index.lang, []))
    for rank, hit in enumerate(select_hits(hits)):
        sentences = _pick_sentences(
            index,
            question,
            hit.doc,
            budget,
            top=rank == 0,
            skip_prefixes=labels,
            seen=seen,
            anaphora=anaphora,
            kind=kind,
        )
        if not sentences:
            continue
        seen = seen | frozenset(t for s in sentences for t in index.analyzer.terms(s))
        citations.append(corpus.citation(hit.doc, index.lang))
        used_ids.append(hit.doc.id)
        lead = hit.doc.lead.get(index.lang) if rank == 0 else None
        body = " ".join([lead, *sentences] if lead else sentences)
        parts.append(f"{body} [{len(citations)}]")
        budget -= word_count(body)
        if budget < 12:
            break
    return " ".join(parts), citations, used_ids


def cap_words(text: str, limit: int = MAX_WORDS) -> str:
    """Cut text to ``limit`` words at a sentence end where possible."""
    if word_count(text) <= limit:
        return text
    kept: list[str] = []
    for sentence in split_sentences(text):
        if word_count(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    if kept:
        return " ".join(kept)
    return " ".join(re.findall(r"\S+", text)[:limit]) + " …"
