"""Verdicts from the rule engine: a question that asks what an assessment decides and
states facts is answered by running that assessment (pure: no Django import).

"Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?" asks what the
AI Act assessment decides (``fria_required``) and states two facts (``mdr_class: IIa``,
``public_body: true``). :func:`Verdicts.decide` finds them with the word → answer map
of ``content/assessments/assistant-facts.yaml``, runs the assessment through
:func:`vejviser.assessments.core.evaluate` — the same rules the assessment pages run,
never a copy — and writes the answer verdict first: the conclusion, the fired rules'
explanations with their articles (or the rules that would have required it, when none
did), the facts stated and the facts assumed (the questionnaire's defaults, or the
file's ``assume``, for what the question does not say).

A question gets a verdict only when it is a yes/no question (it opens with one of
``yes_no_openers``) or asks "which class/tier" (a verdict's ``which``), and states at
least one fact the assessment asks (or one of ``requires_any``). "Ja"/"Nej" leads only
a yes/no question without a negation ("… uden at skulle i udbud?" asks the other way).
Everything else is answered from the knowledge as before.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.inputs import NumberError, parse_number
from vejviser.kernel.schema import Text

if TYPE_CHECKING:  # the assessments' engine is imported when a verdict is first needed
    from vejviser.assessments import core as assessments

FACTS_FILE = "assistant-facts.yaml"
PATH = f"content/assessments/{FACTS_FILE}"
LANGS = ("da", "en")


def _engine() -> Any:
    """The assessments' public API (imported on first use: a process that never asks
    for a verdict does not load the rule engine)."""
    from vejviser.assessments import core

    return core


def _registry_of(folder: Path) -> assessments.Registry:
    """The assessments of a content folder's files (a picklable reader for ``lazy``)."""
    found: assessments.Registry = _engine().registry(folder)
    return found


def fmt(value: Any, lang: str, assessment: Any, name: str | None = None) -> str:
    """A value as the assessment pages show it (:func:`...render.fmt`)."""
    from vejviser.assessments.core.render import fmt as render

    return render(value, lang, assessment, name)


# -- the file ---------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Phrases(_Strict):
    da: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class VerdictSpec(_Strict):
    id: str
    assessment: str
    outputs: list[str] = Field(min_length=1)
    asks: Phrases
    which: Phrases = Field(default_factory=Phrases)
    yes: list[str] = Field(default_factory=list)
    no: list[str] = Field(default_factory=list, alias="no")
    assume: dict[str, Any] = Field(default_factory=dict)
    requires_any: list[str] = Field(default_factory=list)
    context_groups: list[str] = Field(default_factory=list)
    #: Facts left at the questionnaire's default whose other answers are worth naming.
    otherwise: list[str] = Field(default_factory=list)


class Amount(_Strict):
    key: str
    units: dict[str, float]
    source: str = Field(min_length=1)


class Fact(_Strict):
    set: dict[str, Any] = Field(min_length=1)
    da: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    source: str = Field(min_length=1)


class Messages(_Strict):
    yes: Text = Field(alias="yes")
    no: Text = Field(alias="no")
    verdict: Text
    rules_say: Text
    no_rule: Text
    stated: Text
    assumed: Text
    otherwise: Text
    rules_source: Text


class FactsFile(_Strict):
    yes_no_openers: Phrases
    negations: Phrases = Field(default_factory=Phrases)
    verdicts: list[VerdictSpec] = Field(min_length=1)
    amounts: list[Amount] = Field(default_factory=list)
    facts: list[Fact]
    short: dict[str, Text] = Field(default_factory=dict)
    messages: Messages


# -- matching ---------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, hyphens and slashes as spaces, one space between words."""
    return " ".join(re.sub(r"[-/–]", " ", text.lower()).split())


def phrase_re(phrase: str) -> re.Pattern[str]:
    """A phrase at the start of a word, to the end of a word ("diagnos*": to any end)."""
    stem = phrase.endswith("*")
    words = normalise(phrase.rstrip("*")).split()
    body = r"\s+".join(re.escape(w) for w in words)
    end = r"\w*" if stem else r"(?!\w)"
    return re.compile(r"(?<!\w)" + body + end)


def _first(patterns: Sequence[re.Pattern[str]], text: str) -> int | None:
    found = [m.start() for p in patterns if (m := p.search(text))]
    return min(found) if found else None


@dataclass(frozen=True)
class _FactRule:
    set: dict[str, Any]
    patterns: tuple[re.Pattern[str], ...]
    source: str


@dataclass(frozen=True)
class Stated:
    """A fact the question states: the key, its value, the words that said it."""

    key: str
    value: Any
    words: str
    source: str


@dataclass(frozen=True)
class Verdict:
    """The engine's answer to a question, written out."""

    id: str
    assessment: str
    text: str
    #: One per rule quoted: (title, ref, url) — shown as numbered sources.
    citations: list[tuple[str, str, str]]
    stated: list[Stated]
    assumed: dict[str, Any]
    outputs: dict[str, Any]
    fired: list[str] = field(default_factory=list)


class Verdicts:
    """The checked facts file together with the assessments it maps onto (plain data:
    kept in the assistant's index file with the passages, so a process that reads the
    index needs neither the facts file nor the assessments parsed).

    ``registry`` may also be a function that reads the assessments: then they are read,
    and the file checked against them, when a question first asks for a verdict (the
    content-files path, where parsing the assessments' YAML costs a second or more)."""

    def __init__(
        self,
        spec: FactsFile,
        registry: assessments.Registry | Callable[[], assessments.Registry],
    ) -> None:
        self.spec = spec
        self._registry = registry
        both = [*spec.yes_no_openers.da, *spec.yes_no_openers.en]
        self.openers = frozenset(normalise(w) for w in both)
        self.negations = [phrase_re(p) for p in (*spec.negations.da, *spec.negations.en)]
        self.asks = [(v, [phrase_re(p) for p in (*v.asks.da, *v.asks.en)]) for v in spec.verdicts]
        self.which = {
            v.id: [phrase_re(p) for p in (*v.which.da, *v.which.en)] for v in spec.verdicts
        }
        self.facts = [
            _FactRule(f.set, tuple(phrase_re(p) for p in (*f.da, *f.en)), f.source)
            for f in spec.facts
        ]
        self.amounts = [
            (a.key, _amount_re(a.units), {normalise(u): n for u, n in a.units.items()}, a.source)
            for a in spec.amounts
        ]

    @property
    def registry(self) -> assessments.Registry:
        if callable(self._registry):
            found = self._registry()
            check(self.spec, found)  # ContentErrors without lines: the file was read before
            self._registry = found
        return self._registry

    # -- finding -------------------------------------------------------------------

    def spec_for(self, question: str) -> tuple[VerdictSpec, bool] | None:
        """The verdict a question asks for, if it is a yes/no or "which" question, and
        whether it is a yes/no question."""
        text = normalise(question)
        words = text.split()
        for spec, patterns in self.asks:
            if _first(patterns, text) is None:
                continue
            yes_no = bool(words) and words[0] in self.openers
            if yes_no or _first(self.which[spec.id], text) is not None:
                # "Ja"/"Nej" only where it answers the rules' own question
                return spec, yes_no and _first(self.negations, text) is None
            return None
        return None

    def stated(self, question: str, assessment: str) -> list[Stated]:
        """The facts the question states for ``assessment``: per key the last stated (a
        follow-up's own words come last in its resolved question)."""
        a = self.registry.assessments[assessment]
        text = normalise(question)
        found: dict[str, tuple[int, Stated]] = {}
        for rule in self.facts:
            for pattern in rule.patterns:
                m = None
                for m in pattern.finditer(text):  # noqa: B007 - the last occurrence
                    pass
                if m is None:
                    continue
                for key, value in rule.set.items():
                    if a.question(key) is None:
                        continue
                    if key not in found or m.start() > found[key][0]:
                        found[key] = (m.start(), Stated(key, value, m.group(0), rule.source))
        for key, pattern, units, source in self.amounts:
            if a.question(key) is None:
                continue
            for m in pattern.finditer(text):
                try:
                    number = parse_number(m.group(1).rstrip(".,"))
                except NumberError:
                    continue
                value = number * units[m.group(2)]
                if key not in found or m.start() > found[key][0]:
                    found[key] = (m.start(), Stated(key, value, m.group(0), source))
        return [s for _pos, s in sorted(found.values(), key=lambda item: item[0])]

    # -- deciding ------------------------------------------------------------------

    def decide(
        self,
        question: str,
        lang: str,
        *,
        on_date: dt.date | None = None,
        rules_url: str | None = None,
    ) -> Verdict | None:
        """The engine's verdict on ``question`` in ``lang``, or None when the question
        is not one an assessment decides, or states none of its facts.
        ``rules_url`` (``"/assessments/{assessment}/rules/"``) links each quoted rule."""
        found = self.spec_for(question)
        if found is None:
            return None
        spec, yes_no = found
        stated = self.stated(question, spec.assessment)
        keys = {s.key for s in stated}
        if spec.requires_any and not keys & set(spec.requires_any):
            return None
        if not stated:
            return None
        answers = {k: v for k, v in spec.assume.items() if k not in keys}
        answers.update({s.key: s.value for s in stated})
        try:
            result = _engine().evaluate(
                spec.assessment, answers, on_date or dt.date.today(), self.registry
            )
        except _engine().AnswerError:
            return None  # a fact the question leaves open and no default covers
        return self._write(spec, result, stated, lang, rules_url, yes_no=yes_no)

    def _write(
        self,
        spec: VerdictSpec,
        result: assessments.Result,
        stated: list[Stated],
        lang: str,
        rules_url: str | None,
        *,
        yes_no: bool,
    ) -> Verdict:
        a = self.registry.assessments[spec.assessment]
        msg = self.spec.messages
        first = spec.outputs[0]
        value = result[first]
        lead = ""
        if yes_no:
            if _means(value, spec.yes, yes=True):
                lead = f"{msg.yes.get(lang)} – "
            elif _means(value, spec.no, yes=False):
                lead = f"{msg.no.get(lang)} – "
        sentences: list[str] = []  # the verdict
        for n, key in enumerate(spec.outputs):
            output = a.output(key)
            assert output is not None  # checked at load
            label = output.label.get(lang) if output.label else key
            if n:
                lead = ""
                label = label[:1].upper() + label[1:]
            sentences.append(
                msg.verdict.get(lang).format(
                    lead=lead,
                    label=label if not lead else _lower_first(label),
                    value=fmt(result[key], lang, a, key),
                )
            )
        citations: list[tuple[str, str, str]] = []

        def cite(rule_id: str, title: str, references: list[str]) -> int:
            ref = f"{rule_id}: {title}" + (f" ({'; '.join(references)})" if references else "")
            url = (
                rules_url.format(assessment=spec.assessment) + f"#rule-{rule_id}"
                if rules_url
                else ""
            )
            citations.append(
                (msg.rules_source.get(lang).format(title=a.spec.title.get(lang)), ref, url)
            )
            return len(citations)

        outputs = set(spec.outputs)
        quoted = [
            r
            for r in result.rules_fired
            if outputs & set(r["sets"]) or r["group"] in spec.context_groups
        ]
        reasons = [
            f"{_with_articles(r['explanation'][lang], r['references'])} "
            f"[{cite(r['id'], r['title'][lang], r['references'])}]"
            for r in quoted
        ]
        why: list[str] = []  # the rules' reasons
        if reasons:
            why.append(
                msg.rules_say.get(lang).format(
                    title=a.spec.title.get(lang), reasons=" ".join(reasons)
                )
            )
        if not any(first in r["sets"] for r in result.rules_fired):
            could = [
                (rule.id, rule.title.get(lang), rule.references)
                for group in a.spec.groups
                for rule in group.rules
                if first in rule.set and rule.set[first] != a.output(first).default  # type: ignore[union-attr]
            ]
            if could:
                listed = "; ".join(
                    f"{rid} {title} [{cite(rid, title, refs)}]" for rid, title, refs in could
                )
                why.append(msg.no_rule.get(lang).format(rules=listed))
        shown = set(result.answers)
        said = [s for s in stated if s.key in shown]
        facts: list[str] = []  # what was stated and what assumed
        if said:
            facts.append(
                msg.stated.get(lang).format(
                    facts=self._facts(a, [(s.key, s.value) for s in said], lang)
                )
            )
        relevant = self._relevant(a, spec, result)
        assumed = {
            k: v
            for k, v in {
                **{
                    k: v
                    for k, v in spec.assume.items()
                    if k in shown and k not in {s.key for s in stated}
                },
                **result.assumed,
            }.items()
            if k in relevant
        }
        if assumed:
            facts.append(
                msg.assumed.get(lang).format(facts=self._facts(a, list(assumed.items()), lang))
            )
        otherwise = self._otherwise(spec, a, result, assumed, lang)
        if otherwise:
            facts.append(msg.otherwise.get(lang).format(items=otherwise))
        return Verdict(
            id=spec.id,
            assessment=spec.assessment,
            # one line each: the verdict, the reasons, the facts
            text="\n".join(" ".join(part) for part in (sentences, why, facts) if part),
            citations=citations,
            stated=said,
            assumed=assumed,
            outputs={k: result[k] for k in spec.outputs},
            fired=[r["id"] for r in quoted],
        )

    def _otherwise(
        self,
        spec: VerdictSpec,
        a: assessments.Assessment,
        result: assessments.Result,
        assumed: Mapping[str, Any],
        lang: str,
    ) -> str:
        """What the rules conclude with another answer to an assumed fact the verdict
        names in ``otherwise``: the same engine run once per other value of the
        question; values with the same outcome are named together."""
        items = []
        for key in spec.otherwise:
            question = a.question(key)
            if key not in assumed or question is None:
                continue
            values: list[Any] = (
                list(question.choice_values) if question.type == "choice" else [True, False]
            )
            outcomes: dict[str, list[str]] = {}
            for value in values:
                if value == assumed[key]:
                    continue
                try:
                    found = _engine().evaluate(
                        a.id, {**result.answers, key: value}, result.on_date, self.registry
                    )
                except _engine().AnswerError:
                    continue
                changed = [
                    f"{_label(a, o, lang)}: {fmt(found[o], lang, a, o)}"
                    for o in spec.outputs
                    if found[o] != result[o]
                ]
                if changed:
                    outcomes.setdefault(", ".join(changed), []).append(fmt(value, lang, a, key))
            short = self.spec.short.get(key)
            name = short.get(lang) if short else key
            items += [f"{name}: {' / '.join(vals)} → {out}" for out, vals in outcomes.items()]
        return "; ".join(items)

    def _facts(self, a: assessments.Assessment, items: list[tuple[str, Any]], lang: str) -> str:
        """ "name: value; …", the facts answered "no" together at the end ("nej: a, b")."""
        parts, noes = [], []
        for key, value in items:
            short = self.spec.short.get(key)
            question = a.question(key)
            name = short.get(lang) if short else (question.text.get(lang) if question else key)
            if value is False:
                noes.append(name)
            else:
                parts.append(f"{name}: {fmt(value, lang, a, key)}")
        if noes:
            parts.append(f"{fmt(False, lang, a)}: {', '.join(noes)}")
        return "; ".join(parts)

    def _relevant(
        self, a: assessments.Assessment, spec: VerdictSpec, result: assessments.Result
    ) -> set[str]:
        """The questions the verdict's rules read: the conditions of every rule that
        sets a verdict output or belongs to a context group, through the definitions,
        tables and the rules that set the outputs they read."""
        from vejviser.assessments.core import expr

        conditions: list[str] = []
        outputs = set(spec.outputs)
        for group in a.spec.groups:
            for rule in group.rules:
                if rule.when and (outputs & set(rule.set) or group.id in spec.context_groups):
                    conditions.append(rule.when)
        names: set[str] = set()
        seen_outputs: set[str] = set()
        while conditions:
            node = expr.parse(conditions.pop())
            for name in expr.names(node):
                root = name.split(".")[0]
                if root in names:
                    continue
                names.add(root)
                if root in a.spec.definitions:
                    conditions.append(a.spec.definitions[root])
                ref = next((t for t in a.spec.tables if t.name == root), None)
                if ref is not None:
                    names.update(ref.match.values())
                if a.output(root) is not None and root not in seen_outputs:
                    seen_outputs.add(root)
                    conditions.extend(
                        rule.when
                        for group in a.spec.groups
                        for rule in group.rules
                        if rule.when and root in rule.set
                    )
        return {n for n in names if a.question(n) is not None}


def _label(a: assessments.Assessment, key: str, lang: str) -> str:
    output = a.output(key)
    return output.label.get(lang) if output is not None and output.label else key


def _with_articles(explanation: str, references: list[str]) -> str:
    """The rule's explanation with its articles, "… klasse IIa (MDR Annex VIII Rule 11)."."""
    if not references:
        return explanation
    body = explanation.rstrip()
    end = "." if body.endswith(".") else ""
    return f"{body.removesuffix(end)} ({'; '.join(references)}){end}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _means(value: Any, listed: list[str], *, yes: bool) -> bool:
    if isinstance(value, bool):
        return value is yes
    return value in listed


def _amount_re(units: Mapping[str, float]) -> re.Pattern[str]:
    names = sorted((normalise(u) for u in units), key=len, reverse=True)
    alternation = "|".join(re.escape(u) for u in names)
    return re.compile(r"(?<![\w.,])(\d[\d.,]*)\s*(" + alternation + r")(?!\w)")


# -- loading ----------------------------------------------------------------------------


def parse(data: Any, registry: assessments.Registry, path: str = PATH) -> Verdicts:
    """The facts file checked against the assessments: :class:`ContentErrors` naming
    the file (and line, where the YAML has one) for every key, value or output the
    assessments do not have."""
    spec = _validate(data, path)
    check(spec, registry, data, path)
    return Verdicts(spec, registry)


def _validate(data: Any, path: str) -> FactsFile:
    try:
        return FactsFile.model_validate(data)
    except ValidationError as exc:
        raise ContentErrors(
            [
                ContentError(
                    path, _line(data, e["loc"]), f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                )
                for e in exc.errors()
            ]
        ) from None


def check(
    spec: FactsFile, registry: assessments.Registry, data: Any = None, path: str = PATH
) -> None:
    """Every verdict's assessment, outputs and groups, every fact's key and value exist
    in ``registry``; else :class:`ContentErrors`."""
    from vejviser.assessments.core.schema import check_value

    errors: list[ContentError] = []
    known = registry.assessments

    def problem(loc: list[Any], text: str) -> None:
        errors.append(ContentError(path, _line(data, loc), text))

    def check_fact(loc: list[Any], key: str, value: Any, only: str | None = None) -> None:
        owners = [a for name, a in known.items() if only in (None, name) and a.question(key)]
        if not owners:
            problem(loc, f"{key!r} is not a question of {only or 'any assessment'}")
        for a in owners:
            question = a.question(key)
            assert question is not None
            bad = check_value(question, value)
            if bad is not None:
                problem(loc, f"{key}: {value!r}: {bad.text('en')} ({a.id})")

    seen: set[str] = set()
    for i, v in enumerate(spec.verdicts):
        loc: list[Any] = ["verdicts", i]
        if v.id in seen:
            problem([*loc, "id"], f"duplicate verdict id {v.id!r}")
        seen.add(v.id)
        a = known.get(v.assessment)
        if a is None:
            problem([*loc, "assessment"], f"unknown assessment {v.assessment!r}")
            continue
        for key in v.outputs:
            if a.output(key) is None:
                problem([*loc, "outputs"], f"{key!r} is not an output of {v.assessment}")
        for key, value in v.assume.items():
            check_fact([*loc, "assume", key], key, value, v.assessment)
        for field_name in ("requires_any", "otherwise"):
            for key in getattr(v, field_name):
                if a.question(key) is None:
                    problem([*loc, field_name], f"{key!r} is not a question of {v.assessment}")
        groups = {g.id for g in a.spec.groups}
        for g in v.context_groups:
            if g not in groups:
                problem([*loc, "context_groups"], f"{g!r} is not a group of {v.assessment}")
        if not (v.asks.da and v.asks.en):
            problem([*loc, "asks"], "asks needs Danish and English phrases")
    for i, f in enumerate(spec.facts):
        for key, value in f.set.items():
            check_fact(["facts", i, "set", key], key, value)
        if not (f.da or f.en):
            problem(["facts", i], "a fact needs words in at least one language")
    for i, amount in enumerate(spec.amounts):
        if not any(a.question(amount.key) for a in known.values()):
            problem(["amounts", i, "key"], f"{amount.key!r} is not a question of any assessment")
    for key in spec.short:
        if not any(a.question(key) for a in known.values()):
            problem(["short", key], f"{key!r} is not a question of any assessment")
    if errors:
        raise ContentErrors(errors)


def _line(data: Any, loc: Sequence[Any]) -> int | None:
    if not hasattr(data, "lc"):
        return None
    from vejviser.kernel.yamllines import line_of

    path = list(loc)
    while path:
        try:
            return line_of(data, path)
        except (KeyError, IndexError, TypeError):
            path.pop()  # a key the YAML has no position for: its parent's line
    return line_of(data, [])


def load(content_dir: Path | None = None, *, lazy: bool = False) -> Verdicts:
    """From a content folder's files (tests, the CLI's ``--content-dir``); ``lazy``:
    the assessments are read when a question first needs them."""
    from ruamel.yaml import YAML

    from vejviser.assistant.core.corpus import default_content_dir

    root = Path(content_dir or default_content_dir())
    folder = root / "assessments"
    with (folder / FACTS_FILE).open(encoding="utf-8") as fh:
        data = YAML(typ="rt").load(fh)
    if lazy:
        return Verdicts(_validate(data, PATH), functools.partial(_registry_of, folder))
    return parse(data, _engine().registry(folder), PATH)
