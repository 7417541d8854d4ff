"""The full validation report of a binary classifier or risk score.

Puts together, on one sort of the scores (:class:`.ranking.RankedScores`): n and
prevalence, AUC with DeLong's interval, the threshold (given, Youden's or the highest
reaching a target sensitivity), sensitivity, specificity, PPV, NPV, accuracy and F1 with
intervals, a threshold table, a thinned ROC curve with a band, calibration when the
scores are probabilities, subgroups, vendor claims and an optional paired DeLong test
against a second score. Only aggregates are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from vejviser.evidence.core.auc import (
    AUCResult,
    PairedAUCTest,
    RocPoint,
    auc_from_ranked,
    delong_paired,
    roc_points,
)
from vejviser.evidence.core.calibration import Calibration, are_probabilities, calibration
from vejviser.evidence.core.claims import Claim, ClaimComparison, compare_claim
from vejviser.evidence.core.proportions import CI_METHODS, proportion
from vejviser.evidence.core.ranking import RankedScores
from vejviser.evidence.core.results import Estimate, Proportion, Result
from vejviser.evidence.core.subgroups import SubgroupTable, subgroup_table
from vejviser.evidence.core.thresholds import (
    Confusion,
    ThresholdRow,
    metrics_at,
    sensitivity_threshold,
    threshold_table,
    youden_threshold,
)


@dataclass(frozen=True)
class Subgroup:
    """One subgroup column: an integer code per case (-1 = missing) and the level names."""

    codes: npt.NDArray[np.integer]
    levels: Sequence[str]


@dataclass(frozen=True)
class Comparison(Result):
    column: str
    test: PairedAUCTest


@dataclass(frozen=True)
class BinaryReport(Result):
    n: int
    n_positive: int
    n_negative: int
    prevalence: float
    prevalence_ci: Proportion
    auc: AUCResult
    threshold: float
    threshold_method: str
    target_sensitivity: float | None
    confusion: Confusion
    sensitivity: Proportion
    specificity: Proportion
    ppv: Proportion
    npv: Proportion
    accuracy: Proportion
    f1: Estimate
    confidence: float
    ci_method: str
    scores_are_probabilities: bool
    threshold_table: list[ThresholdRow]
    roc: list[RocPoint]
    calibration: Calibration | None
    subgroups: list[SubgroupTable]
    claims: list[ClaimComparison]
    comparison: Comparison | None
    input: dict[str, Any] = field(default_factory=dict)


def binary_report(
    scores: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    threshold: float | None = None,
    target_sensitivity: float | None = None,
    subgroups: Mapping[str, Subgroup] | None = None,
    claims: Sequence[Claim] = (),
    compare: tuple[str, npt.ArrayLike] | None = None,
    confidence: float = 0.95,
    ci_method: str = "wilson",
    input_summary: Mapping[str, Any] | None = None,
) -> BinaryReport:
    """Validate ``scores`` against boolean ``labels`` (True = positive).

    The threshold is ``threshold`` when given, else the highest one reaching
    ``target_sensitivity`` when given, else Youden's.
    """
    if ci_method not in CI_METHODS:
        raise ValueError(f"unknown interval method {ci_method!r}")
    x = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.bool_)
    ranked = RankedScores(x, y)
    if ranked.n_pos == 0 or ranked.n_neg == 0:
        raise ValueError("a binary report needs both positive and negative cases")
    auc = auc_from_ranked(ranked, confidence)
    if threshold is not None:
        method, chosen = "given", float(threshold)
    elif target_sensitivity is not None:
        method, chosen = "target-sensitivity", sensitivity_threshold(ranked, target_sensitivity)
    else:
        method, chosen = "youden", youden_threshold(ranked)
    at = metrics_at(ranked, chosen, confidence, ci_method)
    probabilities = are_probabilities(x)
    overall: dict[str, Estimate] = {
        "auc": auc,
        "sensitivity": at.sensitivity,
        "specificity": at.specificity,
        "ppv": at.ppv,
        "npv": at.npv,
        "accuracy": at.accuracy,
    }
    tables = [
        subgroup_table(
            name,
            group.codes,
            group.levels,
            x,
            y,
            chosen,
            overall,
            confidence,
            ci_method,
            probabilities,
        )
        for name, group in (subgroups or {}).items()
    ]
    comparisons = [
        compare_claim(
            claim,
            overall[claim.metric],
            confidence=confidence,
            threshold=chosen,
            se=auc.se if claim.metric == "auc" else None,
        )
        for claim in claims
    ]
    paired = None
    if compare is not None:
        name, other = compare
        paired = Comparison(name, delong_paired(x, other, y, confidence))
    return BinaryReport(
        n=ranked.n,
        n_positive=ranked.n_pos,
        n_negative=ranked.n_neg,
        prevalence=ranked.n_pos / ranked.n,
        prevalence_ci=proportion(ranked.n_pos, ranked.n, confidence, ci_method),
        auc=auc,
        threshold=chosen,
        threshold_method=method,
        target_sensitivity=target_sensitivity if method == "target-sensitivity" else None,
        confusion=at.confusion,
        sensitivity=at.sensitivity,
        specificity=at.specificity,
        ppv=at.ppv,
        npv=at.npv,
        accuracy=at.accuracy,
        f1=at.f1,
        confidence=confidence,
        ci_method=ci_method,
        scores_are_probabilities=probabilities,
        threshold_table=threshold_table(ranked, chosen=chosen),
        roc=roc_points(ranked, confidence),
        calibration=calibration(x, y, confidence, ranked=ranked) if probabilities else None,
        subgroups=tables,
        claims=comparisons,
        comparison=paired,
        input=dict(input_summary or {}),
    )
