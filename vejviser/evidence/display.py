"""What a stored run says to a clinician: headlines, summary sentences, table rows.

Only presentation: numbers come from the stored report (the core's ``to_dict()``),
sentences from this app's translation catalogue, numbers formatted for the language
(decimal comma and thousands point in Danish).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from vejviser.evidence.core.wording import claim_statement, interval_methods, method_text
from vejviser.kernel import formatting
from vejviser.kernel.formatting import number

from .models import Kind, ValidationRun

METRICS = ("sensitivity", "specificity", "ppv", "npv", "accuracy", "f1")


def metric_label(metric: str) -> str:
    return {
        "auc": _("AUC (area under the ROC curve)"),
        "sensitivity": _("Sensitivity (share of the positive cases found)"),
        "specificity": _("Specificity (share of the negative cases cleared)"),
        "ppv": _("Positive predictive value (share of the flagged who are positive)"),
        "npv": _("Negative predictive value (share of the cleared who are negative)"),
        "accuracy": _("Accuracy"),
        "f1": _("F1 score"),
    }.get(metric, metric)


def integer(value: Any, lang: str) -> str:
    return formatting.integer(value, lang)


def dec(value: Any, lang: str, digits: int = 2) -> str:
    return formatting.number(value, lang, digits)


def pct(value: Any, lang: str, digits: int = 0) -> str:
    """A share (0–1) as a percentage: ``59 %``."""
    return formatting.percent(value, lang, digits)


def ci(e: dict[str, Any] | None, lang: str, digits: int = 2, percent: bool = False) -> str:
    """``0,86 (0,84–0,88)`` or, for shares shown as percentages, ``59 % (54–64 %)``."""
    if not e:
        return formatting.MISSING
    low, high = e.get("ci_low"), e.get("ci_high")
    if percent:
        span = formatting.percent_interval(low, high, lang, 0)
        return f"{pct(e.get('estimate'), lang)} ({span})"
    span = formatting.interval(low, high, lang, digits)
    return f"{dec(e.get('estimate'), lang, digits)} ({span})"


def percent_points(e: dict[str, Any] | None, lang: str) -> str:
    """An estimate already in percent (``35.2``) with its interval: ``35 % (28–41 %)``."""
    if not e:
        return formatting.MISSING
    share = {k: None if e.get(k) is None else e[k] / 100 for k in ("estimate", "ci_low", "ci_high")}
    return ci(share, lang, percent=True)


# --- one line per run: the step page, the run list, the comparison over time -------------


def key_metric(run: ValidationRun, lang: str) -> tuple[str, str]:
    """(name of the run's key metric, its value with the 95 % CI)."""
    r = run.report
    if run.kind == Kind.BINARY:
        return "AUC", ci(r.get("auc"), lang)
    if run.kind == Kind.SEGMENTATION:
        worst = _worst_structure(r)
        if worst is None:
            return "Dice", "–"
        name = _("Mean Dice, lowest structure (%(structure)s)") % {"structure": worst["structure"]}
        return name, ci(worst["dice"].get("mean_ci"), lang)
    if run.kind == Kind.TRANSCRIPTS:
        return _("Word error rate"), ci(r.get("wer"), lang, percent=True)
    if run.kind == Kind.TIMING:
        return _("Documentation time saved"), percent_points(r.get("percent_saved"), lang)
    plans = r.get("plans") or []
    return _("Consecutive cases needed"), integer(max((p["total"] for p in plans), default=0), lang)


def headline(run: ValidationRun, lang: str) -> str:
    """``AUC 0,70 (0,67–0,73), n = 1.991``: the key metric, its interval and n."""
    name, value = key_metric(run, lang)
    if run.kind == Kind.SAMPLE_SIZE:
        return f"{name}: {value}"
    short = name.split(" (")[0] if run.kind == Kind.SEGMENTATION else name
    return f"{short} {value}, n = {integer(run.n, lang)}"


def _worst_structure(report: dict[str, Any]) -> dict[str, Any] | None:
    structures = [s for s in report.get("structures", []) if s["dice"].get("mean") is not None]
    return min(structures, key=lambda s: s["dice"]["mean"]) if structures else None


# --- the report page: a summary sentence first ---------------------------------------------


def summary_sentences(run: ValidationRun, lang: str) -> list[str]:
    return {
        Kind.BINARY: _binary_summary,
        Kind.SEGMENTATION: _segmentation_summary,
        Kind.TRANSCRIPTS: _transcripts_summary,
        Kind.TIMING: _timing_summary,
        Kind.SAMPLE_SIZE: _sample_size_summary,
    }[Kind(run.kind)](run.report, lang)


def _binary_summary(r: dict[str, Any], lang: str) -> list[str]:
    auc = r["auc"]
    found = r["sensitivity"]
    cleared = r["specificity"]
    ppv = r["ppv"]
    sentences = [
        _(
            "On %(n)s cases (%(n_pos)s positive, %(prevalence)s) the score tells positive from "
            "negative cases with an AUC of %(auc)s: in %(auc_pct)s of pairs of one positive and "
            "one negative case, the positive case has the higher score (0.5 is chance, 1 is "
            "perfect)."
        )
        % {
            "n": integer(r["n"], lang),
            "n_pos": integer(r["n_positive"], lang),
            "prevalence": pct(r["prevalence"], lang),
            "auc": ci(auc, lang),
            "auc_pct": pct(auc["estimate"], lang),
        },
        _(
            "At the threshold %(threshold)s the product finds %(found)s of the positive cases "
            "(%(tp)s of %(pos)s) and clears %(cleared)s of the negative cases; of those it "
            "flags, %(ppv)s are positive."
        )
        % {
            "threshold": number(r["threshold"], lang, 3),
            "found": pct(found["estimate"], lang),
            "tp": integer(found.get("numerator"), lang),
            "pos": integer(found.get("denominator"), lang),
            "cleared": pct(cleared["estimate"], lang),
            "ppv": pct(ppv["estimate"], lang),
        },
    ]
    calib = r.get("calibration")
    if calib:
        intercept = calib.get("intercept") or {}
        values = {
            "predicted": pct(calib.get("mean_predicted"), lang),
            "observed": pct(calib.get("observed_rate"), lang),
        }
        if (intercept.get("ci_high") or 0) < 0:
            sentences.append(
                _(
                    "The product over-estimates the risk: on average it predicts %(predicted)s, "
                    "while %(observed)s were positive."
                )
                % values
            )
        elif (intercept.get("ci_low") or 0) > 0:
            sentences.append(
                _(
                    "The product under-estimates the risk: on average it predicts "
                    "%(predicted)s, while %(observed)s were positive."
                )
                % values
            )
    worse = [
        f"{g['value']} ({table['column']})"
        for table in r.get("subgroups", [])
        for g in table["groups"]
        if g.get("worse_than_overall")
    ]
    if worse:
        sentences.append(
            _("It does worse than overall in: %(groups)s.") % {"groups": ", ".join(worse)}
        )
    return sentences  # the vendor's claims follow as their own verdicts


def _segmentation_summary(r: dict[str, Any], lang: str) -> list[str]:
    structures = r.get("structures", [])
    worst = _worst_structure(r)
    best = max(structures, key=lambda s: s["dice"]["mean"] or 0) if structures else None
    if worst is None or best is None:
        return []
    return [
        _(
            "On %(cases)s cases and %(structures)s structures the product's contours overlap "
            "the reference contours with a mean Dice between %(low)s (%(worst)s) and %(high)s "
            "(%(best)s); 1 is perfect overlap, and above 0.8 is usually considered good for "
            "organs at risk."
        )
        % {
            "cases": integer(r["cases"], lang),
            "structures": len(structures),
            "low": dec(worst["dice"]["mean"], lang),
            "worst": worst["structure"],
            "high": dec(best["dice"]["mean"], lang),
            "best": best["structure"],
        },
        _(
            "Hausdorff 95 is the distance (mm) within which 95 %% of the contour surface lies; "
            "surface Dice is the share of the surface within %(tolerance)s mm of the reference "
            "— roughly the share a clinician would not need to correct."
        )
        % {"tolerance": number(r["tolerance_mm"], lang, 1)},
    ]


def _transcripts_summary(r: dict[str, Any], lang: str) -> list[str]:
    wer = r["wer"]
    one_in = round(1 / wer["estimate"]) if wer.get("estimate") else None
    sentences = [
        _(
            "Over %(documents)s documents (%(words)s words in the reference notes) the word "
            "error rate is %(wer)s: about one word in %(one_in)s is wrong, missing or added "
            "(%(s)s substituted, %(d)s missing, %(i)s added)."
        )
        % {
            "documents": integer(len(r["documents"]), lang),
            "words": integer(r["reference_words"], lang),
            "wer": ci(wer, lang, percent=True),
            "one_in": integer(one_in, lang),
            "s": integer(r["substitutions"], lang),
            "d": integer(r["deletions"], lang),
            "i": integer(r["insertions"], lang),
        }
    ]
    if r.get("normalised"):
        sentences.append(
            _(
                "Case, punctuation and the way numbers are written are not counted as errors "
                '("2" and "to" are the same word); split compound words and misheard drug '
                "names are."
            )
        )
    return sentences


def _timing_summary(r: dict[str, Any], lang: str) -> list[str]:
    saved, share = r["time_saved"], r["percent_saved"]
    return [
        _(
            "With the product, documentation took %(with)s %(unit)s on average against "
            "%(before)s %(unit)s before (%(n)s paired measurements): %(saved)s %(unit)s saved "
            "(95 %% CI %(low)s–%(high)s), that is %(share)s."
        )
        % {
            "with": number(r["with_product"]["mean"], lang, 1),
            "before": number(r["before"]["mean"], lang, 1),
            "unit": r["unit"],
            "n": integer(r["before"]["n"], lang),
            "saved": number(saved["estimate"], lang, 1),
            "low": number(saved["ci_low"], lang, 1),
            "high": number(saved["ci_high"], lang, 1),
            "share": percent_points(share, lang),
        }
    ]


def _sample_size_summary(r: dict[str, Any], lang: str) -> list[str]:
    sentences = []
    for plan in r.get("plans", []):
        values = {
            "expected": dec(plan["expected"], lang),
            "half": dec(plan["width"] / 2, lang, 3),
            "prevalence": pct(plan["prevalence"], lang),
            "needed": integer(plan["cases_needed"], lang),
            "total": integer(plan["total"], lang),
            "positives": integer(plan.get("positives"), lang),
        }
        if plan["metric"] == "sensitivity":
            text = _(
                "To estimate a sensitivity of %(expected)s ± %(half)s at a prevalence of "
                "%(prevalence)s you need %(needed)s cases with the condition, that is about "
                "%(total)s consecutive cases."
            )
        elif plan["metric"] == "specificity":
            text = _(
                "To estimate a specificity of %(expected)s ± %(half)s at a prevalence of "
                "%(prevalence)s you need %(needed)s cases without the condition, that is "
                "about %(total)s consecutive cases."
            )
        else:
            text = _(
                "To estimate an AUC of %(expected)s ± %(half)s at a prevalence of "
                "%(prevalence)s you need about %(total)s consecutive cases (%(positives)s with "
                "the condition)."
            )
        sentences.append(text % values)
    return sentences


# --- tables ----------------------------------------------------------------------------------


def binary_rows(r: dict[str, Any], lang: str) -> list[dict[str, str]]:
    rows = [{"metric": "auc", "label": metric_label("auc"), "value": ci(r["auc"], lang, 3)}]
    for metric in METRICS:
        e = r[metric]
        counts = (
            f"{integer(e['numerator'], lang)}/{integer(e['denominator'], lang)}"
            if e.get("denominator") is not None
            else ""
        )
        rows.append(
            {
                "metric": metric,
                "label": metric_label(metric),
                "value": ci(e, lang, 3),
                "counts": counts,
            }
        )
    return rows


def subgroup_rows(r: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    for table in r.get("subgroups", []):
        for g in table["groups"]:
            rows.append(
                {
                    "column": table["column"],
                    "value": g["value"],
                    "n": integer(g["n"], lang),
                    "prevalence": pct(g.get("prevalence"), lang),
                    "auc": ci(g.get("auc"), lang),
                    "sensitivity": ci(g.get("sensitivity"), lang),
                    "specificity": ci(g.get("specificity"), lang),
                    "worse": ", ".join(
                        metric_label(m).split(" (")[0] for m in g.get("worse_than_overall") or []
                    ),
                    "small": bool(g.get("small")),
                }
            )
    return rows


def structure_rows(r: dict[str, Any], lang: str) -> list[dict[str, str]]:
    rows = []
    for s in r.get("structures", []):
        dice, hd95, sdice = s["dice"], s["hd95_mm"], s["surface_dice"]
        rows.append(
            {
                "structure": s["structure"],
                "cases": integer(s["cases"], lang),
                "dice": ci(dice.get("mean_ci"), lang),
                "dice_median": (
                    f"{dec(dice['median'], lang)} "
                    f"({formatting.interval(dice['q1'], dice['q3'], lang, 2)})"
                ),
                "hd95": number(hd95.get("median"), lang, 1),
                "hd95_max": number(hd95.get("maximum"), lang, 1),
                "surface_dice": ci(sdice.get("mean_ci"), lang),
            }
        )
    return rows


def method_notes(run: ValidationRun, lang: str) -> list[str]:
    """How each interval in the report was computed, in words."""
    return [method_text(m, lang) for m in interval_methods(run.report)]


def claim_rows(r: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The vendor's claims with their verdicts worded in ``lang``."""
    rows = []
    for c in r.get("claims", []):
        claim = {**c, "threshold": c.get("threshold", r.get("threshold"))}
        rows.append({**claim, "text": claim_statement(claim, lang)})
    return rows


def document_rows(r: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Per-document WER rows; documents are named by their position in the file (reports
    stored before the ids were discarded show the same numbers, never the typed id)."""
    return [
        {
            **d,
            "label": _("Document %(number)s") % {"number": i},
            "wer_text": pct(d["wer"], lang, 1),
        }
        for i, d in enumerate(r.get("documents", []), start=1)
    ]


def excluded_text(r: dict[str, Any], lang: str) -> str:
    """``6 without a score, 3 without a label`` (rows left out, by reason)."""
    labels = {
        "missing_score": _("without a score"),
        "non_finite_score": _("with an infinite score"),
        "missing_label": _("without an outcome"),
        "missing_compare_score": _("without the second score"),
        "missing_time": _("without a time"),
    }
    excluded = (r.get("input") or {}).get("excluded") or {}
    return ", ".join(f"{integer(v, lang)} {labels.get(k, k)}" for k, v in excluded.items())
