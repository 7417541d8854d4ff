"""The same metrics per subgroup (site, scanner, sex, age band …), with flags.

Subgroups are evaluated at the overall threshold (a threshold re-chosen per subgroup
would hide exactly the differences we look for). A subgroup is flagged for a metric
when the upper limit of its interval lies below the overall estimate: the subgroup is
then worse than the whole beyond its own uncertainty. Subgroups with fewer than
``SMALL`` cases of either class are marked small; their intervals are wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vejviser.evidence.core.auc import AUCResult, auc_from_ranked
from vejviser.evidence.core.calibration import Calibration, calibration
from vejviser.evidence.core.ranking import RankedScores
from vejviser.evidence.core.results import NAN, Estimate, Proportion, Result
from vejviser.evidence.core.thresholds import metrics_at

#: Metrics compared with the whole population for the "worse" flag.
FLAG_METRICS: tuple[str, ...] = ("auc", "sensitivity", "specificity", "ppv", "npv", "accuracy")
#: Fewer cases than this of either class marks a subgroup as small.
SMALL = 10
#: At most this many subgroups per column.
MAX_SUBGROUPS = 50


@dataclass(frozen=True)
class SubgroupResult(Result):
    value: str
    n: int
    n_positive: int
    prevalence: float
    auc: AUCResult
    sensitivity: Proportion
    specificity: Proportion
    ppv: Proportion
    npv: Proportion
    accuracy: Proportion
    calibration: Calibration | None
    worse_than_overall: list[str]
    small: bool


@dataclass(frozen=True)
class SubgroupTable(Result):
    column: str
    missing: int
    groups: list[SubgroupResult]


def _worse(metrics: dict[str, Estimate], overall: dict[str, Estimate]) -> list[str]:
    flagged = []
    for name in FLAG_METRICS:
        sub, whole = metrics[name], overall.get(name)
        if whole is None or not (sub.defined and whole.defined):
            continue
        if sub.ci_high == sub.ci_high and sub.ci_high < whole.estimate:
            flagged.append(name)
    return flagged


def subgroup_result(
    value: str,
    scores: npt.NDArray[np.float64],
    labels: npt.NDArray[np.bool_],
    threshold: float,
    overall: dict[str, Estimate],
    confidence: float = 0.95,
    method: str = "wilson",
    probabilities: bool = False,
) -> SubgroupResult:
    ranked = RankedScores(scores, labels)
    auc = auc_from_ranked(ranked, confidence)
    at = metrics_at(ranked, threshold, confidence, method)
    metrics: dict[str, Estimate] = {
        "auc": auc,
        "sensitivity": at.sensitivity,
        "specificity": at.specificity,
        "ppv": at.ppv,
        "npv": at.npv,
        "accuracy": at.accuracy,
    }
    calib = (
        calibration(scores, labels, confidence, ranked=ranked)
        if probabilities and ranked.n
        else None
    )
    return SubgroupResult(
        value=value,
        n=ranked.n,
        n_positive=ranked.n_pos,
        prevalence=ranked.n_pos / ranked.n if ranked.n else NAN,
        auc=auc,
        sensitivity=at.sensitivity,
        specificity=at.specificity,
        ppv=at.ppv,
        npv=at.npv,
        accuracy=at.accuracy,
        calibration=calib,
        worse_than_overall=_worse(metrics, overall),
        small=min(ranked.n_pos, ranked.n_neg) < SMALL,
    )


def subgroup_table(
    column: str,
    codes: npt.NDArray[np.integer],
    levels: Sequence[str],
    scores: npt.NDArray[np.float64],
    labels: npt.NDArray[np.bool_],
    threshold: float,
    overall: dict[str, Estimate],
    confidence: float = 0.95,
    method: str = "wilson",
    probabilities: bool = False,
) -> SubgroupTable:
    """Metrics for each level of one subgroup column (``codes`` index ``levels``; -1 is
    missing and only counted)."""
    groups = []
    for code, value in enumerate(levels):
        mask = codes == code
        if not mask.any():
            continue
        groups.append(
            subgroup_result(
                value,
                scores[mask],
                labels[mask],
                threshold,
                overall,
                confidence,
                method,
                probabilities,
            )
        )
    return SubgroupTable(column=column, missing=int(np.count_nonzero(codes < 0)), groups=groups)
