"""Every sentence the evidence module shows a person, in Danish and English, in one place.

Kept as one catalogue (a translation table) rather than literals spread through the
code, so wording can be reviewed and changed without touching the statistics.
Placeholders use :meth:`str.format` names.
"""

from __future__ import annotations

from typing import Any

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- input errors -----------------------------------------------------------------
    "file_not_found": (
        "Filen '{file}' findes ikke.",
        "The file '{file}' does not exist.",
    ),
    "unsupported_format": (
        "Filtypen '{suffix}' understøttes ikke. Brug CSV, Excel (xlsx) eller Parquet.",
        "The file type '{suffix}' is not supported. Use CSV, Excel (xlsx) or Parquet.",
    ),
    "unreadable_file": (
        "Filen '{file}' kunne ikke læses: {reason}",
        "The file '{file}' could not be read: {reason}",
    ),
    "empty_file": (
        "Filen '{file}' er tom: den har ingen rækker med data.",
        "The file '{file}' is empty: it has no data rows.",
    ),
    "missing_column": (
        "Kolonnen '{column}' findes ikke i filen. Filens kolonner: {available}.",
        "The column '{column}' is not in the file. The file's columns: {available}.",
    ),
    "duplicate_column": (
        "Kolonnen '{column}' er valgt til mere end én rolle.",
        "The column '{column}' is chosen for more than one role.",
    ),
    "non_numeric": (
        "Kolonnen '{column}' skal indeholde tal, men indeholder '{value}'.",
        "The column '{column}' must contain numbers, but contains '{value}'.",
    ),
    "labels_not_two_classes": (
        "Kolonnen '{column}' skal have præcis to klasser, men har {count}: {values}.",
        "The column '{column}' must have exactly two classes, but has {count}: {values}.",
    ),
    "one_class_only": (
        "Kolonnen '{column}' har kun én klasse ({values}). Der skal være både positive og "
        "negative tilfælde.",
        "The column '{column}' has only one class ({values}). Both positive and negative "
        "cases are needed.",
    ),
    "positive_not_found": (
        "Værdien '{positive}' findes ikke i kolonnen '{column}' (fundet: {values}).",
        "The value '{positive}' is not in the column '{column}' (found: {values}).",
    ),
    "no_rows_left": (
        "Ingen rækker er tilbage, når rækker med manglende værdier er udeladt ({excluded}).",
        "No rows are left once rows with missing values are excluded ({excluded}).",
    ),
    "cpr_column": (
        "Kolonnen '{column}' ligner CPR-numre. Fjern den fra filen, eller angiv at den skal "
        "udelades (--drop '{column}'). Værdierne vises ikke.",
        "The column '{column}' looks like Danish CPR numbers. Remove it from the file, or "
        "say that it is to be dropped (--drop '{column}'). The values are not shown.",
    ),
    "cpr_column_upload": (
        "Kolonnen '{column}' ligner CPR-numre. Fjern den fra filen, eller sæt flueben nedenfor "
        "for at udelade den. Værdierne vises ikke.",
        "The column '{column}' looks like Danish CPR numbers. Remove it from the file, or tick "
        "below to leave it out. The values are not shown.",
    ),
    "cpr_column_used": (
        "Kolonnen '{column}' ligner CPR-numre og kan ikke bruges i en validering.",
        "The column '{column}' looks like Danish CPR numbers and cannot be used in a validation.",
    ),
    "cpr_in_name": (
        "Navnet på et tilfælde ligner et CPR-nummer ({where}). Brug pseudonyme navne.",
        "The name of a case looks like a CPR number ({where}). Use pseudonymous names.",
    ),
    "too_many_subgroups": (
        "Kolonnen '{column}' har {count} forskellige værdier; højst {limit} undergrupper "
        "kan sammenlignes.",
        "The column '{column}' has {count} distinct values; at most {limit} subgroups can "
        "be compared.",
    ),
    "out_of_range": (
        "{name} skal være mellem {low} og {high}, men er {value}.",
        "{name} must be between {low} and {high}, but is {value}.",
    ),
    "bad_claim": (
        "Angivelsen '{claim}' skal skrives som METRIK=VÆRDI, fx sensitivity=0.92. "
        "Mulige metrikker: {metrics}.",
        "The claim '{claim}' must be written as METRIC=VALUE, e.g. sensitivity=0.92. "
        "Possible metrics: {metrics}.",
    ),
    "bad_threshold": (
        "Tærsklen '{value}' skal være et tal eller 'youden'.",
        "The threshold '{value}' must be a number or 'youden'.",
    ),
    "too_few_values": (
        "Der skal være mindst {minimum} gyldige værdier i '{column}', men der er {count}.",
        "At least {minimum} valid values are needed in '{column}', but there are {count}.",
    ),
    "non_positive_mean": (
        "Gennemsnittet af '{column}' skal være større end 0 for at beregne procent sparet.",
        "The mean of '{column}' must be above 0 to compute the percentage saved.",
    ),
    "negative_time": (
        "Kolonnen '{column}' indeholder {count} negative tider.",
        "The column '{column}' contains {count} negative times.",
    ),
    "group_values": (
        "Gruppekolonnen '{column}' skal indeholde værdierne '{before}' og '{after}' "
        "(fundet: {values}).",
        "The group column '{column}' must contain the values '{before}' and '{after}' "
        "(found: {values}).",
    ),
    "no_cases": (
        "Der blev ikke fundet tilfælde at sammenligne i '{reference}' og '{prediction}'.",
        "No cases to compare were found in '{reference}' and '{prediction}'.",
    ),
    "unmatched_cases": (
        "{count} tilfælde findes kun i den ene mappe, fx '{example}'.",
        "{count} cases are in one folder only, e.g. '{example}'.",
    ),
    "shape_mismatch": (
        "Masken '{structure}' i tilfældet '{case}' har formen {reference} i reference, men "
        "{prediction} i forslaget.",
        "The mask '{structure}' in case '{case}' has shape {reference} in the reference but "
        "{prediction} in the prediction.",
    ),
    "spacing_missing": (
        "Voxelafstanden for tilfældet '{case}' kendes ikke. Angiv den med --spacing, fx "
        "--spacing 1.0,1.0,3.0 (mm).",
        "The voxel spacing of case '{case}' is unknown. Give it with --spacing, e.g. "
        "--spacing 1.0,1.0,3.0 (mm).",
    ),
    "spacing_mismatch": (
        "Tilfældet '{case}' har voxelafstanden {reference} i reference, men {prediction} i "
        "forslaget.",
        "Case '{case}' has voxel spacing {reference} in the reference but {prediction} in "
        "the prediction.",
    ),
    "bad_spacing": (
        "Voxelafstanden '{value}' skal være {ndim} positive tal adskilt af komma.",
        "The voxel spacing '{value}' must be {ndim} positive numbers separated by commas.",
    ),
    "no_documents": (
        "Der blev ikke fundet par af reference og transskription i '{source}'.",
        "No pairs of reference and transcript were found in '{source}'.",
    ),
    "empty_reference": (
        "Referenceteksten for dokumentet '{document}' er tom efter normalisering.",
        "The reference text of document '{document}' is empty after normalisation.",
    ),
    "nothing_to_plan": (
        "Angiv mindst én af sensitivitet, specificitet eller AUC.",
        "Give at least one of sensitivity, specificity or AUC.",
    ),
    # --- vendor claim statements --------------------------------------------------------
    "claim_lead": (
        "{metric} på jeres data er {estimate} ({level} % KI {low}–{high}){at}. "
        "Leverandøren angiver {claimed}.",
        "{metric} on your data is {estimate} ({level} % CI {low}–{high}){at}. "
        "The vendor claims {claimed}.",
    ),
    "claim_at_threshold": (" ved tærsklen {threshold}", " at threshold {threshold}"),
    "claim_lower": (
        "Angivelsen ligger over konfidensintervallet: produktet klarer sig dårligere på "
        "jeres data end angivet (ensidet p {p}).",
        "The claim lies above the confidence interval: the product performs worse on your "
        "data than claimed (one-sided p {p}).",
    ),
    "claim_consistent": (
        "Angivelsen ligger inden for konfidensintervallet: jeres data er forenelige med "
        "angivelsen (ensidet p {p} for at være dårligere).",
        "The claim lies within the confidence interval: your data are consistent with the "
        "claim (one-sided p {p} for being worse).",
    ),
    "claim_higher": (
        "Angivelsen ligger under konfidensintervallet: produktet klarer sig bedre på jeres "
        "data end angivet.",
        "The claim lies below the confidence interval: the product performs better on your "
        "data than claimed.",
    ),
    "claim_ni_shown": (
        "Med en non-inferiority-margin på {margin} er non-inferiority vist: den nedre "
        "grænse {low} ligger over {limit} (angivelsen minus marginen).",
        "With a non-inferiority margin of {margin} non-inferiority is shown: the lower "
        "limit {low} lies above {limit} (the claim minus the margin).",
    ),
    "claim_ni_not_shown": (
        "Med en non-inferiority-margin på {margin} er non-inferiority ikke vist: den nedre "
        "grænse {low} ligger ikke over {limit} (angivelsen minus marginen).",
        "With a non-inferiority margin of {margin} non-inferiority is not shown: the lower "
        "limit {low} does not lie above {limit} (the claim minus the margin).",
    ),
    "claim_undefined": (
        "{metric} kan ikke beregnes på jeres data, så angivelsen ({claimed}) kan ikke "
        "sammenlignes.",
        "{metric} cannot be computed on your data, so the claim ({claimed}) cannot be compared.",
    ),
    # --- metric names -----------------------------------------------------------------
    "metric_auc": ("AUC", "AUC"),
    "metric_sensitivity": ("Sensitivitet", "Sensitivity"),
    "metric_specificity": ("Specificitet", "Specificity"),
    "metric_ppv": ("Positiv prædiktiv værdi (PPV)", "Positive predictive value (PPV)"),
    "metric_npv": ("Negativ prædiktiv værdi (NPV)", "Negative predictive value (NPV)"),
    "metric_accuracy": ("Nøjagtighed", "Accuracy"),
    "metric_f1": ("F1", "F1"),
    # --- report labels (text output) ----------------------------------------------------
    "label_binary_title": ("Validering af klassifikator", "Classifier validation"),
    "label_cases": (
        "{n} tilfælde, {n_pos} positive ({positive}), prævalens {prevalence}",
        "{n} cases, {n_pos} positive ({positive}), prevalence {prevalence}",
    ),
    "label_excluded": ("Udeladt: {what}", "Excluded: {what}"),
    "label_threshold": (
        "Tærskel {threshold} ({method}); positiv når score ≥ tærsklen",
        "Threshold {threshold} ({method}); positive when score ≥ threshold",
    ),
    "label_in_sample": (
        "Tærsklen er valgt på de samme data; tallene ved tærsklen er derfor lidt optimistiske.",
        "The threshold was chosen on the same data, so the figures at it are slightly optimistic.",
    ),
    "label_calibration": (
        "Kalibrering: Brier {brier}, intercept {intercept}, hældning {slope}, ECE {ece}",
        "Calibration: Brier {brier}, intercept {intercept}, slope {slope}, ECE {ece}",
    ),
    "label_subgroups": ("Undergrupper efter '{column}'", "Subgroups by '{column}'"),
    "label_worse": ("dårligere end samlet: {metrics}", "worse than overall: {metrics}"),
    "label_comparison": (
        "Parret DeLong-test mod '{column}': forskel i AUC {diff} ({level} % KI {low}–{high}), "
        "p {p}",
        "Paired DeLong test against '{column}': difference in AUC {diff} ({level} % CI "
        "{low}–{high}), p {p}",
    ),
    "label_segmentation_title": ("Validering af indtegninger", "Contour validation"),
    "label_transcripts_title": ("Validering af tale-til-tekst", "Speech-to-text validation"),
    "label_wer": (
        "Ordfejlrate (WER) {wer} over {words} referenceord: {s} udskiftninger, "
        "{d} udeladelser, {i} indsættelser",
        "Word error rate (WER) {wer} over {words} reference words: {s} substitutions, "
        "{d} deletions, {i} insertions",
    ),
    "label_timing_title": ("Tidsstudie", "Time study"),
    "label_timing_saved": (
        "Sparet tid pr. tilfælde {diff} ({level} % KI {low}–{high}); {pct} % sparet "
        "({level} % KI {pct_low}–{pct_high})",
        "Time saved per case {diff} ({level} % CI {low}–{high}); {pct} % saved "
        "({level} % CI {pct_low}–{pct_high})",
    ),
    "label_sample_size_title": ("Stikprøvestørrelse", "Sample size"),
    "label_claims": ("Leverandørens angivelser", "Vendor claims"),
    "label_auc": (
        "AUC {auc} ({level} % KI {low}–{high}; DeLong)",
        "AUC {auc} ({level} % CI {low}–{high}; DeLong)",
    ),
    "label_calibration_skipped": (
        "Kalibrering: ikke beregnet, fordi scorerne ikke alle ligger mellem 0 og 1.",
        "Calibration: not computed, because the scores do not all lie between 0 and 1.",
    ),
    "label_small": ("lille gruppe", "small group"),
    "label_missing_in_group": ("{count} uden værdi", "{count} without a value"),
    "label_structure_line": (
        "{structure}: {cases} tilfælde, Dice median {dice} (IQR {q1}–{q3}), "
        "HD95 median {hd95} mm, overflade-Dice median {sdice}",
        "{structure}: {cases} cases, Dice median {dice} (IQR {q1}–{q3}), "
        "HD95 median {hd95} mm, surface Dice median {sdice}",
    ),
    "label_tolerance": (
        "Tolerance for overflade-Dice: {tolerance} mm",
        "Tolerance for surface Dice: {tolerance} mm",
    ),
    "label_wer_ci": (
        "WER {wer} ({level} % KI {low}–{high}) over {documents} dokumenter",
        "WER {wer} ({level} % CI {low}–{high}) over {documents} documents",
    ),
    "label_timing_groups": (
        "Før: {n_before} målinger, middel {mean_before} {unit}; med produktet: {n_with} "
        "målinger, middel {mean_with} {unit}",
        "Before: {n_before} measurements, mean {mean_before} {unit}; with the product: "
        "{n_with} measurements, mean {mean_with} {unit}",
    ),
    "label_timing_test": ("{test}: p {p}", "{test}: p {p}"),
    "label_plan": (
        "{metric} ≈ {expected}, KI-bredde {width}: {needed} {who} — i alt {total} "
        "tilfælde ved prævalens {prevalence} ({method}; Wilson: {total_wilson})",
        "{metric} ≈ {expected}, CI width {width}: {needed} {who} — {total} cases in all "
        "at prevalence {prevalence} ({method}; Wilson: {total_wilson})",
    ),
    "label_plan_auc": (
        "AUC ≈ {expected}, KI-bredde {width}: {total} tilfælde ({positives} med og "
        "{negatives} uden tilstanden) ved prævalens {prevalence} ({method})",
        "AUC ≈ {expected}, CI width {width}: {total} cases ({positives} with and "
        "{negatives} without the condition) at prevalence {prevalence} ({method})",
    ),
    "who_with": ("med tilstanden", "with the condition"),
    "who_without": ("uden tilstanden", "without the condition"),
    "method_given": ("angivet", "given"),
    "method_youden": ("Youdens indeks", "Youden's index"),
    "method_target-sensitivity": ("mål for sensitivitet {target}", "target sensitivity {target}"),
    "reason_missing_score": ("mangler score", "missing score"),
    "reason_non_finite_score": ("uendelig score", "infinite score"),
    "reason_missing_label": ("mangler udfald", "missing label"),
    "reason_missing_compare_score": ("mangler sammenligningsscore", "missing comparison score"),
    "reason_missing_time": ("mangler tid", "missing time"),
    "progress_reading": ("Læser", "Reading"),
    "progress_cases": ("Tilfælde", "Cases"),
    "progress_documents": ("Dokumenter", "Documents"),
    # --- plots ------------------------------------------------------------------------
    "plot_roc_title": (
        "ROC-kurve, AUC {auc} ({level} % KI {low}–{high})",
        "ROC curve, AUC {auc} ({level} % CI {low}–{high})",
    ),
    "plot_fpr": ("1 − specificitet", "1 − specificity"),
    "plot_tpr": ("Sensitivitet", "Sensitivity"),
    "plot_band": (
        "{level} % KI for sensitivitet (punktvis)",
        "{level} % CI for sensitivity (pointwise)",
    ),
    "plot_chance": ("Tilfældig", "Chance"),
    "plot_threshold": ("Tærskel {threshold}", "Threshold {threshold}"),
    "plot_calibration_title": ("Kalibrering", "Calibration"),
    "plot_predicted": ("Forudsagt risiko", "Predicted risk"),
    "plot_observed": ("Observeret andel", "Observed rate"),
    "plot_ideal": ("Perfekt kalibrering", "Perfect calibration"),
    "plot_subgroups_title": ("Undergrupper ({level} % KI)", "Subgroups ({level} % CI)"),
    "plot_overall": ("Samlet", "Overall"),
    "plot_dice_title": ("Dice pr. struktur", "Dice per structure"),
    "plot_dice": ("Dice", "Dice"),
}


def text(key: str, lang: str, **params: Any) -> str:
    """The catalogue entry ``key`` in ``lang`` ("da" or "en"), formatted with ``params``."""
    da, en = CATALOGUE[key]
    template = en if lang == "en" else da
    return template.format(**params) if params else template


def number(value: float | None, lang: str, digits: int = 3) -> str:
    """A number for a sentence: decimal comma in Danish, "–" when undefined."""
    if value is None or value != value:
        return "–"
    formatted = f"{value:.{digits}f}"
    return formatted.replace(".", ",") if lang == "da" else formatted


def p_value(value: float | None, lang: str) -> str:
    """The tail of "p = 0,003" or "p < 0,001" (the part after the letter p)."""
    if value is None or value != value:
        return "= –"
    if value < 0.001:
        return "< " + number(0.001, lang)
    return "= " + number(value, lang)
