"""Read, validate and cross-check the assessment content (pure: no Django import).

Every problem is reported as a :class:`ContentError` naming the file and the line (the
same error type the journey content uses), all problems of a load at once, so a lawyer
who edits a rule sees exactly where a fix is needed. Beyond the pydantic schema this
checks what a schema cannot: that every name in an expression exists and is known at
that point, that choice values compared in rules are real choices, that list items are
defined terms, that templates only use known names, and that a dated table has exactly
one row per combination of answers in every period.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import Text
from vejviser.kernel.yamllines import line_of

from . import expr
from .schema import AssessmentFile, IndexFile, Output, Question, TableFile

M = TypeVar("M", bound=BaseModel)
Loc = Sequence[int | str]

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)\}")


def default_content_dir() -> Path:
    """``content/assessments`` at the top of the repository."""
    return Path(__file__).resolve().parents[3] / "content" / "assessments"


@dataclass(frozen=True)
class Table:
    """A dated table, e.g. the EU procurement thresholds."""

    spec: TableFile
    path: str

    def lookup(self, keys: dict[str, Any], on_date: dt.date) -> tuple[dict[str, Any] | None, bool]:
        """The row matching ``keys`` valid on ``on_date``.

        Outside every period the nearest period is used and the second value is
        ``True``, so the caller can warn that the figure is not dated for that day.
        """
        periods = sorted(self.spec.periods, key=lambda p: p.valid_from)
        period = next((p for p in periods if p.valid_from <= on_date <= p.valid_to), None)
        outside = period is None
        if period is None:
            earlier = [p for p in periods if p.valid_to < on_date]
            period = earlier[-1] if earlier else periods[0]
        for row in period.rows:
            if all(_matches(row.get(col), keys.get(col)) for col in self.spec.match):
                merged: dict[str, Any] = {
                    "valid_from": period.valid_from,
                    "valid_to": period.valid_to,
                    "source": period.source,
                    **period.values,
                    **row,
                }
                return merged, outside
        return None, outside


def _matches(cell: Any, value: Any) -> bool:
    return value in cell if isinstance(cell, list) else bool(cell == value)


@dataclass(frozen=True)
class Assessment:
    """One loaded, checked assessment: its questionnaire, rules and tables."""

    spec: AssessmentFile
    path: str
    ui: dict[str, Text]
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def questions(self) -> list[Question]:
        return self.spec.questions

    def question(self, key: str) -> Question | None:
        return next((q for q in self.spec.questions if q.key == key), None)

    def output(self, key: str) -> Output | None:
        return next((o for o in self.spec.outputs if o.key == key), None)


@dataclass(frozen=True)
class Registry:
    """Everything under ``content/assessments``, loaded once per content revision."""

    assessments: dict[str, Assessment]
    ui: dict[str, Text]


FOLDER = "content/assessments"


def load_registry(directory: Path | None = None) -> Registry:
    """Read the files of ``directory`` (default: the repository's ``content/assessments``)
    and :func:`parse` them; raise :class:`ContentErrors`. For tests and the pure CLI;
    the site reads the loaded content (``folder_data("assessments")``)."""
    directory = Path(directory or default_content_dir())
    errors: list[ContentError] = []
    docs: dict[str, Any] = {}
    for path in sorted(directory.glob("*.yaml")):
        raw = _read(path, f"{FOLDER}/{path.name}", errors)
        if raw is not None:
            docs[path.name] = raw
    if errors:
        raise ContentErrors(errors)
    return parse(docs)


def parse(docs: Mapping[str, Any]) -> Registry:
    """The registered ``parse`` of ``content/assessments``: ``index.yaml`` and every
    assessment it lists, with their tables (file name -> parsed YAML), checked."""
    errors: list[ContentError] = []
    index, _ = _validate("index.yaml", docs, IndexFile, errors)
    if index is None:
        raise ContentErrors(errors)
    tables: dict[str, Table] = {}
    assessments: dict[str, Assessment] = {}
    for name in index.assessments:
        spec, raw = _validate(f"{name}.yaml", docs, AssessmentFile, errors)
        if spec is None:
            continue
        rel = f"{FOLDER}/{name}.yaml"
        if spec.id != name:
            errors.append(ContentError(rel, line_of(raw, ["id"]), f"id {spec.id!r} ≠ {name!r}"))
        own: dict[str, Table] = {}
        for i, ref in enumerate(spec.tables):
            if ref.file not in tables:
                table_spec, _raw = _validate(ref.file, docs, TableFile, errors)
                if table_spec is None:
                    continue
                tables[ref.file] = Table(table_spec, f"{FOLDER}/{ref.file}")
            own[ref.name] = tables[ref.file]
            _check_table(spec, i, tables[ref.file], _Where(rel, raw, errors))
        _check_assessment(spec, _Where(rel, raw, errors))
        assessments[name] = Assessment(spec, rel, index.ui, own)
    if errors:
        raise ContentErrors(errors)
    return Registry(assessments, index.ui)


# -- reading files -------------------------------------------------------------------


def _read(path: Path, rel: str, errors: list[ContentError]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return YAML(typ="rt").load(fh)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        errors.append(ContentError(rel, line, f"YAML: {exc.problem}"))
    except UnicodeDecodeError:
        errors.append(ContentError(rel, None, "file is not UTF-8"))
    return None


def _validate(
    name: str, docs: Mapping[str, Any], model: type[M], errors: list[ContentError]
) -> tuple[M | None, Any]:
    rel = f"{FOLDER}/{name}"
    if name not in docs:
        errors.append(ContentError(rel, None, "file is missing"))
        return None, None
    raw = docs[name]
    if raw is None:
        errors.append(ContentError(rel, None, "file is empty"))
        return None, None
    try:
        return model.model_validate(_plain(raw)), raw
    except ValidationError as exc:
        for err in exc.errors():
            loc = [p for p in err["loc"] if isinstance(p, int | str)]
            dotted = ".".join(str(p) for p in loc) or "(file)"
            msg = err["msg"].removeprefix("Value error, ")
            errors.append(ContentError(rel, line_of(raw, loc), f"{dotted}: {msg}"))
        return None, raw


def _plain(node: Any) -> Any:
    """ruamel's round-trip types as plain Python values (ScalarInt -> int …)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, dt.datetime):
        return node.date()
    return node


@dataclass
class _Where:
    rel: str
    raw: Any
    errors: list[ContentError]

    def error(self, loc: Loc, message: str) -> None:
        dotted = ".".join(str(p) for p in loc)
        self.errors.append(ContentError(self.rel, line_of(self.raw, loc), f"{dotted}: {message}"))


# -- cross-checks --------------------------------------------------------------------


def _check_assessment(spec: AssessmentFile, where: _Where) -> None:
    questions = {q.key: q for q in spec.questions}
    outputs = {o.key: o for o in spec.outputs}
    choices: dict[str, list[str]] = {
        **{k: q.choice_values for k, q in questions.items() if q.type == "choice"},
        **{k: [c.value for c in o.choices] for k, o in outputs.items() if o.type == "choice"},
    }
    tables = {t.name: set(t.match.values()) for t in spec.tables}
    all_names = {*questions, *spec.definitions, *tables, *outputs, "on_date"}
    _check_namespace(spec, where)

    def check(source: str, loc: Loc, known: set[str]) -> None:
        node = expr.parse(source)
        for name in sorted(expr.names(node) - known):
            hint = "" if name in all_names else " (not a question, definition, table or output)"
            where.error(loc, f"name {name!r} is not known here{hint}")
        for name, value in expr.choice_literals(node):
            if name in choices and value not in choices[name]:
                where.error(loc, f"{value!r} is not a choice of {name!r}: {choices[name]}")

    # Questions may only depend on earlier questions (the form is filled top-down).
    seen: set[str] = {"on_date"}
    definition_deps = _definition_deps(spec.definitions, set(questions), tables)
    for i, q in enumerate(spec.questions):
        usable = seen | {t for t, deps in tables.items() if deps <= seen}
        usable |= {d for d, deps in definition_deps.items() if deps <= seen}
        if q.visible_if:
            check(q.visible_if, ["questions", i, "visible_if"], usable)
        seen.add(q.key)

    earlier: set[str] = set()
    for name, source in spec.definitions.items():
        check(source, ["definitions", name], {*questions, *tables, *earlier, "on_date"})
        earlier.add(name)
    for i, t in enumerate(spec.tables):
        for col, key in t.match.items():
            if key not in questions or questions[key].type != "choice":
                where.error(["tables", i, "match", col], f"{key!r} is not a choice question")

    milestones = {m.id for m in spec.milestones}
    for i, m in enumerate(spec.milestones):
        for regime in m.dates:
            if regime not in spec.regimes:
                where.error(["milestones", i, "dates", regime], f"unknown regime {regime!r}")

    computed: set[str] = set()
    base = {*questions, *spec.definitions, *tables, "on_date"}
    for gi, group in enumerate(spec.groups):
        set_here: set[str] = set()
        for ri, rule in enumerate(group.rules):
            loc: list[int | str] = ["groups", gi, "rules", ri]
            known = base | computed
            if rule.when:
                check(rule.when, [*loc, "when"], known)
            for key, value in rule.set.items():
                _check_set(spec, outputs.get(key), value, [*loc, "set", key], where, check, known)
                set_here.add(key)
            for j, mid in enumerate(rule.milestones):
                if mid not in milestones:
                    where.error([*loc, "milestones", j], f"unknown milestone {mid!r}")
            for name in _templates(rule.explain, rule.warning):
                if name not in all_names:
                    where.error([*loc, "explain"], f"unknown name {{{name}}} in template")
            for j, ref in enumerate(rule.references):
                for name in _placeholders(ref):
                    if name not in all_names:
                        where.error([*loc, "references", j], f"unknown name {{{name}}}")
        computed |= set_here
    for name in _templates(spec.headline):
        if name not in all_names:
            where.error(["headline"], f"unknown name {{{name}}} in template")
    for i, o in enumerate(spec.outputs):
        for name in _templates(o.display):
            if name not in all_names:
                where.error(["outputs", i, "display"], f"unknown name {{{name}}} in template")
        if o.type == "list" and isinstance(o.default, list):
            for item in o.default:
                if item not in spec.terms:
                    where.error(["outputs", i, "default"], f"{item!r} is not a term")


def _check_namespace(spec: AssessmentFile, where: _Where) -> None:
    """Questions, definitions, tables and outputs share one namespace in expressions."""
    seen: dict[str, str] = {"on_date": "the assessment date"}
    named: list[tuple[str, Loc, str]] = []
    named += [(q.key, ["questions", i, "key"], "question") for i, q in enumerate(spec.questions)]
    named += [(d, ["definitions", d], "definition") for d in spec.definitions]
    named += [(t.name, ["tables", i, "name"], "table") for i, t in enumerate(spec.tables)]
    named += [(o.key, ["outputs", i, "key"], "output") for i, o in enumerate(spec.outputs)]
    for name, loc, kind in named:
        if name in seen:
            where.error(loc, f"{kind} {name!r} has the same name as {seen[name]}")
        else:
            seen[name] = f"a {kind}"


def _check_set(
    spec: AssessmentFile,
    output: Output | None,
    value: Any,
    loc: Loc,
    where: _Where,
    check: Any,
    known: set[str],
) -> None:
    if output is None:
        where.error(loc, "not an output")
        return
    if isinstance(value, dict) and set(value) == {"expr"}:
        try:
            expr.parse(str(value["expr"]))
        except expr.ExprError as exc:
            where.error(loc, str(exc))
            return
        check(str(value["expr"]), loc, known)
        return
    problem = _literal_problem(spec, output, value)
    if problem:
        where.error(loc, problem)


def _literal_problem(spec: AssessmentFile, output: Output, value: Any) -> str | None:
    if output.type == "bool" and not isinstance(value, bool):
        return "expected true or false"
    if output.type == "choice" and value not in [c.value for c in output.choices]:
        return f"{value!r} is not a choice of {output.key!r}"
    if output.type == "list":
        if not isinstance(value, list):
            return "expected a list of terms"
        unknown = [v for v in value if v not in spec.terms]
        if unknown:
            return f"not defined under 'terms': {', '.join(map(str, unknown))}"
    if output.type == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return "expected a number"
    return None


def _definition_deps(
    definitions: dict[str, str], questions: set[str], tables: dict[str, set[str]]
) -> dict[str, set[str]]:
    """The questions each definition reads, directly or through tables and earlier
    definitions."""
    deps: dict[str, set[str]] = dict(tables)
    for name, source in definitions.items():
        found: set[str] = set()
        for n in expr.names(expr.parse(source)):
            found |= deps.get(n, {n} if n in questions else set())
        deps[name] = found
    return {name: deps[name] for name in definitions}


def _placeholders(template: str) -> Iterator[str]:
    for m in PLACEHOLDER.finditer(template):
        yield m.group(1).split(".")[0]


def _templates(*texts: Text | None) -> Iterator[str]:
    for text in texts:
        if text is not None:
            yield from _placeholders(text.da)
            yield from _placeholders(text.en)


def _check_table(spec: AssessmentFile, index: int, table: Table, where: _Where) -> None:
    ref = spec.tables[index]
    if set(ref.match) != set(table.spec.match):
        where.error(
            ["tables", index, "match"],
            f"must map exactly the match columns of {ref.file}: {table.spec.match}",
        )
        return
    questions = {q.key: q for q in spec.questions}
    values = []
    for col in table.spec.match:
        q = questions.get(ref.match[col])
        if q is None or q.type != "choice":
            return  # reported by _check_assessment
        values.append(q.choice_values)
    for period in table.spec.periods:
        for combo in itertools.product(*values):
            keys = dict(zip(table.spec.match, combo, strict=True))
            found = [r for r in period.rows if all(_matches(r.get(c), v) for c, v in keys.items())]
            if len(found) != 1:
                where.error(
                    ["tables", index],
                    f"{table.path}, period from {period.valid_from}: {len(found)} rows for {keys}"
                    " (exactly one needed)",
                )
