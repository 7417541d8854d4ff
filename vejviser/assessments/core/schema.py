"""The schema of the assessment content files (pure: no Django import).

``content/assessments/`` holds:

- ``index.yaml``  -> :class:`IndexFile`: which assessments exist, in order, and the
  engine's own words (headings such as "Henvisninger") in Danish and English;
- one file per assessment (``ai-act.yaml`` …) -> :class:`AssessmentFile`: questions,
  named definitions, outputs, rules grouped in decision tables, legal references,
  validity and review dates, explanation templates;
- dated tables (``procurement-thresholds.yaml``) -> :class:`TableFile`.

Cross-references (names in expressions, choice values, terms) are checked after this
schema by :mod:`.loader`, which knows the line of every node.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from vejviser.kernel.i18n import Message, message
from vejviser.kernel.schema import Text

from .expr import check_syntax

KEY = r"^[a-z][a-z0-9_]*$"
Key = Annotated[str, Field(pattern=KEY, max_length=60)]
Value = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$", max_length=60)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
RuleId = Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9.\-]*$", max_length=20)]
Expr = Annotated[str, Field(min_length=1), AfterValidator(check_syntax)]
Scalar = bool | int | float | str | dt.date | None

#: Keys of a result's JSON that are not outputs, so no output may use them.
RESERVED = frozenset(
    {
        "assessment",
        "title",
        "date",
        "on_date",
        "ruleset",
        "answers",
        "assumed",
        "ignored_answers",
        "outputs",
        "rules_fired",
        "references",
        "application_dates",
        "warnings",
        "explanation",
        "terms",
    }
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    value: Value
    text: Text
    help: Text | None = None


class Question(_Strict):
    """One question. ``default`` is assumed (and reported) when it is not answered;
    a question without a default must be answered whenever it is shown."""

    key: Key
    type: Literal["bool", "choice", "number", "date"]
    text: Text
    help: Text | None = None
    choices: list[Choice] = Field(default_factory=list)
    default: Scalar = None
    visible_if: Expr | None = None
    min: float | None = None
    max: float | None = None
    unit: Text | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    @property
    def choice_values(self) -> list[str]:
        return [c.value for c in self.choices]

    def choice(self, value: Any) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError("choices are given exactly when type is 'choice'")
        _unique([c.value for c in self.choices], "choice value")
        if (self.min is not None or self.max is not None) and self.type != "number":
            raise ValueError("min/max only for type 'number'")
        if self.default is not None:
            problem = check_value(self, self.default)
            if problem:
                raise ValueError(f"default: {problem.text('en')}")
        return self


#: Numbers beyond this are taken for typing errors: no contract value, count or score an
#: assessment asks for is that large (and a float that large loses its last digits).
LARGEST = 1e12


def check_value(question: Question, value: Any) -> Message | None:
    """Why ``value`` is not a valid answer to ``question``; ``None`` when it is valid."""
    got = repr(value)[:60]
    if question.type == "bool":
        if isinstance(value, bool):
            return None
        return message("expected true or false (got {value})", value=got)
    if question.type == "choice":
        if value in question.choice_values:
            return None
        return message(
            "expected one of {choices} (got {value})",
            choices=", ".join(question.choice_values),
            value=got,
        )
    if question.type == "date":
        if isinstance(value, dt.date):
            return None
        return message("expected a date YYYY-MM-DD (got {value})", value=got)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return message("expected a number (got {value})", value=got)
    if not math.isfinite(value):
        return message("expected a finite number (got {value})", value=got)
    if abs(value) > LARGEST:
        return message("{value} is unreasonably large – check for a typo", value=got)
    if question.min is not None and value < question.min:
        return message("must be at least {min} (got {value})", min=question.min, value=got)
    if question.max is not None and value > question.max:
        return message("must be at most {max} (got {value})", max=question.max, value=got)
    return None


class Output(_Strict):
    """A result field. ``combine`` says what happens when several rules set it:
    ``first`` keeps the first, ``any`` is a logical or, ``max`` keeps the highest
    choice (in the order listed), ``union`` collects list items without repeats."""

    key: Key
    type: Literal["bool", "choice", "number", "list", "object", "text"]
    label: Text
    choices: list[Choice] = Field(default_factory=list)
    combine: Literal["first", "any", "max", "union"] = "first"
    default: Any = None
    display: Text | None = None  # template for showing an object value

    @model_validator(mode="after")
    def _consistent(self) -> Output:
        if self.key in RESERVED:
            raise ValueError(f"output key {self.key!r} is reserved")
        if (self.type == "choice") != bool(self.choices):
            raise ValueError("choices are given exactly when type is 'choice'")
        allowed = {
            "bool": {"first", "any"},
            "choice": {"first", "max"},
            "list": {"union"},
        }.get(self.type, {"first"})
        if self.combine not in allowed:
            raise ValueError(f"combine {self.combine!r} does not fit type {self.type!r}")
        return self


class Term(_Strict):
    """A named item that list outputs hold (an obligation, a legal basis, a procedure)."""

    text: Text
    reference: str | None = None


class Regime(_Strict):
    """A legal regime that sets application dates (the AI Act as adopted; an amendment).
    ``unconfirmed`` regimes are shown beside the others with a warning."""

    label: Text
    status: Literal["in_force", "unconfirmed", "superseded"]
    reference: str
    note: Text | None = None


class Milestone(_Strict):
    """When a set of obligations applies, per regime."""

    id: Key
    label: Text
    dates: dict[Key, dt.date] = Field(min_length=1)


class TableRef(_Strict):
    """Make a row of a dated table available to expressions under ``name``.

    ``match`` maps the table's match columns to question keys."""

    name: Key
    file: str = Field(pattern=r"^[a-z0-9\-]+\.yaml$")
    match: dict[Key, Key]


class Rule(_Strict):
    id: RuleId
    title: Text
    when: Expr | None = None
    otherwise: bool = False  # fires only when no other rule of its group fired (and `when`)
    set: dict[Key, Any] = Field(default_factory=dict)
    references: list[str] = Field(min_length=1)
    milestones: list[Key] = Field(default_factory=list)
    warning: Text | None = None
    valid_from: dt.date
    valid_to: dt.date | None = None
    review_by: dt.date
    explain: Text

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.when is None and not self.otherwise:
            raise ValueError("give 'when', 'otherwise: true', or both")
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        return self

    def in_force(self, on_date: dt.date) -> bool:
        return self.valid_from <= on_date and (self.valid_to is None or on_date <= self.valid_to)


class Group(_Strict):
    """A decision table. ``first``: the first rule that matches fires (rows in order);
    ``all``: every rule that matches fires."""

    id: Key
    title: Text
    mode: Literal["first", "all"]
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _otherwise_last(self) -> Group:
        others = [i for i, r in enumerate(self.rules) if r.otherwise]
        if len(others) > 1 or (others and others[0] != len(self.rules) - 1):
            raise ValueError("at most one 'otherwise' rule, and it must come last")
        return self


class RuleSet(_Strict):
    version: str = Field(pattern=r"^\d{4}\.\d{2}(\.\d+)?$")
    reviewed: dt.date
    next_review: dt.date
    valid_from: dt.date  # assessments on earlier dates are refused
    source: str


class AssessmentFile(_Strict):
    id: Slug
    title: Text
    summary: Text
    ruleset: RuleSet
    headline: Text  # template for the first line of the explanation
    questions: list[Question] = Field(min_length=1)
    definitions: dict[Key, Expr] = Field(default_factory=dict)
    tables: list[TableRef] = Field(default_factory=list)
    outputs: list[Output] = Field(min_length=1)
    terms: dict[Key, Term] = Field(default_factory=dict)
    regimes: dict[Key, Regime] = Field(default_factory=dict)
    milestones: list[Milestone] = Field(default_factory=list)
    groups: list[Group] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> AssessmentFile:
        _unique([q.key for q in self.questions], "question key")
        _unique([o.key for o in self.outputs], "output key")
        _unique([g.id for g in self.groups], "group id")
        _unique([r.id for g in self.groups for r in g.rules], "rule id")
        _unique([m.id for m in self.milestones], "milestone id")
        return self


class TablePeriod(_Strict):
    """Rows valid in one period. ``values`` are shared by every row; a row may override."""

    valid_from: dt.date
    valid_to: dt.date
    source: str
    values: dict[Key, Scalar] = Field(default_factory=dict)
    rows: list[dict[Key, Scalar | list[str]]] = Field(min_length=1)


class TableFile(_Strict):
    id: Slug
    title: Text
    reviewed: dt.date
    next_review: dt.date
    match: list[Key] = Field(min_length=1)
    periods: list[TablePeriod] = Field(min_length=1)

    @model_validator(mode="after")
    def _periods(self) -> TableFile:
        ordered = sorted(self.periods, key=lambda p: p.valid_from)
        for a, b in itertools.pairwise(ordered):
            if b.valid_from <= a.valid_to:
                raise ValueError(f"periods overlap: {a.valid_from} and {b.valid_from}")
        for p in self.periods:
            if p.valid_to < p.valid_from:
                raise ValueError(f"period {p.valid_from}: valid_to is before valid_from")
            for row in p.rows:
                missing = [m for m in self.match if m not in row]
                if missing:
                    raise ValueError(f"row {row} lacks match column(s) {', '.join(missing)}")
        return self


#: Words the engine itself writes; ``index.yaml`` must give each in Danish and English.
UI_KEYS = frozenset(
    {
        "yes",
        "no",
        "unknown",
        "empty",
        "result",
        "reasons",
        "references",
        "schedule",
        "schedule_line",
        "in_application",
        "not_in_application",
        "assumed",
        "ignored",
        "warnings",
        "ruleset",
        "disclaimer",
        "regime_unconfirmed",
        "review_overdue",
        "table_outside",
        "diff_none",
        "diff_field",
        "diff_answer",
        "diff_rule_added",
        "diff_rule_removed",
        "diff_applies",
        "diff_version",
        "diff_date",
        "diff_because",
        "question_required",
        "question_default",
        "question_shown_if",
        "rules_columns",
        "rules_otherwise",
        "rules_definitions",
    }
)


class IndexFile(_Strict):
    assessments: list[Slug] = Field(min_length=1)
    ui: dict[Key, Text]

    @model_validator(mode="after")
    def _complete(self) -> IndexFile:
        _unique(self.assessments, "assessment")
        missing = sorted(UI_KEYS - set(self.ui))
        if missing:
            raise ValueError(f"ui texts missing: {', '.join(missing)}")
        return self


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}: {value}")
        seen.add(value)
