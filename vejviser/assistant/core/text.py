"""Text analysis for retrieval: tokens, Snowball stems, stop words, Danish compounds,
character n-grams and language detection. Pure and fast; no Django."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]
from bm25s.stopwords import (  # type: ignore[import-untyped]
    STOPWORDS_DANISH,
    STOPWORDS_EN,
)

from vejviser.assistant.core import tuning

WORD_RE = re.compile(r"[0-9a-zæøåéüäö]+")
SENTENCE_END_RE = re.compile(r"[.!?]\s+(?=[A-ZÆØÅ\"“(])")
# Abbreviations that end with a period but not a sentence ("art. 35", "bl.a. Lægemiddel…").
ABBREVIATIONS = frozenset(
    {
        "art.",
        "stk.",
        "nr.",
        "pkt.",
        "bl.a.",
        "f.eks.",
        "fx.",
        "jf.",
        "ca.",
        "dvs.",
        "inkl.",
        "evt.",
        "mv.",
        "m.fl.",
        "e.g.",
        "i.e.",
        "no.",
        "vs.",
        "etc.",
        "mr.",
        "dr.",
    }
)

# Question words are stop words for ranking but useful for telling the language apart.
# Beyond the standard lists: words that frame a question ("hvad skal man gøre…", "hvad
# sker der…") and say nothing about its topic.
STOPWORDS: dict[str, frozenset[str]] = {
    "da": frozenset(STOPWORDS_DANISH)
    | {
        "hvilke",
        "hvornår",
        "hvordan",
        "hvorfor",
        "mit",
        "vores",
        "jeres",
        "bør",
        "får",
        "gør",
        "gøre",
        "gøres",
        "gjort",
        "sker",
        "ske",
        "sat",
        "sætte",
        "sættes",
        "mon",
        "egentlig",
        "altså",
        "bare",
        "lige",
        "gerne",
        "helst",
        "nok",
        "mange",
        "hele",
        "fx",
        "betyder",
        "betyde",
        "betyd",
        "forkortelse",
        "forkortelsen",
        "begrebet",
        "ordet",
        "menes",
        "forstås",
        "kende",
        "kender",
        "vide",
        "laver",
        "foregår",
        "mest",
        "inden",
        "mens",
        "styr",
        "ifølge",
        "bag",
        "netop",
        "slet",
        "derefter",
        "bagefter",
        # The standard list has "anden" but not its other forms.
        "andet",
        "andre",
    },
    "en": frozenset(STOPWORDS_EN)
    | {
        "what",
        "when",
        "which",
        "how",
        "why",
        "does",
        "our",
        "do",
        "did",
        "we",
        "i",
        "you",
        "can",
        "should",
        "must",
        "get",
        "much",
        "many",
        "e.g",
        "mean",
        "means",
        "meaning",
        "stand",
        "stands",
        "abbreviation",
        "term",
        "know",
    },
}
# Words that mark a language strongly but are no stop words in the lists above.
LANGUAGE_MARKERS: dict[str, frozenset[str]] = {
    "da": frozenset(
        {
            "hvad",
            "hvem",
            "hvilken",
            "hvilket",
            "skal",
            "kan",
            "bør",
            "vores",
            "og",
            "ikke",
            "af",
            "til",
            "på",
            "det",
            "der",
            "en",
            "et",
            "er",
            "må",
        }
    ),
    "en": frozenset(
        {
            "what",
            "who",
            "which",
            "the",
            "is",
            "are",
            "of",
            "to",
            "do",
            "does",
            "our",
            "and",
            "not",
            "be",
            "must",
            "for",
            "in",
            "a",
            "an",
            "we",
        }
    ),
}
DANISH_LETTERS = re.compile(r"[æøå]", re.IGNORECASE)
MIN_EXPLAINED = 0.34  # share of a question's words Danish must explain to be Danish

_STEMMERS = {"da": Stemmer.Stemmer("danish"), "en": Stemmer.Stemmer("english")}
# PyStemmer's stemmer objects are documented as not thread-safe; one index serves every
# request thread of the web app, so stemming takes a (practically uncontended) lock.
_STEM_LOCK = threading.Lock()

MIN_COMPOUND = 8  # shortest word we try to split
MIN_PART = 4  # shortest part of a compound (3 splits too much: "god|kendelse", "bil|leder")
LINKERS = ("s", "e")  # Danish linking letters (fuge-s, fuge-e)
NGRAM = 4
LATIN_SINGULAR = "ium"  # kriterium -> kriteri (as kriteriet, kriterier)


def words(text: str) -> list[str]:
    """Lower-case word tokens; hyphenated words ("AI-forordningen") give both parts."""
    return WORD_RE.findall(text.lower())


def stem(word: str, lang: str) -> str:
    with _STEM_LOCK:
        return str(_STEMMERS[lang].stemWord(word))


@lru_cache(maxsize=100_000)
def zipf(word: str, lang: str) -> float:
    """How common ``word`` is in the language at large: wordfreq's Zipf value (log10 of
    its count per billion words; 0 for a word wordfreq does not know)."""
    # Imported here: an index keeps its words' values, so a question in a new process
    # (the CLI) seldom needs wordfreq's lists at all.
    from wordfreq import zipf_frequency  # type: ignore[import-untyped]

    return float(zipf_frequency(word, lang))


def specificity(word: str, lang: str) -> float:
    """1.0 for a word rare in everyday language, down to ``COMMON_FLOOR`` for the most
    common words; a word's weight in a question is its corpus idf times this."""
    zipf_value = zipf(word, lang)
    if zipf_value <= tuning.COMMON_FROM:
        return 1.0
    share = min(1.0, (zipf_value - tuning.COMMON_FROM) / (tuning.COMMON_TO - tuning.COMMON_FROM))
    return 1.0 - share * (1.0 - tuning.COMMON_FLOOR)


#: What a fact of each answer kind looks like in a passage's text.
ANSWER_KIND_PATTERNS: dict[str, re.Pattern[str]] = {
    "date": re.compile(
        r"\b(?:19|20)\d\d\b|\b(?:januar|februar|marts|april|maj|juni|juli|august|september|"
        r"oktober|november|december|january|february|march|may|june|july|october)\b",
        re.IGNORECASE,
    ),
    "number": re.compile(r"\d"),
    # A reason or a purpose: the words a sentence gives one with (rules of the language).
    "reason": re.compile(
        r"\b(?:fordi|derfor|for at|formål\w*|skyldes|grunde[nr]?|begrund\w*|hensigt\w*|"
        r"because|therefore|in order to|purpose|so that|reasons?)\b",
        re.IGNORECASE,
    ),
}


def has_kind(text: str, kind: str | None) -> bool:
    """Whether ``text`` holds a fact of the answer kind (a date, a number)."""
    pattern = ANSWER_KIND_PATTERNS.get(kind) if kind is not None else None
    return pattern is not None and pattern.search(text) is not None


def content_words(text: str, lang: str) -> list[str]:
    stop = STOPWORDS[lang]
    return [w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]


def detect_language(text: str, vocab: dict[str, frozenset[str]] | None = None) -> str:
    """``"da"`` or ``"en"``.

    Danish when Danish letters (æ, ø, å) occur, or when Danish stop/marker words (and,
    when given, the Danish corpus vocabulary) explain at least ``MIN_EXPLAINED`` of the
    words and score at least as high as English. Any other language explains few of
    its words in either and gets English, as the product promises.
    """
    tokens = [t for t in words(text) if not t.isdigit()]
    if not tokens:
        return "da"
    if DANISH_LETTERS.search(text):
        return "da"
    score = {"da": 0.0, "en": 0.0}
    explained = {"da": 0, "en": 0}
    for lang in score:
        markers = STOPWORDS[lang] | LANGUAGE_MARKERS[lang]
        known = vocab[lang] if vocab is not None else frozenset()
        for token in tokens:
            if token in markers:
                score[lang] += 2.0
            if token in known:
                score[lang] += 0.5
            if token in markers or token in known:
                explained[lang] += 1
    if explained["da"] / len(tokens) < MIN_EXPLAINED:
        return "en"
    return (
        "da"
        if score["da"] > score["en"]
        else "en"
        if score["en"] > score["da"]
        else ("da" if explained["da"] >= explained["en"] else "en")
    )


class Analyzer:
    """Turns text into index terms for one language.

    ``lexicon`` is the set of known words (surface forms and stems) used to split
    compounds: "kravspecifikation" -> "krav" + "specifikation". Every compound is
    indexed as itself and as its parts, so a question with the compound finds text with
    the separate words and the other way round.
    """

    def __init__(
        self, lang: str, lexicon: Iterable[str] = (), variants: Iterable[Sequence[str]] = ()
    ) -> None:
        self.lang = lang
        self.lexicon = frozenset(w for w in lexicon if len(w) >= MIN_PART)
        # Words the stemmer does not unite (krav/kræve) map to the first word's stem.
        self.variants: dict[str, str] = {}
        for group in variants:
            canonical = stem(group[0].lower(), lang)
            for word in group[1:]:
                self.variants[stem(word.lower(), lang)] = canonical
        self._caches()

    def _caches(self) -> None:
        self._split = lru_cache(maxsize=100_000)(self._split_uncached)
        self.norm = lru_cache(maxsize=100_000)(self._norm)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without its memo caches (the CLI keeps a built index on disk)."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_split", "norm")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._caches()

    def _norm(self, word: str) -> str:
        """The index term of a word: its stem, or its variant group's stem. A Danish
        neuter -t the stemmer leaves ("lokalt", "nødvendigt") goes when the rest is a
        known word ("lokal")."""
        stemmed = _latin(stem(word, self.lang), self.lang)
        if (
            self.lang == "da"
            and stemmed.endswith("t")
            and len(stemmed) > MIN_PART
            and stemmed[:-1] in self.lexicon
        ):
            stemmed = stemmed[:-1]
        return self.variants.get(stemmed, stemmed)

    def _known(self, part: str) -> bool:
        stemmed = stem(part, self.lang)
        return (
            part in self.lexicon
            or stemmed in self.lexicon
            or _latin(stemmed, self.lang) in self.lexicon
        )

    def _split_uncached(self, word: str) -> tuple[str, ...]:
        """Split a compound into known parts (greedy over the best two-way split,
        then recursively on the right part). Returns () when it is not a compound."""
        if self.lang != "da" or len(word) < MIN_COMPOUND or word.isdigit():
            return ()
        best: tuple[str, ...] = ()
        best_len = 0
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            left, right = word[:i], word[i:]
            lefts = [left] + [
                left[:-1] for x in LINKERS if left.endswith(x) and len(left) > MIN_PART
            ]
            lefts = [x for x in lefts if self._known(x)]
            if not lefts:
                continue
            if self._known(right):
                # A known right part may itself be a compound: keep both levels
                # ("kvalitetsudviklingsprojekt" -> kvalitets, udviklingsprojekt,
                # udviklings, projekt).
                rights: tuple[str, ...] = (right, *self._split(right))
            else:
                rights = self._split(right)
                if not rights:
                    continue
            shortest = min(len(lefts[0]), len(rights[0]))
            if shortest > best_len:
                best, best_len = (lefts[0], *rights), shortest
        if best:
            # A known left part may be a compound too ("kvalitetssikrings|projekter"):
            # its parts (kvalitet, sikring) count as well.
            left = best[0]
            inner = self._split(left) or (self._split(left[:-1]) if left.endswith(LINKERS) else ())
            best = (left, *inner, *best[1:])
        return best

    def compound_parts(self, word: str) -> tuple[str, ...]:
        return self._split(word)

    def terms(self, text: str) -> list[str]:
        return self.terms_of(content_words(text, self.lang))

    def terms_of(self, content: Iterable[str]) -> list[str]:
        """Stems of the content words, plus the stems of compound parts."""
        out: list[str] = []
        for word in content:
            out.append(self.norm(word))
            out.extend(self.norm(p) for p in self._split(word))
        return out

    def ngrams(self, text: str) -> list[str]:
        return self.ngrams_of(content_words(text, self.lang))

    @staticmethod
    def ngrams_of(content: Iterable[str]) -> list[str]:
        """Character n-grams of the content words (with word-boundary marks), for
        compounds and inflections the stemmer and the lexicon miss."""
        out: list[str] = []
        for word in content:
            out.extend(_word_ngrams(word))
        return out


def _latin(stemmed: str, lang: str) -> str:
    """Danish nouns of Latin origin keep -um in the singular but not in other forms:
    "kriterium" and "tildelingskriterium" become "kriteri" like "kriteriet", "kriterier"
    ("ministerium", "studium" likewise)."""
    if lang == "da" and stemmed.endswith(LATIN_SINGULAR) and len(stemmed) > MIN_PART + 2:
        return stemmed[:-2]
    return stemmed


@lru_cache(maxsize=100_000)
def _word_ngrams(word: str) -> tuple[str, ...]:
    if len(word) < NGRAM:
        return (word,)
    padded = f"_{word}_"
    return tuple(padded[i : i + NGRAM] for i in range(len(padded) - NGRAM + 1))


def split_sentences(text: str) -> list[str]:
    """Split at ., ! or ? followed by a capital letter, except after abbreviations."""
    text = text.strip()
    out: list[str] = []
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        end = match.start() + 1
        last_word = text[start:end].rsplit(None, 1)[-1].lower().lstrip("(\"“'[")
        if last_word in ABBREVIATIONS:
            continue
        out.append(text[start:end].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"\S+", re.sub(r"\[\d+\]", "", text)))
