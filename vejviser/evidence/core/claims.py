"""Comparing local performance with the vendor's claim, stated plainly.

For a proportion (sensitivity, specificity, PPV, NPV, accuracy) the one-sided p-value
is the exact binomial probability of seeing this few successes if the claim were true,
``P(X <= x | n, claimed)``; for the AUC it is the normal approximation with DeLong's
standard error. A small p-value means the product does worse here than claimed.

With a non-inferiority margin ``δ`` the product is shown not to be worse than claimed
when the lower limit of the two-sided interval lies above ``claimed − δ`` (the usual
convention: a 95 % two-sided interval is a one-sided test at 2.5 %).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scipy import special

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.privacy import safe_value
from vejviser.evidence.core.proportions import binomial_p_lower
from vejviser.evidence.core.results import NAN, Estimate, Proportion, Result
from vejviser.kernel.i18n import message

CLAIM_METRICS: tuple[str, ...] = ("auc", "sensitivity", "specificity", "ppv", "npv", "accuracy")
_ALIASES = {
    "sens": "sensitivity",
    "sensitivitet": "sensitivity",
    "tpr": "sensitivity",
    "recall": "sensitivity",
    "spec": "specificity",
    "specificitet": "specificity",
    "tnr": "specificity",
    "precision": "ppv",
    "acc": "accuracy",
    "roc_auc": "auc",
}
_CLAIM = re.compile(r"\s*([A-Za-zæøåÆØÅ_-]+)\s*=\s*([0-9]+(?:[.,][0-9]+)?)\s*(%?)\s*")


@dataclass(frozen=True)
class Claim:
    metric: str
    value: float
    margin: float | None = None


def parse_claim(raw: str, margin: float | None = None) -> Claim:
    """``"sensitivity=0.92"`` (also ``sens=92%``, ``auc=0,85``) as a :class:`Claim`."""
    match = _CLAIM.fullmatch(raw)
    metrics = ", ".join(CLAIM_METRICS)
    if not match:
        raise EvidenceInputError(
            "bad_claim",
            message(
                "The claim '{claim}' must be written as METRIC=VALUE, e.g. sensitivity=0.92. "
                "Possible metrics: {metrics}.",
                claim=safe_value(raw),
                metrics=metrics,
            ),
        )
    name = match.group(1).lower().replace("-", "_")
    metric = _ALIASES.get(name, name)
    value = float(match.group(2).replace(",", "."))
    if match.group(3):
        value /= 100.0
    if metric not in CLAIM_METRICS:
        raise EvidenceInputError(
            "bad_claim",
            message(
                "The claim '{claim}' must be written as METRIC=VALUE, e.g. sensitivity=0.92. "
                "Possible metrics: {metrics}.",
                claim=safe_value(raw),
                metrics=metrics,
            ),
        )
    if not 0.0 <= value <= 1.0:
        raise EvidenceInputError(
            "out_of_range",
            message(
                "{name} must be between {low} and {high}, but is {value}.",
                name=metric,
                low=0,
                high=1,
                value=value,
            ),
        )
    if margin is not None and not 0.0 < margin < 1.0:
        raise EvidenceInputError(
            "out_of_range",
            message(
                "{name} must be between {low} and {high}, but is {value}.",
                name="margin",
                low=0,
                high=1,
                value=margin,
            ),
        )
    return Claim(metric, value, margin)


@dataclass(frozen=True)
class ClaimComparison(Result):
    """The numbers of one claim's verdict; :func:`.wording.claim_statement` words it."""

    metric: str
    claimed: float
    estimate: float
    ci_low: float
    ci_high: float
    confidence: float
    verdict: str  # "lower", "consistent", "higher" or "undefined"
    p_value_worse: float
    margin: float | None
    non_inferior: bool | None
    threshold: float | None = None


def compare_claim(
    claim: Claim,
    estimate: Estimate,
    *,
    confidence: float = 0.95,
    threshold: float | None = None,
    se: float | None = None,
) -> ClaimComparison:
    """Compare ``estimate`` (a :class:`Proportion`, or the AUC with its ``se``) to ``claim``."""
    if not estimate.defined:
        return ClaimComparison(
            claim.metric,
            claim.value,
            NAN,
            NAN,
            NAN,
            confidence,
            "undefined",
            NAN,
            claim.margin,
            None,
            threshold,
        )
    if isinstance(estimate, Proportion):
        p = binomial_p_lower(estimate.numerator, estimate.denominator, claim.value)
    elif se is not None and se > 0:
        p = float(special.ndtr((estimate.estimate - claim.value) / se))
    else:
        p = NAN
    if claim.value > estimate.ci_high:
        verdict = "lower"
    elif claim.value < estimate.ci_low:
        verdict = "higher"
    else:
        verdict = "consistent"
    non_inferior = None
    if claim.margin is not None:
        non_inferior = bool(estimate.ci_low > claim.value - claim.margin)
    return ClaimComparison(
        claim.metric,
        claim.value,
        estimate.estimate,
        estimate.ci_low,
        estimate.ci_high,
        confidence,
        verdict,
        p,
        claim.margin,
        non_inferior,
        threshold,
    )
