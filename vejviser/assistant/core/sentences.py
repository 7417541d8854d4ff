"""Which sentences of a passage answer a question (pure): each sentence's share of the
question's words, the sentence that opens an answer, the sentences a kept one depends on,
and the choice of a passage's sentences for an answer (:mod:`.answer` composes them)."""

from __future__ import annotations

import re

from vejviser.assistant.core import tuning
from vejviser.assistant.core.corpus import Doc
from vejviser.assistant.core.retrieval import LangIndex
from vejviser.assistant.core.text import has_kind, split_sentences, word_count


def sentence_scores(
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
            share += tuning.ANSWER_KIND_SHARE
        scores.append(share)
    return scores


def _distinguishing_scores(
    index: LangIndex, question: str, sentences: list[str], doc: Doc, kind: str | None
) -> list[float] | None:
    """Each sentence's share of the question's words that tell the passage's sentences
    apart, or None when no word does.

    A question word in most of a passage's sentences is its topic: it cannot say which
    sentence answers ("ambient scribe" and "Region Syddanmark" in "Hvilke afdelinger er
    med i afprøvningen af ambient scribe i Region Syddanmark?"; "afdelinger" can).
    """
    if len(sentences) < 2:
        return None
    units = index.query_units(question)
    terms = [frozenset(index.analyzer.terms(s)) for s in sentences]
    common = tuning.TOPIC_SHARE * len(sentences)
    telling = [
        (w, alts) for w, alts in units if sum(any(a <= t for a in alts) for t in terms) < common
    ]
    total = sum(w for w, _ in telling)
    if not total:
        return None
    scores = []
    for sentence, t in zip(sentences, terms, strict=True):
        share = sum(w for w, alts in telling if any(a <= t for a in alts)) / total
        if share and has_kind(sentence, kind):
            share += tuning.ANSWER_KIND_SHARE
        scores.append(share)
    return scores


def _opening(
    index: LangIndex,
    question: str,
    sentences: list[str],
    scores: list[float],
    doc: Doc,
    kind: str | None,
    margin: float,
    anaphora: frozenset[str],
    labels: tuple[str, ...] = (),
) -> int:
    """The sentence that opens the best passage's answer: the one holding clearly more
    (``margin``) of the question than the lead — first of the words that tell the
    sentences apart, then of all the question's words — unless it refers back or is a
    label line ("Færdig når: …")."""
    if margin >= 1.0:
        return 0  # "what is X?": the lead says what it is
    eligible = [i for i, s in enumerate(sentences) if not s.startswith(labels)]
    for shares in (_distinguishing_scores(index, question, sentences, doc, kind), scores):
        if shares is None:
            continue
        best = max(eligible, key=lambda i: (shares[i], -i), default=0)
        if shares[best] > shares[0] + margin and not refers_back(sentences[best], anaphora):
            return best
    return 0


def refers_back(sentence: str, anaphora: frozenset[str]) -> bool:
    """The sentence opens with a word pointing back to the one before ("Den …")."""
    first = re.match(r"\w+", sentence)
    return bool(first and first.group(0).lower() in anaphora)


def with_antecedents(sentences: list[str], keep: list[int], anaphora: frozenset[str]) -> list[int]:
    """``keep`` plus, for each kept sentence that refers back, the sentences before it
    up to one that does not (its antecedent); and for each kept question ("Er brugen
    forbudt efter art. 5?"), the sentences after it up to one that is not a question:
    a passage's own question is never left without its answer."""
    out = set(keep)
    todo = list(keep)
    while todo:
        i = todo.pop()
        j = i
        while j > 0 and refers_back(sentences[j], anaphora):
            j -= 1
            if j not in out:
                out.add(j)
                todo.append(j)
        j = i
        while j + 1 < len(sentences) and sentences[j].rstrip().endswith("?"):
            j += 1
            if j not in out:
                out.add(j)
                todo.append(j)
    return sorted(out)


def pick_sentences(
    index: LangIndex,
    question: str,
    doc: Doc,
    budget: int,
    top: bool,
    skip_prefixes: tuple[str, ...] = (),
    seen: frozenset[str] = frozenset(),
    anaphora: frozenset[str] = frozenset(),
    kind: str | None = None,
    best_first: bool = False,
    related: float = 0.0,
    margin: float = 0.0,
) -> list[str]:
    """Sentences of a passage in their original order (``best_first``: the sentence
    that answers the question best opens them, the verdict before its reasons).

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
    elif skip_prefixes:
        # The best passage's label lines ("Færdig når: …", "Værktøjer i Vejviser: …")
        # only where they answer the question themselves (a how-to answer adds its
        # roles and tools lines itself: _compose_step).
        label_scores = sentence_scores(index, question, sentences, doc, kind)
        sentences = [
            s
            for s, score in zip(sentences, label_scores, strict=True)
            if not s.startswith(skip_prefixes) or score >= tuning.LABEL_LINE_SCORE
        ]
    if not sentences:
        return []
    usable = [
        top or _novelty(index, s, seen) >= tuning.MIN_NOVELTY for s in sentences
    ]  # a further passage: only sentences that say something new
    if not any(usable):
        return []
    if top and sum(word_count(s) for s in sentences) <= min(budget, tuning.WHOLE_PASSAGE_WORDS):
        if best_first and len(sentences) > 1:
            scores = sentence_scores(index, question, sentences, doc, kind)
            best = _opening(
                index, question, sentences, scores, doc, kind, margin, anaphora, skip_prefixes
            )
            if best:
                return [sentences[best], *(s for i, s in enumerate(sentences) if i != best)]
        return sentences
    fresh = [i for i, ok in enumerate(usable) if ok]
    scores = sentence_scores(index, question, sentences, doc, kind)
    if (
        not top
        and sum(word_count(sentences[i]) for i in fresh) <= min(budget, tuning.SHORT_PASSAGE_WORDS)
        and with_antecedents(sentences, fresh, anaphora) == fresh
        and max(scores[i] for i in fresh) >= related
    ):
        return [sentences[i] for i in fresh]  # a short passage (an attention point): one thought
    scores = [s if ok else 0.0 for s, ok in zip(scores, usable, strict=True)]
    keep: list[int] = []
    used = 0
    first = 0
    if top and best_first:
        # the answer opens with the sentence that answers, then the lead
        first = _opening(
            index, question, sentences, scores, doc, kind, margin, anaphora, skip_prefixes
        )
    if top:
        keep = with_antecedents(sentences, sorted({0, first}), anaphora)
        used = sum(word_count(sentences[i]) for i in keep)
    limit = budget
    for i in sorted(range(len(sentences)), key=lambda i: (-scores[i], i)):
        if i in keep:
            continue
        if scores[i] < (tuning.MIN_SENTENCE_SCORE if top else related):
            break
        if not usable[i]:
            continue
        grown = with_antecedents(sentences, [*keep, i], anaphora)
        n = sum(word_count(sentences[j]) for j in grown if j not in keep)
        if used + n > limit:
            continue
        keep = grown
        used += n
        if not top:
            break
    order = sorted(keep)
    if first and first in keep:
        order = [first, *(i for i in order if i != first)]
    return [sentences[i] for i in order]


def _novelty(index: LangIndex, sentence: str, seen: frozenset[str]) -> float:
    terms = set(index.analyzer.terms(sentence))
    return len(terms - seen) / len(terms) if terms else 0.0
