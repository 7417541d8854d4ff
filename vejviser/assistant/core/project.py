"""Answers from a project's own state (pure: no Django import).

Asked inside a project, "hvad er vores næste skridt?", "hvem skal vi have med nu?" or
"hvor er vi?" is about *that* project: its current phase, its next steps with the roles
they need and the members who hold them, and what is overdue. The web shell turns a
project (as the asking user may see it) into a :class:`ProjectState`; this module
detects such questions (:func:`project_intent`, with the phrases from
``content/knowledge/assistant.yaml``) and writes the answer, citing the journey content
of each step it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from vejviser.assistant.core.answer import Link
from vejviser.assistant.core.corpus import Citation, Corpus
from vejviser.assistant.core.schema import ProjectConfig, ProjectIntentKind
from vejviser.assistant.core.text import STOPWORDS, words

MAX_MEMBERS = 3  # names shown per role
MAX_OVERDUE = 3


@dataclass(frozen=True)
class RoleNeed:
    """A role a step asks for, and the project's members who have it."""

    role: str
    title: Mapping[str, str]
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepInfo:
    doc_id: str  # the step's journey passage: "action:{track}:{action}"
    title: Mapping[str, str]
    status: str  # not_started | in_progress | done | not_relevant
    roles: tuple[RoleNeed, ...] = ()
    due: dt.date | None = None
    url: str | None = None


@dataclass(frozen=True)
class ToolLink:
    """A Vejviser tool that works on one of the project's steps."""

    url: str
    step_title: Mapping[str, str]


@dataclass(frozen=True)
class ProjectState:
    """A project as one user may see it (a vendor: only the shared steps)."""

    title: str
    closed: int
    total: int
    phase_doc: str | None = None
    phase_title: Mapping[str, str] | None = None
    next_steps: tuple[StepInfo, ...] = ()
    overdue: tuple[StepInfo, ...] = ()
    vendor_view: bool = False
    #: Tool id -> where it opens on a step of this project (only tools that exist).
    tools: Mapping[str, ToolLink] = field(default_factory=dict)


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(words(text.replace("’", "'")))


def project_intent(question: str, config: ProjectConfig) -> ProjectIntentKind | None:
    """The kind of project question, or ``None`` when the question is about something
    else: an intent phrase must be in it, and every other word must be a stop word
    (either language) or a filler word."""
    tokens = _phrase(question)
    allowed = STOPWORDS["da"] | STOPWORDS["en"] | {w for f in config.filler for w in _phrase(f)}
    for intent in config.intents:
        for phrase in intent.any_of:
            wanted = _phrase(phrase)
            n = len(wanted)
            for start in range(len(tokens) - n + 1):
                if tokens[start : start + n] != wanted:
                    continue
                rest = tokens[:start] + tokens[start + n :]
                if all(w in allowed or (len(w) == 1 and not w.isdigit()) for w in rest):
                    return intent.kind
    return None


@dataclass
class ProjectAnswer:
    text: str
    citations: list[Citation]
    links: list[Link]
    passages: list[str]


class _Cites:
    """Numbers citations in order of first use; a passage cited twice keeps its number."""

    def __init__(self, corpus: Corpus, lang: str) -> None:
        self.corpus = corpus
        self.lang = lang
        self.ids: list[str] = []
        self.citations: list[Citation] = []

    def mark(self, doc_id: str | None) -> str:
        if doc_id is None:
            return ""
        if doc_id not in self.ids:
            doc = self.corpus.doc(doc_id)
            if doc is None:
                return ""
            self.ids.append(doc_id)
            self.citations.append(self.corpus.citation(doc, self.lang))
        return f" [{self.ids.index(doc_id) + 1}]"


def compose_project(
    corpus: Corpus, state: ProjectState, kind: ProjectIntentKind, lang: str
) -> ProjectAnswer:
    """The answer to a project question: where the project is, its next steps with the
    roles and people to involve, and what is overdue — each step cited."""
    msg = corpus.config.project.messages
    cites = _Cites(corpus, lang)

    def role_text(need: RoleNeed) -> str:
        title = need.title.get(lang, need.role)
        if not need.members:
            return msg.role_missing.get(lang).format(role=title)
        names = ", ".join(need.members[:MAX_MEMBERS])
        return msg.role_members.get(lang).format(role=title, members=names)

    def step_line(n: int, step: StepInfo, with_roles: bool) -> str:
        status = msg.status[step.status].get(lang) if step.status in msg.status else step.status
        line = msg.step.get(lang).format(n=n, title=step.title[lang], status=status)
        if with_roles and step.roles:
            roles = "; ".join(role_text(r) for r in step.roles)
            line += " " + msg.involve.get(lang).format(roles=roles)
        return line + cites.mark(step.doc_id) + "."

    def where() -> str:
        if state.total == 0:
            return msg.no_steps.get(lang).format(project=state.title)
        if state.phase_title is None:
            return msg.complete.get(lang).format(project=state.title)
        return (
            msg.state.get(lang).format(
                project=state.title,
                phase=state.phase_title[lang],
                closed=state.closed,
                total=state.total,
            )
            + cites.mark(state.phase_doc)
            + "."
        )

    def next_steps(with_roles: bool) -> list[str]:
        if not state.next_steps:
            return []
        return [
            msg.next_steps.get(lang),
            *(step_line(n, s, with_roles) for n, s in enumerate(state.next_steps, 1)),
        ]

    def who() -> list[str]:
        needs: dict[str, RoleNeed] = {}
        for step in state.next_steps:
            for need in step.roles:
                needs.setdefault(need.role, need)
        if not needs:
            return next_steps(with_roles=True)
        return [
            msg.who_intro.get(lang),
            "; ".join(role_text(n) for n in needs.values()) + ".",
            msg.who_steps.get(lang),
            *(step_line(n, s, False) for n, s in enumerate(state.next_steps, 1)),
        ]

    def overdue(always: bool) -> list[str]:
        if not state.overdue:
            return [msg.no_overdue.get(lang)] if always else []
        fmt = msg.date_format.get(lang)
        items = [
            msg.due.get(lang).format(
                title=s.title[lang], date=s.due.strftime(fmt) if s.due else "–"
            )
            + cites.mark(s.doc_id)
            for s in state.overdue[:MAX_OVERDUE]
        ]
        return [msg.overdue.get(lang).format(steps="; ".join(items))]

    parts: list[str]
    if kind == "who":
        parts = [where(), *who(), *overdue(always=False)]
    elif kind == "overdue":
        parts = [*overdue(always=True), where(), *next_steps(with_roles=True)]
    else:  # next, where
        parts = [where(), *next_steps(with_roles=True), *overdue(always=False)]
    missing = {
        need.role: need.title.get(lang, need.role)
        for step in state.next_steps
        for need in step.roles
        if not need.members
    }
    if missing:
        parts.append(msg.missing_roles.get(lang).format(roles=", ".join(missing.values())))
    if state.vendor_view:
        parts.append(msg.vendor_view.get(lang))

    links = [
        Link(msg.step_link.get(lang).format(title=s.title[lang]), s.url)
        for s in _unique(list(state.next_steps) + list(state.overdue[:MAX_OVERDUE]))
        if s.url
    ]
    return ProjectAnswer(
        text="\n".join(p for p in parts if p),
        citations=cites.citations,
        links=links,
        passages=cites.ids,
    )


def tool_link(state: ProjectState, tool: str, name: str, corpus: Corpus, lang: str) -> Link | None:
    """A link to an assessment tool on the project's step that uses it, if it exists."""
    found = state.tools.get(tool)
    if found is None:
        return None
    label = corpus.config.project.messages.tool_link.get(lang)
    return Link(label.format(name=name, step=found.step_title[lang]), found.url)


def _unique(steps: Sequence[StepInfo]) -> list[StepInfo]:
    seen: set[str] = set()
    out = []
    for step in steps:
        if step.doc_id not in seen:
            seen.add(step.doc_id)
            out.append(step)
    return out
