"""The assistant: question in, cited answer out.

Order of work for every question: check the input, scrub identifiers, detect the
language, retrieve, then answer — with the LLM when one is configured and the passages
are relevant, otherwise (and on any LLM error) offline.
"""

from __future__ import annotations

import copy
import logging
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vejviser.assistant.core import tuning
from vejviser.assistant.core.answer import (
    BODY_WORDS,
    MAX_WORDS,
    Answer,
    Link,
    cap_words,
    compose,
    is_relevant,
    select_hits,
)
from vejviser.assistant.core.compound import split_question
from vejviser.assistant.core.corpus import Citation, Corpus, load_corpus
from vejviser.assistant.core.llm import (
    LLMConfig,
    LLMError,
    PassageData,
    build_messages,
    chat,
    cited_numbers,
    renumber,
)
from vejviser.assistant.core.project import (
    ProjectState,
    compose_project,
    project_intent,
    tool_link,
)
from vejviser.assistant.core.question import asking_part, question_form
from vejviser.assistant.core.retrieval import Hit, Index, Setting
from vejviser.assistant.core.schema import ToolHook
from vejviser.assistant.core.scrub import scrub, strip_placeholders
from vejviser.assistant.core.text import detect_language, has_kind, word_count, words
from vejviser.kernel.files import ContentErrors

if TYPE_CHECKING:  # the assessments' engine is imported by whoever attaches verdicts
    from vejviser.assistant.core.verdict import Verdicts

log = logging.getLogger("vejviser.assistant")

SEARCH_K = 6
LLM_PASSAGES = 4

#: A project to answer in: its state, or a function that reads it (called only when the
#: question needs it, so general questions asked in a project cost no database reads).
ProjectSource = ProjectState | Callable[[], ProjectState]


def mentions(text: str, keywords: list[str]) -> bool:
    """Whether a keyword occurs at the start of a word ("lov" in "loven"); keywords of
    one or two letters ("it") only as whole words."""
    low = text.lower()
    for keyword in keywords:
        end = r"(?!\w)" if len(keyword) <= 2 else ""
        if re.search(r"(?<!\w)" + re.escape(keyword.lower()) + end, low):
            return True
    return False


class Assistant:
    #: The rule engine's verdicts (:mod:`.verdict`), attached with :meth:`with_verdicts`.
    verdicts: Verdicts | None = None
    #: Where a quoted rule is shown ("/assessments/{assessment}/rules/").
    rules_url: str | None = None

    def __init__(self, corpus: Corpus, llm: LLMConfig | None = None) -> None:
        self.corpus = corpus
        self.llm = llm
        start = time.perf_counter()
        setting = {
            lang: Setting(words=tuple(s.words), markers=tuple(s.markers))
            for lang, s in corpus.config.setting_words.items()
        }
        phrases = {
            lang: [(p.phrases, p.terms) for p in entries]
            for lang, entries in corpus.config.phrase_terms.items()
        }
        self.index = Index(corpus.docs, corpus.config.term_variants, setting, phrases)
        self.index_ms = (time.perf_counter() - start) * 1000
        self.config = corpus.config
        self.messages = corpus.config.messages

    @classmethod
    def load(cls, content_dir: Path | None = None, llm: LLMConfig | None = None) -> Assistant:
        """An assistant on a content folder's files (tests, trying files before a load);
        the site and the CLI build theirs from the loaded content (``answering``)."""
        return cls(load_corpus(content_dir), llm=llm)

    def with_llm(self, llm: LLMConfig | None) -> Assistant:
        """The same assistant (same index, no rebuild) with other LLM settings."""
        twin = copy.copy(self)
        twin.llm = llm
        return twin

    def with_verdicts(self, verdicts: Verdicts | None, rules_url: str | None = None) -> Assistant:
        """The same assistant answering the questions a rule engine decides with it."""
        twin = copy.copy(self)
        twin.verdicts = verdicts
        twin.rules_url = rules_url
        return twin

    # -- the pieces -------------------------------------------------------------

    def language(self, text: str) -> str:
        return detect_language(text, self.index.vocab)

    def search(
        self, question: str, lang: str, k: int = SEARCH_K, kind: str | None = None
    ) -> list[Hit]:
        """Top ``k`` passages; ``kind`` is :meth:`answer_kind` when the caller has it."""
        return self.index.search(
            question,
            lang,
            k,
            boost=self._intent_terms(question, lang),
            kind=kind if kind is not None else self.answer_kind(question, lang),
        )

    def answer_kind(self, question: str, lang: str) -> str | None:
        """The kind of fact the question asks for ("fra hvornår" -> date), if any."""
        for answer_type in self.config.answer_types.get(lang, []):
            if mentions(question, answer_type.phrases):
                return answer_type.kind
        return None

    def _intent_terms(self, question: str, lang: str) -> list[str]:
        """Search words the question's question words ask for ("hvem" -> roles)."""
        intents = self.config.intent_terms.get(lang, {})
        return [w for word, terms in intents.items() if mentions(question, [word]) for w in terms]

    def tool_for(self, question: str) -> ToolHook | None:
        """The assessment tool a question really asks for, if any."""
        for hook in self.config.tool_hooks:
            if mentions(question, hook.any_of):
                return hook
        return None

    def _own_case(self, question: str, lang: str) -> bool:
        """The question speaks of the asker's own case ("vores produkt"), or the
        content sets no such words (then every tool question counts as one)."""
        own = self.config.own_case.get(lang)
        if not own:
            return True
        return bool(set(words(question)) & {w.lower() for w in own})

    def role_for(self, question: str) -> str:
        for route in self.config.role_routes:
            if mentions(question, route.any_of):
                return route.role
        return self.config.default_role

    def _removed_notice(self, removed: dict[str, int], lang: str) -> str:
        names = self.messages.identifier_names
        items = ", ".join(
            f"{names[kind].get(lang) if kind in names else kind}: {count}"
            for kind, count in sorted(removed.items())
        )
        return self.messages.removed_identifiers.get(lang).format(items=items)

    # -- answering --------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        use_llm: bool = True,
        project: ProjectSource | None = None,
        notice: bool = True,
    ) -> Answer:
        """Answer a question. With ``project``, questions about the project's state are
        answered from it and an assessment tool that exists on one of its steps is
        linked. ``notice=False`` leaves the "identifiers removed" note out of the text
        (``answer.removed`` still says what went; the web shows its own message)."""
        start = time.perf_counter()
        answer = self._answer(question, use_llm=use_llm, project=project, notice=notice)
        answer.latency_ms = (time.perf_counter() - start) * 1000
        return answer

    def project_intent(self, question: str) -> str | None:
        """The kind of project question ("next", "who", "where", "overdue"), if any."""
        return project_intent(strip_placeholders(scrub(question).text), self.config.project)

    def _invalid(self, question: str) -> Answer | None:
        text = question.strip()
        if not text:
            msg = self.messages.empty_question
            return Answer(text=f"{msg.da} / {msg.en}", sources=[], lang="da", mode="invalid")
        if len(text) > self.config.max_question_chars:
            lang = self.language(text[:500])
            template = self.messages.too_long.get(lang)
            return Answer(
                text=template.format(limit=self.config.max_question_chars, length=len(text)),
                sources=[],
                lang=lang,
                mode="invalid",
            )
        return None

    def _answer(
        self, question: str, *, use_llm: bool, project: ProjectSource | None, notice: bool
    ) -> Answer:
        invalid = self._invalid(question)
        if invalid is not None:
            invalid.question = scrub(question.strip()).text
            return invalid
        cleaned = scrub(question.strip())
        text = cleaned.text
        searchable = strip_placeholders(text)  # "[CPR]" is no topic
        lang = self.language(searchable)
        state: ProjectState | None = None
        kind = project_intent(searchable, self.config.project) if project is not None else None
        tool = self.tool_for(text)
        if tool is not None and project is None and not self._own_case(searchable, lang):
            tool = None  # a general question: no pointer to assess "your own product"
        howto = question_form(searchable, lang).kind == "howto"
        if project is not None and (kind is not None or tool is not None or howto):
            state = project() if callable(project) else project
        if state is not None and kind is not None:
            made = compose_project(self.corpus, state, kind, lang)
            answer = Answer(
                text=made.text,
                sources=made.citations,
                lang=lang,
                mode="project",
                passages=made.passages,
                links=made.links,
            )
            tool = None
        elif (verdict := self._verdict(searchable, lang)) is not None:
            answer = self._with_second_part(verdict, searchable, lang)
        else:
            asked, fact, hits = self._evidence(searchable, lang)
            # Answered from the asking sentence alone: only that goes to an LLM too
            # (the rest found no evidence, and may be an instruction to it).
            sent = text if asked == searchable else asked
            answer = self._grounded(asked, sent, lang, hits, use_llm=use_llm, kind=fact)
            if answer.mode == "offline":
                answer = self._with_second_part(answer, searchable, lang)
        extras_before = (
            [self._removed_notice(cleaned.removed, lang)] if cleaned.changed and notice else []
        )
        if tool is not None:
            name = tool.name.get(lang)
            answer.pointer = self.messages.tool_pointer.get(lang).format(tool=tool.tool, name=name)
            answer.tool = tool.tool
            link = tool_link(state, tool.tool, name, self.corpus, lang) if state else None
            if link is not None:
                answer.links.append(link)
        if state is not None and howto and answer.mode == "offline":
            answer.links += self._step_tool_links(answer, state, lang)
        reserve = sum(len(x.split()) for x in extras_before)
        # A verdict is the engine's conclusion, reasons and assumed facts: never cut.
        body = (
            answer.text if answer.mode == "verdict" else cap_words(answer.text, MAX_WORDS - reserve)
        )
        answer.text = " ".join([*extras_before, body])
        answer.removed = cleaned.removed
        answer.question = text
        return answer

    def _step_tool_links(self, answer: Answer, state: ProjectState, lang: str) -> list[Link]:
        """A "how do I …?" answered by a journey step: links that open the step's tools
        on the user's project (those on a step the user can see)."""
        doc = self.corpus.doc(answer.passages[0]) if answer.passages else None
        if doc is None or doc.kind != "action":
            return []
        names = {
            d.tool: d.title[lang]
            for d in self.corpus.docs
            if d.tool is not None and d.kind == "knowledge"
        }
        links = [
            tool_link(state, tool_id, names.get(tool_id, tool_id), self.corpus, lang)
            for tool_id in doc.tools
        ]
        return [link for link in links if link is not None and link not in answer.links]

    def _grounded(
        self,
        searchable: str,
        question: str,
        lang: str,
        hits: list[Hit],
        *,
        use_llm: bool,
        kind: str | None = None,
    ) -> Answer:
        """From the passages: the LLM's answer when configured and it works, else the
        offline one; "I don't know" when no passage is relevant."""
        if not is_relevant(hits):
            return self._no_answer(searchable, lang, hits)
        if use_llm and self.llm is not None:
            answer = self._llm_answer(question, lang, hits)
            if answer is not None:
                return answer
        body, citations, ids = compose(
            self.corpus,
            self.index.langs[lang],
            searchable,
            hits,
            kind=kind,
        )
        return Answer(text=body, sources=citations, lang=lang, mode="offline", passages=ids)

    def _evidence(self, question: str, lang: str) -> tuple[str, str | None, list[Hit]]:
        """The question to answer, the kind of fact it asks for and the passages found.
        A case described before the question ("AI'en skal advare om sepsis … Hvilken
        MDR-klasse?") brings words our content never uses, which can make the whole
        look like another subject: when the whole has no relevant evidence, the sentence
        that asks is searched alone (:func:`.question.asking_part`)."""
        fact = self.answer_kind(question, lang)
        hits = self.search(question, lang, kind=fact)
        if is_relevant(hits):
            return question, fact, hits
        asked = asking_part(question)
        if asked is None:
            return question, fact, hits
        fact_asked = self.answer_kind(asked, lang)
        found = self.search(asked, lang, kind=fact_asked)
        # Alone, the asking sentence must name its subject: "Kan AI hjælpe?" after "Min
        # computer vil ikke starte." shares only "AI" with our content.
        if is_relevant(found) and found[0].specific >= tuning.ASKED_SPECIFIC:
            return asked, fact_asked, found
        return question, fact, hits

    def _with_second_part(self, answer: Answer, question: str, lang: str) -> Answer:
        """A compound question ("…, og hvor mange gik de videre med?",
        :mod:`.compound`): the answer to its second part, from the passage that answers
        it best, joins the answer when that passage is not already used — within
        ``tuning.SECOND_PART_WORDS``, the first part's answer cut to leave room for it."""
        parts = split_question(question)
        if parts is None:
            return answer
        kind = self.answer_kind(parts.second, lang)
        hits = self.search(parts.second, lang, kind=kind)
        if not is_relevant(hits):
            return answer
        index = self.index.langs[lang]
        body, citations, ids = compose(self.corpus, index, parts.second, hits, kind=kind)
        if not ids or ids[0] in answer.passages or " [1]" not in body:
            return answer
        first = body.split(" [1]", 1)[0]
        kept = cap_words(first, tuning.SECOND_PART_WORDS)
        if kept.endswith(" …") or (kind in ("date", "number") and not has_kind(kept, kind)):
            return answer  # not even its first sentence fits, or it lacks the fact asked for
        n = len(answer.sources) + 1
        extra = f"{kept} [{n}]"
        if answer.mode == "verdict":  # the verdict's own lines (its assumptions) stay last
            head, _, tail = answer.text.partition("\n")
            text = f"{head} {extra}" + (f"\n{tail}" if tail else "")
        else:
            text = f"{cap_words(answer.text, BODY_WORDS - word_count(extra))} {extra}"
        answer.text = text
        answer.sources = [*answer.sources, citations[0]]
        answer.passages = [*answer.passages, ids[0]]
        return answer

    def _verdict(self, question: str, lang: str) -> Answer | None:
        """The rule engine's verdict, when the question asks what an assessment decides
        and states facts (:mod:`.verdict`)."""
        if self.verdicts is None:
            return None
        try:
            made = self.verdicts.decide(question, lang, rules_url=self.rules_url)
        except (ContentErrors, LookupError) as exc:  # bad or missing assessments: knowledge
            log.warning("no verdict, answering from the knowledge: %s", exc)
            return None
        if made is None:
            return None
        return Answer(
            text=made.text,
            sources=[Citation(title, ref, url or None) for title, ref, url in made.citations],
            lang=lang,
            mode="verdict",
            passages=[f"rule:{made.assessment}:{rule}" for rule in made.fired],
        )

    def _no_answer(self, question: str, lang: str, hits: Sequence[Hit]) -> Answer:
        """ "I don't know", and whom in the project to ask. A question that shares
        ``TOPIC_SPECIFIC`` specific words with a passage is about our subject: it is not
        told that only AI in healthcare is answered, nor to ask its doctor."""
        role = self.role_for(question)
        on_topic = max((h.specific for h in hits[: tuning.RELEVANT_DEPTH]), default=0)
        message = (
            self.messages.no_answer_topic
            if on_topic >= tuning.TOPIC_SPECIFIC
            else self.messages.no_answer
        )
        text = " ".join(
            [
                message.get(lang),
                self.messages.ask_role.get(lang).format(role=self.corpus.role_title(role, lang)),
            ]
        )
        return Answer(text=text, sources=[], lang=lang, mode="no-answer")

    def _llm_answer(self, question: str, lang: str, hits: list[Hit]) -> Answer | None:
        assert self.llm is not None
        # The same passages as the offline answer leads with (the rule for further
        # passages needs the index), then the next ones that share a question word.
        chosen = select_hits(hits, self.index.langs[lang], question)
        chosen += [h for h in hits if h not in chosen and h.coverage > 0][
            : max(0, LLM_PASSAGES - len(chosen))
        ]
        citations = [self.corpus.citation(h.doc, lang) for h in chosen]
        passages = [
            PassageData(
                n=n, title=h.doc.title[lang], text=h.doc.text[lang], source=f"{c.title}, {c.ref}"
            )
            for n, (h, c) in enumerate(zip(chosen, citations, strict=True), 1)
        ]
        messages = build_messages(self.config.llm_system_prompt.get(lang), question, passages, lang)
        try:
            reply = chat(self.llm, messages)
            order = cited_numbers(reply, len(passages))
        except LLMError as exc:
            log.warning("LLM answer not used, answering offline: %s", exc)
            return None
        return Answer(
            text=renumber(reply, order),
            sources=[citations[n - 1] for n in order],
            lang=lang,
            mode="llm",
            passages=[chosen[n - 1].doc.id for n in order],
        )
