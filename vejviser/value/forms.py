"""The form a clinician fills in: every input of a case, with its label, help and unit.

The form only turns text into numbers (Danish ``2,5`` and ``20.000`` as well as English
``2.5`` and ``20,000``) and puts them into a copy of the case; the core validates the
result and its problems are shown next to the field they are about. Text that is not a
number is passed on as it is, so the core names it ("Skriv et tal …").
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from vejviser.value.core import Case, CaseError, Problem, parse_case
from vejviser.value.core.messages import (
    DEFAULTS,
    ORIGINS,
    Lang,
    error_text,
    form_error_text,
    format_number,
    unit_text,
)
from vejviser.value.core.schema import MAX_HORIZON, unit_bounds

from .display import SETTING_LABELS
from .models import Stage

#: The parts of an input a form can show, in order.
PARTS = ("value", "low", "mode", "high", "mean", "sd")
RANGE_PARTS = ("low", "mode", "high", "mean", "sd")
PART_LABELS = {
    "value": _("Calculate with"),
    "low": _("Low"),
    "mode": _("Most likely"),
    "high": _("High"),
    "mean": _("Mean"),
    "sd": _("Standard deviation"),
}
DIST_LABELS = {
    None: _("fixed figure"),
    "triangular": _("triangular distribution"),
    "pert": _("PERT distribution"),
    "uniform": _("uniform distribution"),
    "normal": _("normal distribution"),
}
#: Where an input is used, to group the form the way a clinician thinks of the case.
GROUPS = {
    "activity": _("Activity"),
    "time": _("Time saved"),
    "value": _("Value of the time"),
    "costs": _("Costs"),
    "quality": _("Quality gains"),
    "other": _("Other assumptions"),
}
SETTINGS = ("horizon_years", "discount_rate_percent", "hours_per_fte", "ramp_percent")
#: Numbers beyond this are taken for typing errors (and would overflow the model).
LARGEST = 1e12

_GROUPED_THOUSANDS = {
    "da": re.compile(r"^-?\d{1,3}(\.\d{3})+$"),
    "en": re.compile(r"^-?\d{1,3}(,\d{3})+$"),
}
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parse_number(text: str, lang: str) -> float | str | None:
    """A number typed in Danish or English; ``None`` if blank; the text if not a number."""
    raw = text.strip()
    clean = re.sub(r"[\s\u00a0']", "", raw).replace("−", "-")
    if not clean:
        return None
    grouped = _GROUPED_THOUSANDS["en" if lang == "en" else "da"]
    if grouped.match(clean):
        clean = clean.replace(".", "").replace(",", "")
    elif "," in clean and "." in clean:  # the last one is the decimal separator
        decimal = "," if clean.rfind(",") > clean.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        clean = clean.replace(thousands, "").replace(decimal, ".")
    else:
        clean = clean.replace(",", ".")
    if not _PLAIN_NUMBER.match(clean):
        return raw
    return float(clean)


def show_number(value: Any, lang: Lang) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return format_number(float(value), lang)


def input_groups(data: dict[str, Any]) -> dict[str, str]:
    """Input id -> group, from the model lines that use the input."""
    found: dict[str, str] = {}

    def put(ref: str | None, group: str) -> None:
        if ref is not None:
            found.setdefault(ref, group)

    for vol in data.get("volumes", {}).values():
        put(vol.get("count"), "activity")
        put(vol.get("growth"), "activity")
    for line in data.get("time_savings", {}).values():
        put(line.get("time_per_case"), "time")
        for ref in line.get("fractions", []):
            put(ref, "time")
    for group in data.get("staff_groups", {}).values():
        put(group.get("cost_per_hour"), "value")
    for cost in data.get("costs", {}).values():
        put(cost.get("amount"), "costs")
        put(cost.get("escalation"), "costs")
    for gain in data.get("quality_gains", {}).values():
        put(gain.get("events"), "quality")
        put(gain.get("value_each"), "quality")
    return found


def _parts(spec: dict[str, Any]) -> tuple[str, ...]:
    rng = spec.get("range")
    dist = rng.get("dist") if isinstance(rng, dict) else None
    if dist in ("triangular", "pert"):
        return ("value", "low", "mode", "high")
    if dist == "normal":
        return ("value", "mean", "sd")
    return ("value", "low", "high")  # uniform, or fixed with an optional range


@dataclass
class InputRow:
    """One input as the template shows it."""

    id: str
    label: str
    help: str
    unit: str
    origin: str
    dist: str
    fields: list[tuple[str, BoundField]]
    errors: list[str] = field(default_factory=list)


@dataclass
class Group:
    id: str
    label: str
    rows: list[InputRow]


class CaseForm(forms.Form):
    """A case's settings and inputs, prefilled from ``base`` (a template or a version)."""

    name = forms.CharField(
        label=_("Name of the business case"),
        max_length=200,
        help_text=_("For example the solution and your clinic or department."),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=Stage.choices,
        help_text=_(
            "Expected in the idea phase, adjusted in development, revised after "
            "validation with measured figures."
        ),
    )
    note = forms.CharField(
        label=_("What changed, and why"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: our own consultation count from the practice system."),
    )
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        base: dict[str, Any],
        lang: Lang,
        new: bool,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.base = base
        self.lang: Lang = lang
        self.case: Case | None = None
        self.input_errors: dict[str, list[str]] = {}
        if not new:
            del self.fields["name"]
        self._settings_fields()
        for input_id, spec in base["inputs"].items():
            for part in _parts(spec):
                self.fields[f"in-{input_id}-{part}"] = self._number_field(spec, part)
        self.initial.setdefault("stage", base.get("stage", Stage.EXPECTED))
        self.initial.update(self._initial_numbers())

    # --- building ---------------------------------------------------------------------

    def _settings_fields(self) -> None:
        text = {"discount_rate_percent": "", "hours_per_fte": ""}
        for key in text:
            text[key] = str(DEFAULTS[key]["source"][self.lang])
        specs: dict[str, tuple[Any, Any, str]] = {
            "horizon_years": (
                SETTING_LABELS["horizon_years"],
                _("Years of operation after the start-up year, 1–%(max)s.") % {"max": MAX_HORIZON},
                "numeric",
            ),
            "discount_rate_percent": (
                SETTING_LABELS["discount_rate_percent"],
                text["discount_rate_percent"],
                "decimal",
            ),
            "hours_per_fte": (SETTING_LABELS["hours_per_fte"], text["hours_per_fte"], "decimal"),
            "ramp_percent": (
                SETTING_LABELS["ramp_percent"],
                _(
                    "One figure per year, separated by semicolons, e.g. “50; 80”; "
                    "full use after that. Empty: full use from year 1."
                ),
                "text",
            ),
        }
        for name, (label, help_text, mode) in specs.items():
            self.fields[name] = forms.CharField(
                label=label,
                help_text=help_text,
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"inputmode": mode, "size": 10}),
            )

    def _number_field(self, spec: dict[str, Any], part: str) -> forms.CharField:
        lo, hi = unit_bounds(spec["unit"])
        attrs = {"inputmode": "decimal", "size": 9, "data-part": part, "autocomplete": "off"}
        if math.isfinite(lo):
            attrs["data-min"] = str(lo)
        if math.isfinite(hi):
            attrs["data-max"] = str(hi)
        return forms.CharField(
            label=PART_LABELS[part],
            required=False,
            max_length=40,
            widget=forms.TextInput(attrs=attrs),
        )

    def _initial_numbers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key in ("horizon_years", "discount_rate_percent", "hours_per_fte"):
            if key in self.base:
                out[key] = show_number(self.base[key], self.lang)
        out["ramp_percent"] = "; ".join(
            show_number(v, self.lang) for v in self.base.get("ramp_percent", [])
        )
        for input_id, spec in self.base["inputs"].items():
            rng = spec.get("range") if isinstance(spec.get("range"), dict) else {}
            for part in _parts(spec):
                source = spec if part == "value" else rng
                out[f"in-{input_id}-{part}"] = show_number(source.get(part), self.lang)
        return out

    # --- reading ------------------------------------------------------------------------

    def case_data(self) -> dict[str, Any]:
        """The base case with the figures typed in (not yet validated by the core)."""
        data = copy.deepcopy(self.base)
        cleaned = self.cleaned_data
        data["stage"] = cleaned.get("stage") or data.get("stage", Stage.EXPECTED)
        for key in ("horizon_years", "discount_rate_percent", "hours_per_fte"):
            value = self._number(key)
            if value is None:
                data.pop(key, None)
            elif key == "horizon_years" and isinstance(value, float) and value.is_integer():
                data[key] = int(value)
            else:
                data[key] = value
        ramp = [p for p in re.split(r"[;\s]+", cleaned.get("ramp_percent") or "") if p]
        data["ramp_percent"] = [parse_number(p, self.lang) for p in ramp]
        for input_id, spec in data["inputs"].items():
            self._apply(input_id, spec)
        return data

    def _number(self, name: str) -> float | str | None:
        return parse_number(self.cleaned_data.get(name) or "", self.lang)

    def _apply(self, input_id: str, spec: dict[str, Any]) -> None:
        parts = {p: self._number(f"in-{input_id}-{p}") for p in _parts(spec)}
        value = parts.pop("value")
        if value is None:
            spec.pop("value", None)
        else:
            spec["value"] = value
        given = {p: v for p, v in parts.items() if v is not None}
        old = spec.get("range")
        if not given:
            spec.pop("range", None)
        elif isinstance(old, dict):
            spec["range"] = {"dist": old["dist"], **given}
        elif "mode" not in given and value is not None and not isinstance(value, str):
            spec["range"] = {"dist": "triangular", "mode": value, **given}
        else:
            spec["range"] = {"dist": "uniform", **given}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        data = self.case_data()
        too_large = self._too_large(data)
        if too_large:
            for name in too_large:
                self.add_error(name, form_error_text("number_too_large", self.lang))
            return cleaned
        try:
            self.case = parse_case(data)
        except CaseError as exc:
            self.show(exc)
        return cleaned

    def show(self, error: CaseError) -> None:
        """Show the core's problems with the case on the form (nothing is saved)."""
        self.case = None
        for problem in error.problems:
            self._show(problem)

    def _too_large(self, data: dict[str, Any]) -> list[str]:
        names = []
        for name in self.fields:
            if name.startswith("in-") or name in SETTINGS[:3]:
                value = self._number(name)
                if isinstance(value, float) and abs(value) > LARGEST:
                    names.append(name)
        return names

    def _show(self, problem: Problem) -> None:
        """Put a core problem next to its field, or on its input, or on the form."""
        path, kind, ctx = problem.path, problem.kind, problem.context
        text = form_error_text(kind, self.lang, **ctx)
        if path and path[0] in SETTINGS:
            self.add_error(str(path[0]), text)
        elif kind == "year_outside_horizon":
            self.add_error("horizon_years", text)
        elif len(path) >= 2 and path[0] == "inputs":
            input_id = str(path[1])
            part = str(path[-1]) if path[-1] in PARTS else None
            name = f"in-{input_id}-{part}"
            if part and name in self.fields:
                self.add_error(name, text)
            else:
                self.input_errors.setdefault(input_id, []).append(text)
        else:
            where = ".".join(map(str, path))
            text = error_text(kind, self.lang, **ctx)
            self.add_error(None, f"{where}: {text}" if where else text[:1].upper() + text[1:])

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.input_errors)

    # --- showing ------------------------------------------------------------------------

    def groups(self) -> list[Group]:
        lang = self.lang
        where = input_groups(self.base)
        rows: dict[str, list[InputRow]] = {key: [] for key in GROUPS}
        for input_id, spec in self.base["inputs"].items():
            rng = spec.get("range")
            dist = rng.get("dist") if isinstance(rng, dict) else None
            rows[where.get(input_id, "other")].append(
                InputRow(
                    id=input_id,
                    label=spec["label"][lang],
                    help=(spec.get("help") or {}).get(lang, ""),
                    unit=unit_text(spec["unit"], lang),
                    origin=ORIGINS[spec["origin"]][lang],
                    dist=str(DIST_LABELS.get(dist, dist)),
                    fields=[(p, self[f"in-{input_id}-{p}"]) for p in _parts(spec)],
                    errors=self.input_errors.get(input_id, []),
                )
            )
        return [Group(key, str(GROUPS[key]), found) for key, found in rows.items() if found]

    def settings_fields(self) -> list[BoundField]:
        return [self[name] for name in SETTINGS]

    @property
    def settings_have_errors(self) -> bool:
        return any(name in self.errors for name in SETTINGS)

    @property
    def scenario_labels(self) -> list[str]:
        return [s["label"][self.lang] for s in self.base.get("scenarios", [])]
