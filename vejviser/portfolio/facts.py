"""The portfolio's rows for a set of projects, in a fixed handful of queries.

Where a project stands (phase, status, next step, overdue steps) comes from its steps
(``projects.Step``, one query). Every other column comes from the capability that owns
it, through the registry: each capability registers
``register_portfolio_facts(name, "module:function")`` in its ``AppConfig.ready()``, and
the function answers for all projects at once (one query, or a fixed few), so the number
of queries does not grow with the number of projects. Today:

- ``assessments``: the latest ``ai-act`` tier and ``mdr`` class (with their labels);
- ``value``: the latest business-case version's NPV P50 and hours freed a year;
- ``evidence``: the latest validation run's headline;
- ``monitoring``: red / amber / green from unresolved alerts and the plan, open alerts,
  and the hours realised (the KPI ``kpi-hours-freed-per-year``);
- ``record`` (this app): the contract's end and the next re-validation.

``portfolio`` imports none of these capabilities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from vejviser.lib.capabilities import portfolio_facts
from vejviser.projects import progress
from vejviser.projects.models import Project, Step

from .core import rows as core
from .core.rows import PortfolioRow

TITLE = {"da": "title_da", "en": "title_en"}
#: The row's fields a capability may fill; anything else goes to ``extra``.
ROW_FIELDS = frozenset(f.name for f in fields(PortfolioRow))


def portfolio_rows(
    projects: QuerySet[Project], lang: str, today: date | None = None
) -> list[PortfolioRow]:
    """One row per project of ``projects``."""
    today = today or timezone.localdate()
    title = TITLE.get(lang, "title_da")
    items = list(projects.select_related("track", "organisation_link__organisation").order_by("id"))
    if not items:
        return []
    ids = projects.values("pk")
    steps = _steps(ids, title, today)
    facts: dict[int, dict[str, Any]] = defaultdict(dict)
    for provide in portfolio_facts().values():
        for pk, values in provide(ids, lang).items():
            facts[pk].update(values)
    rows = []
    for p in items:
        link = getattr(p, "organisation_link", None)
        org = link.organisation if link is not None else None
        s = steps.get(p.pk, {})
        given = facts.get(p.pk, {})
        known = {k: v for k, v in given.items() if k in ROW_FIELDS}
        extra = {k: str(v) for k, v in given.items() if k not in ROW_FIELDS}
        rows.append(
            PortfolioRow(
                pk=p.pk,
                title=p.title,
                organisation=org.name if org else "",
                organisation_pk=org.pk if org else None,
                track=str(p.track.title),
                track_slug=p.track.slug,
                phase=s.get("phase", ""),
                phase_order=s.get("phase_order"),
                status=s.get("status", core.NOT_STARTED),
                next_step=s.get("next_step", ""),
                overdue=s.get("overdue", 0),
                steps_total=s.get("total", 0),
                steps_closed=s.get("closed", 0),
                extra=extra,
                **known,
            )
        )
    return rows


def _steps(ids: Any, title: str, today: date) -> dict[int, dict[str, Any]]:
    values = (
        Step.objects.filter(project__in=ids, action__retired=False)
        .order_by("project_id", "action__phase__order", "action__order")
        .values_list(
            "project_id",
            "status",
            "due_date",
            "action__phase__order",
            f"action__phase__{title}",
            f"action__{title}",
        )
    )
    per: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in values:
        per[row[0]].append(row)
    out: dict[int, dict[str, Any]] = {}
    for pk, rows in per.items():
        states = [progress.StepState(i, r[3], r[1], r[2]) for i, r in enumerate(rows)]
        current = progress.current_phase(states)
        phase_title = next((r[4] for r in rows if r[3] == current), "")
        nxt = progress.next_steps(states, limit=1)
        closed = sum(not s.open for s in states)
        started = sum(s.status == progress.IN_PROGRESS for s in states)
        late = len(progress.overdue(states, today))
        out[pk] = {
            "phase": phase_title if current is not None else "",
            "phase_order": current,
            "next_step": rows[nxt[0].key][5] if nxt else "",
            "overdue": late,
            "total": len(states),
            "closed": closed,
            "status": core.project_status(len(states), closed, started, late),
        }
    return out
