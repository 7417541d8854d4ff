"""The Django side of answering: the shared index, and a project as the asker sees it.

- :func:`engine` — one :class:`~vejviser.assistant.core.engine.Assistant` per process
  for ``settings.CONTENT_DIR``, built on first use behind a lock (thread-safe) and
  reused by every request, API call and CLI command.
- :func:`project_state` — a project, read through its :class:`ProjectAccess` (a vendor
  sees only the shared steps), as the pure core's :class:`ProjectState`.
- :func:`answer` — ask in a project or outside one.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from vejviser.assistant.core.answer import Answer
from vejviser.assistant.core.engine import Assistant, get_assistant
from vejviser.assistant.core.project import ProjectState, RoleNeed, StepInfo, ToolLink
from vejviser.journey.tools import tool_url
from vejviser.projects.access import ProjectAccess
from vejviser.projects.models import Step


def engine() -> Assistant:
    """The process-wide assistant (index built once, on first use: ≈ 0.3–1 s)."""
    return get_assistant(Path(settings.CONTENT_DIR))


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
        for tool in step.action.tools or []:
            if tool in tools:
                continue
            try:
                url = tool_url(tool, access.project.pk, step.pk)
            except NoReverseMatch:
                url = None
            if url:
                tools[tool] = ToolLink(url, _texts(step.action, "title"))
    return tools


def answer(question: str, access: ProjectAccess | None = None, *, notice: bool = False) -> Answer:
    """Answer ``question``, in the project of ``access`` if given. The project is read
    only when the question needs it. ``latency_ms`` includes reading the project."""
    start = time.perf_counter()
    source = (lambda: project_state(access)) if access is not None else None
    result = engine().ask(question, project=source, notice=notice)
    result.latency_ms = (time.perf_counter() - start) * 1000
    return result
