"""Demo monitoring on the contouring project (idempotent).

Runs after the business case (value, order 10) and the validation runs (evidence, order
30) exist. On the go-live step of "AI-indtegning af normalvæv ved strålebehandling":

1. a monitoring plan made from the Dice validation run (its interval is the baseline)
   and the business case's hours-freed KPI, owned by the project's clinician;
2. six months of data: Dice on ten re-contoured cases a month, falling in the last two
   months — the EWMA signals and an alert goes to the metric's owner; realised hours
   freed a month against the business case's P5–P95;
3. a new vendor version re-validated on the frozen reference set (its contours one
   voxel too tight, so Dice drops) and refused by the upgrade gate; the comparison is
   kept with the upgrade check (the project's validation runs are left as they are).

The product is marked in operation at the start of the six months.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from scipy import ndimage

from vejviser.evidence import analysis
from vejviser.evidence.models import Kind as RunKind
from vejviser.evidence.models import Purpose, ValidationRun
from vejviser.projects.models import Project

from . import upgrades
from .models import Metric, MonitoringPlan, MonthData
from .proposals import from_business_case, from_run

PROJECT = "AI-indtegning af normalvæv ved strålebehandling"
GO_LIVE = "saet-produktet-i-drift"
OWNER = "anna"
#: Dice a month relative to the baseline: steady for four months, then a fall.
DICE_OFFSETS = (0.004, -0.006, 0.002, -0.003, -0.045, -0.07)
#: Realised hours freed a month as a share of what the business case expects.
HOURS_SHARE = (0.92, 0.97, 1.02, 1.05, 1.0, 0.96)
NEW_VERSION = "1.0"


def _months(start: dt.date, count: int) -> list[dt.date]:
    out = []
    year, month = start.year, start.month
    for _ in range(count):
        out.append(dt.date(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def load() -> int:
    """Returns 1 when the demo plan was made, 0 when it existed or cannot be made."""
    project = Project.objects.filter(title=PROJECT).first()
    if project is None or MonitoringPlan.objects.filter(project=project).exists():
        return 0
    step = project.steps.filter(action__slug=GO_LIVE).first()
    baseline = (
        ValidationRun.objects.filter(project=project, kind=RunKind.SEGMENTATION)
        .exclude(purpose=Purpose.UPGRADE)
        .order_by("created_at")
        .first()
    )
    if step is None or baseline is None:
        return 0
    member = project.memberships.filter(user__username=OWNER).select_related("user").first()
    owner_membership = (
        member or project.memberships.filter(is_owner=True).select_related("user").first()
    )
    if owner_membership is None:
        return 0
    owner = owner_membership.user
    plan = MonitoringPlan.objects.create(
        project=project,
        step=step,
        product_name=baseline.product_name,
        version_in_use=baseline.product_version,
        baseline_run=baseline,
        margin=0.02,
        created_by=owner,
    )
    proposals = [p for p in from_run(baseline) if p.key == "dice"]
    proposals += [p for p in from_business_case(project) if p.key == "kpi-hours-freed-per-year"]
    on_alert = {
        "dice": "Klinikeren gennemgår månedens genindtegnede sager med fysikeren inden for 14 "
        "dage; ved fald på flere strukturer kontaktes leverandøren, og brugen begrænses.",
        "kpi-hours-freed-per-year": "Ledelsen og innovationskonsulenten ser på, om tiden "
        "bruges som planlagt, og opdaterer business casen.",
    }
    metrics = []
    for order, proposal in enumerate(proposals):
        metrics.append(
            Metric.objects.create(
                plan=plan,
                order=order,
                owner=owner,
                on_alert=on_alert.get(proposal.key, ""),
                **proposal.fields(),
            )
        )
    today = dt.date.today()
    first = _months(dt.date(today.year, today.month, 1) - dt.timedelta(days=6 * 31), 1)[0]
    months = _months(first, 6)
    plan.go_live(owner, first)
    for metric in metrics:
        if metric.key == "dice" and metric.baseline is not None:
            rows = [
                MonthData(m, 10, None, round(metric.baseline + off, 4))
                for m, off in zip(months, DICE_OFFSETS, strict=True)
            ]
        elif metric.baseline is not None:
            rows = [
                MonthData(m, None, None, round(metric.baseline / 12 * share, 1))
                for m, share in zip(months, HOURS_SHARE, strict=True)
            ]
        else:
            continue
        for row in rows:  # month by month, as the data arrive
            metric.record([row], "demo", owner)
    new_report = _new_version_report()
    decision = upgrades.gate_from_reports(
        RunKind.SEGMENTATION,
        baseline.report,
        new_report,
        plan.margin,
        baseline.product_version,
        NEW_VERSION,
    )
    upgrades.record(plan, decision, owner, None)
    return 1


def _new_version_report() -> dict[str, Any]:
    """The vendor's new version on the same frozen reference cases: its contours come out
    one voxel too tight. Analysed by the evidence core exactly as an upload would be; the
    figures are kept with the upgrade check (not as a validation run of the project)."""
    source = Path(settings.CONTENT_DIR) / "evidence" / "contouring"
    with tempfile.TemporaryDirectory(prefix="vejviser-monitoring-") as folder:
        predictions = Path(folder) / "prediction"
        predictions.mkdir()
        for path in sorted((source / "prediction").glob("*.npz")):
            with np.load(path, allow_pickle=False) as data:
                arrays = {
                    k: data[k] if k == "spacing" else ndimage.binary_erosion(data[k])
                    for k in data.files
                }
            np.savez_compressed(predictions / path.name, **arrays)  # type: ignore[arg-type]
        return analysis.segmentation(source / "reference", predictions, tolerance=2.0).report
