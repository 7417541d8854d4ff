"""Forms of the monitoring pages. Numbers go through the kernel's one number policy."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vejviser.kernel.inputs import NumberError, parse_number
from vejviser.lib.i18n import show

from .models import Chart, Metric


def _choices(field: forms.Field, choices: Any) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})(-\d{1,2})?\s*$")


class NumberInput(forms.CharField):
    """A number typed in Danish or English notation; refuses nan/inf with a message."""

    def __init__(
        self, *args: Any, minimum: float | None = None, maximum: float | None = None, **kwargs: Any
    ) -> None:
        self.minimum, self.maximum = minimum, maximum
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> float | None:  # type: ignore[override]
        text = super().clean(value)
        if text in (None, ""):
            return None
        try:
            number = parse_number(text)
        except NumberError as exc:
            raise forms.ValidationError(show(exc.message)) from None
        if self.minimum is not None and number < self.minimum:
            raise forms.ValidationError(
                _("Enter a number of at least %(v)s.") % {"v": self.minimum}
            )
        if self.maximum is not None and number > self.maximum:
            raise forms.ValidationError(_("Enter a number of at most %(v)s.") % {"v": self.maximum})
        return number


def parse_month(text: str) -> dt.date | None:
    """``2026-05`` (or a date in that month) -> 1 May 2026; ``None`` if not a month."""
    match = _MONTH.match(text or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return dt.date(year, month, 1)


class MonthField(forms.CharField):
    def clean(self, value: Any) -> dt.date:  # type: ignore[override]
        text = super().clean(value)
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError(_("Enter the month as YYYY-MM, e.g. 2026-05."))
        return month


class PlanForm(forms.Form):
    product_name = forms.CharField(label=_("Product"), max_length=200)
    version_in_use = forms.CharField(label=_("Version in use"), max_length=80)
    baseline_run = forms.TypedChoiceField(
        label=_("Baseline validation run"), coerce=int, required=False, empty_value=None
    )
    margin = NumberInput(
        label=_("Non-inferiority margin for upgrades"),
        minimum=0.0,
        maximum=0.5,
        help_text=_("A new version may be at most this much worse on any metric (e.g. 0,02)."),
    )
    owner = forms.TypedChoiceField(label=_("Owner of the metrics"), coerce=int)
    proposals = forms.MultipleChoiceField(
        label=_("Metrics to watch"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(
        self,
        *args: Any,
        runs: list[tuple[int, str]],
        members: list[tuple[int, str]],
        proposals: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["baseline_run"], [("", "–"), *runs])
        _choices(self.fields["owner"], members)
        _choices(self.fields["proposals"], proposals)

    def clean_margin(self) -> float:
        value = self.cleaned_data.get("margin")
        return 0.02 if value is None else float(value)


class MetricForm(forms.Form):
    name = forms.CharField(label=_("Metric"), max_length=120)
    baseline = NumberInput(label=_("Baseline"), required=False)
    baseline_low = NumberInput(label=_("Baseline, lower bound"), required=False)
    baseline_high = NumberInput(label=_("Baseline, upper bound"), required=False)
    case_sd = NumberInput(label=_("Standard deviation per case"), required=False, minimum=0.0)
    shift = NumberInput(label=_("Change to detect"), required=False, minimum=0.0)
    cases_per_month = forms.IntegerField(label=_("Cases a month"), min_value=1, max_value=100000)
    chart = forms.ChoiceField(label=_("Alert rule"), choices=Chart.choices)
    arl0 = NumberInput(
        label=_("False alarm at most about every (months)"), minimum=2.0, maximum=1200.0
    )
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)
    on_alert = forms.CharField(
        label=_("What happens on an alert"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    deadline_days = forms.IntegerField(label=_("Days to respond"), min_value=1, max_value=365)

    def __init__(
        self, *args: Any, members: list[tuple[int, str]], kind: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        _choices(self.fields["owner"], members)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        baseline = data.get("baseline")
        if self.kind == "proportion" and baseline is not None and not 0 < baseline < 1:
            self.add_error("baseline", _("A share must be between 0 and 1, e.g. 0,92."))
        low, high = data.get("baseline_low"), data.get("baseline_high")
        if low is not None and high is not None and low > high:
            self.add_error("baseline_high", _("The upper bound must not be below the lower."))
        if data.get("chart") == Chart.EWMA and not data.get("case_sd") and self.kind != "kpi":
            self.add_error("case_sd", _("An EWMA needs the standard deviation per case."))
        return data


class MonthForm(forms.Form):
    """One month's aggregate for one metric."""

    metric = forms.TypedChoiceField(label=_("Metric"), coerce=int)
    period = MonthField(label=_("Month (YYYY-MM)"))
    n = forms.IntegerField(label=_("Cases"), min_value=1, required=False)
    successes = forms.IntegerField(
        label=_("Events counted (e.g. correct)"), min_value=0, required=False
    )
    value = NumberInput(label=_("Value (mean or key figure)"), required=False)

    def __init__(self, *args: Any, metrics: list[Metric], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = {m.pk: m for m in metrics}
        _choices(self.fields["metric"], [(m.pk, m.name) for m in metrics])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        metric = self.metrics.get(data.get("metric") or 0)
        if metric is None:
            return data
        data["metric_obj"] = metric
        n, successes, value = data.get("n"), data.get("successes"), data.get("value")
        if metric.kind == "proportion":
            if n is None or successes is None:
                self.add_error("n", _("A share needs the number of cases and the events counted."))
            elif successes > n:
                self.add_error("successes", _("The events counted cannot exceed the cases."))
        elif value is None:
            self.add_error("value", _("Enter the month's value."))
        return data


class UploadForm(forms.Form):
    metric = forms.TypedChoiceField(label=_("Metric"), coerce=int)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Case by case: columns period and outcome (1/0) or value. Monthly: period,n,"
            "successes or period,value. Only monthly aggregates are kept; the file is deleted."
        ),
    )

    def __init__(self, *args: Any, metrics: list[Metric], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = {m.pk: m for m in metrics}
        _choices(self.fields["metric"], [(m.pk, m.name) for m in metrics])


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class UpgradeForm(forms.Form):
    new_version = forms.CharField(label=_("New version"), max_length=80)
    new_run = forms.TypedChoiceField(
        label=_("Re-validation of the new version (contours)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    file = forms.FileField(
        label=_("Or a CSV of the reference set scored by both versions"),
        required=False,
        help_text=_("Columns: label (1/0), old, new. Deleted after the comparison."),
    )

    def __init__(self, *args: Any, runs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["new_run"], [("", "–"), *runs])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("new_run") and not data.get("file"):
            raise forms.ValidationError(
                _("Choose the new version's re-validation or upload the scored reference set.")
            )
        return data
