"""Plain-text reports of the evidence results, for the terminal (Danish or English).

Only presentation: every number comes from a result object and is formatted by
:mod:`vejviser.kernel.formatting`; every sentence is a msgid of the one gettext
catalogue, translated with :func:`vejviser.kernel.i18n.translate`.
"""

from __future__ import annotations

from typing import Any

from vejviser.evidence.core.binary import BinaryReport
from vejviser.evidence.core.results import Estimate
from vejviser.evidence.core.sample_size import SampleSizePlan
from vejviser.evidence.core.segmentation import SegmentationReport
from vejviser.evidence.core.timing import TimeStudy
from vejviser.evidence.core.transcripts import TranscriptReport
from vejviser.evidence.core.wording import (
    claim_statement,
    interval_methods,
    method_text,
    metric_name,
    p_text,
)
from vejviser.kernel.formatting import integer, interval, number
from vejviser.kernel.i18n import gettext_noop, translate

_METRICS = ("sensitivity", "specificity", "ppv", "npv", "accuracy", "f1")
REASONS = {
    "missing_score": gettext_noop("missing score"),
    "non_finite_score": gettext_noop("infinite score"),
    "missing_label": gettext_noop("missing label"),
    "missing_compare_score": gettext_noop("missing comparison score"),
    "missing_time": gettext_noop("missing time"),
}
DESIGNS = {"paired": gettext_noop("paired design"), "unpaired": gettext_noop("unpaired design")}
TESTS = {
    "paired t-test": gettext_noop("paired t-test"),
    "Welch t-test": gettext_noop("Welch t-test"),
}
THRESHOLD_METHODS = {
    "given": gettext_noop("as given"),
    "youden": gettext_noop("Youden's index"),
    "target-sensitivity": gettext_noop("target sensitivity {target}"),
}


def _word(words: dict[str, str], key: str, lang: str) -> str:
    return translate(words[key], lang) if key in words else key


def _ci(e: Estimate, lang: str, digits: int = 3) -> str:
    return f"{number(e.estimate, lang, digits)} ({interval(e.ci_low, e.ci_high, lang, digits)})"


def _excluded(excluded: dict[str, int], lang: str) -> str:
    return ", ".join(
        f"{translate(REASONS[k], lang) if k in REASONS else k} {integer(v, lang)}"
        for k, v in excluded.items()
    )


def methods_text(report: dict[str, Any], lang: str) -> str:
    """The report's interval methods, one per line (every report states its method)."""
    methods = interval_methods(report)
    if not methods:
        return ""
    return "\n".join(
        [translate("Confidence intervals:", lang)] + [f"  {method_text(m, lang)}" for m in methods]
    )


def _with_methods(text: str, report: dict[str, Any], lang: str) -> str:
    methods = methods_text(report, lang)
    return f"{text}\n{methods}" if methods else text


def binary_text(report: BinaryReport, lang: str = "da") -> str:
    level = round(report.confidence * 100)
    positive = report.input.get("positive_label", "1")
    lines = [
        translate("Classifier validation", lang),
        "  "
        + translate(
            "{n} cases, {n_pos} positive ({positive}), prevalence {prevalence}",
            lang,
            n=integer(report.n, lang),
            n_pos=integer(report.n_positive, lang),
            positive=positive,
            prevalence=number(report.prevalence, lang, 3),
        ),
    ]
    excluded = report.input.get("excluded") or {}
    if excluded:
        lines.append("  " + translate("Excluded: {what}", lang, what=_excluded(excluded, lang)))
    auc = report.auc
    lines.append(
        translate(
            "AUC {auc} ({level} % CI {low}–{high}; DeLong)",
            lang,
            auc=number(auc.estimate, lang, 3),
            level=level,
            low=number(auc.ci_low, lang, 3),
            high=number(auc.ci_high, lang, 3),
        )
    )
    method = translate(
        THRESHOLD_METHODS.get(report.threshold_method, report.threshold_method),
        lang,
        target=number(report.target_sensitivity, lang, 2),
    )
    lines.append(
        translate(
            "Threshold {threshold} ({method}); positive when score ≥ threshold",
            lang,
            threshold=number(report.threshold, lang, 4),
            method=method,
        )
    )
    width = max(len(metric_name(m, lang)) for m in _METRICS)
    for metric in _METRICS:
        e = getattr(report, metric)
        counts = (
            f"  {integer(e.numerator, lang)}/{integer(e.denominator, lang)}"
            if hasattr(e, "numerator")
            else ""
        )
        lines.append(f"  {metric_name(metric, lang):<{width}}  {_ci(e, lang)}{counts}")
    if report.threshold_method != "given":
        lines.append(
            "  "
            + translate(
                "The threshold was chosen on the same data, so the figures at it are "
                "slightly optimistic.",
                lang,
            )
        )
    calib = report.calibration
    if calib is None:
        lines.append(
            translate(
                "Calibration: not computed, because the scores do not all lie between 0 and 1.",
                lang,
            )
        )
    else:
        lines.append(
            translate(
                "Calibration: Brier {brier}, intercept {intercept}, slope {slope}, ECE {ece}",
                lang,
                brier=number(calib.brier, lang, 3),
                intercept=_ci(calib.intercept, lang),
                slope=_ci(calib.slope, lang),
                ece=number(calib.ece, lang, 3),
            )
        )
    for table in report.subgroups:
        lines.append(translate("Subgroups by '{column}'", lang, column=table.column))
        for g in table.groups:
            notes = []
            if g.worse_than_overall:
                names = ", ".join(metric_name(m, lang) for m in g.worse_than_overall)
                notes.append(translate("worse than overall: {metrics}", lang, metrics=names))
            if g.small:
                notes.append(translate("small group", lang))
            lines.append(
                f"  {g.value}: n={integer(g.n, lang)}, AUC {_ci(g.auc, lang)}, "
                f"{metric_name('sensitivity', lang)} {_ci(g.sensitivity, lang)}, "
                f"{metric_name('specificity', lang)} {_ci(g.specificity, lang)}"
                + (f"  [{'; '.join(notes)}]" if notes else "")
            )
        if table.missing:
            lines.append(
                "  "
                + translate("{count} without a value", lang, count=integer(table.missing, lang))
            )
    if report.claims:
        lines.append(translate("Vendor claims", lang))
        lines.extend("  " + claim_statement(c.to_dict(), lang) for c in report.claims)
    if report.comparison is not None:
        d = report.comparison.test.difference
        lines.append(
            translate(
                "Paired DeLong test against '{column}': difference in AUC {diff} ({level} % CI "
                "{low}–{high}), p {p}",
                lang,
                column=report.comparison.column,
                diff=number(d.estimate, lang, 3),
                level=level,
                low=number(d.ci_low, lang, 3),
                high=number(d.ci_high, lang, 3),
                p=p_text(report.comparison.test.p_value, lang),
            )
        )
    return _with_methods("\n".join(lines), report.to_dict(), lang)


def segmentation_text(report: SegmentationReport, lang: str = "da") -> str:
    lines = [
        translate("Contour validation", lang),
        "  "
        + translate(
            "Tolerance for surface Dice: {tolerance} mm",
            lang,
            tolerance=number(report.tolerance_mm, lang, 1),
        ),
    ]
    for s in report.structures:
        lines.append(
            "  "
            + translate(
                "{structure}: {cases} cases, Dice median {dice} (IQR {q1}–{q3}), "
                "HD95 median {hd95} mm, surface Dice median {sdice}",
                lang,
                structure=s.structure,
                cases=integer(s.cases, lang),
                dice=number(s.dice.median, lang, 3),
                q1=number(s.dice.q1, lang, 3),
                q3=number(s.dice.q3, lang, 3),
                hd95=number(s.hd95_mm.median, lang, 1),
                sdice=number(s.surface_dice.median, lang, 3),
            )
        )
        lines.append(
            "    "
            + translate(
                "mean Dice {dice}, mean HD95 {hd95} mm, mean surface Dice {sdice} ({level} % CI)",
                lang,
                dice=_ci(s.dice.mean_ci, lang),
                hd95=_ci(s.hd95_mm.mean_ci, lang, 1),
                sdice=_ci(s.surface_dice.mean_ci, lang),
                level=round(report.confidence * 100),
            )
        )
    return _with_methods("\n".join(lines), report.to_dict(), lang)


def transcripts_text(report: TranscriptReport, lang: str = "da") -> str:
    level = round(report.confidence * 100)
    lines = [
        translate("Speech-to-text validation", lang),
        "  "
        + translate(
            "WER {wer} ({level} % CI {low}–{high}) over {documents} documents",
            lang,
            wer=number(report.wer.estimate, lang, 3),
            level=level,
            low=number(report.wer.ci_low, lang, 3),
            high=number(report.wer.ci_high, lang, 3),
            documents=integer(len(report.documents), lang),
        ),
        "  "
        + translate(
            "Word error rate (WER) {wer} over {words} reference words: {s} substitutions, "
            "{d} deletions, {i} insertions",
            lang,
            wer=number(report.wer.estimate, lang, 3),
            words=integer(report.reference_words, lang),
            s=integer(report.substitutions, lang),
            d=integer(report.deletions, lang),
            i=integer(report.insertions, lang),
        ),
    ]
    for doc in report.documents:
        name = translate("Document {number}", lang, number=doc.document)
        lines.append(
            f"    {name}: WER {number(doc.wer, lang, 3)} "
            f"(S {integer(doc.substitutions, lang)}, D {integer(doc.deletions, lang)}, "
            f"I {integer(doc.insertions, lang)}, N {integer(doc.reference_words, lang)})"
        )
    return _with_methods("\n".join(lines), report.to_dict(), lang)


def timing_text(study: TimeStudy, lang: str = "da") -> str:
    return _with_methods(_timing_lines(study, lang), study.to_dict(), lang)


def _timing_lines(study: TimeStudy, lang: str) -> str:
    level = round(study.confidence * 100)
    d, pct = study.time_saved, study.percent_saved
    return "\n".join(
        [
            translate("Time study", lang) + f" ({_word(DESIGNS, study.design, lang)})",
            "  "
            + translate(
                "Before: {n_before} measurements, mean {mean_before} {unit}; with the product: "
                "{n_with} measurements, mean {mean_with} {unit}",
                lang,
                n_before=integer(study.before.n, lang),
                mean_before=number(study.before.mean, lang, 1),
                unit=study.unit,
                n_with=integer(study.with_product.n, lang),
                mean_with=number(study.with_product.mean, lang, 1),
            ),
            "  "
            + translate(
                "Time saved per case {diff} ({level} % CI {low}–{high}); {pct} % saved "
                "({level} % CI {pct_low}–{pct_high})",
                lang,
                diff=f"{number(d.estimate, lang, 1)} {study.unit}",
                level=level,
                low=number(d.ci_low, lang, 1),
                high=number(d.ci_high, lang, 1),
                pct=number(pct.estimate, lang, 1),
                pct_low=number(pct.ci_low, lang, 1),
                pct_high=number(pct.ci_high, lang, 1),
            ),
            "  "
            + translate(
                "{test}: p {p}",
                lang,
                test=_word(TESTS, study.test, lang),
                p=p_text(study.p_value, lang),
            ),
        ]
    )


def sample_size_text(plans: list[SampleSizePlan], lang: str = "da") -> str:
    lines = [translate("Sample size", lang)]
    for plan in plans:
        common = {
            "expected": number(plan.expected, lang, 2),
            "width": number(plan.width, lang, 2),
            "prevalence": number(plan.prevalence, lang, 2),
            "method": plan.method,
            "total": integer(plan.total, lang),
        }
        if plan.metric == "auc":
            lines.append(
                "  "
                + translate(
                    "AUC ≈ {expected}, CI width {width}: {total} cases ({positives} with and "
                    "{negatives} without the condition) at prevalence {prevalence} ({method})",
                    lang,
                    positives=integer(plan.positives, lang),
                    negatives=integer(plan.negatives, lang),
                    **common,
                )
            )
        else:
            who = (
                translate("with the condition", lang)
                if plan.metric == "sensitivity"
                else translate("without the condition", lang)
            )
            lines.append(
                "  "
                + translate(
                    "{metric} ≈ {expected}, CI width {width}: {needed} {who} — {total} cases in "
                    "all at prevalence {prevalence} ({method}; Wilson: {total_wilson})",
                    lang,
                    metric=metric_name(plan.metric, lang),
                    needed=integer(plan.cases_needed, lang),
                    who=who,
                    total_wilson=integer(plan.total_wilson, lang),
                    **common,
                )
            )
    return "\n".join(lines)
