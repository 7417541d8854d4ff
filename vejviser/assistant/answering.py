"""The Django side of answering: the shared index, and a project as the asker sees it.

- :func:`engine` — one :class:`~vejviser.assistant.core.engine.Assistant` per process,
  built from the content as loaded in the database (the journey rows, with the content
  editors' admin edits, and the stored ``knowledge`` documents) and rebuilt when the
  content revision moves: every question checks the revision (one indexed query), so
  every server process answers from the content the pages show.
- The built index is also kept on disk (:mod:`vejviser.assistant.index`), named by the
  revision's token and a digest of the assistant's code, so a new process — a server
  start, ``vejviser ask`` from a cold start — loads it instead of building it. A file
  for another revision or other code is never read.
- :func:`project_state` — a project, read through its :class:`ProjectAccess` (a vendor
  sees only the shared steps), as the pure core's :class:`ProjectState`.
- :func:`answer` — ask in a project or outside one.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse

from vejviser.assistant.core.corpus import Corpus, Knowledge, build_corpus
from vejviser.assistant.core.followup import FollowUp, resolve
from vejviser.assistant.core.llm import LLMConfig
from vejviser.assistant.core.project import ProjectState, RoleNeed, StepInfo, ToolLink
from vejviser.assistant.core.schema import AssistantFile
from vejviser.assistant.core.scrub import scrub
from vejviser.assistant.core.tooldocs import PAGES, TOOL_FOLDERS, read_page_texts
from vejviser.assistant.index import read_index, write_index
from vejviser.journey import content
from vejviser.journey.tools import tool_url, tools_for
from vejviser.kernel.files import ContentErrors
from vejviser.projects.access import ProjectAccess
from vejviser.projects.models import Step

if TYPE_CHECKING:  # the index (numpy, bm25s) is imported when the first question comes
    from vejviser.assistant.core.answer import Answer
    from vejviser.assistant.core.engine import Assistant
    from vejviser.assistant.core.verdict import Verdicts
    from vejviser.assistant.models import Conversation, Message

log = logging.getLogger("vejviser.assistant")


def loaded_corpus() -> Corpus:
    """The assistant's passages from the loaded content (journey rows + knowledge)."""
    knowledge: Knowledge = content.folder_data("knowledge")
    journey = content.journey()
    # The tools' own content (document templates, monitoring actions, assessment rules,
    # market items, the record's publication standards) as loaded, and the texts their
    # pages show (the UI catalogue), so the assistant explains what the tools explain
    # (core/tooldocs.py).
    tools = {folder: content.stored_documents(folder) for folder in TOOL_FOLDERS}
    tools[PAGES] = read_page_texts()
    return build_corpus(
        knowledge, journey.sources, journey.roles, journey.tracks, strict=False, tools=tools
    )


def config() -> AssistantFile:
    """The assistant's own texts and maps (``knowledge/assistant.yaml``) as loaded: for
    pages that show the assistant's form without answering (no index needed)."""
    return content.folder_data("knowledge").config  # type: ignore[no-any-return]


def engine() -> Assistant:
    """The process-wide assistant for the current content revision (built, or read from
    the index file, when the revision has moved; the LLM settings are read then), with
    the assessments' rules for the questions they decide."""
    built = content.per_revision(("assistant", "engine"), _build)
    return built.with_llm(_llm()).with_verdicts(built.verdicts, _rules_url())


def loaded_verdicts() -> Verdicts | None:
    """The rule engine's verdicts on the loaded assessments (``assistant-facts.yaml``
    beside them); None when they are not loaded or the file does not fit them (logged:
    the assistant then answers those questions from the knowledge)."""
    from vejviser.assessments.content import registry
    from vejviser.assistant.core.factsfile import FACTS_FILE
    from vejviser.assistant.core.verdict import parse

    data = content.stored_documents("assessments").get(FACTS_FILE)
    if data is None:
        return None
    try:
        return parse(data, registry())
    except (ContentErrors, content.ContentNotLoaded) as exc:
        log.warning("assistant verdicts not used: %s", exc)
        return None


def _rules_url() -> str | None:
    try:
        return reverse("assessments:rules", args=["assessment"]).replace(
            "/assessment/", "/{assessment}/"
        )
    except NoReverseMatch:
        return None


def _llm() -> LLMConfig | None:
    return LLMConfig.from_env()


def _build() -> Assistant:
    from vejviser.assistant.core.engine import Assistant

    _rev, token = content.current()
    cached = read_index(token) if token else None
    if cached is not None:
        return cached
    assistant = Assistant(loaded_corpus(), llm=None).with_verdicts(loaded_verdicts())
    if token:
        write_index(token, assistant)
    return assistant


def _texts(obj: object, field: str) -> dict[str, str]:
    da = str(getattr(obj, f"{field}_da"))
    return {"da": da, "en": str(getattr(obj, f"{field}_en") or da)}


def _name(user: object) -> str:
    full = user.get_full_name()  # type: ignore[attr-defined]
    return str(full or user.username)  # type: ignore[attr-defined]


def project_state(access: ProjectAccess) -> ProjectState:
    """Where the project stands, for the user behind ``access``."""
    project = access.project
    steps = list(access.steps())
    journey = project.journey(steps)
    track = project.track.slug

    def info(step: Step) -> StepInfo:
        roles = tuple(
            RoleNeed(role.slug, _texts(role, "title"), tuple(_name(m.user) for m in members))
            for role, members in access.involve(step)
        )
        return StepInfo(
            doc_id=f"action:{track}:{step.action.slug}",
            title=_texts(step.action, "title"),
            status=step.status,
            roles=roles,
            due=step.due_date,
            url=reverse("step", args=[project.pk, step.pk]),
        )

    phase = journey.current
    return ProjectState(
        title=project.title,
        closed=sum(not s.is_open for s in steps),
        total=len(steps),
        phase_doc=f"phase:{track}:{phase.slug}" if phase else None,
        phase_title=_texts(phase, "title") if phase else None,
        next_steps=tuple(info(s) for s in journey.next_steps),
        overdue=tuple(info(s) for s in journey.overdue),
        vendor_view=access.is_vendor,
        tools=_tools(access, steps, journey.next_steps),
    )


def _tools(access: ProjectAccess, steps: list[Step], first: list[Step]) -> dict[str, ToolLink]:
    """Tools that exist, each on the step it serves best: a next step, else an open
    step, else any step (journey order)."""
    ordered = first + [s for s in steps if s.is_open] + steps
    tools: dict[str, ToolLink] = {}
    for step in ordered:
        for tool in tools_for(step.action.tools or [], vendor=access.is_vendor):
            if tool in tools:
                continue
            try:
                url = tool_url(tool, access.project.pk, step.pk)
            except NoReverseMatch:
                url = None
            if url:
                tools[tool] = ToolLink(url, _texts(step.action, "title"))
    return tools


def followup(
    question: str, previous: str | None, access: ProjectAccess | None = None
) -> FollowUp | None:
    """``question`` as a follow-up of ``previous`` (:mod:`.core.followup`), on the
    scrubbed text; never a question about the project's own state ("hvem skal vi have
    med nu?"), which the project answers."""
    if not previous:
        return None
    text = scrub(question.strip()).text
    if access is not None and engine().project_intent(text) is not None:
        return None
    return resolve(text, previous)


def answer(
    question: str,
    access: ProjectAccess | None = None,
    *,
    notice: bool = False,
    previous: str | None = None,
) -> Answer:
    """Answer ``question``, in the project of ``access`` if given. The project is read
    only when the question needs it. ``latency_ms`` includes reading the project.
    ``previous``: the conversation's last (resolved) question; a follow-up is answered
    as its resolved form, which ``answer.question`` then holds."""
    start = time.perf_counter()
    source = (lambda: project_state(access)) if access is not None else None
    found = followup(question, previous, access)
    asked = found.question if found is not None else question
    result = engine().ask(asked, project=source, notice=notice)
    result.latency_ms = (time.perf_counter() - start) * 1000
    return result


def converse(
    conversation: Conversation, question: str, access: ProjectAccess | None = None
) -> Message:
    """Answer ``question`` as the next turn of ``conversation`` (a follow-up uses the
    turn before) and store it: the question as asked, and as answered."""
    result = answer(question, access, previous=conversation.previous_question())
    return conversation.record(result, asked=scrub(question.strip()).text)
