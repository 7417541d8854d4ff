"""Two questions in one: "Hvor mange behov startede Vestre Viken med, og hvor mange gik de
videre med?" (pure, no Django).

A question is compound when, after a first question, "og" (or ", og", "samt", "and")
opens a second one with a question word of its own ("… og hvornår skal den være på
plads?", "… og fra hvornår?"). The second part usually leans on the first ("hvor mange
gik *de* videre med?"), so it is searched with the first part's topic words after it —
the way a follow-up in the chat panel is (:mod:`.followup`). The engine answers the whole
question as before and adds the answer to the second part when another passage gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vejviser.assistant.core.followup import QUESTION_WORDS, topic_words

#: "og"/"samt"/"and" and then a question word (after "fra"/"siden": "og fra hvornår").
SECOND = re.compile(
    r"(?:,\s*|\s+)(?:og|samt|and)\s+"
    r"(?=(?:fra\s+|siden\s+|since\s+|from\s+)?"
    rf"(?:{'|'.join(sorted(QUESTION_WORDS, key=len, reverse=True))})\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Compound:
    first: str  # the first question, as asked
    second: str  # the second as asked, with the first one's topic words it lacks


def split_question(question: str) -> Compound | None:
    """The two questions of a compound question, or None. Each part needs a word of its
    own besides the question word ("… og hvorfor?" is one question with a why)."""
    match = SECOND.search(question)
    if match is None:
        return None
    first = question[: match.start()].strip(" ,;–-")
    asked = question[match.end() :].strip()
    if not topic_words(first) or len(asked.split()) < 2:
        return None
    own = {w.lower() for w in topic_words(asked)}
    carried = [w for w in topic_words(first) if w.lower() not in own]
    second = f"{asked.rstrip(' ?')} ({' '.join(carried)})?" if carried else asked
    return Compound(first=f"{first.rstrip(' ?')}?", second=second)
