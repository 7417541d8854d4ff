"""The metrics a plan proposes from what the project holds.

- the local validation runs (the newest of each kind that is not an upgrade check):
  sensitivity, specificity, PPV and AUC of a classifier; Dice of contours; word error
  rate of transcripts; minutes per case of a time study — each with **its interval from
  the validation run** as the baseline;
- use: the override rate and the uptake (no baseline yet: set it after the first months);
- the business case's KPIs (its newest version): the value expected and the range the
  simulation allows (P5–P95 for the hours freed a year).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from scipy import stats

from vejviser.evidence.models import Kind as RunKind
from vejviser.evidence.models import Purpose, ValidationRun
from vejviser.projects.models import Project


@dataclass
class Proposal:
    key: str
    name: str
    kind: str
    source: str
    chart: str
    higher_is_better: bool = True
    baseline: float | None = None
    baseline_low: float | None = None
    baseline_high: float | None = None
    baseline_note: str = ""
    case_sd: float | None = None
    shift: float | None = None
    unit: str = ""
    cases_per_month: int = 30
    range_low: float | None = None
    range_high: float | None = None
    range_per_month: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "extra"}


def _run_note(run: ValidationRun) -> str:
    version = f" {run.product_version}" if run.product_version else ""
    return f"{run.get_kind_display()}{version}, n = {run.n} ({run.created_at:%Y-%m-%d})"


def baseline_runs(project: Project) -> list[ValidationRun]:
    """The newest run of each analysis kind (not an upgrade check)."""
    seen: dict[str, ValidationRun] = {}
    runs = ValidationRun.objects.filter(project=project).analyses().exclude(purpose=Purpose.UPGRADE)
    for run in runs.order_by("-created_at", "-id"):
        seen.setdefault(run.kind, run)
    return list(seen.values())


def dice_scores(report: dict[str, Any]) -> dict[tuple[str, str], float]:
    """Dice per (case, structure) of a segmentation report (it keeps no image)."""
    out = {}
    for row in report.get("scores", []):
        dice = row.get("dice")
        if (
            row.get("status", "ok") == "ok"
            and isinstance(dice, int | float)
            and math.isfinite(dice)
        ):
            out[(str(row["case"]), str(row["structure"]))] = float(dice)
    return out


def _mean_ci(values: list[float]) -> tuple[float, float, float, float]:
    n = len(values)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n) if n > 1 else 0.0
    return mean, sd, mean - half, mean + half


def from_run(run: ValidationRun) -> list[Proposal]:
    report, note = run.report, _run_note(run)
    out: list[Proposal] = []
    if run.kind == RunKind.BINARY:
        for key, name in (
            ("sensitivity", _("Sensitivity")),
            ("specificity", _("Specificity")),
            ("ppv", _("PPV")),
        ):
            est = report.get(key) or {}
            if est.get("estimate") is None:
                continue
            out.append(
                Proposal(
                    key,
                    str(name),
                    "proportion",
                    "validation",
                    "p",
                    baseline=est["estimate"],
                    baseline_low=est.get("ci_low"),
                    baseline_high=est.get("ci_high"),
                    baseline_note=note,
                )
            )
        auc = report.get("auc") or {}
        if auc.get("estimate") is not None:
            se = auc.get("se")
            out.append(
                Proposal(
                    "auc",
                    "AUC",
                    "continuous",
                    "validation",
                    "ewma",
                    baseline=auc["estimate"],
                    baseline_low=auc.get("ci_low"),
                    baseline_high=auc.get("ci_high"),
                    baseline_note=note,
                    case_sd=se * math.sqrt(run.n) if se else None,
                    shift=0.05,
                )
            )
    elif run.kind == RunKind.SEGMENTATION:
        scores = list(dice_scores(run.report).values())
        if len(scores) >= 2:
            mean, sd, low, high = _mean_ci(scores)
            out.append(
                Proposal(
                    "dice",
                    "Dice",
                    "continuous",
                    "validation",
                    "ewma",
                    baseline=mean,
                    baseline_low=low,
                    baseline_high=high,
                    baseline_note=note,
                    case_sd=sd,
                    shift=0.05,
                    cases_per_month=10,
                )
            )
    elif run.kind == RunKind.TRANSCRIPTS:
        wer = report.get("wer") or {}
        docs = [d["wer"] for d in report.get("documents", []) if d.get("wer") is not None]
        if wer.get("estimate") is not None and len(docs) >= 2:
            sd = _mean_ci(docs)[1]
            out.append(
                Proposal(
                    "wer",
                    _("Word error rate"),
                    "continuous",
                    "validation",
                    "ewma",
                    higher_is_better=False,
                    baseline=wer["estimate"],
                    baseline_low=wer.get("ci_low"),
                    baseline_high=wer.get("ci_high"),
                    baseline_note=note,
                    case_sd=sd,
                    shift=0.05,
                    cases_per_month=20,
                )
            )
    elif run.kind == RunKind.TIMING:
        with_product = report.get("with_product") or {}
        ci = with_product.get("mean_ci") or {}
        if with_product.get("mean") is not None:
            out.append(
                Proposal(
                    "time-per-case",
                    _("Minutes per case"),
                    "continuous",
                    "validation",
                    "ewma",
                    higher_is_better=False,
                    baseline=with_product["mean"],
                    baseline_low=ci.get("ci_low"),
                    baseline_high=ci.get("ci_high"),
                    baseline_note=note,
                    case_sd=with_product.get("sd"),
                    unit="min",
                    shift=with_product.get("sd"),
                    cases_per_month=20,
                )
            )
    return out


def from_use() -> list[Proposal]:
    return [
        Proposal(
            "override-rate",
            str(_("Override rate")),
            "proportion",
            "use",
            "p",
            higher_is_better=False,
            baseline_note=str(_("Set from the first months of use.")),
        ),
        Proposal(
            "uptake",
            str(_("Uptake")),
            "proportion",
            "use",
            "p",
            baseline_note=str(_("Set from the first months of use.")),
        ),
    ]


def from_business_case(project: Project) -> list[Proposal]:
    from vejviser.value.models import CaseVersion

    version = (
        CaseVersion.objects.filter(business_case__project=project)
        .select_related("business_case")
        .order_by("-created_at", "-id")
        .first()
    )
    if version is None:
        return []
    out = []
    lang_key = "da"
    for kpi in version.summary.get("kpis", []):
        name = kpi.get("name")
        label = name.get(lang_key, "") if isinstance(name, dict) else str(name or kpi["id"])
        yearly = kpi.get("unit") == "hours/year"
        out.append(
            Proposal(
                f"kpi-{kpi['id']}"[:60],
                label or kpi["id"],
                "kpi",
                "business-case",
                "xmr",
                baseline=kpi.get("expected"),
                baseline_low=kpi.get("low"),
                baseline_high=kpi.get("high"),
                baseline_note=f"{version.business_case.name} (v{version.number})",
                unit="t/md." if yearly else str(kpi.get("unit") or ""),
                range_low=kpi.get("low"),
                range_high=kpi.get("high"),
                range_per_month=1 / 12 if yearly else 1.0,
            )
        )
    return out


def propose(project: Project) -> list[Proposal]:
    out: list[Proposal] = []
    for run in baseline_runs(project):
        out += from_run(run)
    return out + from_use() + from_business_case(project)
