"""Words shared by the pages and the CLI: metric names and the vendor-claim verdicts.

Pure (no Django): sentences are gettext msgids translated through the one catalogue with
:func:`vejviser.kernel.i18n.translate`, numbers formatted by
:mod:`vejviser.kernel.formatting`. A claim's statement is worded here from the stored
numbers (the core keeps only numbers), so a translator's change shows in old reports too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from vejviser.kernel.formatting import number
from vejviser.kernel.i18n import gettext_noop, translate

METRIC_NAMES: dict[str, str] = {
    "auc": gettext_noop("AUC"),
    "sensitivity": gettext_noop("Sensitivity"),
    "specificity": gettext_noop("Specificity"),
    "ppv": gettext_noop("Positive predictive value (PPV)"),
    "npv": gettext_noop("Negative predictive value (NPV)"),
    "accuracy": gettext_noop("Accuracy"),
    "f1": gettext_noop("F1"),
}


def metric_name(metric: str, lang: str) -> str:
    return translate(METRIC_NAMES[metric], lang) if metric in METRIC_NAMES else metric


def p_text(value: float | None, lang: str) -> str:
    """The tail of "p = 0,003" or "p < 0,001" (the part after the letter p)."""
    if value is None or not math.isfinite(value):
        return "= –"
    if value < 0.001:
        return "< " + number(0.001, lang, 3)
    return "= " + number(value, lang, 3)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def claim_statement(c: Mapping[str, Any], lang: str) -> str:
    """The verdict on one vendor claim (a :class:`~.core.claims.ClaimComparison` as a
    dict), in ``lang``."""

    def num(value: Any) -> str:
        return number(value, lang, 3)

    metric = metric_name(c["metric"], lang)
    if c.get("verdict") == "undefined":
        return translate(
            "{metric} cannot be computed on your data, so the claim ({claimed}) cannot be "
            "compared.",
            lang,
            metric=metric,
            claimed=num(c["claimed"]),
        )
    threshold = c.get("threshold")
    lead = {
        "metric": metric,
        "estimate": num(c["estimate"]),
        "level": round(100 * c["confidence"]),
        "low": num(c["ci_low"]),
        "high": num(c["ci_high"]),
        "claimed": num(c["claimed"]),
    }
    if _finite(threshold) and c["metric"] != "auc":
        first = translate(
            "{metric} on your data is {estimate} ({level} % CI {low}–{high}) at threshold "
            "{threshold}. The vendor claims {claimed}.",
            lang,
            threshold=num(threshold),
            **lead,
        )
    else:
        first = translate(
            "{metric} on your data is {estimate} ({level} % CI {low}–{high}). "
            "The vendor claims {claimed}.",
            lang,
            **lead,
        )
    p = p_text(c.get("p_value_worse"), lang)
    verdicts = {
        "lower": gettext_noop(
            "The claim lies above the confidence interval: the product performs worse on "
            "your data than claimed (one-sided p {p})."
        ),
        "consistent": gettext_noop(
            "The claim lies within the confidence interval: your data are consistent with "
            "the claim (one-sided p {p} for being worse)."
        ),
        "higher": gettext_noop(
            "The claim lies below the confidence interval: the product performs better on "
            "your data than claimed."
        ),
    }
    parts = [first, translate(verdicts[c["verdict"]], lang, p=p)]
    if c.get("non_inferior") is not None and _finite(c.get("margin")):
        values = {
            "margin": num(c["margin"]),
            "low": num(c["ci_low"]),
            "limit": num(c["claimed"] - c["margin"]),
        }
        if c["non_inferior"]:
            parts.append(
                translate(
                    "With a non-inferiority margin of {margin} non-inferiority is shown: the "
                    "lower limit {low} lies above {limit} (the claim minus the margin).",
                    lang,
                    **values,
                )
            )
        else:
            parts.append(
                translate(
                    "With a non-inferiority margin of {margin} non-inferiority is not shown: "
                    "the lower limit {low} does not lie above {limit} (the claim minus the "
                    "margin).",
                    lang,
                    **values,
                )
            )
    return " ".join(parts)


#: Every interval method a report can name (an ``Estimate``'s ``method``), in words.
METHOD_TEXTS: dict[str, str] = {
    "wilson": gettext_noop("proportions: Wilson score interval (always within 0–1)"),
    "clopper-pearson": gettext_noop(
        "proportions: Clopper-Pearson exact interval (always within 0–1)"
    ),
    "DeLong": gettext_noop("AUC: DeLong's interval, kept within 0–1"),
    "bootstrap BCa": gettext_noop(
        "means (Dice, surface Dice, HD95, WER per document, times): bootstrap BCa interval, "
        "9,999 resamples with a fixed seed; it stays within the metric's range"
    ),
    "bootstrap percentile (fewer than 3 values)": gettext_noop(
        "means of fewer than 3 values: bootstrap percentile interval (BCa needs at least 3)"
    ),
    "bootstrap percentile (BCa undefined)": gettext_noop(
        "means where BCa is undefined for the values: bootstrap percentile interval"
    ),
    "one value: no interval": gettext_noop("one value only: no interval can be given"),
    "all values equal: no interval": gettext_noop("all values equal: the interval is that value"),
    "ratio estimator, documents as clusters, log scale": gettext_noop(
        "word error rate: ratio estimator with documents as clusters, on the log scale "
        "(never below 0)"
    ),
    "no errors in any document: no interval": gettext_noop(
        "word error rate: no errors in any document, so no interval"
    ),
    "paired t": gettext_noop("time saved per case: paired t interval"),
    "Welch t": gettext_noop("time saved per case: Welch t interval"),
    "log ratio of means, delta method": gettext_noop(
        "percentage saved: ratio of means on the log scale (delta method), never above 100 %"
    ),
    "logistic recalibration, slope 1": gettext_noop(
        "calibration intercept: logistic recalibration (Wald interval)"
    ),
    "logistic recalibration": gettext_noop(
        "calibration slope: logistic recalibration (Wald interval)"
    ),
}


def interval_methods(report: Any) -> list[str]:
    """Every interval method named in a stored report (``to_dict()``), first seen first."""
    found: dict[str, None] = {}

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            if "ci_low" in node and isinstance(node.get("method"), str):
                found[node["method"]] = None
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(report)
    return list(found)


def method_text(method: str, lang: str) -> str:
    return translate(METHOD_TEXTS[method], lang) if method in METHOD_TEXTS else method
