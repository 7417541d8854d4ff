"""``vejviser validate …``: validation of AI products on local data, from the terminal.

A thin shell: each command reads its input with the core, calls one core function and
prints the result as text (Danish or English) or JSON. Bad input prints the core's
message in the command's language (``--lang``) on stderr and exits with code 2. Long
work shows a progress bar on stderr. Heavy modules are imported inside the commands, so
``--help`` is fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from vejviser.cli_options import FORMAT, LANG
from vejviser.evidence.cli_support import (
    CONFIDENCE,
    DROP,
    PLOTS,
    SHEET,
    Bar,
    Number,
    emit,
    input_errors,
    write_plots,
)
from vejviser.evidence.core.errors import EvidenceInputError, bad_threshold
from vejviser.kernel.i18n import message, translate
from vejviser.kernel.inputs import NumberError, parse_number


@click.group(name="validate", context_settings={"help_option_names": ["-h", "--help"]})
def validate() -> None:
    """Validate an AI product on your own data: metrics with confidence intervals.

    Only aggregates are printed; patient-level rows are read, used and discarded.
    """


# --- binary ------------------------------------------------------------------------------


@validate.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--score", required=True, metavar="COL", help="Column with the product's score.")
@click.option("--label", required=True, metavar="COL", help="Column with the truth (two classes).")
@click.option(
    "--positive", required=True, metavar="VALUE", help="The label value that is positive."
)
@click.option(
    "--threshold",
    default="youden",
    show_default=True,
    metavar="T|youden",
    help="Call a case positive when score >= T; 'youden' chooses T by Youden's index.",
)
@click.option(
    "--target-sensitivity",
    type=Number(0, 1, min_open=True),
    default=None,
    help="Choose the highest threshold reaching this sensitivity.",
)
@click.option("--subgroup", multiple=True, metavar="COL", help="Report metrics per value of COL.")
@click.option(
    "--claim",
    multiple=True,
    metavar="METRIC=VALUE",
    help="A vendor claim to test, e.g. sensitivity=0.92 (repeatable).",
)
@click.option(
    "--margin",
    type=Number(0, 1, min_open=True, max_open=True),
    default=None,
    help="Non-inferiority margin for claims.",
)
@click.option(
    "--compare",
    default=None,
    metavar="COL",
    help="A second score on the same cases: paired DeLong test of the AUCs.",
)
@click.option(
    "--ci",
    "ci_method",
    type=click.Choice(["wilson", "clopper-pearson"]),
    default="wilson",
    show_default=True,
    help="Interval for proportions.",
)
@DROP
@SHEET
@CONFIDENCE
@PLOTS
@FORMAT
@LANG
def binary(
    file: Path,
    score: str,
    label: str,
    positive: str,
    threshold: str,
    target_sensitivity: float | None,
    subgroup: tuple[str, ...],
    claim: tuple[str, ...],
    margin: float | None,
    compare: str | None,
    ci_method: str,
    drop: tuple[str, ...],
    sheet: str | None,
    confidence: float,
    plots: Path | None,
    fmt: str,
    lang: str,
) -> None:
    """Validate a binary classifier or risk score in FILE (CSV, xlsx or Parquet)."""
    from vejviser.evidence.core.binary import binary_report
    from vejviser.evidence.core.claims import parse_claim
    from vejviser.evidence.core.inputs import read_binary
    from vejviser.evidence.render import binary_text

    with input_errors(lang):
        given = _threshold(threshold)
        claims = [parse_claim(c, margin) for c in claim]
        bar = Bar(translate("Reading", lang))
        try:
            data = read_binary(
                file,
                score=score,
                label=label,
                positive=positive,
                subgroups=subgroup,
                compare=compare,
                drop=drop,
                sheet=sheet,
                progress=bar,
            )
        finally:
            bar.close()
        report = binary_report(
            data.scores,
            data.labels,
            threshold=given,
            target_sensitivity=target_sensitivity if given is None else None,
            subgroups=data.subgroups,
            claims=claims,
            compare=(compare, data.compare) if compare and data.compare is not None else None,
            confidence=confidence,
            ci_method=ci_method,
            input_summary=data.summary,
        )
    if plots is not None:
        from vejviser.evidence.core import plots as p

        drawings = {
            "roc.svg": lambda: p.roc_svg(report.roc, report.auc, report.threshold, lang, confidence)
        }
        if report.calibration is not None:
            calib = report.calibration
            drawings["calibration.svg"] = lambda: p.calibration_svg(calib, lang, confidence)
        if report.subgroups:
            drawings["subgroups.svg"] = lambda: p.subgroups_svg(report, lang=lang)
        write_plots(plots, drawings)
    emit(report.to_dict(), fmt, lambda: binary_text(report, lang))


def _threshold(value: str) -> float | None:
    if value.strip().lower() == "youden":
        return None
    try:
        return parse_number(value, field="--threshold")
    except NumberError:  # not a number, or nan / inf
        raise EvidenceInputError("bad_threshold", bad_threshold(value)) from None


# --- segmentation ------------------------------------------------------------------------


@validate.command()
@click.argument("reference", type=click.Path(path_type=Path))
@click.argument("prediction", type=click.Path(path_type=Path))
@click.option(
    "--spacing",
    default=None,
    metavar="X,Y,Z",
    help="Voxel spacing in mm (default: from the files).",
)
@click.option(
    "--tolerance",
    type=Number(0, min_open=True),
    default=2.0,
    show_default=True,
    help="Tolerance in mm for the surface Dice.",
)
@click.option(
    "--labels",
    "label_map",
    multiple=True,
    metavar="NAME=VALUE",
    help="Name of a label value in NIfTI label maps, e.g. Parotid_L=1.",
)
@CONFIDENCE
@PLOTS
@FORMAT
@LANG
def segmentation(
    reference: Path,
    prediction: Path,
    spacing: str | None,
    tolerance: float,
    label_map: tuple[str, ...],
    confidence: float,
    plots: Path | None,
    fmt: str,
    lang: str,
) -> None:
    """Compare predicted contours with reference contours (Dice, HD95, surface Dice).

    REFERENCE and PREDICTION are two case files (.npz, .nii, .nii.gz) or two folders of
    cases matched by name.
    """
    from vejviser.evidence.core.masks import iter_cases, pair_cases, parse_spacing
    from vejviser.evidence.core.segmentation import segmentation_report
    from vejviser.evidence.render import segmentation_text

    with input_errors(lang):
        labels = {}
        for item in label_map:
            name, _, value = item.partition("=")
            if not value.strip().isdigit():
                raise click.BadParameter(item, param_hint="--labels")
            labels[name.strip()] = int(value)
        pairs = pair_cases(reference, prediction)
        bar = Bar(translate("Cases", lang))
        try:
            report = segmentation_report(
                iter_cases(pairs, parse_spacing(spacing), labels),
                tolerance,
                confidence,
                after_case=bar.step(len(pairs)) if len(pairs) > 1 else None,
            )
        finally:
            bar.close()
    if plots is not None:
        from vejviser.evidence.core.plots import dice_boxplot_svg

        write_plots(plots, {"dice.svg": lambda: dice_boxplot_svg(report, lang)})
    emit(report.to_dict(), fmt, lambda: segmentation_text(report, lang))


# --- transcripts -------------------------------------------------------------------------


@validate.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--id-column", default="id", show_default=True)
@click.option("--reference-column", default="reference", show_default=True)
@click.option("--hypothesis-column", default="hypothesis", show_default=True)
@click.option("--no-normalise", is_flag=True, help="Compare words as written (no normalisation).")
@DROP
@CONFIDENCE
@FORMAT
@LANG
def transcripts(
    source: Path,
    id_column: str,
    reference_column: str,
    hypothesis_column: str,
    no_normalise: bool,
    drop: tuple[str, ...],
    confidence: float,
    fmt: str,
    lang: str,
) -> None:
    """Word error rate of transcripts against references.

    SOURCE is a table (CSV, xlsx, Parquet) with id, reference and hypothesis columns, or
    a folder with reference/ and hypothesis/ sub-folders of .txt files.
    """
    from vejviser.evidence.core.transcripts import load_documents, transcripts_report
    from vejviser.evidence.render import transcripts_text

    with input_errors(lang):
        documents = load_documents(
            source,
            id_column=id_column,
            reference_column=reference_column,
            hypothesis_column=hypothesis_column,
            drop=drop,
        )
        bar = Bar(translate("Documents", lang))
        try:
            report = transcripts_report(
                documents,
                normalised=not no_normalise,
                confidence=confidence,
                after_document=bar.step(len(documents)) if len(documents) > 20 else None,
            )
        finally:
            bar.close()
    emit(report.to_dict(), fmt, lambda: transcripts_text(report, lang))


# --- timing ------------------------------------------------------------------------------


@validate.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--before", "before_col", metavar="COL", help="Paired: time before the product.")
@click.option("--with", "with_col", metavar="COL", help="Paired: time with the product.")
@click.option("--time", "time_col", metavar="COL", help="Unpaired: the time column.")
@click.option("--group", "group_col", metavar="COL", help="Unpaired: before/with group column.")
@click.option("--before-value", default="before", show_default=True)
@click.option("--with-value", default="with", show_default=True)
@click.option("--unit", default="min", show_default=True, help="Unit of the times.")
@DROP
@SHEET
@CONFIDENCE
@FORMAT
@LANG
def timing(
    file: Path,
    before_col: str | None,
    with_col: str | None,
    time_col: str | None,
    group_col: str | None,
    before_value: str,
    with_value: str,
    unit: str,
    drop: tuple[str, ...],
    sheet: str | None,
    confidence: float,
    fmt: str,
    lang: str,
) -> None:
    """Time study: documentation time before vs with the product.

    Paired: --before COL --with COL (same cases). Unpaired: --time COL --group COL.
    """
    from vejviser.evidence.core.inputs import read_timing_groups, read_timing_paired
    from vejviser.evidence.core.timing import paired_time_study, unpaired_time_study
    from vejviser.evidence.render import timing_text

    with input_errors(lang):
        if before_col and with_col:
            data = read_timing_paired(
                file, before=before_col, with_product=with_col, drop=drop, sheet=sheet
            )
            study = paired_time_study(data.before, data.with_product, confidence, unit)
        elif time_col and group_col:
            data = read_timing_groups(
                file,
                time=time_col,
                group=group_col,
                before_value=before_value,
                with_value=with_value,
                drop=drop,
                sheet=sheet,
            )
            study = unpaired_time_study(data.before, data.with_product, confidence, unit)
        else:
            raise click.UsageError(
                translate("Use --before and --with (paired) or --time and --group.", lang)
            )
    emit({**study.to_dict(), "input": data.summary}, fmt, lambda: timing_text(study, lang))


# --- sample size -------------------------------------------------------------------------


@validate.command("sample-size")
@click.option(
    "--prevalence",
    type=Number(0, 1, min_open=True, max_open=True),
    required=True,
    help="Expected prevalence of the condition.",
)
@click.option(
    "--width",
    type=Number(0, 1, min_open=True, max_open=True),
    default=0.10,
    show_default=True,
    help="Total width of the confidence interval.",
)
@click.option(
    "--sensitivity",
    type=Number(0, 1, min_open=True, max_open=True),
    help="Expected sensitivity.",
)
@click.option(
    "--specificity",
    type=Number(0, 1, min_open=True, max_open=True),
    help="Expected specificity.",
)
@click.option("--auc", type=Number(0.5, 1, min_open=True, max_open=True), help="Expected AUC.")
@CONFIDENCE
@FORMAT
@LANG
def sample_size(
    prevalence: float,
    width: float,
    sensitivity: float | None,
    specificity: float | None,
    auc: float | None,
    confidence: float,
    fmt: str,
    lang: str,
) -> None:
    """Cases needed for a prospective validation with a given interval width."""
    from vejviser.evidence.core.sample_size import auc_plan, proportion_plan
    from vejviser.evidence.render import sample_size_text

    with input_errors(lang):
        plans = []
        if sensitivity is not None:
            plans.append(proportion_plan("sensitivity", sensitivity, width, prevalence, confidence))
        if specificity is not None:
            plans.append(proportion_plan("specificity", specificity, width, prevalence, confidence))
        if auc is not None:
            plans.append(auc_plan(auc, width, prevalence, confidence))
        if not plans:
            raise EvidenceInputError(
                "nothing_to_plan", message("Give at least one of sensitivity, specificity or AUC.")
            )
    emit({"plans": [p.to_dict() for p in plans]}, fmt, lambda: sample_size_text(plans, lang))


if __name__ == "__main__":  # pragma: no cover - `python -m vejviser.evidence.cli …`
    validate()
