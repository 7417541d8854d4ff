"""What a question asks for (pure): the form of its answer, the two things a
"difference" question compares, a how-to question's task, and whether a sentence says
yes or no.

These are rules of the language, not of our content: a yes/no question opens with a
finite verb ("Skal vi …?", "Må leverandøren …?"), a difference question names two
things ("forskellen på X og Y"), a how-to question names a task ("Hvordan laver jeg
…"). They decide how an answer is composed (:mod:`.answer`); the search itself is
the same for every form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vejviser.assistant.core.text import words

#: A question opening with one of these verbs asks for yes or no.
YES_NO_OPENERS = {
    "da": frozenset(
        {
            "skal",
            "må",
            "kan",
            "er",
            "har",
            "gælder",
            "kræver",
            "kræves",
            "bliver",
            "bør",
            "behøver",
            "findes",
            "får",
            "dækker",
            "omfatter",
            "tæller",
            "giver",
            "skulle",
            "burde",
            "vil",
        }
    ),
    "en": frozenset(
        {
            "is",
            "are",
            "must",
            "can",
            "may",
            "do",
            "does",
            "should",
            "will",
            "need",
            "needs",
            "has",
            "have",
            "shall",
        }
    ),
}
#: Words that make a sentence (or a question) negative.
NEGATIONS = {
    "da": frozenset({"ikke", "ingen", "intet", "aldrig", "hverken", "ej"}),
    "en": frozenset({"not", "no", "never", "none", "neither", "nor", "cannot"}),
}
#: Words that, in a sentence without a negation, state a duty or a requirement: the
#: sentence then answers "skal/kræves …?" with yes. The question's own opening verb
#: counts too ("Må vi …?" is answered yes by "… må …").
AFFIRMATIVES = {
    "da": frozenset(
        {
            "skal",
            "kræver",
            "kræves",
            "påkrævet",
            "obligatorisk",
            "obligatoriske",
            "gælder",
            "omfattet",
            "omfatter",
        }
    ),
    "en": frozenset({"must", "requires", "required", "mandatory", "applies", "covered", "covers"}),
}
#: The opening verbs a sentence may repeat to say yes ("Må vi …?" — "… må …"); not
#: "er"/"is", which nearly every sentence has.
MODALS = {
    "da": frozenset({"må", "kan", "skal", "bør"}),
    "en": frozenset({"may", "can", "must", "should"}),
}
#: A sentence with one of these states a condition or an exception: it answers "it
#: depends", never a plain yes or no.
CONDITIONALS = {
    "da": frozenset(
        {"hvis", "når", "medmindre", "kun", "undtagen", "såfremt", "afhænger", "afgøres", "typisk"}
    ),
    "en": frozenset(
        {"if", "when", "unless", "only", "except", "provided", "depends", "decided", "typically"}
    ),
}
DIFFERENCE = {
    "da": re.compile(
        r"\b(?:forskel(?:len|le)?|sammenlign\w*)\s+(?:på|mellem|af)\s+(?P<a>.+?)\s+og\s+(?P<b>.+?)\s*[?.!]*$",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:difference|differences|compare)\s+(?:between|of)?\s*(?P<a>.+?)\s+and\s+(?P<b>.+?)\s*[?.!]*$",
        re.IGNORECASE,
    ),
}
VERSUS = re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus|eller)\s+(?P<b>.+?)\s*\?*$", re.IGNORECASE)
#: "Hvordan laver jeg …?", "How do we …?": a task to do, answered by the journey's step.
HOW_TO = {
    "da": re.compile(r"^\s*hvordan\s+(?P<verb>\w+)\s+(?:jeg|vi|man|i)\b", re.IGNORECASE),
    "en": re.compile(
        r"^\s*how\s+(?:do|can|should|would)\s+(?:i|we|you|one)\s+(?P<verb>\w+)", re.IGNORECASE
    ),
}
#: "Hvad er X?", "What is X?": a question about what a thing is. Its passage's own lead
#: (written to say what the thing is) keeps its place before any other sentence.
WHAT_IS = {
    "da": re.compile(r"^\s*hvad\s+(?:er|betyder)\b", re.IGNORECASE),
    "en": re.compile(r"^\s*what\s+(?:is|are|does)\b", re.IGNORECASE),
}
#: Verbs of changing what exists: "how do we update the business case?" wants the step
#: that updates it; any other verb wants one that makes or does the thing, not an update.
UPDATE_VERBS = {
    "da": frozenset(
        {
            "opdaterer",
            "opdatere",
            "revurderer",
            "revurdere",
            "tilpasser",
            "tilpasse",
            "ændrer",
            "ændre",
        }
    ),
    "en": frozenset({"update", "revise", "adapt", "change", "adjust"}),
}
#: Where a how-to question's task ends and its setting begins: a comma or a preposition.
TASK_END = {
    "da": re.compile(
        r",|\s(?:for|til|på|i|med|om|hos|ved|af|uden|under|efter|når|hvis)\s", re.IGNORECASE
    ),
    "en": re.compile(
        r",|\s(?:for|to|in|on|with|at|of|about|without|under|after|when|if)\s", re.IGNORECASE
    ),
}
#: The imperative a journey step's title opens with when it changes what exists.
UPDATE_STEPS = frozenset({"opdater", "revurder", "tilpas", "update", "revise", "adapt"})
ARTICLES = {"da": ("en ", "et ", "den ", "det ", "de "), "en": ("a ", "an ", "the ")}


@dataclass(frozen=True)
class Form:
    """How a question wants its answer: ``kind`` is ``"difference"``, ``"yesno"``,
    ``"howto"`` or ``None``; ``things`` are the two things a difference question names;
    ``negated``: the question itself has a negation ("Skal vi ikke …?")."""

    kind: str | None = None
    things: tuple[str, str] | None = None
    negated: bool = False
    opener: str | None = None  # a yes/no question's opening verb
    update: bool = False  # a how-to question asks to change what exists ("opdaterer")
    #: A how-to question's task: its verb and the words after the pronoun, up to where
    #: the setting starts ("Hvordan *laver* jeg *en business case* for en AI-løsning …").
    task: str | None = None


def _strip_article(text: str, lang: str) -> str:
    low = text.strip()
    for article in ARTICLES[lang]:
        if low.lower().startswith(article):
            return low[len(article) :].strip()
    return low


#: Where a question's own clause may start after a sentence of context ("Vi er en
#: offentlig afdeling. Skal vi …?") or after "så" ("… under tærskelværdien, så kan vi …?").
CLAUSE_START = re.compile(r"[.!?:;]\s+|,?\s+(?:så|so)\s+", re.IGNORECASE)
#: Question words: a question that opens with one asks that, whatever its later clauses
#: ("hvis", if, opens a condition, not a question: "Hvis vi køber …, skal vi så …?").
QUESTION_WORD = re.compile(r"(?!hvis$)hv\w*|what|who|whom|whose|when|where|why|how|which")


def yes_no_clause(question: str, openers: frozenset[str] | set[str]) -> str | None:
    """The part of a yes/no question that asks: the whole when it opens with one of
    ``openers`` ("skal", "må"), else — after context that does not itself ask something
    ("Vi er en offentlig afdeling.", "Prisen er under tærskelværdien, så …") — the later
    sentence or clause that does, to the end."""
    tokens = words(question)
    if not tokens:
        return None
    if tokens[0] in openers:
        return question
    if QUESTION_WORD.fullmatch(tokens[0]):
        return None
    parts = CLAUSE_START.split(question)
    for i, part in enumerate(parts[1:], 1):
        first = words(part)[:1]
        if first and first[0] in openers:
            return " ".join(parts[i:])
    return None


#: Where one sentence of a question ends and the next begins (any case: users often
#: write in lower case).
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


#: A case described inside the question: a relative clause between commas ("Er en AI,
#: der forudsiger ventetider i ambulatoriet, medicinsk udstyr?").
RELATIVE_CLAUSE = re.compile(r",\s*(?:der|som|hvor|which|that|who|where)\b[^,?]*,", re.IGNORECASE)


def asking_part(question: str) -> str | None:
    """What a question asks without the case it describes: the last sentence ending
    with "?" (else the last) when a case comes first ("AI'en skal advare om sepsis …
    Hvis den overser noget, kan patienten dø. Hvilken MDR-klasse?"), without a
    relative clause that describes it ("Er en AI, der forudsiger ventetider i
    ambulatoriet, medicinsk udstyr?" → "Er en AI medicinsk udstyr?"); None when
    nothing is left out."""
    parts = [p.strip() for p in SENTENCE_BREAK.split(question.strip()) if p.strip()]
    asked = [p for p in parts if p.endswith("?")]
    last = (asked[-1] if asked else parts[-1]) if parts else ""
    shorter = " ".join(RELATIVE_CLAUSE.sub("", last).split())
    if len(shorter.split()) < 2:
        shorter = last
    return shorter if shorter != question.strip() else None


def question_form(question: str, lang: str) -> Form:
    """The form of the answer ``question`` asks for (see :class:`Form`)."""
    text = question.strip()
    tokens = words(text)
    negated = any(t in NEGATIONS[lang] for t in tokens)
    match = DIFFERENCE[lang].search(text)
    if match:
        a, b = (_strip_article(match.group(g), lang) for g in ("a", "b"))
        if a and b:
            return Form("difference", (a, b), negated)
    how = HOW_TO[lang].search(text)
    if how:
        verb = how.group("verb").lower()
        task = TASK_END[lang].split(text[how.end() :], maxsplit=1)[0]
        # The verb is part of the task ("overvåger AI-produktet"); a verb that only
        # frames it ("laver", "gør") is a stop word and drops out of the search.
        task = f"{how.group('verb')} {_strip_article(task.strip(' ?.!'), lang)}"
        return Form("howto", None, negated, update=verb in UPDATE_VERBS[lang], task=task)
    if tokens and tokens[0] in YES_NO_OPENERS[lang]:
        return Form("yesno", None, negated, tokens[0])
    return Form(None, None, negated)


def polarity(sentence: str, lang: str, opener: str | None = None) -> str | None:
    """``"no"`` when the sentence has a negation, ``"yes"`` when it states a duty or a
    requirement (or uses the question's opening verb ``opener``) without one, else
    ``None`` (it does not answer yes or no)."""
    tokens = words(sentence)
    if any(t in CONDITIONALS[lang] for t in tokens):
        return None
    if any(t in NEGATIONS[lang] for t in tokens):
        return "no"
    modal = opener if opener in MODALS[lang] else None
    if any(t in AFFIRMATIVES[lang] or t == modal for t in tokens):
        return "yes"
    return None


def asks_what_is(question: str, lang: str) -> bool:
    """The question asks what a thing is ("Hvad er CAI-X, og hvem står bag?")."""
    return WHAT_IS[lang].match(question) is not None


#: Words by which a question asks where in the journey something happens: an answer
#: from a journey step then opens with where the step is ("Idéudvikling (Ny idé) – …").
WHERE_IN_JOURNEY = {
    "da": frozenset(
        {"hvornår", "fase", "fasen", "faser", "trin", "trinnet", "spor", "sporet", "forløbet"}
    ),
    "en": frozenset({"when", "phase", "phases", "step", "steps", "stage", "track"}),
}


def asks_where_in_journey(question: str, lang: str) -> bool:
    """The question asks when or in which phase or step something happens."""
    return bool(WHERE_IN_JOURNEY[lang] & set(words(question)))
