"""The forms of a validation run: what was validated, then the file and its columns.

The user types the column names (the report names the file's columns when one is
wrong). On the page, ``static/evidence/columns.js`` reads the first line of a chosen CSV
*in the browser* and offers its column names as suggestions (``COLUMN_FIELDS``); nothing
extra is uploaded or kept, and without JavaScript the form is the same. A form only
checks what it can see; the file is checked by the core, whose Danish or English message
is shown next to the field it concerns (:meth:`RunForm.show`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from vejviser.evidence.core.errors import EvidenceInputError, bad_threshold
from vejviser.kernel.i18n import message
from vejviser.kernel.inputs import NumberError, parse_number
from vejviser.lib import i18n

from . import analysis
from .analysis import Analysis
from .models import Kind, Purpose
from .uploads import save_upload

TABLE_FILES = ".csv,.tsv,.txt,.xlsx,.parquet"


def _columns(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def _claims(value: str) -> list[str]:
    """``sensitivity=0,92, auc=0.85``: split at commas or semicolons before a metric name,
    so a decimal comma stays inside its claim."""
    return [c.strip() for c in re.split(r"[;,]\s*(?=[A-Za-z])", value) if c.strip()]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".npz"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class RunForm(forms.Form):
    """What was validated: shared by every kind of run."""

    kind: str = ""
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    product_name = forms.CharField(label=_("Product"), max_length=200, required=False)
    product_version = forms.CharField(label=_("Product version"), max_length=80, required=False)
    period_from = forms.DateField(
        label=_("Data from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_to = forms.DateField(
        label=_("Data to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    site = forms.CharField(label=_("Site"), max_length=200, required=False)

    #: core error code -> the field its message belongs next to
    ERROR_FIELDS: dict[str, str] = {}
    META = ("purpose", "product_name", "product_version", "period_from", "period_to", "site")
    #: text inputs offered the chosen file's column names in the browser ("many": a list)
    COLUMN_FIELDS: dict[str, str] = {}
    #: text input -> the column field whose values (read in the browser) it is offered
    VALUE_FIELDS: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, how in self.COLUMN_FIELDS.items():
            self.fields[name].widget.attrs.update({"data-column": how, "autocomplete": "off"})
        for name, source in self.VALUE_FIELDS.items():
            self.fields[name].widget.attrs.update({"data-values-of": source, "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("The period ends before it starts."))
        return data

    def meta(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.META}

    def settings(self) -> dict[str, Any]:
        """The analysis settings to store with the run (column names, choices; no data)."""
        return {}

    def analyse(self, folder: Path) -> Analysis:  # pragma: no cover - overridden
        raise NotImplementedError

    def show(self, exc: EvidenceInputError) -> None:
        """Put the core's message next to the field it is about."""
        column = exc.details.get("column")
        target = next(
            (
                name
                for name, value in self.cleaned_data.items()
                if column is not None and isinstance(value, str) and column in _columns(value)
            ),
            None,
        )
        text = i18n.show(exc.message)
        if exc.code == "cpr_column" and "drop" in self.fields:
            target = "file"
            self.offer_drop(str(column))
            text = i18n.show(
                message(
                    "The column '{column}' looks like Danish CPR numbers. Remove it from the "
                    "file, or tick below to leave it out. The values are not shown.",
                    column=column,
                )
            )
        target = self.ERROR_FIELDS.get(exc.code) or target or _first_file(self)
        self.add_error(target, text)

    def offer_drop(self, column: str) -> None:
        """After a CPR column is refused: offer to leave it out (the user must tick)."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["drop"] = ",".join(dict.fromkeys([*_columns(data.get("drop", "")), column]))
        data["confirm_drop"] = ""
        self.data = data

    def dropped(self) -> list[str]:
        if not self.cleaned_data.get("confirm_drop"):
            return []
        return _columns(self.cleaned_data.get("drop") or "")


def _first_file(form: forms.Form) -> str | None:
    return next((n for n, f in form.fields.items() if isinstance(f, forms.FileField)), None)


class _DropMixin(forms.Form):
    drop = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_drop = forms.BooleanField(
        label=_("Leave these columns out: they are never read, and the file is deleted."),
        required=False,
    )


class BinaryForm(_DropMixin, RunForm):
    kind = Kind.BINARY
    file = forms.FileField(
        label=_("File (CSV, Excel or Parquet)"),
        widget=forms.ClearableFileInput(attrs={"accept": TABLE_FILES}),
    )
    score = forms.CharField(
        label=_("Score column"), max_length=200, help_text=_("The product's score or risk.")
    )
    label = forms.CharField(
        label=_("Outcome column"),
        max_length=200,
        help_text=_("The truth: two values, e.g. ja/nej or 1/0."),
    )
    positive = forms.CharField(
        label=_("Positive value"),
        max_length=200,
        help_text=_("The value of the outcome column that is positive, e.g. ja or 1."),
    )
    threshold = forms.CharField(
        label=_("Threshold"),
        max_length=40,
        required=False,
        help_text=_(
            "A case is called positive when its score is at or above the threshold. Leave "
            "empty to choose it by Youden's index (best sensitivity + specificity)."
        ),
    )
    subgroups = forms.CharField(
        label=_("Subgroup columns"),
        max_length=400,
        required=False,
        help_text=_("Separated by commas, e.g. site, sex, age_band."),
    )
    claim = forms.CharField(
        label=_("The vendor's claim"),
        max_length=200,
        required=False,
        help_text=_("E.g. sensitivity=0.92 or auc=0.85; several separated by commas."),
    )

    ERROR_FIELDS = {
        "labels_not_two_classes": "label",
        "one_class_only": "label",
        "positive_not_found": "positive",
        "bad_threshold": "threshold",
        "bad_claim": "claim",
        "duplicate_column": "score",
        "too_many_subgroups": "subgroups",
    }
    COLUMN_FIELDS = {"score": "one", "label": "one", "subgroups": "many"}
    VALUE_FIELDS = {"positive": "label"}

    def clean_threshold(self) -> float | None:
        value = self.cleaned_data.get("threshold", "").strip()
        if not value or value.lower() == "youden":
            return None
        try:
            return parse_number(value, field="threshold")
        except NumberError:  # not a number, or nan / inf: refused, nothing saved
            raise forms.ValidationError(i18n.show(bad_threshold(value))) from None

    def settings(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "score": d["score"],
            "label": d["label"],
            "positive": d["positive"],
            "threshold": d["threshold"],
            "threshold_method": "given" if d["threshold"] is not None else "youden",
            "subgroups": _columns(d["subgroups"]),
            "claims": _claims(d["claim"]),
            "dropped_columns": self.dropped(),
        }

    def analyse(self, folder: Path) -> Analysis:
        s = self.settings()
        return analysis.binary(
            save_upload(self.cleaned_data["file"], folder),
            score=s["score"],
            label=s["label"],
            positive=s["positive"],
            threshold=s["threshold"],
            subgroups=s["subgroups"],
            claims=s["claims"],
            drop=s["dropped_columns"],
        )


class TranscriptsForm(_DropMixin, RunForm):
    kind = Kind.TRANSCRIPTS
    file = forms.FileField(
        label=_("File with the notes (CSV, Excel or Parquet)"),
        widget=forms.ClearableFileInput(attrs={"accept": TABLE_FILES}),
        help_text=_(
            "One row per document: an id, the reference note (written or approved by the "
            "clinician) and the product's note."
        ),
    )
    id_column = forms.CharField(label=_("Id column"), initial="id", max_length=200)
    reference_column = forms.CharField(
        label=_("Reference column"), initial="reference", max_length=200
    )
    hypothesis_column = forms.CharField(
        label=_("Column with the product's text"), initial="hypothesis", max_length=200
    )

    ERROR_FIELDS = {"empty_reference": "reference_column", "cpr_in_name": "id_column"}
    COLUMN_FIELDS = {"id_column": "one", "reference_column": "one", "hypothesis_column": "one"}

    def settings(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "id_column": d["id_column"],
            "reference_column": d["reference_column"],
            "hypothesis_column": d["hypothesis_column"],
            "normalised": True,
            "dropped_columns": self.dropped(),
        }

    def analyse(self, folder: Path) -> Analysis:
        s = self.settings()
        return analysis.transcripts(
            save_upload(self.cleaned_data["file"], folder),
            id_column=s["id_column"],
            reference_column=s["reference_column"],
            hypothesis_column=s["hypothesis_column"],
            drop=s["dropped_columns"],
        )


class TimingForm(_DropMixin, RunForm):
    kind = Kind.TIMING
    file = forms.FileField(
        label=_("File with the times (CSV, Excel or Parquet)"),
        widget=forms.ClearableFileInput(attrs={"accept": TABLE_FILES}),
        help_text=_("One row per clinician or case, with the minutes before and with the product."),
    )
    before = forms.CharField(label=_("Column: minutes before"), max_length=200)
    with_product = forms.CharField(label=_("Column: minutes with the product"), max_length=200)

    ERROR_FIELDS = {"negative_time": "before", "too_few_values": "before"}
    COLUMN_FIELDS = {"before": "one", "with_product": "one"}

    def settings(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "design": "paired",
            "before": d["before"],
            "with": d["with_product"],
            "dropped_columns": self.dropped(),
        }

    def analyse(self, folder: Path) -> Analysis:
        s = self.settings()
        return analysis.timing(
            save_upload(self.cleaned_data["file"], folder),
            before=s["before"],
            with_product=s["with"],
            drop=s["dropped_columns"],
        )


class SegmentationForm(RunForm):
    kind = Kind.SEGMENTATION
    reference = MultipleFileField(
        label=_("Reference contours (.npz, one file per case)"),
        help_text=_("One array per structure, and the voxel spacing in mm as 'spacing'."),
    )
    prediction = MultipleFileField(
        label=_("The product's contours (.npz, same file names)"),
    )
    tolerance = forms.FloatField(
        label=_("Tolerance for the surface Dice (mm)"), initial=2.0, min_value=0.1, max_value=50
    )

    ERROR_FIELDS = {
        "unmatched_cases": "prediction",
        "shape_mismatch": "prediction",
        "spacing_mismatch": "prediction",
        "spacing_missing": "reference",
        "bad_spacing": "reference",
        "cpr_in_name": "reference",
        "no_cases": "reference",
    }

    def settings(self) -> dict[str, Any]:
        return {"tolerance_mm": self.cleaned_data["tolerance"]}

    def analyse(self, folder: Path) -> Analysis:
        for name in ("reference", "prediction"):
            for upload in self.cleaned_data[name]:
                save_upload(upload, folder / name)
        return analysis.segmentation(
            folder / "reference", folder / "prediction", tolerance=self.cleaned_data["tolerance"]
        )


class SampleSizeForm(RunForm):
    kind = Kind.SAMPLE_SIZE
    prevalence = forms.FloatField(
        label=_("Expected prevalence"),
        min_value=0.001,
        max_value=0.999,
        help_text=_("The share of consecutive cases with the condition, e.g. 0.20."),
    )
    width = forms.FloatField(
        # xgettext:no-python-format
        label=_("Width of the 95 % confidence interval"),
        initial=0.10,
        min_value=0.005,
        max_value=0.9,
        help_text=_("The whole width: 0.10 means ± 0.05."),
    )
    sensitivity = forms.FloatField(
        label=_("Expected sensitivity"), required=False, min_value=0.01, max_value=0.999
    )
    specificity = forms.FloatField(
        label=_("Expected specificity"), required=False, min_value=0.01, max_value=0.999
    )
    auc = forms.FloatField(label=_("Expected AUC"), required=False, min_value=0.51, max_value=0.999)

    ERROR_FIELDS = {"nothing_to_plan": "sensitivity", "out_of_range": "width"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].initial = Purpose.PROSPECTIVE
        for name in ("prevalence", "width", "sensitivity", "specificity", "auc"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def settings(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {k: d[k] for k in ("prevalence", "width", "sensitivity", "specificity", "auc")}

    def analyse(self, folder: Path) -> Analysis:
        return analysis.sample_size(**self.settings())


FORMS: dict[str, type[RunForm]] = {
    form.kind: form for form in (BinaryForm, SegmentationForm, TranscriptsForm, TimingForm)
}
