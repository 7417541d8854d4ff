"""Where a project stands on its journey (pure: no Django import).

A project's steps are given in journey order (phase order, then action order). From
them follow the current phase, the next steps, progress and what is overdue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_RELEVANT = "not_relevant"
CLOSED = frozenset({DONE, NOT_RELEVANT})


@dataclass(frozen=True)
class StepState:
    key: int
    phase: int  # order of the phase within the track
    status: str
    due: date | None = None

    @property
    def open(self) -> bool:
        return self.status not in CLOSED

    def overdue(self, today: date) -> bool:
        return self.open and self.due is not None and self.due < today


@dataclass(frozen=True)
class PhaseState:
    phase: int
    total: int
    closed: int
    state: str  # "done" | "current" | "upcoming"


def current_phase(steps: Sequence[StepState]) -> int | None:
    """The first phase with an open step; ``None`` when every step is closed."""
    for step in steps:
        if step.open:
            return step.phase
    return None


def next_steps(steps: Sequence[StepState], limit: int = 3) -> list[StepState]:
    """Steps in progress (anywhere) first, then the not-started steps of the current phase."""
    current = current_phase(steps)
    started = [s for s in steps if s.status == IN_PROGRESS]
    waiting = [s for s in steps if s.status == NOT_STARTED and s.phase == current]
    return (started + waiting)[:limit]


def progress(steps: Sequence[StepState]) -> float:
    """Share of steps closed (done or not relevant), 0.0–1.0."""
    if not steps:
        return 0.0
    return sum(not s.open for s in steps) / len(steps)


def phase_states(steps: Sequence[StepState]) -> list[PhaseState]:
    current = current_phase(steps)
    result: list[PhaseState] = []
    for phase in sorted({s.phase for s in steps}):
        mine = [s for s in steps if s.phase == phase]
        closed = sum(not s.open for s in mine)
        if closed == len(mine):
            state = "done"
        elif phase == current:
            state = "current"
        else:
            state = "upcoming"
        result.append(PhaseState(phase, len(mine), closed, state))
    return result


def overdue(steps: Sequence[StepState], today: date) -> list[StepState]:
    return [s for s in steps if s.overdue(today)]
