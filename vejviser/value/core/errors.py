"""Problems with a case, named by input, file and line.

A problem carries a machine ``kind`` (what the form uses to put it next to the right
field) and its ``context``; :attr:`Problem.message` is the sentence a user reads, as a
:class:`~vejviser.kernel.i18n.Message` translated through the one catalogue when shown.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from vejviser.kernel.i18n import Message, gettext_noop, message, translate

Path = tuple[str | int, ...]

#: The sentence for each kind of problem (English msgids; Danish in the catalogue).
#: Pydantic's own error types (``missing``, ``extra_forbidden`` …) are here too.
ERRORS: dict[str, str] = {
    "missing": gettext_noop("is missing"),
    "extra_forbidden": gettext_noop("unknown field"),
    "union_tag_invalid": gettext_noop("unknown distribution '{tag}' (allowed: {expected_tags})"),
    "union_tag_not_found": gettext_noop(
        "name the distribution with 'dist' (triangular, pert, uniform or normal)"
    ),
    "float_type": gettext_noop("must be a number"),
    "float_parsing": gettext_noop("must be a number"),
    "int_type": gettext_noop("must be a whole number"),
    "int_from_float": gettext_noop("must be a whole number"),
    "int_parsing": gettext_noop("must be a whole number"),
    "bool_type": gettext_noop("must be true or false"),
    "string_type": gettext_noop("must be text"),
    "string_too_short": gettext_noop("must not be empty"),
    "dict_type": gettext_noop("must be a mapping (key: value)"),
    "model_type": gettext_noop("must be a mapping (key: value)"),
    "model_attributes_type": gettext_noop("must be a mapping (key: value)"),
    "list_type": gettext_noop("must be a list"),
    "greater_than_equal": gettext_noop("must be at least {ge}"),
    "greater_than": gettext_noop("must be above {gt}"),
    "less_than_equal": gettext_noop("must be at most {le}"),
    "too_short": gettext_noop("needs at least {min_length} item(s)"),
    "too_long": gettext_noop("may have at most {max_length} item(s)"),
    "finite_number": gettext_noop("must be a finite number"),
    "literal_error": gettext_noop("must be one of {expected}"),
    "string_pattern_mismatch": gettext_noop("must be lower-case letters, digits and hyphens"),
    "value_low_above_high": gettext_noop("input '{input}': low ({low}) is above high ({high})"),
    "value_mode_outside": gettext_noop(
        "input '{input}': mode ({mode}) lies outside low–high ({low}–{high})"
    ),
    "value_outside_range": gettext_noop(
        "input '{input}': value ({value}) lies outside low–high ({low}–{high})"
    ),
    "value_below_bound": gettext_noop(
        "input '{input}': {field} ({value}) must not be below {bound} {unit}"
    ),
    "value_above_bound": gettext_noop(
        "input '{input}': {field} ({value}) must not be above {bound} {unit}"
    ),
    "value_sd_not_positive": gettext_noop("input '{input}': sd must be above 0"),
    "value_no_value": gettext_noop("input '{input}': give a 'value' or an uncertainty 'range'"),
    "ref_unknown": gettext_noop("{what} '{ref}' does not exist"),
    "unit_mismatch": gettext_noop(
        "input '{input}' has unit '{unit}' but is used as {role} (needs {expected})"
    ),
    "year_outside_horizon": gettext_noop("year {year} lies outside the horizon 0–{horizon}"),
    "years_reversed": gettext_noop("to_year ({stop}) comes before from_year ({start})"),
    "duplicate_id": gettext_noop("id '{id}' is used twice"),
    "yaml_syntax": gettext_noop("YAML syntax error: {detail}"),
    "file_unreadable": gettext_noop("the file cannot be read: {detail}"),
    "not_a_mapping": gettext_noop("a case must be a YAML mapping (key: value)"),
    "scenario_unknown": gettext_noop("scenario '{ref}' does not exist (known: {known})"),
    "result_not_finite": gettext_noop(
        "the figures give a result that cannot be used (infinitely large); "
        "check growth and amounts"
    ),
}
GENERIC = gettext_noop("invalid value: {msg}")


def placeholders(msgid: str) -> set[str]:
    """The ``{names}`` a msgid needs."""
    return {name for _, name, _, _ in string.Formatter().parse(msgid) if name}


def problem_message(kind: str, table: dict[str, str], **context: object) -> Message:
    """The message for ``kind`` from ``table`` (falling back to :data:`ERRORS`, then to
    the generic one when the kind is unknown or its context lacks a placeholder)."""
    msgid = table.get(kind) or ERRORS.get(kind)
    if msgid is None or not placeholders(msgid) <= context.keys():
        return message(GENERIC, msg=str(context.get("msg", kind)))
    return message(msgid, **{k: context[k] for k in placeholders(msgid)})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case: where (path, file, line), what (kind + context)."""

    path: Path
    kind: str
    context: dict[str, object] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None

    @property
    def input(self) -> str | None:
        """The input the problem is about, if any."""
        if "input" in self.context:
            return str(self.context["input"])
        if len(self.path) >= 2 and self.path[0] == "inputs":
            return str(self.path[1])
        if len(self.path) >= 4 and self.path[0] == "scenarios" and self.path[2] == "overrides":
            return str(self.path[3])
        return None

    def where(self) -> str:
        place = ".".join(str(p) for p in self.path) or "/"
        if self.file is None:
            return place
        return f"{self.file}:{self.line}: {place}" if self.line else f"{self.file}: {place}"

    @property
    def message(self) -> Message:
        """What is wrong, as a sentence (without the place)."""
        context = dict(self.context)
        if self.input is not None:
            context.setdefault("input", self.input)
        return problem_message(self.kind, ERRORS, **context)

    def text(self, lang: str) -> str:
        """The place and the sentence in ``lang``: ``case.yaml:14: inputs.x: …``."""
        msg = self.message
        text = msg.text(lang)
        if self.input is not None and "input" not in msg.params:
            text = translate("input '{input}': {problem}", lang, input=self.input, problem=text)
        return f"{self.where()}: {text}"


class CaseError(Exception):
    """A case that cannot be used, with every problem found (not only the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.text("en"))

    def text(self, lang: str = "da") -> str:
        """Every problem, one a line, in ``lang``."""
        return "\n".join(problem.text(lang) for problem in self.problems)

    @property
    def inputs(self) -> list[str]:
        return [p.input for p in self.problems if p.input is not None]
