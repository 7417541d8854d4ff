"""Verdicts from the rule engine: a question that asks what an assessment decides and
states facts is answered by running that assessment (pure: no Django import).

"Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?" asks what the
AI Act assessment decides (``fria_required``) and states two facts (``mdr_class: IIa``,
``public_body: true``). :func:`Verdicts.decide` finds them with the word → answer map
of ``content/assessments/assistant-facts.yaml``, runs the assessment through
:func:`vejviser.assessments.core.evaluate` — the same rules the assessment pages run,
never a copy — and writes the answer as a colleague would:

1. the answer as a sentence, from the verdict's ``say`` ("Nej – en konsekvensanalyse …
   kræves ikke."), "Ja"/"Nej" in front only of a yes/no question;
2. the reasons: the fired rules' explanations with their articles, each a numbered
   source (or the rules that would have required it, when none set the answer);
3. the assumptions that decide it: every assumed fact is tried with its other answers
   on the same engine; those that change the conclusion are *pivotal*, and only they
   are said ("Antaget: … – ellers: …"), the file's own assumptions (``assume``: what a
   Danish hospital can be taken to do, with a source) before the questionnaire's
   defaults, at most :data:`MAX_PIVOTS`. All assumed facts stay in
   :attr:`Verdict.assumed`.

When the conclusion turns on exactly one ``open`` fact — one the engine needs but nobody
can assume, such as how bad a wrong decision can be under MDR Rule 11 — the answer is
"Det afhænger af …" with each value's outcome instead of a plain answer.

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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vejviser.assistant.core.factsfile import (
    FACTS_FILE,
    PATH,
    FactsFile,
    VerdictSpec,
    check,
    validate,
)
from vejviser.assistant.core.question import yes_no_clause
from vejviser.kernel.inputs import NumberError, parse_number

if TYPE_CHECKING:  # the assessments' engine is imported when a verdict is first needed
    from vejviser.assessments import core as assessments

LANGS = ("da", "en")
#: At most this many of a rule's references beside its explanation (all in its source).
MAX_REFS = 2
#: The rules' reasons in a verdict stop before this many words (the first always
#: stays): with the answer and the assumptions a verdict stays near 120 words.
MAX_REASON_WORDS = 75
#: At most this many pivotal assumptions named in a verdict.
MAX_PIVOTS = 2


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


#: A fact's words right after a negation ("ikke død", "uden profilering", "not death",
#: one word may stand between) are denied by the question, not stated.
NEGATED_BEFORE = re.compile(
    r"(?<!\w)(?:ikke|ingen|intet|uden|aldrig|not|no|without|never)\s+(?:\w+\s+)?"
    # … and the items joined to the first ("uden blodprøver eller andet biologisk
    # materiale", "without blood samples or other biological material")
    r"(?:(?:\w+\s+)?(?:eller|og|samt|or|and|nor)\s+(?:\w+\s+){0,2})*$"
)


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
    #: The assumed facts another answer to which changes the verdict.
    pivotal: list[str] = field(default_factory=list)
    #: The one fact nobody can assume that the answer turns on ("it depends"), if any.
    depends: str | None = None


@dataclass(frozen=True)
class _Pivot:
    """An assumed fact that decides the verdict: its assumed value, the other values
    grouped by the outputs they lead to, and which outputs change."""

    key: str
    value: Any
    cases: list[tuple[list[Any], dict[str, Any]]]
    changes: frozenset[str]


#: A clause offering alternatives ("…, eller skal vi …?", "…, or do we …?").
ALTERNATIVE = re.compile(r",\s*(?:eller|or)\b")


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
        self.asks_of = {v.id: patterns for v, patterns in self.asks}
        self.about_of = {
            v.id: [phrase_re(p) for p in (*v.about.da, *v.about.en)] for v in spec.verdicts
        }
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
        for spec, patterns in self.asks:
            if _first(patterns, text) is None:
                continue
            clause = yes_no_clause(text, self.openers)
            if clause is not None or _first(self.which[spec.id], text) is not None:
                # "Ja"/"Nej" only where it answers the rules' own question: not to one
                # asked the other way round ("… uden at skulle i udbud?"); a negation
                # in the context before it ("uden blodprøver. Skal det …?") is a fact;
                # nor to one that offers alternatives ("Skal vi altid lave en DPIA,
                # eller skal vi tælle kriterier?"), which "Ja" does not answer
                yes_no = (
                    clause is not None
                    and _first(self.negations, clause) is None
                    and ALTERNATIVE.search(clause) is None
                )
                return spec, yes_no
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
                # The last occurrence the question does not deny ("… men ikke død").
                m = None
                for found_here in pattern.finditer(text):
                    if not NEGATED_BEFORE.search(text, 0, found_here.start()):
                        m = found_here
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
        if self._changes_subject(question, spec):
            return None
        stated = self.stated(question, spec.assessment)
        keys = {s.key for s in stated}
        if spec.requires_any and not keys & set(spec.requires_any):
            return None
        if not stated:
            return None
        answers = {k: v for k, v in spec.assumed_answers.items() if k not in keys}
        answers.update({s.key: s.value for s in stated})
        try:
            result = _engine().evaluate(
                spec.assessment, answers, on_date or dt.date.today(), self.registry
            )
        except _engine().AnswerError:
            return None  # a fact the question leaves open and no default covers
        return self._write(spec, result, answers, stated, lang, rules_url, yes_no=yes_no)

    def _changes_subject(self, question: str, spec: VerdictSpec) -> bool:
        """A follow-up resolved as "previous question – own words" (:mod:`.followup`)
        whose own words name a topic but neither ask this verdict nor state one of its
        facts ("og hvad med GDPR?" after an MDR class): the earlier turn's facts must not
        decide it, so it gets no verdict."""
        from vejviser.assistant.core.followup import JOIN, MAX_WORDS, topic_words

        before, sep, own = question.rpartition(JOIN)
        if not sep or not before.strip() or len(own.split()) > MAX_WORDS:
            return False
        if not topic_words(own):
            return False  # "– hvorfor?": the same question, asked for its reasons
        if _first([*self.asks_of[spec.id], *self.about_of[spec.id]], normalise(own)) is not None:
            return False
        return not self.stated(own, spec.assessment)

    def _write(
        self,
        spec: VerdictSpec,
        result: assessments.Result,
        answers: Mapping[str, Any],
        stated: list[Stated],
        lang: str,
        rules_url: str | None,
        *,
        yes_no: bool,
    ) -> Verdict:
        a = self.registry.assessments[spec.assessment]
        msg = self.spec.messages
        first = spec.outputs[0]
        said_keys = {s.key for s in stated}
        relevant = self._relevant(a, spec, result)
        assumed = {
            k: v
            for k, v in {
                **{
                    k: v
                    for k, v in spec.assumed_answers.items()
                    if k in result.answers and k not in said_keys
                },
                **result.assumed,
            }.items()
            if k in relevant
        }
        # pivotal: another answer changes the conclusion (the first output)
        pivots = [p for p in self._pivots(spec, a, result, answers, assumed) if first in p.changes]
        opened = [p for p in pivots if p.key in spec.open]
        depends = opened[0] if len(opened) == 1 else None
        said = _said_pivots(spec, [p for p in pivots if p is not depends])
        outputs = {k: result[k] for k in spec.outputs}
        if depends is not None:  # the answer turns on one fact nobody can assume
            cases = [*depends.cases, ([depends.value], outputs)]
            opening = msg.depends.get(lang).format(
                fact=self._name(a, depends.key, lang),
                cases="; ".join(
                    msg.case.get(lang).format(
                        values=" / ".join(fmt(v, lang, a, depends.key) for v in values),
                        outcome=self._short(spec, a, found, lang),
                    )
                    for values, found in cases
                ),
            )
        else:
            lead = ""
            if yes_no and _means(outputs[first], spec.yes, yes=True):
                lead = msg.yes.get(lang)
            elif yes_no and _means(outputs[first], spec.no, yes=False):
                lead = msg.no.get(lang)
            clause = self._clause(spec, a, outputs, lang)
            opening = f"{lead} – {clause}." if lead else f"{_upper_first(clause)}."
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

        quoted = _quoted(result.rules_fired, spec, lang)
        reasons = [
            f"{_with_articles(r['explanation'][lang], r['references'][:MAX_REFS])} "
            f"[{cite(r['id'], r['title'][lang], r['references'])}]"
            for r in quoted
        ]
        why: list[str] = []
        if reasons:
            why.append(msg.rules_say.get(lang).format(reasons=" ".join(reasons)))
        if not any(first in r["sets"] for r in result.rules_fired):
            could = [
                (rule.id, rule.title.get(lang), rule.references)
                for group in a.spec.groups
                for rule in group.rules
                if first in rule.set and rule.set[first] != a.output(first).default  # type: ignore[union-attr]
            ]
            if could:
                # By title: the rule's id ("A9") means something on the assessment's
                # page, which the citation opens, not in a sentence.
                listed = "; ".join(
                    f"«{title}» [{cite(rid, title, refs)}]" for rid, title, refs in could
                )
                why.append(msg.no_rule.get(lang).format(rules=listed))
        items = self._assumptions(spec, a, said, lang)
        lines = [" ".join([opening, *why])]
        if items:
            lines.append(msg.assumed.get(lang).format(items="; ".join(items)))
        return Verdict(
            id=spec.id,
            assessment=spec.assessment,
            text="\n".join(lines),
            citations=citations,
            stated=[s for s in stated if s.key in result.answers],
            assumed=assumed,
            outputs=outputs,
            fired=[r["id"] for r in quoted],
            pivotal=[p.key for p in pivots],
            depends=depends.key if depends is not None else None,
        )

    def _pivots(
        self,
        spec: VerdictSpec,
        a: assessments.Assessment,
        result: assessments.Result,
        answers: Mapping[str, Any],
        assumed: Mapping[str, Any],
    ) -> list[_Pivot]:
        """The assumed facts another answer to which changes a verdict output: the same
        engine run once per other value of the question (choices, or the other of yes
        and no); values with the same outcome are kept together."""
        found: list[_Pivot] = []
        for key, value in assumed.items():
            question = a.question(key)
            if question is None:
                continue
            values: list[Any] = (
                list(question.choice_values) if question.type == "choice" else [True, False]
            )
            cases: dict[str, tuple[list[Any], dict[str, Any]]] = {}
            changes: set[str] = set()
            for other in values:
                if other == value:
                    continue
                try:
                    run = _engine().evaluate(
                        a.id, {**answers, key: other}, result.on_date, self.registry
                    )
                except _engine().AnswerError:
                    continue
                outcome = {o: run[o] for o in spec.outputs}
                changed = {o for o in spec.outputs if outcome[o] != result[o]}
                if changed:
                    changes |= changed
                    # kept together by the conclusion (the first output) they lead to
                    conclusion = repr(outcome[spec.outputs[0]])
                    cases.setdefault(conclusion, ([], outcome))[0].append(other)
            if cases:
                found.append(_Pivot(key, value, list(cases.values()), frozenset(changes)))
        return found

    def _assumptions(
        self, spec: VerdictSpec, a: assessments.Assessment, pivots: list[_Pivot], lang: str
    ) -> list[str]:
        """The pivotal assumed facts said compactly, each with what the rules conclude
        otherwise: "løsningen behandler helbredsoplysninger … – ellers: …"; an assumption
        of the file (its own words) once for all its answers."""
        msg = self.spec.messages
        first = {spec.outputs[0]}
        items: dict[str, list[str]] = {}  # the fact as said -> the other conclusions
        for pivot in pivots:
            assumption = spec.assumption(pivot.key)
            if assumption is not None:
                fact = assumption.get(lang)
            else:
                fact = f"{self._name(a, pivot.key, lang)}: {fmt(pivot.value, lang, a, pivot.key)}"
            if len(pivot.cases) == 1:
                outcomes = [self._clause(spec, a, pivot.cases[0][1], lang, only=first)]
            else:
                outcomes = [
                    msg.case.get(lang).format(
                        values=" / ".join(fmt(v, lang, a, pivot.key) for v in values),
                        outcome=self._short(spec, a, outcome, lang, only=first),
                    )
                    for values, outcome in pivot.cases
                ]
            known = items.setdefault(fact, [])
            known += [o for o in outcomes if o not in known]
        # facts with the same other conclusion are said together
        by_outcome: dict[str, list[str]] = {}
        for fact, outcomes in items.items():
            by_outcome.setdefault("; ".join(outcomes), []).append(fact)
        return [
            msg.pivot.get(lang).format(fact=", ".join(facts), outcome=outcome)
            for outcome, facts in by_outcome.items()
        ]

    def _clause(
        self,
        spec: VerdictSpec,
        a: assessments.Assessment,
        outputs: Mapping[str, Any],
        lang: str,
        only: Collection[str] | None = None,
    ) -> str:
        """The verdict's outputs as the clause that answers the question ("en FRIA …
        kræves ikke"; the file's ``say``), else "label: value"; ``only`` these outputs.
        An output other than the first is said only where ``say`` has its value."""
        parts = []
        for n, key in enumerate(spec.outputs):
            if only is not None and key not in only:
                continue
            said = spec.say.get(key, {}).get(_say_key(outputs[key]))
            if said is not None:
                parts.append(said.get(lang))
            elif n == 0 or only is not None:
                parts.append(
                    self.spec.messages.verdict.get(lang).format(
                        label=_lower_first(_label(a, key, lang)),
                        value=fmt(outputs[key], lang, a, key),
                    )
                )
        return "; ".join(parts)

    def _short(
        self,
        spec: VerdictSpec,
        a: assessments.Assessment,
        outputs: Mapping[str, Any],
        lang: str,
        only: Collection[str] | None = None,
    ) -> str:
        """An outcome in a list of cases ("… → klasse III"): a choice output's own text,
        a yes/no output's clause."""
        keys = [k for k in spec.outputs if only is None or k in only]
        output = a.output(keys[0])
        if len(keys) == 1 and output is not None and output.type == "choice":
            return fmt(outputs[keys[0]], lang, a, keys[0])
        return self._clause(spec, a, outputs, lang, only=only)

    def _name(self, a: assessments.Assessment, key: str, lang: str) -> str:
        """A fact's short name (the file's ``short``), else its question."""
        short = self.spec.short.get(key)
        question = a.question(key)
        return short.get(lang) if short else (question.text.get(lang) if question else key)

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


def _said_pivots(spec: VerdictSpec, pivots: list[_Pivot]) -> list[_Pivot]:
    """The pivotal facts an answer names: the file's own assumptions (``assume``,
    ``open``) — or, when none of them decides, the questionnaire's defaults, those in
    ``say_first`` first and never those ``quiet`` — at most :data:`MAX_PIVOTS`."""
    ours = [p for p in pivots if spec.assumption(p.key) is not None or p.key in spec.open]
    if ours:
        return ours[:MAX_PIVOTS]
    order = {key: i for i, key in enumerate(spec.say_first)}
    told = [p for p in pivots if p.key not in spec.quiet]
    return sorted(told, key=lambda p: order.get(p.key, len(order)))[:MAX_PIVOTS]


def _quoted(fired: list[dict[str, Any]], spec: VerdictSpec, lang: str) -> list[dict[str, Any]]:
    """The fired rules a verdict quotes, in the engine's order: those that set its first
    output, then its other outputs, then its context groups — while their explanations
    stay under :data:`MAX_REASON_WORDS` (the first always)."""
    first, outputs = spec.outputs[0], set(spec.outputs)
    ranked = [
        *(r for r in fired if first in r["sets"]),
        *(r for r in fired if first not in r["sets"] and outputs & set(r["sets"])),
        *(r for r in fired if not outputs & set(r["sets"]) and r["group"] in spec.context_groups),
    ]
    chosen: list[int] = []
    words = 0
    for r in ranked:
        n = len(r["explanation"][lang].split())
        if chosen and words + n > MAX_REASON_WORDS:
            continue
        chosen.append(id(r))
        words += n
    return [r for r in fired if id(r) in chosen]


def _say_key(value: Any) -> str:
    """An output's value as a key of ``say`` ("true"/"false" for a yes/no output)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


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
    spec = validate(data, path)
    check(spec, registry, data, path)
    return Verdicts(spec, registry)


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
        return Verdicts(validate(data, PATH), functools.partial(_registry_of, folder))
    return parse(data, _engine().registry(folder), PATH)
