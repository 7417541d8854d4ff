"""The assistant's facts file (``content/assessments/assistant-facts.yaml``): its schema
and its check against the assessments (pure: no Django import). Which questions an
assessment decides, the words by which a question states the facts it asks for, and
the sentences a verdict is written with; :mod:`.verdict` answers with it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import Text

if TYPE_CHECKING:
    from vejviser.assessments import core as assessments

FACTS_FILE = "assistant-facts.yaml"
PATH = f"content/assessments/{FACTS_FILE}"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Phrases(_Strict):
    da: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class Assumption(_Strict):
    """What Vejviser's users (Danish hospitals) can be taken to do where a question does
    not say: the answers, the source, and the words that say it as assumed."""

    set: dict[str, Any] = Field(min_length=1)
    source: str = Field(min_length=1)
    da: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.da


class VerdictSpec(_Strict):
    id: str
    assessment: str
    outputs: list[str] = Field(min_length=1)
    asks: Phrases
    which: Phrases = Field(default_factory=Phrases)
    #: Words that name the verdict's subject without asking it ("AI-forordningen" for
    #: the risk tier): a follow-up naming it ("og hvad med AI-forordningen?") keeps the
    #: verdict, but a question is not taken to ask it for naming them.
    about: Phrases = Field(default_factory=Phrases)
    yes: list[str] = Field(default_factory=list)
    no: list[str] = Field(default_factory=list, alias="no")
    assume: list[Assumption] = Field(default_factory=list)
    #: Answers the engine needs that nobody can assume: an answer resting on one of
    #: them alone is "it depends".
    open: dict[str, Any] = Field(default_factory=dict)
    #: Per output and value ("true"/"false" for a yes/no output), the clause that
    #: answers the question.
    say: dict[str, dict[str, Text]] = Field(default_factory=dict)
    requires_any: list[str] = Field(default_factory=list)
    context_groups: list[str] = Field(default_factory=list)
    #: The questionnaire's defaults that decide the answer are said in this order (the
    #: rest after them, in the questionnaire's order): the fact an asker most likely
    #: left unsaid first ("bilag III-område" before "forbudt praksis").
    say_first: list[str] = Field(default_factory=list)
    #: Defaults never said as assumed, though they decide the answer: a fact that is not
    #: the open point of any clinical AI ("forbudt praksis (art. 5): nej – ellers: …
    #: forbudt" in every risk-tier answer says nothing to the asker).
    quiet: list[str] = Field(default_factory=list)

    @property
    def assumed_answers(self) -> dict[str, Any]:
        """The answers of ``assume`` and ``open`` together."""
        found: dict[str, Any] = {}
        for assumption in self.assume:
            found.update(assumption.set)
        return {**found, **self.open}

    def assumption(self, key: str) -> Assumption | None:
        return next((a for a in self.assume if key in a.set), None)


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
    depends: Text
    case: Text
    assumed: Text
    pivot: Text
    rules_source: Text


class FactsFile(_Strict):
    yes_no_openers: Phrases
    negations: Phrases = Field(default_factory=Phrases)
    verdicts: list[VerdictSpec] = Field(min_length=1)
    amounts: list[Amount] = Field(default_factory=list)
    facts: list[Fact]
    short: dict[str, Text] = Field(default_factory=dict)
    messages: Messages


def validate(data: Any, path: str = PATH) -> FactsFile:
    """The file as a :class:`FactsFile`, or :class:`ContentErrors` naming its lines."""
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
        for j, assumption in enumerate(v.assume):
            for key, value in assumption.set.items():
                check_fact([*loc, "assume", j, "set", key], key, value, v.assessment)
        for key, value in v.open.items():
            check_fact([*loc, "open", key], key, value, v.assessment)
        for key, said in v.say.items():
            output = a.output(key)
            if output is None or key not in v.outputs:
                problem([*loc, "say", key], f"{key!r} is not an output of verdict {v.id}")
                continue
            allowed = (
                {"true", "false"} if output.type == "bool" else {c.value for c in output.choices}
            )
            for value in said:
                if value not in allowed:
                    problem([*loc, "say", key, value], f"{key}: {value!r} is not a value")
        for field in ("requires_any", "say_first", "quiet"):
            for key in getattr(v, field):
                if a.question(key) is None:
                    problem([*loc, field], f"{key!r} is not a question of {v.assessment}")
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
