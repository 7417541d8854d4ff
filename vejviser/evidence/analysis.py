"""From files on disk and the analysis settings to a stored run's content, via the core.

No Django here: each function reads its input with the core, computes one report and
draws its plots (Danish and English), and returns only aggregates. The web shell calls
these on a temporary copy of the upload (see :mod:`vejviser.evidence.uploads`); the demo
loader calls them on the shipped synthetic files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.kernel.i18n import message

LANGS = ("da", "en")


@dataclass(frozen=True)
class Analysis:
    """What a run keeps: the report (``to_dict()``), plots per language, and n."""

    report: dict[str, Any]
    n: int
    plots: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> name -> SVG


def _plots(drawings: dict[str, Callable[[str], str]]) -> dict[str, dict[str, str]]:
    return {lang: {name: draw(lang) for name, draw in drawings.items()} for lang in LANGS}


def binary(
    path: Path,
    *,
    score: str,
    label: str,
    positive: str,
    threshold: float | None = None,
    subgroups: Sequence[str] = (),
    claims: Sequence[str] = (),
    drop: Sequence[str] = (),
) -> Analysis:
    """A binary classifier or risk score; threshold ``None`` = Youden's index."""
    from vejviser.evidence.core import plots as p
    from vejviser.evidence.core.binary import binary_report
    from vejviser.evidence.core.claims import parse_claim
    from vejviser.evidence.core.inputs import read_binary

    parsed = [parse_claim(c) for c in claims]
    data = read_binary(
        path, score=score, label=label, positive=positive, subgroups=subgroups, drop=drop
    )
    report = binary_report(
        data.scores,
        data.labels,
        threshold=threshold,
        subgroups=data.subgroups,
        claims=parsed,
        input_summary=data.summary,
    )
    drawings: dict[str, Callable[[str], str]] = {
        "roc": lambda lang: p.roc_svg(report.roc, report.auc, report.threshold, lang)
    }
    calib = report.calibration
    if calib is not None:
        drawings["calibration"] = lambda lang: p.calibration_svg(calib, lang)
    if report.subgroups:
        drawings["subgroups"] = lambda lang: p.subgroups_svg(report, lang=lang)
    return Analysis(report.to_dict(), report.n, _plots(drawings))


def segmentation(reference: Path, prediction: Path, *, tolerance: float = 2.0) -> Analysis:
    """Contours: two folders of ``.npz`` cases matched by name."""
    from vejviser.evidence.core.masks import iter_cases, pair_cases
    from vejviser.evidence.core.plots import dice_boxplot_svg
    from vejviser.evidence.core.segmentation import segmentation_report

    report = segmentation_report(iter_cases(pair_cases(reference, prediction)), tolerance)
    drawings = {"dice": lambda lang: dice_boxplot_svg(report, lang)}
    return Analysis(report.to_dict(), report.cases, _plots(drawings))


def transcripts(
    path: Path,
    *,
    id_column: str = "id",
    reference_column: str = "reference",
    hypothesis_column: str = "hypothesis",
    drop: Sequence[str] = (),
) -> Analysis:
    """Word error rate of an ambient scribe's notes against the clinicians' notes."""
    from vejviser.evidence.core.transcripts import load_documents, transcripts_report

    documents = load_documents(
        path,
        id_column=id_column,
        reference_column=reference_column,
        hypothesis_column=hypothesis_column,
        drop=drop,
    )
    report = transcripts_report(documents)
    return Analysis(report.to_dict(), len(report.documents))


def timing(path: Path, *, before: str, with_product: str, drop: Sequence[str] = ()) -> Analysis:
    """A paired time study: minutes before and with the product on the same cases."""
    from vejviser.evidence.core.inputs import read_timing_paired
    from vejviser.evidence.core.timing import paired_time_study

    data = read_timing_paired(path, before=before, with_product=with_product, drop=drop)
    study = paired_time_study(data.before, data.with_product)
    return Analysis({**study.to_dict(), "input": data.summary}, study.before.n)


def sample_size(
    *,
    prevalence: float,
    width: float,
    sensitivity: float | None = None,
    specificity: float | None = None,
    auc: float | None = None,
) -> Analysis:
    """Cases needed for a prospective validation (no data at all)."""
    from vejviser.evidence.core.sample_size import auc_plan, proportion_plan

    plans = []
    if sensitivity is not None:
        plans.append(proportion_plan("sensitivity", sensitivity, width, prevalence))
    if specificity is not None:
        plans.append(proportion_plan("specificity", specificity, width, prevalence))
    if auc is not None:
        plans.append(auc_plan(auc, width, prevalence))
    if not plans:
        raise EvidenceInputError(
            "nothing_to_plan", message("Give at least one of sensitivity, specificity or AUC.")
        )
    return Analysis({"plans": [p.to_dict() for p in plans]}, max(p.total for p in plans))
