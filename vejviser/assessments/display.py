"""A stored result (``Result.to_dict()``) and the rules, ready for a template in one language.

Every word comes from the result (which holds Danish and English) or from the content
via the core's own formatting (``fmt``, ``fill``, ``ui``); nothing is written here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from vejviser.kernel import formatting

from . import core
from .content import registry
from .core.render import fill, fmt, plain, ui


@dataclass(frozen=True)
class Item:
    text: str
    reference: str | None


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    value: str
    items: list[Item] = field(default_factory=list)
    is_list: bool = False


@dataclass(frozen=True)
class Reason:
    id: str
    title: str
    explanation: str
    references: list[str]
    valid_from: str
    valid_to: str | None
    review_by: str


@dataclass(frozen=True)
class DateRow:
    milestone: str
    regime: str
    reference: str
    date: str
    unconfirmed: bool
    applies: bool


@dataclass(frozen=True)
class Answer:
    key: str
    question: str
    value: str


@dataclass(frozen=True)
class ResultView:
    assessment: str
    title: str
    headline: str
    on_date: str
    outcomes: list[Outcome]
    reasons: list[Reason]
    dates: list[DateRow]
    schedule_heading: str
    warnings: list[str]
    assumed: list[Answer]
    answers: list[Answer]
    ignored: list[str]
    references: list[str]
    ruleset: dict[str, str]
    ruleset_line: str
    disclaimer: str


def result_view(result: dict[str, Any], lang: str) -> ResultView:
    a = core.get_questionnaire(str(result["assessment"]), registry())
    outcomes = []
    for o in a.spec.outputs:
        value = result.get(o.key, o.default)
        if o.type == "list":
            terms = result.get("terms", {})
            items = [
                Item(terms[v][lang], terms[v].get("reference")) if v in terms else Item(v, None)
                for v in value or []
            ]
            outcomes.append(
                Outcome(o.key, o.label.get(lang), fmt([], lang, a), items, is_list=True)
            )
        elif o.display is not None and isinstance(value, dict):
            shown = fill(o.display.get(lang), result, lang, a)
            outcomes.append(Outcome(o.key, o.label.get(lang), shown))
        else:
            outcomes.append(Outcome(o.key, o.label.get(lang), fmt(value, lang, a, o.key)))
    reasons = [
        Reason(
            r["id"],
            r["title"][lang],
            r["explanation"][lang],
            r["references"],
            _day(r["valid_from"], lang, "short"),
            _day(r["valid_to"], lang, "short") if r.get("valid_to") else None,
            _day(r["review_by"], lang, "short"),
        )
        for r in result.get("rules_fired", [])
    ]
    dates = [
        DateRow(
            m["label"][lang],
            d["label"][lang],
            d["reference"],
            _day(d["date"], lang),
            d["status"] == "unconfirmed",
            d["in_application"],
        )
        for m in result.get("application_dates", [])
        for d in m["dates"]
    ]
    rs = result["ruleset"]
    return ResultView(
        assessment=a.id,
        title=result["title"][lang],
        headline=headline(result, lang),
        on_date=_day(result["date"], lang),
        outcomes=outcomes,
        reasons=reasons,
        dates=dates,
        schedule_heading=ui(a, "schedule", lang, date=_day(result["date"], lang)),
        warnings=[w[lang] for w in result.get("warnings", [])],
        assumed=_answers(a, result.get("assumed", {}), lang),
        answers=_answers(a, result.get("answers", {}), lang),
        ignored=[_question(a, k, lang) for k in result.get("ignored_answers", [])],
        references=result.get("references", []),
        ruleset=rs,
        ruleset_line=ui(
            a,
            "ruleset",
            lang,
            id=a.id,
            version=rs["version"],
            reviewed=_day(rs["reviewed"], lang),
            next_review=_day(rs["next_review"], lang),
        ),
        disclaimer=ui(a, "disclaimer", lang),
    )


def _day(iso: Any, lang: str, style: str = "long") -> str:
    """A date stored as ISO text (``2026-08-02``) as the page shows it (``2. august 2026``)."""
    try:
        return formatting.date(dt.date.fromisoformat(str(iso)), lang, style)
    except ValueError:
        return str(iso)


def headline(result: dict[str, Any], lang: str) -> str:
    """The result in one sentence: the first line of the core's explanation."""
    return str(result["explanation"][lang]).split("\n", 1)[0]


def _question(a: core.Assessment, key: str, lang: str) -> str:
    q = a.question(key)
    return q.text.get(lang) if q is not None else key


def _answers(a: core.Assessment, answers: dict[str, Any], lang: str) -> list[Answer]:
    return [Answer(k, _question(a, k, lang), fmt(v, lang, a, k)) for k, v in answers.items()]


def diff_lines(diff: dict[str, Any] | None, lang: str) -> list[str]:
    """The core's "what changed and why" explanation as lines (its Markdown list items)."""
    if not diff:
        return []
    text = str(diff["explanation"][lang])
    return [line.removeprefix("- ") for line in text.splitlines() if line.strip()]


# --- the rules, for the lawyer's check ------------------------------------------------------


@dataclass(frozen=True)
class RuleRow:
    id: str
    title: str
    condition: str
    otherwise: bool
    sets: list[str]
    references: list[str]
    valid_from: str
    valid_to: str
    review_by: str
    explanation: str


@dataclass(frozen=True)
class GroupView:
    id: str
    title: str
    mode: str
    rules: list[RuleRow]


@dataclass(frozen=True)
class RulesView:
    id: str
    title: str
    summary: str
    ruleset: Any
    columns: list[str]
    otherwise: str
    groups: list[GroupView]
    definitions_heading: str
    definitions: dict[str, str]
    questions: list[tuple[str, str, str]]  # key, text, shown when


def rules_view(a: core.Assessment, lang: str) -> RulesView:
    groups = [
        GroupView(
            g.id,
            g.title.get(lang),
            g.mode,
            [
                RuleRow(
                    r.id,
                    r.title.get(lang),
                    r.when or "",
                    r.otherwise,
                    [f"{k} = {plain(v)}" for k, v in r.set.items()],
                    r.references,
                    formatting.date(r.valid_from, lang, "short"),
                    formatting.date(r.valid_to, lang, "short") if r.valid_to else "",
                    formatting.date(r.review_by, lang, "short"),
                    r.explain.get(lang),
                )
                for r in g.rules
            ],
        )
        for g in a.spec.groups
    ]
    return RulesView(
        id=a.id,
        title=a.spec.title.get(lang),
        summary=a.spec.summary.get(lang),
        ruleset=a.spec.ruleset,
        columns=[c.strip() for c in ui(a, "rules_columns", lang).split("|")],
        otherwise=ui(a, "rules_otherwise", lang),
        groups=groups,
        definitions_heading=ui(a, "rules_definitions", lang),
        definitions=dict(a.spec.definitions),
        questions=[(q.key, q.text.get(lang), q.visible_if or "") for q in a.questions],
    )
