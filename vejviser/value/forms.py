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

from vejviser.kernel import formatting
from vejviser.kernel.i18n import Lang, Message, gettext_noop, message
from vejviser.kernel.inputs import NumberError
from vejviser.kernel.inputs import parse_number as parse_typed
from vejviser.lib.i18n import show
from vejviser.value.core import Case, CaseError, Problem, parse_case
from vejviser.value.core.defaults import DISCOUNT_RATE_SOURCE, HOURS_PER_FTE_SOURCE
from vejviser.value.core.errors import problem_message
from vejviser.value.core.schema import MAX_HORIZON, unit_bounds

from .display import SETTING_LABELS, origin_text, unit_text
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

#: Problems as shown next to the one field they are about (the form names the input, so
#: the message does not). Kinds not here use the core's sentence
#: (:data:`vejviser.value.core.errors.ERRORS`).
FORM_ERRORS: dict[str, str] = {
    "missing": gettext_noop("Fill in this field."),
    "float_type": gettext_noop("Enter a number, e.g. 2.5 or 20,000."),
    "float_parsing": gettext_noop("Enter a number, e.g. 2.5 or 20,000."),
    "finite_number": gettext_noop("Enter a finite number."),
    "int_type": gettext_noop("Enter a whole number."),
    "int_from_float": gettext_noop("Enter a whole number."),
    "int_parsing": gettext_noop("Enter a whole number."),
    "value_below_bound": gettext_noop("Must not be below {bound} {unit}."),
    "value_above_bound": gettext_noop("Must not be above {bound} {unit}."),
    "value_low_above_high": gettext_noop("Low ({low}) is above high ({high})."),
    "value_mode_outside": gettext_noop(
        "Most likely ({mode}) must lie between low and high ({low}–{high})."
    ),
    "value_outside_range": gettext_noop(
        "The figure calculated with ({value}) must lie between low and high ({low}–{high})."
    ),
    "value_sd_not_positive": gettext_noop("The standard deviation must be above 0."),
    "value_no_value": gettext_noop("Give a figure to calculate with or a range (low–high)."),
    "greater_than_equal": gettext_noop("Must be at least {ge}."),
    "greater_than": gettext_noop("Must be above {gt}."),
    "less_than_equal": gettext_noop("Must be at most {le}."),
    "too_long": gettext_noop("At most {max_length} figures."),
}
TOO_LARGE = gettext_noop("The number is unreasonably large – check for a typo.")


def parse_number(text: str) -> float | None:
    """A number typed in Danish or English (``2,5``, ``20.000``, ``1,234.5``, ``1e6``);
    ``None`` if blank; :class:`~vejviser.kernel.inputs.NumberError` if it is not a
    finite number (``nan``, ``inf``, words)."""
    if not text.strip():
        return None
    return parse_typed(text.replace("'", ""))


def show_number(value: Any, lang: Lang) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return formatting.number(value, lang)


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
        self.numbers: dict[str, float | None] = {}
        self.ramp: list[float] = []
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
        text = {
            "discount_rate_percent": show(message(DISCOUNT_RATE_SOURCE)),
            "hours_per_fte": show(message(HOURS_PER_FTE_SOURCE)),
        }
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
        """The base case with the figures typed in (not yet validated by the core).

        Call after :meth:`read_numbers` has found every typed figure to be a number.
        """
        data = copy.deepcopy(self.base)
        cleaned = self.cleaned_data
        data["stage"] = cleaned.get("stage") or data.get("stage", Stage.EXPECTED)
        for key in ("horizon_years", "discount_rate_percent", "hours_per_fte"):
            value = self.numbers.get(key)
            if value is None:
                data.pop(key, None)
            elif key == "horizon_years" and value.is_integer():
                data[key] = int(value)
            else:
                data[key] = value
        data["ramp_percent"] = self.ramp
        for input_id, spec in data["inputs"].items():
            self._apply(input_id, spec)
        return data

    def read_numbers(self) -> bool:
        """Parse every typed figure; a figure that is not a finite number, or is absurdly
        large, gets its message next to its field. Whether all were fine."""
        self.numbers, self.ramp = {}, []
        for name in self.fields:
            if not (name.startswith("in-") or name in SETTINGS[:3]):
                continue
            try:
                value = parse_number(self.cleaned_data.get(name) or "")
            except NumberError as exc:
                self.add_error(name, show(exc.message))
                continue
            if value is not None and abs(value) > LARGEST:
                self.add_error(name, show(message(TOO_LARGE)))
                continue
            self.numbers[name] = value
        for part in re.split(r"[;\s]+", self.cleaned_data.get("ramp_percent") or ""):
            if not part:
                continue
            try:
                self.ramp.append(parse_typed(part))
            except NumberError as exc:
                self.add_error("ramp_percent", show(exc.message))
                break
        return not self.errors

    def _apply(self, input_id: str, spec: dict[str, Any]) -> None:
        parts = {p: self.numbers.get(f"in-{input_id}-{p}") for p in _parts(spec)}
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
        elif "mode" not in given and value is not None:
            spec["range"] = {"dist": "triangular", "mode": value, **given}
        else:
            spec["range"] = {"dist": "uniform", **given}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors or not self.read_numbers():
            return cleaned
        try:
            self.case = parse_case(self.case_data())
        except CaseError as exc:
            self.show(exc)
        return cleaned

    def show(self, error: CaseError) -> None:
        """Show the core's problems with the case on the form (nothing is saved)."""
        self.case = None
        for problem in error.problems:
            self._show(problem)

    def _message(self, problem: Problem) -> Message:
        ctx = dict(problem.context)
        if isinstance(ctx.get("unit"), str):
            ctx["unit"] = unit_text(str(ctx["unit"]))
        return problem_message(problem.kind, FORM_ERRORS, **ctx)

    def _show(self, problem: Problem) -> None:
        """Put a core problem next to its field, or on its input, or on the form."""
        path, kind = problem.path, problem.kind
        text = show(self._message(problem))
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
            text = show(problem.message)
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
                    unit=unit_text(spec["unit"]),
                    origin=origin_text(spec["origin"]),
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
