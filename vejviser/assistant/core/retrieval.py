"""The retrieval index: two BM25 views per language fused by reciprocal rank fusion.

- the *stem* view: Snowball stems without stop words, plus the parts of Danish
  compounds split with a lexicon built from the corpus itself;
- the *n-gram* view: character 4-grams of the content words, which catches compounds
  and inflections the lexicon misses.

Build once (:meth:`Index.build`) and reuse; a query costs two sparse score vectors.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import bm25s  # type: ignore[import-untyped]
import numpy as np
from numpy.typing import NDArray

from vejviser.assistant.core import tuning
from vejviser.assistant.core.corpus import LANGS, Doc
from vejviser.assistant.core.text import (
    Analyzer,
    content_words,
    has_kind,
    specificity,
    stem,
    words,
    zipf,
)

# bm25s sets its logger to DEBUG; under Django's console handler every index build would
# print "Building index from tokens".
logging.getLogger("bm25s").setLevel(logging.WARNING)

# A passage whose title opens with the question's own question word gets a small lift
# (tuning.QUESTION_WORD_BONUS). Only question words that say what kind of answer is
# wanted; "hvad" and "hvilke" open almost any question.
QUESTION_WORDS = {
    "da": frozenset({"hvem", "hvornår", "hvorfor", "hvordan"}),
    "en": frozenset({"who", "when", "why", "how"}),
}
#: The words for Vejviser's tools: a question with one asks about a tool.
TOOL_WORDS = {"da": ("værktøj", "værktøjer"), "en": ("tool", "tools")}
ANSWERS_HOW = {"da": {"sådan": "hvordan"}, "en": {}}
LOWER_WORD_RE = re.compile(r"(?<![\w-])[a-zæøåéü][\wæøåéü]*")

#: Words that may stand inside an everyday phrase ("holder *vi* øje med", "må *man
#: egentlig*", "hvor *skal vi* starte"): subject pronouns, fillers and modal verbs.
PHRASE_GAP = {
    "da": frozenset(
        {"vi", "man", "jeg", "i", "du", "de", "den", "det", "egentlig", "så", "nu"}
        | {"skal", "skulle", "kan", "bør", "vil"}  # modal verbs: "hvor skal vi starte"
        | {"at"}  # the infinitive marker: "uden (at skulle) i udbud"
    ),
    "en": frozenset({"we", "i", "you", "they", "it", "really", "actually"}),
}

#: A query unit: (weight, alternatives); a passage has the unit when it has all terms of
#: any one alternative.
Unit = tuple[float, tuple[frozenset[str], ...]]


@dataclass(frozen=True)
class Hit:
    doc: Doc
    score: float  # fused (RRF) score, for ranking only
    coverage: float  # 0..1: share of the question's weight found in the passage
    matched: int = 0  # how many of the question's content words the passage has
    unknown: int = 0  # question words found nowhere in the corpus
    in_title: bool = False  # a question word is in the passage's title
    #: 0..1: share of the question's weight in words no passage uses in any form
    unknown_share: float = 0.0
    #: how many units (content words, phrases) the question has
    units: int = 0
    #: how many of the question's specific units (:meth:`LangIndex.specific`) it has
    specific: int = 0


@dataclass(frozen=True)
class Setting:
    """Words that say where the asker works (``words``) and the words that, just before
    them, mark them as such (``markers``: "vores", "jeres" …)."""

    words: Sequence[str] = ()
    markers: Sequence[str] = ()


def _leaves(parts: Iterable[str]) -> frozenset[str]:
    """A compound's smallest parts: "kvalitetsudviklingsprojekt" is split into kvalitet,
    udviklingsprojekt, udvikling and projekt; a passage needs kvalitet, udvikling and
    projekt, not also the middle compound."""
    found = set(parts)
    return frozenset(p for p in found if not any(q != p and q in p for q in found))


def _bm25(corpus_tokens: list[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25()
    # bm25s drops empty documents' rows otherwise; give every row one token.
    index.index([t or ["\x00"] for t in corpus_tokens], show_progress=False)
    return index


def _weighted_scores(
    index: bm25s.BM25, vocab: dict[str, int], groups: Sequence[tuple[float, list[str]]]
) -> NDArray[np.float32]:
    """BM25 scores of a query whose tokens come in weighted groups (one per question
    word): each group's scores times its weight."""
    total = np.zeros(index.scores["num_docs"], dtype=np.float32)
    for weight, tokens in groups:
        known = [t for t in tokens if t in vocab]
        if known:
            total += weight * np.asarray(index.get_scores(known), dtype=np.float32)
    return total


def _asks(text: str, lang: str) -> str | None:
    """The question word that opens ``text`` ("hvem", "hvornår" …), if any; a title
    that answers "how" ("Sådan udvalgte de …") asks "hvordan"."""
    tokens = words(text)
    first = ANSWERS_HOW[lang].get(tokens[0], tokens[0]) if tokens else None
    return first if first in QUESTION_WORDS[lang] else None


def _credit(
    alternatives: tuple[frozenset[str], ...], terms: frozenset[str], whole: frozenset[str]
) -> float:
    """How much of one question unit a passage has: 1 for a word it uses as a word;
    ``PART_CREDIT`` when it has the word only inside a compound ("krav" in
    "kravspecifikation"), which is weaker evidence; ``PARTIAL_CREDIT`` times the share
    for a question compound it has only some parts of."""
    best = 0.0
    for alternative in alternatives:
        if alternative <= whole:
            return 1.0
        if alternative <= terms:
            best = max(best, tuning.PART_CREDIT)
        elif len(alternative) > 1:
            best = max(best, tuning.PARTIAL_CREDIT * len(alternative & terms) / len(alternative))
    return best


def _ranks(scores: NDArray[np.float32]) -> dict[int, int]:
    order = np.argsort(-scores, kind="stable")
    return {int(i): r for r, i in enumerate(order) if scores[i] > 0}


class LangIndex:
    """The index of all passages in one language."""

    def __init__(
        self,
        lang: str,
        docs: Sequence[Doc],
        variants: Sequence[Sequence[str]] = (),
        setting: Setting | None = None,
        phrases: Sequence[tuple[Sequence[str], Sequence[str]]] = (),
    ) -> None:
        self.lang = lang
        texts = [self._doc_text(d) for d in docs]
        doc_words = [content_words(t, lang) for t in texts]
        lexicon = {w for ws in doc_words for w in ws}
        lexicon |= {stem(w, lang) for w in lexicon}
        self.analyzer = Analyzer(lang, lexicon, variants)
        # The words of this language's titles and texts (keywords may mix languages).
        self.vocab_words = frozenset(
            w for d in docs for w in words(f"{d.title[lang]} {d.text[lang]}")
        )
        self.sorted_words = sorted(self.vocab_words)
        #: :func:`specificity` of every word of the passages, kept with the index.
        self.specificities = {w: specificity(w, lang) for w in self.vocab_words}
        #: :func:`zipf` of every word of the passages, likewise.
        self.zipfs = {w: zipf(w, lang) for w in self.vocab_words}
        stem_tokens = [self.analyzer.terms_of(ws) for ws in doc_words]
        self.doc_terms = [frozenset(t) for t in stem_tokens]
        # The same without compound parts: the words the passage uses as words.
        self.doc_words = [frozenset(self.analyzer.norm(w) for w in ws) for ws in doc_words]
        # How often the content uses each term (a word's stem), on wordfreq's Zipf scale.
        counts = Counter(self.analyzer.norm(w) for ws in doc_words for w in ws)
        per_billion = 1e9 / max(1, sum(counts.values()))
        self.corpus_zipf = {t: math.log10(c * per_billion) for t, c in counts.items()}
        self.title_terms = [frozenset(self.analyzer.terms(d.title[lang])) for d in docs]
        self.title_asks = [_asks(d.title[lang], lang) for d in docs]
        self._positions = {d.id: i for i, d in enumerate(docs)}
        self.tool_terms = frozenset(self.analyzer.norm(w) for w in TOOL_WORDS[lang])
        #: Words the texts write in lower case somewhere (not only names: "Vestre").
        self.lower_words = frozenset(
            w for d in docs for w in LOWER_WORD_RE.findall(f"{d.title[lang]} {d.text[lang]}")
        )
        df = Counter(term for terms in self.doc_terms for term in terms)
        n = len(docs)
        self.idf = {term: math.log(1 + n / count) for term, count in df.items()}
        self.max_idf = math.log(1 + max(n, 1))
        self.stem_index = _bm25(stem_tokens)
        self.stem_vocab: dict[str, int] = self.stem_index.vocab_dict
        self.ngram_index = _bm25([self.analyzer.ngrams_of(ws) for ws in doc_words])
        self.ngram_vocab: dict[str, int] = self.ngram_index.vocab_dict
        setting = setting or Setting()
        self.setting_words = frozenset(self.analyzer.norm(w.lower()) for w in setting.words)
        self.setting_markers = frozenset(w.lower() for w in setting.markers)
        #: The one-word phrases as written, by key: a question word that matches one
        #: only through its stem ("hoste" = cough for "hoster") may be a homograph.
        self._written: dict[str, set[str]] = {}
        self._phrases = self._compile_phrases(phrases)

    def lower_first(self, sentence: str) -> str:
        """The sentence with its first letter in lower case, to follow "Ja — ", unless
        its first word is a name or an abbreviation (never written in lower case in
        the texts: "Vestre Viken", "EU")."""
        first = re.match(r"\w+", sentence)
        if first and not first.group(0).isupper() and first.group(0).lower() in self.lower_words:
            return sentence[0].lower() + sentence[1:]
        return sentence

    def background(self, alternatives: tuple[frozenset[str], ...]) -> bool:
        """A query unit the corpus uses everywhere ("AI": in at least a quarter of
        the passages), which says nothing about which passage is meant."""
        return all(
            max((self.idf.get(t, self.max_idf) for t in alt), default=0.0) < tuning.BACKGROUND_IDF
            for alt in alternatives
        )

    def position(self, doc_id: str) -> int | None:
        """The index row of the passage with this id."""
        return self._positions.get(doc_id)

    def specificity(self, word: str) -> float:
        """:func:`specificity` of a question word: kept for the passages' words."""
        found = self.specificities.get(word)
        return found if found is not None else specificity(word, self.lang)

    def specific(self, word: str) -> bool:
        """A question word that says what the question is about: rare in the language
        at large ("databehandleraftale", "hoste"), or used by our content far more often
        than by the language ("data", "krav": common words, but our topic's). An
        everyday word our content uses in passing ("tage", "nyt", "toget" as "tog" =
        took) is not: a passage that shares only such words with a question is chance."""
        known = self.zipfs.get(word)
        general = known if known is not None else zipf(word, self.lang)
        if general < tuning.SPECIFIC_ZIPF:
            return True
        ours = self.corpus_zipf.get(self.analyzer.norm(word), 0.0)
        return ours - general >= tuning.KEYNESS

    def _compile_phrases(
        self, phrases: Sequence[tuple[Sequence[str], Sequence[str]]]
    ) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
        """Phrase -> terms, keyed by the phrase's first stem. A mapping whose terms the
        corpus never uses is dropped (it could only make a question harder to answer)."""
        out: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for variants, terms in phrases:
            known = tuple(t for t in terms if self._term_alternative(t) <= self.idf.keys())
            if not known:
                continue
            for phrase in variants:
                # Pronouns and fillers may stand anywhere inside a phrase in a question
                # (``PHRASE_GAP``), so the key leaves them out: "hvem skal vi vælge"
                # also matches "hvem vi skal vælge". Not when only one word would be
                # left: "må vi" is a phrase, "må" alone is not.
                tokens = words(phrase)
                gap = PHRASE_GAP.get(self.lang, frozenset())
                kept = tokens[:1] + [t for t in tokens[1:] if t not in gap]
                if len(kept) == 1:
                    kept = tokens
                key = tuple(self.analyzer.norm(w) for w in kept)
                if not key:
                    continue
                if len(key) == 1:
                    self._written.setdefault(key[0], set()).add(kept[0])
                # The phrase's own words, when the content has them all, still count.
                own = self._term_alternative(phrase) if content_words(phrase, self.lang) else None
                alts = known + ((phrase,) if own and own <= self.idf.keys() else ())
                out.setdefault(key[0], []).append((key, alts))
        for entries in out.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest phrase first
        return out

    def _term_alternative(self, term: str) -> frozenset[str]:
        return frozenset(self.analyzer.norm(w) for w in content_words(term, self.lang)) or (
            frozenset({self.analyzer.norm(term.lower())})
        )

    def expand(self, question: str) -> tuple[str, list[tuple[str, ...]]]:
        """The question without its everyday phrases, and the content's terms for each
        phrase found ("hvordan holder vi øje med modellen" -> "hvordan vi modellen",
        [(tilsyn, overvågning, monitorering)]). A phrase whose words the content has
        all is the last of its terms."""
        rest, found, _ = self._expand(question)
        return rest, found

    def _expand(self, question: str) -> tuple[str, list[tuple[str, ...]], list[list[str]]]:
        """:meth:`expand`, and for each phrase found the question words it stands for
        that may show what the question is about: none for a one-word phrase matched
        only through its stem (a homograph: "min hoste" is a cough, "hoster" hosts)."""
        if not self._phrases:
            return question, [], []
        tokens = words(question)
        stems = [self.analyzer.norm(t) for t in tokens]
        keep: list[str] = []
        found: list[tuple[str, ...]] = []
        evidence: list[list[str]] = []
        i = 0
        while i < len(tokens):
            for key, terms in self._phrases.get(stems[i], ()):
                end = self._match(tokens, stems, i, key)
                if end:
                    if terms not in found:
                        found.append(terms)
                        evidence.append([])
                    as_written = len(key) > 1 or tokens[i] in self._written.get(key[0], ())
                    if as_written:
                        evidence[found.index(terms)].extend(tokens[i:end])
                    i = end
                    break
            else:
                keep.append(tokens[i])
                i += 1
        if not found:
            return question, [], []
        rest = " ".join(keep)
        # A phrase stands for the content's terms only in a question about our content:
        # when the rest of the question has a word no passage uses in any form ("hvad
        # koster en pizza"), the phrase is read as its own words, so it cannot make an
        # unrelated question look answerable.
        if any(self._unknown(w) for w in content_words(rest, self.lang)):
            return question, [], []
        return rest, found, evidence

    def _match(self, tokens: list[str], stems: list[str], start: int, key: tuple[str, ...]) -> int:
        """Where the phrase ``key`` starting at ``start`` ends (0: no match). A subject
        pronoun may stand inside the phrase, as Danish questions put it ("holder vi
        øje med")."""
        j = start + 1
        for part in key[1:]:
            skipped = 0
            while (
                j < len(tokens)
                and stems[j] != part
                and tokens[j] in PHRASE_GAP.get(self.lang, ())
                and skipped < tuning.MAX_PHRASE_GAP
            ):
                j += 1
                skipped += 1
            if j >= len(tokens) or stems[j] != part:
                return 0
            j += 1
        return j

    def _phrase_units(self, found: list[tuple[str, ...]]) -> list[Unit]:
        """One unit per phrase found: any of its terms will do; weighted by the mean
        idf of its terms."""
        units: list[Unit] = []
        for terms in found:
            alternatives = tuple(self._term_alternative(t) for t in terms)
            weights = [sum(self.idf[x] for x in a) / len(a) for a in alternatives]
            units.append((sum(weights) / len(weights), alternatives))
        return units

    def focus(self, question: str) -> str:
        """The question without the words that only say where the asker works: a
        setting word ("afdeling", "region") right after a marker ("på vores afdeling",
        "i vores egen region"). Such words are common in the content and would pull
        passages about departments or regions to the top. Other words stay, and a
        question that is nothing but setting words is left whole."""
        if not self.setting_words:
            return question
        tokens = words(question)
        keep: list[str] = []
        dropped = False
        for i, token in enumerate(tokens):
            before = tokens[max(0, i - tuning.SETTING_REACH) : i]
            if (
                any(t in self.setting_markers for t in before)
                and self.analyzer.norm(token) in self.setting_words
            ):
                dropped = True
                continue
            keep.append(token)
        if not dropped or not content_words(" ".join(keep), self.lang):
            return question
        return " ".join(keep)

    def _doc_text(self, doc: Doc) -> str:
        title = doc.title[self.lang]
        return " ".join(
            [
                *([title] * tuning.TITLE_REPEAT),
                doc.text[self.lang],
                *doc.keywords,
                doc.context.get(self.lang, ""),
            ]
        )

    def query_units(self, question: str) -> list[Unit]:
        """Each content word of the question as (weight, alternatives): the word's stem,
        or all of its compound parts; each everyday phrase as one unit of its terms."""
        return self._units(question)[0]

    def _units(self, question: str) -> tuple[list[Unit], list[bool]]:
        """:meth:`query_units`, and for each unit whether it is specific
        (:meth:`specific`; a phrase when one of its words is)."""
        rest, found, evidence = self._expand(self.focus(question))
        units = self._phrase_units(found)
        specific = [
            any(self.specific(w) for w in content_words(" ".join(shown), self.lang))
            for shown in evidence
        ]
        seen: set[str] = set()
        for word in content_words(rest, self.lang):
            whole = self.analyzer.norm(word)
            if whole in seen:  # "finder … findes": one unit
                continue
            seen.add(whole)
            parts = _leaves(self.analyzer.norm(p) for p in self.analyzer.compound_parts(word))
            alternatives: tuple[frozenset[str], ...] = (frozenset({whole}),)
            if parts:
                alternatives += (parts,)
            if whole in self.idf:
                weight = self.idf[whole]
            elif parts and all(p in self.idf for p in parts):
                weight = sum(self.idf[p] for p in parts) / len(parts)
            else:
                weight = self.max_idf
            units.append((weight * self.specificity(word), alternatives))
            specific.append(self.specific(word))
        return units, specific

    def unknown_words(self, question: str) -> list[str]:
        """Content words of the question that no passage contains in any form: not as
        the word, its stem, a compound part or the start of a longer word
        ("godkende" is known from "godkendelse"). Words of an everyday phrase the
        content has terms for are not unknown."""
        return [w for w in content_words(self.expand(question)[0], self.lang) if self._unknown(w)]

    def _unknown(self, word: str) -> bool:
        return (
            not word.isdigit()
            and word not in self.vocab_words
            and self.analyzer.norm(word) not in self.idf
            and not self.analyzer.compound_parts(word)
            and not self._has_prefix(word[: max(tuning.UNKNOWN_PREFIX, len(word) - 3)])
        )

    def _has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted_words, prefix)
        return i < len(self.sorted_words) and self.sorted_words[i].startswith(prefix)

    def matched(self, units: list[Unit], doc: int) -> int:
        terms = self.doc_terms[doc]
        return sum(1 for _, alts in units if any(a <= terms for a in alts))

    def open_covered(self, units: list[Unit], best: int, doc: int) -> float:
        """The share of the question's weight that passage ``doc`` has and passage
        ``best`` lacks (each unit as :func:`_credit` counts it): what it may answer of the
        part the best passage leaves open."""
        total = sum(w for w, _ in units)
        if total == 0:
            return 0.0
        gained = 0.0
        for w, alts in units:
            had = _credit(alts, self.doc_terms[best], self.doc_words[best])
            has = _credit(alts, self.doc_terms[doc], self.doc_words[doc])
            gained += w * max(0.0, has - had)
        return gained / total

    def coverage(self, units: list[Unit], doc: int) -> float:
        """Share of the question's weight the passage has, each unit as :func:`_credit`
        counts it (a word inside one of the passage's compounds, or a question compound
        the passage has only some parts of, counts in part)."""
        total = sum(w for w, _ in units)
        if total == 0:
            return 0.0
        terms = self.doc_terms[doc]
        found = sum(w * _credit(alts, terms, self.doc_words[doc]) for w, alts in units)
        return found / total

    def _query_groups(
        self, searched: str, boost: Sequence[str]
    ) -> tuple[list[tuple[float, list[str]]], list[tuple[float, list[str]]]]:
        """The stem and n-gram query, one weighted group per word: a word common in
        everyday language counts less (see :func:`specificity`); ``boost`` words fully."""
        by_weight_stems: dict[float, list[str]] = {}
        by_weight_ngrams: dict[float, list[str]] = {}
        for word in content_words(searched, self.lang):
            weight = self.specificity(word)
            by_weight_stems.setdefault(weight, []).extend(self.analyzer.terms_of([word]))
            by_weight_ngrams.setdefault(weight, []).extend(self.analyzer.ngrams_of([word]))
        boosted = self.analyzer.terms(" ".join(boost))
        if boosted:
            by_weight_stems.setdefault(1.0, []).extend(boosted)
        return list(by_weight_stems.items()), list(by_weight_ngrams.items())

    def search(
        self,
        question: str,
        docs: Sequence[Doc],
        k: int,
        boost: Sequence[str] = (),
        kind: str | None = None,
    ) -> list[Hit]:
        """Top ``k`` passages. ``boost`` words join the stem query only (they lift
        passages that have them, but do not count as part of the question). ``kind``:
        the kind of fact the question asks for (``"date"``, ``"number"``), if any."""
        question = self.focus(question)
        found = self.expand(question)[1]
        searched = " ".join([question, *(t for terms in found for t in terms)])
        stem_groups, ngram_groups = self._query_groups(searched, boost)
        stem_scores = _weighted_scores(self.stem_index, self.stem_vocab, stem_groups)
        ngram_scores = _weighted_scores(self.ngram_index, self.ngram_vocab, ngram_groups)
        fused: dict[int, float] = {}
        for weight, ranks in (
            (1.0, _ranks(stem_scores)),
            (tuning.NGRAM_WEIGHT, _ranks(ngram_scores)),
        ):
            for doc, rank in ranks.items():
                fused[doc] = fused.get(doc, 0.0) + weight / (tuning.RRF_K + rank + 1)
        if not fused:
            return []
        # Rerank the head of the fused list: a passage that holds more of the question's
        # (idf-weighted) words is preferred among passages that rank about as high.
        units, specific = self._units(question)
        specific_units = [u for u, s in zip(units, specific, strict=True) if s]
        unknown_words = self.unknown_words(question)
        unknown = len(unknown_words)
        total = sum(w for w, _ in units)
        unknown_weight = sum(self.max_idf * self.specificity(w) for w in unknown_words)
        unknown_share = min(1.0, unknown_weight / total) if total else 0.0
        asks = _asks(question, self.lang)
        # A question about Vejviser's tools ("Hvilket værktøj …?") is answered by a
        # tool's own description first.
        about_tools = bool(self.tool_terms & set(self.analyzer.terms(question)))
        head = sorted(fused.items(), key=lambda item: -item[1])[: max(k, tuning.RERANK_DEPTH)]
        top_score = head[0][1]
        hits = []
        for i, fused_score in head:
            coverage = self.coverage(units, i)
            score = (
                1 - tuning.COVERAGE_WEIGHT
            ) * fused_score / top_score + tuning.COVERAGE_WEIGHT * coverage
            score *= tuning.kind_prior(docs[i].kind)
            if docs[i].tool is not None and not about_tools:
                score *= tuning.TOOL_PRIOR
            if has_kind(docs[i].text[self.lang], kind):
                score += tuning.ANSWER_KIND_BONUS
            if asks is not None and self.title_asks[i] == asks:
                score += tuning.QUESTION_WORD_BONUS
            in_title = any(any(a <= self.title_terms[i] for a in alts) for _, alts in units)
            if total and tuning.TITLE_WEIGHT:
                # A passage whose title names what the question asks about is about it.
                titled = sum(w for w, alts in units if any(a <= self.title_terms[i] for a in alts))
                score += tuning.TITLE_WEIGHT * titled / total
            hits.append(
                Hit(
                    doc=docs[i],
                    score=score,
                    coverage=coverage,
                    matched=self.matched(units, i),
                    unknown=unknown,
                    in_title=in_title,
                    unknown_share=unknown_share,
                    units=len(units),
                    specific=self.matched(specific_units, i),
                )
            )
        hits.sort(key=lambda h: -h.score)
        return hits[:k]


class Index:
    """Both languages' indexes over the same passages."""

    def __init__(
        self,
        docs: Sequence[Doc],
        variants: Mapping[str, Sequence[Sequence[str]]] | None = None,
        setting: Mapping[str, Setting] | None = None,
        phrases: Mapping[str, Sequence[tuple[Sequence[str], Sequence[str]]]] | None = None,
    ) -> None:
        self.docs = list(docs)
        variants = variants or {}
        setting = setting or {}
        phrases = phrases or {}
        self.langs = {
            lang: LangIndex(
                lang, self.docs, variants.get(lang, ()), setting.get(lang), phrases.get(lang, ())
            )
            for lang in LANGS
        }

    @property
    def vocab(self) -> dict[str, frozenset[str]]:
        return {lang: li.vocab_words for lang, li in self.langs.items()}

    def search(
        self,
        question: str,
        lang: str,
        k: int = 5,
        boost: Sequence[str] = (),
        kind: str | None = None,
    ) -> list[Hit]:
        return self.langs[lang].search(question, self.docs, k, boost, kind)
