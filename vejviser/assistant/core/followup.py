"""Follow-up questions: "og hvem gør det?", "hvad med MDR?", "hvorfor?" (pure, no Django).

A question is a follow-up of the turn before when it is short and leans on it: it opens
with a continuation ("og", "men", "hvad med", "what about"), points back with a pronoun
("det", "den", "dem", "it", "they") or is a bare question word ("hvorfor?"), and names
at most a couple of words of its own. :func:`resolve` then rewrites it so it can be
answered on its own:

- *bare* ("hvorfor?", "og hvordan?"): the previous question, then the follow-up;
- *contrast* ("hvad med MDR?", "og klasse III?"): the previous question, then the
  follow-up's own words — they win where they state the same fact (the rule engine's
  verdict takes the last stated value per fact), the rest of the previous question
  carries over;
- *pointing back* ("og hvem gør det?", "hvornår skal vi have en?"): the question, then
  the previous question's topic words (its words that are neither stop words, question
  words nor pronouns).

The previous question is the previous turn's *resolved* question, so a chain of
follow-ups keeps its topic. A question that names its own topic ("Hvad er en DPIA?"),
or a long one, is never rewritten. The word lists are closed-class words (pronouns,
conjunctions, question words, frame verbs): grammar, not content, so they live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"[0-9a-zæøåéüäö][0-9a-zæøåéüäö&.-]*", re.IGNORECASE)

#: Between the previous question and a follow-up's own words in a resolved question
#: ("… klasse IIa …? – klasse III"); :mod:`.verdict` reads the own words after it.
JOIN = " – "
#: At most this many words in a follow-up.
MAX_WORDS = 9
#: At most this many words of its own (not grammar) in a follow-up that points back.
MAX_OWN = 2


def _words(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


QUESTION_WORDS = _words(
    "hvem hvad hvor hvornår hvorfor hvordan hvilken hvilket hvilke hvormed hvorfra hvortil",
    "who what where when why how which whom whose",
)
#: Openers that continue the conversation; the longest match wins.
CONTINUATIONS = (
    "og hvad så med",
    "hvad så med",
    "hvad med",
    "hvordan med",
    "og hvad med",
    "men hvad med",
    "hvad hvis",
    "og hvis",
    "end",
    "og",
    "men",
    "så",
    "også",
    "and what about",
    "what about",
    "how about",
    "and if",
    "what if",
    "and",
    "but",
    "so",
)
#: Contrast openers: the new words replace part of the previous question.
CONTRASTS = frozenset(
    {
        "og hvad så med",
        "hvad så med",
        "hvad med",
        "hvordan med",
        "og hvad med",
        "men hvad med",
        "hvad hvis",
        "og hvis",
        "and what about",
        "what about",
        "how about",
        "and if",
        "what if",
    }
)
#: Pronouns that point back to the previous turn's topic.
POINTERS = _words(
    "det den de dem dette denne disse dens dets deres heraf deraf dertil sådan sådanne",
    "it its they them their this that these those one such",
)
#: Grammar and frame words: neither topic nor pointer ("skal vi gøre …").
GRAMMAR = _words(
    "der her dér derfor og men så også end eller at om i på til for med af fra ved efter",
    "under over mod uden en et man vi jeg du i jer os mig vores jeres min mit mine din dit",
    "dine sin sit sine er var være været bliver blev blive har havde have haft skal skulle",
    "kan kunne må måtte vil ville bør burde gør gøre gjorde laver lave lavede får få fik",
    "sker ske gælder gælde betyder betyde kræver kræves kræve hedder hed ikke nu da lige",
    "egentlig mon nok vel jo dog bare mere mest lidt ja nej tak okay ok",
    "a an the and or but of to in on at for with from by about if so too also is are was",
    "were be been do does did done have has had can could should would will must may",
    "might need needs shall we i you me us our your my he she him her not now then just",
    "really",
)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up and the question it stands for."""

    question: str  # rewritten: answerable on its own
    asked: str  # as the user wrote it
    kind: str  # bare | contrast | pointer
    previous: str  # the previous (resolved) question it leans on


def words(text: str) -> list[str]:
    return [w.strip(".-").lower() for w in WORD_RE.findall(text) if w.strip(".-")]


def topic_words(question: str) -> list[str]:
    """The words of a question that name its topic, in order, once each (as written)."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in WORD_RE.findall(question):
        w = raw.strip(".-")
        low = w.lower()
        if not w or low in seen or low in QUESTION_WORDS or low in POINTERS or low in GRAMMAR:
            continue
        seen.add(low)
        out.append(w)
    return out


def _continuation(ws: list[str]) -> str | None:
    text = " ".join(ws)
    for opener in sorted(CONTINUATIONS, key=len, reverse=True):
        if text == opener or text.startswith(opener + " "):
            return opener
    return None


def classify(question: str) -> str | None:
    """``bare``, ``contrast`` or ``pointer`` when ``question`` leans on the turn
    before; None when it can stand on its own."""
    ws = words(question)
    if not ws or len(ws) > MAX_WORDS:
        return None
    opener = _continuation(ws)
    rest = ws[len(opener.split()) :] if opener else ws
    own = [w for w in rest if w not in QUESTION_WORDS | POINTERS | GRAMMAR]
    # "en"/"et"/"one" at the end stands for a noun said before ("skal vi have en?").
    points = any(w in POINTERS for w in rest) or (bool(rest) and rest[-1] in {"en", "et", "one"})
    if not own:
        if points:
            return "pointer"
        if opener or any(w in QUESTION_WORDS for w in rest):
            return "bare"
        return None  # "tak!", "ok"
    if opener in CONTRASTS and len(own) <= MAX_OWN + 1:
        return "contrast"
    if opener and len(own) <= MAX_OWN and not points:
        return "contrast"
    if points and len(own) <= MAX_OWN:
        return "pointer"
    return None


def resolve(question: str, previous: str | None) -> FollowUp | None:
    """The follow-up ``question`` rewritten with ``previous`` (the previous turn's
    resolved question), or None when it is not a follow-up or there is no turn before."""
    if not previous or not previous.strip():
        return None
    kind = classify(question)
    if kind is None:
        return None
    asked = " ".join(question.split())
    before = " ".join(previous.split())
    ws = words(asked)
    opener = _continuation(ws)
    if kind == "bare":
        return FollowUp(f"{before}{JOIN}{asked}", asked, kind, before)
    if kind == "contrast":
        own = WORD_RE.findall(asked)[len(opener.split()) if opener else 0 :]
        return FollowUp(f"{before}{JOIN}{' '.join(own).rstrip('?')}", asked, kind, before)
    mine = {w.lower() for w in topic_words(asked)}
    carried = [w for w in topic_words(before) if w.lower() not in mine]
    return FollowUp(f"{asked.rstrip('?').strip()} ({' '.join(carried)})?", asked, kind, before)
