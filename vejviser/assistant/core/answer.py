"""Offline answers: composed from the best passages' own sentences, with numbered
citations. No network, no model: what it says is what the content says."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vejviser.assistant.core import tuning
from vejviser.assistant.core.corpus import Citation, Corpus, Doc
from vejviser.assistant.core.question import (
    UPDATE_STEPS,
    Form,
    asks_what_is,
    asks_where_in_journey,
    polarity,
    question_form,
)
from vejviser.assistant.core.retrieval import Hit, LangIndex, Unit
from vejviser.assistant.core.sentences import pick_sentences, sentence_scores
from vejviser.assistant.core.text import has_kind, split_sentences, word_count, words

MAX_WORDS = 150  # the whole answer, notices included
BODY_WORDS = 120  # what the passages may use
#: Passage kinds of the journey's steps (their lead says where they belong).
JOURNEY_STEPS = frozenset({"action", "attention"})
#: Question forms and fact kinds whose answering sentence opens the answer.
VERDICT_FIRST = frozenset({"yesno", "date", "number", "reason"})
#: Passages whose sentences may give a yes/no question its "Ja"/"Nej".
VERDICT_KINDS = frozenset({"knowledge", "action", "attention"})


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
    #: Where to assess the asker's own case ("Vurder jeres eget produkt med værktøjet
    #: …"): navigation, shown under the answer, not part of it.
    pointer: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "pointer": self.pointer,
            "sources": [c.as_dict() for c in self.sources],
            "latency_ms": round(self.latency_ms, 3),
        }

    def render(self, heading: str) -> str:
        lines = [self.text, *([self.pointer] if self.pointer else [])]
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
    return any(_covers(hit) for hit in hits[: tuning.RELEVANT_DEPTH])


def _covers(hit: Hit) -> bool:
    # One shared word, not in the title, is chance when the question also has words
    # our content lacks, or when it has tuning.CHANCE_UNITS or more words of which the passage
    # shares only that one ("Hvornår går det næste tog til Aarhus?": "tog").
    chance = (
        hit.matched <= 1 and (hit.unknown or hit.units >= tuning.CHANCE_UNITS) and not hit.in_title
    )
    if chance:
        needed = tuning.MIN_COVERAGE_SINGLE
    elif hit.in_title and hit.matched >= tuning.TITLED_MATCHES:
        needed = tuning.MIN_COVERAGE_TITLED  # a long question whose topic is the passage's
    else:
        needed = tuning.MIN_COVERAGE
    # Unless the evidence shares several of the question's words (a question about our
    # content with words we lack: a pasted English sentence, a product name), what it
    # covers must outweigh the part of the question our content knows nothing about
    # (words no passage uses in any form: "pizza", "storm"), so a question about
    # something else is not answered from one or two shared everyday words.
    outweighs = hit.matched >= tuning.TITLED_MATCHES or hit.coverage > hit.unknown_share
    # What the passage shares must include a word that says what the question is about,
    # not only everyday words ("Hvordan får jeg et nyt pas?").
    specific = hit.specific > 0 or (
        hit.matched >= tuning.TITLED_MATCHES and hit.coverage >= tuning.NEARLY_ALL
    )
    return hit.coverage >= needed and outweighs and specific


def select_hits(
    hits: Sequence[Hit], index: LangIndex | None = None, question: str = ""
) -> list[Hit]:
    """The top passage and the next ones that match the question about as well
    (``RELATED_COVERAGE`` of its coverage) or — when the top one leaves part of the
    question open (covers less than ``WHOLE_COVERAGE``) — that hold at least
    ``OPEN_SHARE`` of the question it lacks ("Hvilke risici er der ved tale-til-tekst
    …?": what an ambient scribe is ranks first, the risks second)."""
    if not is_relevant(hits):
        return []
    top = hits[0].coverage
    chosen = [hits[0]]
    units = index.query_units(question) if index is not None and question else []
    for hit in hits[1:]:
        if len(chosen) == tuning.MAX_PASSAGES:
            break
        if hit.coverage < tuning.MIN_COVERAGE:
            continue
        if hit.coverage >= tuning.RELATED_COVERAGE * top or (
            index is not None
            and units
            and top < tuning.WHOLE_COVERAGE
            and hit.coverage >= tuning.PARTIAL_RELATED_COVERAGE * top
            and _open_share(index, units, hits[0], hit) >= tuning.OPEN_SHARE
        ):
            chosen.append(hit)
    return chosen


def _open_share(index: LangIndex, units: list[Unit], best: Hit, hit: Hit) -> float:
    """What ``hit`` holds of the question that ``best`` lacks (0 for an unknown passage)."""
    i, j = index.position(best.doc.id), index.position(hit.doc.id)
    return 0.0 if i is None or j is None else index.open_covered(units, i, j)


def compose(
    corpus: Corpus,
    index: LangIndex,
    question: str,
    hits: Sequence[Hit],
    kind: str | None = None,
) -> tuple[str, list[Citation], list[str]]:
    """Answer text with [n] citations, the citations, and the passage ids used.
    ``kind``: the kind of fact asked for (a date, a number); sentences holding one are
    preferred.

    The question's form (:func:`question_form`) shapes the answer: a question about
    two things ("forskellen på X og Y") answers both, each from the passage that covers
    it; a yes/no question, and one asking for a date or a number, opens with the
    sentence that answers it — for yes/no with "Ja —" or "Nej —" when that sentence
    holds most of the question and says yes or no."""
    form = question_form(question, index.lang)
    if form.kind == "difference" and form.things is not None:
        both = _compose_both(corpus, index, question, hits, form.things)
        if both is not None:
            return both
    if form.kind == "howto" and is_relevant(hits):
        step = howto_step(corpus, index, question, form)
        if step is not None:
            return _compose_step(corpus, index, question, step, form)
    chosen = select_hits(hits, index, question)
    if kind in ("date", "number", "reason") and chosen:
        chosen = _fact_first(chosen, kind, index.lang)
    if chosen and asks_where_in_journey(question, index.lang) and form.kind != "howto":
        chosen = _step_first(chosen, hits)
    return _compose_hits(corpus, index, question, chosen, kind, form)


def _lead_margin(question: str, lang: str, form: Form, kind: str | None) -> float:
    """How much more of the question than the passage's lead a sentence must hold to
    open the answer: nothing for a yes/no, date, number or why question; never for
    "what is X?" (the lead says what it is); else ``LEAD_MARGIN``."""
    if form.kind in VERDICT_FIRST or kind in VERDICT_FIRST:
        return 0.0
    if asks_what_is(question, lang):
        return 1.0
    return tuning.LEAD_MARGIN


def howto_step(corpus: Corpus, index: LangIndex, question: str, form: Form) -> Hit | None:
    """The journey step that does what a "how do I …?" question asks: an action whose
    title holds every word of the question's task ("business case" in "Hvordan laver
    jeg en business case for en AI-løsning til røntgen?" — the setting, "røntgen", is
    the user's, not the step's; words in a quarter of all passages, "AI", do not count);
    among those one that updates when the question asks
    to update and one that makes the thing otherwise, then the one covering most of the
    question, then the earliest in the journey.

    When no title holds every word, the task's specific words alone
    (:meth:`LangIndex.specific`) must be in a title, after its opening verb:
    "Hvordan skriver jeg en god kravspecifikation …?" is the step that makes a
    requirement specification though no title says "skriver" or "god"; "lav" in "lav
    og høj" is not the title's "Lav …"."""
    task = form.task or ""
    found = _step_for(corpus, index, question, form, task, opener=True)
    if found is None:
        specific = " ".join(w for w in words(task) if index.specific(w))
        found = _step_for(corpus, index, question, form, specific, opener=False)
    return found


def _step_for(
    corpus: Corpus, index: LangIndex, question: str, form: Form, task: str, *, opener: bool
) -> Hit | None:
    """The action whose title holds every word of ``task`` (``opener``: its opening
    verb counts) — see :func:`howto_step`."""
    task_units = [
        (w, alts)
        for w, alts in (index.query_units(task) if task else [])
        if not index.background(alts)
    ]
    if not task_units:
        return None
    units = index.query_units(question)
    best: tuple[tuple[bool, float, int], int] | None = None
    for i, doc in enumerate(corpus.docs):
        if doc.kind != "action":
            continue
        heading = words(doc.title[index.lang])
        title = (
            index.title_terms[i]
            if opener
            else frozenset(index.analyzer.terms(" ".join(heading[1:])))
        )
        if not all(any(a <= title for a in alts) for _, alts in task_units):
            continue
        updates = bool(heading) and heading[0] in UPDATE_STEPS
        key = (updates == form.update, index.coverage(units, i), -i)
        if best is None or key > best[0]:
            best = (key, i)
    if best is None:
        return None
    i = best[1]
    return Hit(doc=corpus.docs[i], score=1.0, coverage=index.coverage(units, i))


def _compose_step(
    corpus: Corpus, index: LangIndex, question: str, step: Hit, form: Form
) -> tuple[str, list[Citation], list[str]]:
    """A step as the answer to "how do I …?": where it is, what to do, and always who
    takes part and which Vejviser tools do it (its label lines)."""
    text, citations, ids = _compose_hits(corpus, index, question, [step], None, form)
    msg = corpus.config.messages
    labels = tuple(f"{m.get(index.lang)}:" for m in (msg.action_roles, msg.action_tools))
    missing = [
        s
        for s in split_sentences(step.doc.text[index.lang])
        if s.startswith(labels) and s not in text
    ]
    if missing and text.endswith("]"):
        body, cite = text.rsplit(" [", 1)
        text = " ".join([body, *missing]) + f" [{cite}"
    return text, citations, ids


def _fact_first(chosen: list[Hit], kind: str, lang: str) -> list[Hit]:
    """For a date, number or why question: when the top passage holds no such fact (no
    reason words: "fordi", "formålet" …) and a chosen passage does, that one leads."""
    if has_kind(chosen[0].doc.text[lang], kind):
        return chosen
    for i, hit in enumerate(chosen[1:], 1):
        if hit.score >= tuning.FACT_LEAD * chosen[0].score and has_kind(hit.doc.text[lang], kind):
            return [hit, *chosen[:i], *chosen[i + 1 :]]
    return chosen


def _step_first(chosen: list[Hit], hits: Sequence[Hit]) -> list[Hit]:
    """For a question asking in which phase something happens: when an overview (a
    track's or phase's list) leads, the journey step that does it leads instead — its
    place ("Test og implementering (Ny idé) – …") answers the question — if it covers
    ``STEP_LEAD`` of what the overview covers."""
    if chosen[0].doc.kind not in ("track", "phase"):
        return chosen
    top = chosen[0].coverage
    for hit in hits[: tuning.RERANK_DEPTH]:
        if hit.doc.kind in JOURNEY_STEPS and hit.coverage >= tuning.STEP_LEAD * top:
            return [hit, *(h for h in chosen if h is not hit)][: tuning.MAX_PASSAGES]
    return chosen


def _compose_hits(
    corpus: Corpus,
    index: LangIndex,
    question: str,
    chosen: Sequence[Hit],
    kind: str | None,
    form: Form,
    budget: int = BODY_WORDS,
    citations: list[Citation] | None = None,
    seen: frozenset[str] = frozenset(),
) -> tuple[str, list[Citation], list[str]]:
    parts: list[str] = []
    citations = citations if citations is not None else []
    used_ids: list[str] = []
    msg = corpus.config.messages
    labels = tuple(
        f"{label.get(index.lang)}:"
        for label in (msg.action_done, msg.action_roles, msg.action_tools)
    )
    anaphora = frozenset(w.lower() for w in corpus.config.anaphora.get(index.lang, []))
    # A further passage's sentence must hold MIN_RELATED_SENTENCE_SCORE of the question;
    # less (PARTIAL_TOP_RELATED) when the best passage leaves part of the question open.
    related = (
        tuning.MIN_RELATED_SENTENCE_SCORE
        if not chosen or chosen[0].coverage >= tuning.WHOLE_COVERAGE
        else tuning.PARTIAL_TOP_RELATED
    )
    for rank, hit in enumerate(chosen):
        top = rank == 0
        sentences = pick_sentences(
            index,
            question,
            hit.doc,
            budget,
            top=top,
            skip_prefixes=labels,
            seen=seen,
            anaphora=anaphora,
            kind=kind,
            best_first=top,
            # A yes/no, date, number or why question: the answering sentence leads; any
            # other question: only when it holds clearly more of the question than the
            # passage's lead.
            margin=_lead_margin(question, index.lang, form, kind),
            related=related,
        )
        if not sentences:
            continue
        seen = seen | frozenset(t for s in sentences for t in index.analyzer.terms(s))
        citations.append(corpus.citation(hit.doc, index.lang))
        used_ids.append(hit.doc.id)
        # A passage's lead: a tool's name always; where a journey step belongs
        # ("Idéudvikling (Ny idé) – Udarbejd …:") only in answer to a how-to question
        # or one that asks when or in which phase.
        placed = (
            hit.doc.kind not in JOURNEY_STEPS
            or form.kind == "howto"
            or asks_where_in_journey(question, index.lang)
        )
        lead = hit.doc.lead.get(index.lang) if top and placed else None
        # "Ja"/"Nej" opens only a passage's own sentence, never its shown lead
        verdict = (
            _verdict(corpus, index, question, hit.doc, sentences[0], form)
            if top and lead is None
            else None
        )
        if verdict is not None:
            rest = [lead, *sentences[1:]] if lead else sentences[1:]
            body = " ".join([f"{verdict} — {index.lower_first(sentences[0])}", *rest])
        else:
            body = " ".join([lead, *sentences] if lead else sentences)
        parts.append(f"{body} [{len(citations)}]")
        budget -= word_count(body)
        if budget < 12:
            break
    return " ".join(parts), citations, used_ids


def _verdict(
    corpus: Corpus, index: LangIndex, question: str, doc: Doc, sentence: str, form: Form
) -> str | None:
    """ "Ja" or "Nej" (in the question's language) when a yes/no question's answering
    sentence holds at least ``VERDICT_SHARE`` of the question and says yes or no; a
    question that is itself negated ("Skal vi ikke …?") gets no verdict, so a "Nej"
    is never ambiguous."""
    if form.kind != "yesno" or form.negated or doc.kind not in VERDICT_KINDS:
        return None
    sentences = split_sentences(doc.text[index.lang])
    scores = sentence_scores(index, question, [sentence, *sentences], doc)
    if scores[0] < tuning.VERDICT_SHARE or scores[0] < max(scores[1:], default=0.0):
        return None  # not the sentence that answers best: no verdict from it
    said = polarity(sentence, index.lang, form.opener)
    msg = corpus.config.messages
    if said == "no":
        return msg.verdict_no.get(index.lang)
    if said == "yes":
        return msg.verdict_yes.get(index.lang)
    return None


def _treats(index: LangIndex, doc: Doc, units: list[Unit]) -> bool:
    """The passage treats a thing, not only mentions it: the thing is in its title, or
    in at least two of its sentences ("Dice … det gør HD95" mentions HD95 once)."""
    if not units:
        return False
    title = (
        index.title_terms[index.position(doc.id) or 0]
        if index.position(doc.id) is not None
        else frozenset()
    )

    def has(terms: frozenset[str]) -> bool:
        return all(any(a <= terms for a in alts) for _, alts in units)

    if has(title):
        return True
    sentences = split_sentences(doc.text[index.lang])
    return sum(has(frozenset(index.analyzer.terms(s))) for s in sentences) >= 2


def _title_opens_with(index: LangIndex, doc: Doc, units: list[Unit]) -> bool:
    """The passage's title opens with (one of) the thing's words."""
    first = words(doc.title[index.lang])[:1]
    if not first:
        return False
    terms = frozenset(index.analyzer.terms_of(first))
    return any(any(a <= terms for a in alts) for _, alts in units)


def _compose_both(
    corpus: Corpus,
    index: LangIndex,
    question: str,
    hits: Sequence[Hit],
    things: tuple[str, str],
) -> tuple[str, list[Citation], list[str]] | None:
    """A difference question: one passage that covers both things answers it (a
    side-by-side passage); else each thing is answered from the best passage that covers
    it, in the question's order, within half the budget each. ``None`` when either
    thing is not found (the ordinary answer then)."""
    if not is_relevant(hits):
        return None
    units = [index.query_units(thing) for thing in things]
    if all(_treats(index, hits[0].doc, u) for u in units if u):
        return None  # the top passage treats both: the ordinary answer
    chosen: list[Hit] = []
    for thing, thing_units in zip(things, units, strict=True):
        if not thing_units:
            return None
        candidates = [
            h
            for h in index.search(thing, corpus.docs, 4)
            if h.coverage >= tuning.THING_COVERAGE and h.doc.id not in {c.doc.id for c in chosen}
        ]
        # The passage about the thing names it first in its title ("Dice-koefficienten"
        # before "Overflade-Dice"); otherwise the search's order.
        candidates.sort(key=lambda h: not _title_opens_with(index, h.doc, thing_units))
        found = candidates[0] if candidates else None
        if found is None:
            return None
        chosen.append(found)
    parts: list[str] = []
    citations: list[Citation] = []
    ids: list[str] = []
    seen: frozenset[str] = frozenset()
    for thing, hit in zip(things, chosen, strict=True):
        text, citations, used = _compose_hits(
            corpus, index, thing, [hit], None, Form(), BODY_WORDS // 2, citations, seen
        )
        if not text:
            return None
        seen = seen | frozenset(index.analyzer.terms(text))
        parts.append(text)
        ids += used
    return " ".join(parts), citations, ids


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
