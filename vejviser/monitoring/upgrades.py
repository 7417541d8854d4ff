"""The vendor upgrade gate on stored validation runs or an uploaded scored reference set.

- Contours: the baseline run and the new version's run keep Dice per (case, structure);
  the cases both runs share are compared paired (the frozen local reference set).
- Transcripts: word error rate per document, paired by document (lower is better, so
  the comparison is on 1 − WER).
- A classifier: a CSV of the reference set with ``label`` (1/0) and both versions'
  scores (``old``, ``new``), read in a temporary folder and deleted; the threshold is the
  baseline run's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vejviser.evidence.models import Kind as RunKind
from vejviser.evidence.models import ValidationRun
from vejviser.kernel.i18n import message

from .core.errors import MonitoringInputError
from .core.gate import GateDecision, binary_gate, compare_continuous
from .core.io import _need, _number, read_table
from .models import MonitoringPlan, UpgradeCheck
from .proposals import dice_scores


def _paired(old: dict[Any, float], new: dict[Any, float]) -> tuple[list[float], list[float]]:
    keys = sorted(set(old) & set(new))
    if len(keys) < 2:
        raise MonitoringInputError(
            message(
                "The two runs share fewer than two cases: they are not on the same reference set."
            )
        )
    return [old[k] for k in keys], [new[k] for k in keys]


def gate_from_runs(baseline: ValidationRun, new: ValidationRun, margin: float) -> GateDecision:
    if baseline.kind != new.kind:
        raise MonitoringInputError(message("The new run must be of the same kind as the baseline."))
    return gate_from_reports(
        baseline.kind,
        baseline.report,
        new.report,
        margin,
        baseline.product_version,
        new.product_version,
    )


def gate_from_reports(
    kind: str,
    old_report: dict[str, Any],
    new_report: dict[str, Any],
    margin: float,
    old_version: str,
    new_version: str,
) -> GateDecision:
    """The gate on two validation reports of the same kind (the evidence core's
    ``to_dict()``): contours paired by (case, structure), transcripts by document."""
    if kind == RunKind.SEGMENTATION:
        old_values, new_values = _paired(dice_scores(old_report), dice_scores(new_report))
        comparisons = [compare_continuous("Dice", old_values, new_values, margin)]
    elif kind == RunKind.TRANSCRIPTS:

        def accuracy(report: dict[str, Any]) -> dict[Any, float]:
            return {
                d["document"]: 1.0 - float(d["wer"])
                for d in report.get("documents", [])
                if d.get("wer") is not None
            }

        old_values, new_values = _paired(accuracy(old_report), accuracy(new_report))
        comparisons = [compare_continuous("1 − WER", old_values, new_values, margin)]
    else:
        raise MonitoringInputError(
            message("For a classifier, upload the reference set scored by both versions.")
        )
    return GateDecision(old_version, new_version, comparisons)


def gate_from_file(
    path: Path, baseline: ValidationRun | None, margin: float, old: str, new: str
) -> GateDecision:
    table = read_table(path)
    _need(table, "label", "old", "new")
    labels, old_scores, new_scores = [], [], []
    for i, row in enumerate(table.rows, start=2):
        label = _number(row["label"], "label", i)
        if label not in (0.0, 1.0):
            raise MonitoringInputError(message("Row {row}: the label must be 1 or 0.", row=i))
        labels.append(label == 1.0)
        old_scores.append(_number(row["old"], "old", i))
        new_scores.append(_number(row["new"], "new", i))
    threshold = 0.5
    if baseline is not None and isinstance(baseline.report.get("threshold"), int | float):
        threshold = float(baseline.report["threshold"])
    return binary_gate(labels, old_scores, new_scores, threshold, margin, old, new)


def record(
    plan: MonitoringPlan, decision: GateDecision, user: Any, new_run: ValidationRun | None
) -> UpgradeCheck:
    from vejviser.projects.models import AuditEvent

    check = UpgradeCheck.objects.create(
        plan=plan,
        old_version=decision.old_version or plan.version_in_use,
        new_version=decision.new_version,
        new_run=new_run,
        margin=plan.margin,
        decision={
            **decision.to_dict(),
            "verdict": decision.verdict().texts(),
            "lines": [c.words().texts() for c in decision.comparisons],
        },
        may_go_live=decision.may_go_live,
        created_by=user,
    )
    AuditEvent.record(
        plan.project,
        user,
        AuditEvent.Verb.STEP_UPDATED,
        f"{plan.product_name} {check.old_version} → {check.new_version}",
        {
            "upgrade check": [
                None,
                "må tages i brug" if check.may_go_live else "må ikke tages i brug",
            ]
        },
        step=plan.step,
    )
    return check
