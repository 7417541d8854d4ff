"""Plain-text reports of the evidence results, for the terminal (Danish or English).

Only presentation: every number comes from a result object, every sentence from the
message catalogue (:mod:`vejviser.evidence.core.messages`).
"""

from __future__ import annotations

from vejviser.evidence.core.binary import BinaryReport
from vejviser.evidence.core.messages import number, p_value, text
from vejviser.evidence.core.results import Estimate
from vejviser.evidence.core.sample_size import SampleSizePlan
from vejviser.evidence.core.segmentation import SegmentationReport
from vejviser.evidence.core.timing import TimeStudy
from vejviser.evidence.core.transcripts import TranscriptReport

_METRICS = ("sensitivity", "specificity", "ppv", "npv", "accuracy", "f1")


def _ci(e: Estimate, lang: str) -> str:
    return f"{number(e.estimate, lang)} ({number(e.ci_low, lang)}–{number(e.ci_high, lang)})"


def _excluded(excluded: dict[str, int], lang: str) -> str:
    return ", ".join(f"{text('reason_' + k, lang)} {v}" for k, v in excluded.items())


def binary_text(report: BinaryReport, lang: str = "da") -> str:
    level = round(report.confidence * 100)
    positive = report.input.get("positive_label", "1")
    lines = [
        text("label_binary_title", lang),
        "  "
        + text(
            "label_cases",
            lang,
            n=report.n,
            n_pos=report.n_positive,
            positive=positive,
            prevalence=number(report.prevalence, lang),
        ),
    ]
    excluded = report.input.get("excluded") or {}
    if excluded:
        lines.append("  " + text("label_excluded", lang, what=_excluded(excluded, lang)))
    auc = report.auc
    lines.append(
        text(
            "label_auc",
            lang,
            auc=number(auc.estimate, lang),
            level=level,
            low=number(auc.ci_low, lang),
            high=number(auc.ci_high, lang),
        )
    )
    method = text(
        "method_" + report.threshold_method, lang, target=number(report.target_sensitivity, lang, 2)
    )
    lines.append(
        text("label_threshold", lang, threshold=number(report.threshold, lang, 4), method=method)
    )
    width = max(len(text(f"metric_{m}", lang)) for m in _METRICS)
    for metric in _METRICS:
        e = getattr(report, metric)
        counts = f"  {e.numerator}/{e.denominator}" if hasattr(e, "numerator") else ""
        lines.append(f"  {text(f'metric_{metric}', lang):<{width}}  {_ci(e, lang)}{counts}")
    if report.threshold_method != "given":
        lines.append("  " + text("label_in_sample", lang))
    calib = report.calibration
    if calib is None:
        lines.append(text("label_calibration_skipped", lang))
    else:
        lines.append(
            text(
                "label_calibration",
                lang,
                brier=number(calib.brier, lang),
                intercept=_ci(calib.intercept, lang),
                slope=_ci(calib.slope, lang),
                ece=number(calib.ece, lang),
            )
        )
    for table in report.subgroups:
        lines.append(text("label_subgroups", lang, column=table.column))
        for g in table.groups:
            notes = []
            if g.worse_than_overall:
                names = ", ".join(text(f"metric_{m}", lang) for m in g.worse_than_overall)
                notes.append(text("label_worse", lang, metrics=names))
            if g.small:
                notes.append(text("label_small", lang))
            lines.append(
                f"  {g.value}: n={g.n}, AUC {_ci(g.auc, lang)}, "
                f"{text('metric_sensitivity', lang)} {_ci(g.sensitivity, lang)}, "
                f"{text('metric_specificity', lang)} {_ci(g.specificity, lang)}"
                + (f"  [{'; '.join(notes)}]" if notes else "")
            )
        if table.missing:
            lines.append("  " + text("label_missing_in_group", lang, count=table.missing))
    if report.claims:
        lines.append(text("label_claims", lang))
        lines.extend("  " + c.statement[lang] for c in report.claims)
    if report.comparison is not None:
        d = report.comparison.test.difference
        lines.append(
            text(
                "label_comparison",
                lang,
                column=report.comparison.column,
                diff=number(d.estimate, lang),
                level=level,
                low=number(d.ci_low, lang),
                high=number(d.ci_high, lang),
                p=p_value(report.comparison.test.p_value, lang),
            )
        )
    return "\n".join(lines)


def segmentation_text(report: SegmentationReport, lang: str = "da") -> str:
    lines = [
        text("label_segmentation_title", lang),
        "  " + text("label_tolerance", lang, tolerance=number(report.tolerance_mm, lang, 1)),
    ]
    for s in report.structures:
        lines.append(
            "  "
            + text(
                "label_structure_line",
                lang,
                structure=s.structure,
                cases=s.cases,
                dice=number(s.dice.median, lang),
                q1=number(s.dice.q1, lang),
                q3=number(s.dice.q3, lang),
                hd95=number(s.hd95_mm.median, lang, 1),
                sdice=number(s.surface_dice.median, lang),
            )
        )
    return "\n".join(lines)


def transcripts_text(report: TranscriptReport, lang: str = "da") -> str:
    level = round(report.confidence * 100)
    lines = [
        text("label_transcripts_title", lang),
        "  "
        + text(
            "label_wer_ci",
            lang,
            wer=number(report.wer.estimate, lang),
            level=level,
            low=number(report.wer.ci_low, lang),
            high=number(report.wer.ci_high, lang),
            documents=len(report.documents),
        ),
        "  "
        + text(
            "label_wer",
            lang,
            wer=number(report.wer.estimate, lang),
            words=report.reference_words,
            s=report.substitutions,
            d=report.deletions,
            i=report.insertions,
        ),
    ]
    for doc in report.documents:
        lines.append(
            f"    {doc.document}: WER {number(doc.wer, lang)} "
            f"(S {doc.substitutions}, D {doc.deletions}, I {doc.insertions}, "
            f"N {doc.reference_words})"
        )
    return "\n".join(lines)


def timing_text(study: TimeStudy, lang: str = "da") -> str:
    level = round(study.confidence * 100)
    d, pct = study.time_saved, study.percent_saved
    return "\n".join(
        [
            text("label_timing_title", lang) + f" ({study.design})",
            "  "
            + text(
                "label_timing_groups",
                lang,
                n_before=study.before.n,
                mean_before=number(study.before.mean, lang, 1),
                unit=study.unit,
                n_with=study.with_product.n,
                mean_with=number(study.with_product.mean, lang, 1),
            ),
            "  "
            + text(
                "label_timing_saved",
                lang,
                diff=f"{number(d.estimate, lang, 1)} {study.unit}",
                level=level,
                low=number(d.ci_low, lang, 1),
                high=number(d.ci_high, lang, 1),
                pct=number(pct.estimate, lang, 1),
                pct_low=number(pct.ci_low, lang, 1),
                pct_high=number(pct.ci_high, lang, 1),
            ),
            "  " + text("label_timing_test", lang, test=study.test, p=p_value(study.p_value, lang)),
        ]
    )


def sample_size_text(plans: list[SampleSizePlan], lang: str = "da") -> str:
    lines = [text("label_sample_size_title", lang)]
    for plan in plans:
        common = {
            "expected": number(plan.expected, lang, 2),
            "width": number(plan.width, lang, 2),
            "prevalence": number(plan.prevalence, lang, 2),
            "method": plan.method,
            "total": plan.total,
        }
        if plan.metric == "auc":
            lines.append(
                "  "
                + text(
                    "label_plan_auc",
                    lang,
                    positives=plan.positives,
                    negatives=plan.negatives,
                    **common,
                )
            )
        else:
            who = text("who_with" if plan.metric == "sensitivity" else "who_without", lang)
            lines.append(
                "  "
                + text(
                    "label_plan",
                    lang,
                    metric=text(f"metric_{plan.metric}", lang),
                    needed=plan.cases_needed,
                    who=who,
                    total_wilson=plan.total_wilson,
                    **common,
                )
            )
    return "\n".join(lines)
