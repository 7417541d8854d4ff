"""Evaluate an assessment's rules over a set of answers (pure: no Django import).

The engine is generic: everything it knows about the AI Act, the MDR, the GDPR,
approvals or procurement comes from the content files. It

1. checks the answers (unknown keys, wrong types and missing required answers are
   reported together, naming each key),
2. walks the questions top-down, keeping only those shown by their ``visible_if``;
   a shown question that is not answered takes its default, and says so,
3. runs the decision tables (groups) in order; a rule fires when it is in force on the
   date and its condition holds; the outputs it sets are combined as each output says,
4. collects the references, the application dates per regime and the warnings, and
   renders the explanation in Danish and English (:mod:`.render`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from vejviser.kernel.i18n import Message, gettext_noop, message
from vejviser.kernel.inputs import NumberError, finite
from vejviser.kernel.schema import Text

from . import expr
from .loader import Assessment
from .render import fill
from .schema import Output, Question, Rule, check_value

ANSWER_REQUIRED = gettext_noop("an answer is required")


class AnswerError(ValueError):
    """Answers that cannot be assessed: each problem (a :class:`Message`, translated
    when shown) names the question key."""

    def __init__(self, assessment: str, problems: dict[str, Message]) -> None:
        self.assessment = assessment
        self.problems = problems
        listed = "; ".join(f"{k}: {v.text('en')}" for k, v in problems.items())
        super().__init__(f"{assessment}: {listed}")


@dataclass(frozen=True)
class Fired:
    """A rule that fired, with its explanation filled in."""

    rule: Rule
    group: str
    explanation: Text
    warning: Text | None
    references: list[str]


@dataclass
class Evaluation:
    """The raw outcome of :func:`run`; :class:`.result.Result` is the public form."""

    assessment: Assessment
    on_date: dt.date
    env: Mapping[str, Any]
    answers: dict[str, Any]
    assumed: dict[str, Any]
    ignored: list[str]
    outputs: dict[str, Any]
    fired: list[Fired] = field(default_factory=list)
    outside_tables: list[str] = field(default_factory=list)


def check_answers(assessment: Assessment, answers: Mapping[str, Any]) -> dict[str, Message]:
    """Problems with the given answers (unknown keys, invalid values), by key."""
    problems: dict[str, Message] = {}
    for key, value in answers.items():
        question = assessment.question(key)
        if question is None:
            problems[key] = message("unknown question key")
        elif value is not None:
            problem = check_value(question, value)
            if problem:
                problems[key] = problem
    return problems


def walk_questions(
    assessment: Assessment, answers: Mapping[str, Any], on_date: dt.date
) -> list[Question]:
    """The questions shown for these answers, top-down.

    A hidden question takes its default (so a rule over it reads a plain "no"), and so
    does a shown one that is not answered; without a default it is ``None``.
    """
    env = _Env(assessment, on_date)
    shown: list[Question] = []
    for q in assessment.questions:
        visible = q.visible_if is None or bool(expr.evaluate(expr.parse(q.visible_if), env))
        value = answers.get(q.key) if visible else None
        env.known[q.key] = q.default if value is None else value
        if visible:
            shown.append(q)
    return shown


def run(assessment: Assessment, answers: Mapping[str, Any], on_date: dt.date) -> Evaluation:
    """Evaluate every rule group; raise :class:`AnswerError` on answers it cannot use."""
    problems = check_answers(assessment, answers)
    if on_date < assessment.spec.ruleset.valid_from:
        problems["date"] = message(
            "{date} is before this rule set is valid ({valid_from})",
            date=on_date,
            valid_from=assessment.spec.ruleset.valid_from,
        )
    if problems:
        raise AnswerError(assessment.id, problems)
    shown = walk_questions(assessment, answers, on_date)
    missing = [q.key for q in shown if q.required and answers.get(q.key) is None]
    if missing:
        raise AnswerError(assessment.id, dict.fromkeys(missing, message(ANSWER_REQUIRED)))

    env = _Env(assessment, on_date)
    shown_keys = {q.key for q in shown}
    given = {k: v for k, v in answers.items() if v is not None}
    for q in assessment.questions:
        env.known[q.key] = given.get(q.key, q.default) if q.key in shown_keys else q.default
    result = Evaluation(
        assessment=assessment,
        on_date=on_date,
        env=env,
        answers={q.key: env.known[q.key] for q in shown},
        assumed={q.key: q.default for q in shown if q.key not in given},
        ignored=sorted(k for k in given if k not in shown_keys),
        outputs={},
    )
    set_by_rule: set[str] = set()
    for group in assessment.spec.groups:
        fired_here = 0
        for rule in group.rules:
            if not rule.in_force(on_date):
                continue
            if rule.otherwise and fired_here:
                continue
            if rule.when is not None and not expr.evaluate(expr.parse(rule.when), env):
                continue
            fired_here += 1
            _apply(assessment, rule, env, result.outputs, set_by_rule)
            env.known.update({k: result.outputs[k] for k in rule.set})  # for its explanation
            result.fired.append(_fired(rule, group.id, env))
            if group.mode == "first":
                break
        for o in assessment.spec.outputs:  # later groups read earlier outputs
            env.known[o.key] = result.outputs.get(o.key, o.default)
    for o in assessment.spec.outputs:
        result.outputs.setdefault(o.key, _copy(o.default))
    result.outside_tables = sorted(env.outside)
    return result


class _Env(Mapping[str, Any]):
    """The names an expression can read: answers, definitions, tables, outputs, on_date.

    Definitions and table rows are computed on first use, from the answers so far.
    """

    def __init__(self, assessment: Assessment, on_date: dt.date) -> None:
        self.assessment = assessment
        self.known: dict[str, Any] = {"on_date": on_date}  # computed so far
        self.outside: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        if key in self.known:
            return self.known[key]
        spec = self.assessment.spec
        if key in spec.definitions:
            value = expr.evaluate(expr.parse(spec.definitions[key]), self)
        elif key in self.assessment.tables:
            ref = next(t for t in spec.tables if t.name == key)
            keys = {col: self.known.get(q) for col, q in ref.match.items()}
            if any(v is None for v in keys.values()):
                return None  # not answered yet: do not cache
            value, outside = self.assessment.tables[key].lookup(keys, self.known["on_date"])
            if outside:
                self.outside.add(key)
        else:
            raise KeyError(key)
        self.known[key] = value
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)


def _apply(
    assessment: Assessment,
    rule: Rule,
    env: _Env,
    outputs: dict[str, Any],
    set_by_rule: set[str],
) -> None:
    for key, raw in rule.set.items():
        output = assessment.output(key)
        assert output is not None  # checked on load
        value = _value(raw, env)
        if key not in set_by_rule:
            outputs[key] = _copy(value) if output.combine != "union" else list(value or [])
            set_by_rule.add(key)
        else:
            outputs[key] = _combine(output, outputs[key], value)


def _value(raw: Any, env: _Env) -> Any:
    if isinstance(raw, dict) and set(raw) == {"expr"}:
        return expr.evaluate(expr.parse(str(raw["expr"])), env)
    return raw


def _combine(output: Output, current: Any, value: Any) -> Any:
    if output.combine == "any":
        return bool(current) or bool(value)
    if output.combine == "max":
        order = [c.value for c in output.choices]
        return max(current, value, key=lambda v: order.index(v) if v in order else -1)
    if output.combine == "union":
        return [*current, *(v for v in value or [] if v not in current)]
    return current  # "first": the first rule that set it wins


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _fired(rule: Rule, group: str, env: _Env) -> Fired:
    a = env.assessment

    def both(text: Text) -> Text:
        return Text(da=fill(text.da, env, "da", a), en=fill(text.en, env, "en", a))

    warning = both(rule.warning) if rule.warning is not None else None
    references = [fill(ref, env, "en", a) for ref in rule.references]
    return Fired(rule, group, both(rule.explain), warning, references)


_TRUE = {"true", "1", "ja", "yes", "on", "y", "j"}
_FALSE = {"false", "0", "nej", "no", "off", "n"}


def from_json(assessment: Assessment, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Answers read from JSON: dates come as ``"YYYY-MM-DD"`` text. Other values are
    kept as they are, for :func:`check_answers` to judge."""
    answers = dict(raw)
    for key, value in raw.items():
        q = assessment.question(key)
        if q is not None and q.type == "date" and isinstance(value, str):
            with contextlib.suppress(ValueError):
                answers[key] = dt.date.fromisoformat(value)
    return answers


def from_form(assessment: Assessment, raw: Mapping[str, str]) -> dict[str, Any]:
    """Answers posted from a web form (all text); an empty field is unanswered."""
    answers: dict[str, Any] = {}
    for key, text in raw.items():
        q = assessment.question(key)
        value = text.strip() if isinstance(text, str) else text
        if q is None or value in ("", None):
            if q is None:
                answers[key] = value
            continue
        answers[key] = _coerce(q, value)
    return answers


def _coerce(q: Question, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if q.type == "bool":
        low = value.lower()
        return True if low in _TRUE else False if low in _FALSE else value
    if q.type == "number":
        cleaned = value.replace(" ", "").replace("_", "")
        try:
            return int(cleaned)
        except ValueError:
            try:
                return finite(cleaned)
            except NumberError:
                return value  # not a finite number: check_value names it
    if q.type == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
