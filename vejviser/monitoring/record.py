"""Monitoring's part of the project record for documents (``register_record_section``):
``monitoring-plan`` — the metrics with their baselines and intervals, alert rules,
owners, data per month, what happens on an alert, and the latest upgrade gate.

``steps`` are the steps the reader may see: the plan is part of the record only when
its step is among them (a vendor sees it only on a step shared with vendors, as the
plan page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_noop

from vejviser.kernel import formatting as f
from vejviser.kernel.i18n import translate
from vejviser.projects.models import Project, Step

from .core.plan import design_words
from .models import Metric, MonitoringPlan

Data = dict[str, Any]


def _baseline(metric: Metric, lang: str) -> str:
    if metric.baseline is None:
        return "–"
    digits = None if metric.kind == "kpi" else 3
    text = f.number(metric.baseline, lang, digits)
    if metric.baseline_low is not None and metric.baseline_high is not None:
        text += f" ({f.interval(metric.baseline_low, metric.baseline_high, lang, digits)})"
    return text


def plan(project: Project, lang: str, steps: Iterable[Step]) -> Data | None:
    plan_obj = (
        MonitoringPlan.objects.filter(project=project, step_id__in=[s.pk for s in steps])
        .select_related("created_by")
        .first()
    )
    if plan_obj is None:
        return None
    metrics = list(plan_obj.metrics.select_related("owner").prefetch_related("observations"))
    if not metrics:
        return None
    nobody = translate(gettext_noop("none"), lang)
    rows = []
    for m in metrics:
        owner = (m.owner.get_full_name() or m.owner.get_username()) if m.owner else nobody
        rows.append(
            [
                m.name,
                _baseline(m, lang),
                str(m.get_chart_display()),
                owner,
                f.integer(m.cases_per_month, lang),
                f.integer(m.observations.count(), lang),
            ]
        )
    blocks: list[Data] = [
        {
            "type": "table",
            "header": [
                translate(gettext_noop("Metric"), lang),
                translate(gettext_noop("Baseline (interval)"), lang),
                translate(gettext_noop("Alert rule"), lang),
                translate(gettext_noop("Owner"), lang),
                translate(gettext_noop("Cases a month"), lang),
                translate(gettext_noop("Months of data"), lang),
            ],
            "rows": rows,
            "caption": translate(gettext_noop("Metrics"), lang),
        }
    ]
    rules = []
    for m in metrics:
        design = " ".join(w.text(lang) for w in design_words(m.spec()))
        line = f"{m.name}: {design}"
        if m.on_alert:
            line += " " + translate(
                gettext_noop("On an alert ({days} days to respond): {action}"),
                lang,
                days=m.deadline_days,
                action=m.on_alert,
            )
        rules.append(line)
    blocks.append({"type": "bullets", "items": rules})
    facts = [
        [translate(gettext_noop("Product"), lang), plan_obj.product_name or "–"],
        [translate(gettext_noop("Version in use"), lang), plan_obj.version_in_use or "–"],
        [
            translate(gettext_noop("In operation since"), lang),
            f.date(plan_obj.in_operation_since, lang) if plan_obj.in_operation_since else "–",
        ],
    ]
    check = plan_obj.upgrades.order_by("-created_at").first()
    if check is not None:
        verdict = (check.decision.get("verdict") or {}).get(lang, "")
        facts.append(
            [
                translate(gettext_noop("Latest upgrade check"), lang),
                f"{check.old_version} → {check.new_version} ({f.date(check.created_at, lang)}): "
                + (
                    verdict
                    or (
                        translate(gettext_noop("may go live"), lang)
                        if check.may_go_live
                        else translate(gettext_noop("may not go live"), lang)
                    )
                ),
            ]
        )
    blocks.append({"type": "facts", "rows": facts})
    origin = translate(
        gettext_noop("Monitoring plan of {date}"), lang, date=f.date(plan_obj.created_at, lang)
    )
    return {"origin": origin, "blocks": blocks}
