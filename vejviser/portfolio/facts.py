"""The portfolio's rows for a set of projects, in a fixed handful of queries.

This module reads the capability models directly (assessments, value, evidence,
monitoring) — the one place in ``portfolio`` that knows them; a registry through
``vejviser.lib.capabilities`` would let each capability contribute its own columns
(see the README). Each query covers every project at once: the number of queries does
not grow with the number of projects.

What is used:

- phase, status, next step, overdue steps: the project's steps (``projects.Step``);
- risk: the latest ``ai-act`` run's ``tier`` and the latest ``mdr`` run's ``class``;
- expected value: the latest business-case version's simulated NPV P50 and the hours
  freed a year in full use;
- realised hours: the monitoring KPI ``kpi-hours-freed-per-year`` (monthly values), as
  the mean of its latest 12 months × 12;
- validation: the latest validation run's headline;
- monitoring: red with an open alert, amber with an acknowledged one, green with a plan
  and nothing unresolved.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from vejviser.assessments.models import AssessmentRun, key_outcome
from vejviser.evidence.display import headline
from vejviser.evidence.models import ValidationRun
from vejviser.monitoring.models import Alert, AlertStatus, MonitoringPlan, Observation
from vejviser.projects import progress
from vejviser.projects.models import Project, Step
from vejviser.value.models import CaseVersion

from .core import rows as core
from .core.rows import PortfolioRow

HOURS_KPI = "kpi-hours-freed-per-year"
TITLE = {"da": "title_da", "en": "title_en"}


def portfolio_rows(
    projects: QuerySet[Project], lang: str, today: date | None = None
) -> list[PortfolioRow]:
    """One row per project of ``projects`` (eight queries)."""
    today = today or timezone.localdate()
    title = TITLE.get(lang, "title_da")
    items = list(projects.select_related("track", "organisation_link__organisation").order_by("id"))
    if not items:
        return []
    ids = projects.values("pk")
    steps = _steps(ids, title, today)
    risk = _risk(ids, lang)
    value = _value(ids)
    validation = _validation(ids, lang)
    monitoring = _monitoring(ids)
    realised = _realised(ids)
    rows = []
    for p in items:
        link = getattr(p, "organisation_link", None)
        org = link.organisation if link is not None else None
        s = steps.get(p.pk, {})
        r = risk.get(p.pk, {})
        v = value.get(p.pk, (None, None))
        m = monitoring.get(p.pk, ("", 0))
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
                ai_act_tier=r.get("tier", ""),
                ai_act_label=r.get("tier_label", ""),
                mdr_class=r.get("class", ""),
                mdr_label=r.get("class_label", ""),
                npv_p50=v[0],
                hours_expected=v[1],
                hours_realised=realised.get(p.pk),
                validation=validation.get(p.pk, ""),
                monitoring=m[0],
                open_alerts=m[1],
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


def _risk(ids: Any, lang: str) -> dict[int, dict[str, str]]:
    # only the outputs shown (JSON key lookups), not the whole stored result
    runs = (
        AssessmentRun.objects.filter(project__in=ids, assessment__in=("ai-act", "mdr"))
        .order_by("project_id", "assessment", "-created_at", "-id")
        .values_list("project_id", "assessment", "result__tier", "result__class", "result__device")
    )
    out: dict[int, dict[str, str]] = defaultdict(dict)
    seen: set[tuple[int, str]] = set()
    labels: dict[tuple[str, str], str] = {}
    for pk, assessment, tier, device_class, device in runs:
        if (pk, assessment) in seen:
            continue
        seen.add((pk, assessment))
        if assessment == "ai-act":
            key, value = "tier", str(tier or "")
        else:
            key, value = "class", str(device_class if device else "none")
        if (assessment, value) not in labels:
            result = {"assessment": assessment, key: device_class if key == "class" else tier}
            if key == "class":
                result["device"] = device
            labels[(assessment, value)] = key_outcome(result, lang)
        out[pk][key] = value
        out[pk][f"{key}_label"] = labels[(assessment, value)]
    return out


def _value(ids: Any) -> dict[int, tuple[float | None, float | None]]:
    versions = (
        CaseVersion.objects.filter(business_case__project__in=ids)
        .order_by("business_case__project_id", "-created_at", "-id")
        .values_list(
            "business_case__project_id",
            "summary__simulation__npv__p50",
            "summary__full_use_year",
            "summary__deterministic__hours_freed_per_year",
        )
    )
    out: dict[int, tuple[float | None, float | None]] = {}
    for pk, npv, year, hours in versions:
        if pk in out:
            continue
        hours = hours if isinstance(hours, list) else []
        freed = hours[year] if isinstance(year, int) and 0 <= year < len(hours) else None
        out[pk] = (
            float(npv) if npv is not None else None,
            float(freed) if freed is not None else None,
        )
    return out


#: The parts of a validation run's report its headline reads (``evidence.display``).
HEADLINE_KEYS = ("auc", "structures", "wer", "percent_saved", "plans")


def _validation(ids: Any, lang: str) -> dict[int, str]:
    """The latest run's headline per project: one row per project (a subquery picks the
    latest), and only the report keys the headline reads."""
    latest = ValidationRun.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-id")
    chosen = Project.objects.filter(pk__in=ids).annotate(latest=Subquery(latest.values("pk")[:1]))
    runs = ValidationRun.objects.filter(pk__in=chosen.values("latest")).values_list(
        "project_id", "kind", "n", *(f"report__{k}" for k in HEADLINE_KEYS)
    )
    out: dict[int, str] = {}
    for pk, kind, n, *parts in runs:
        report = {k: v for k, v in zip(HEADLINE_KEYS, parts, strict=True) if v is not None}
        out[pk] = headline(ValidationRun(kind=kind, n=n, report=report), lang)
    return out


def _monitoring(ids: Any) -> dict[int, tuple[str, int]]:
    planned = set(
        MonitoringPlan.objects.filter(project__in=ids).values_list("project_id", flat=True)
    )
    alerts: dict[int, list[str]] = defaultdict(list)
    for pk, status in (
        Alert.objects.unresolved().filter(project__in=ids).values_list("project_id", "status")
    ):
        alerts[pk].append(status)
    out: dict[int, tuple[str, int]] = {}
    for pk in planned | set(alerts):
        statuses = alerts.get(pk, [])
        opened = sum(s == AlertStatus.OPEN for s in statuses)
        colour = core.RED if opened else core.AMBER if statuses else core.GREEN
        out[pk] = (colour, opened)
    return out


def _realised(ids: Any) -> dict[int, float]:
    observations = (
        Observation.objects.filter(
            metric__plan__project__in=ids, metric__key=HOURS_KPI, value__isnull=False
        )
        .order_by("metric__plan__project_id", "-period")
        .values_list("metric__plan__project_id", "value")
    )
    months: dict[int, list[float]] = defaultdict(list)
    for pk, value in observations:
        if value is not None and len(months[pk]) < 12:
            months[pk].append(float(value))
    return {pk: sum(v) / len(v) * 12 for pk, v in months.items() if v}
