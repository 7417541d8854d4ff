"""The result of an assessment: what it found, why, under which law, on which date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from vejviser.kernel.schema import Text

from .engine import Evaluation
from .loader import Assessment
from .render import explanation, ui


@dataclass(frozen=True)
class Result:
    """One run of an assessment. ``to_dict()`` is its JSON form (what a project stores).

    ``result["tier"]`` reads an output field directly.
    """

    assessment: str
    title: Text
    on_date: dt.date
    ruleset: dict[str, str]
    answers: dict[str, Any]
    assumed: dict[str, Any]
    ignored_answers: list[str]
    outputs: dict[str, Any]
    rules_fired: list[dict[str, Any]]
    references: list[str]
    application_dates: list[dict[str, Any]]
    warnings: list[Text]
    explanation: Text
    terms: dict[str, dict[str, Any]]

    def __getitem__(self, key: str) -> Any:
        return self.outputs[key]

    @property
    def fired_ids(self) -> list[str]:
        return [r["id"] for r in self.rules_fired]

    def to_dict(self) -> dict[str, Any]:
        """Output fields at the top level (``tier``, ``references`` …) plus the context."""
        data: dict[str, Any] = {
            "assessment": self.assessment,
            "title": self.title.model_dump(),
            "date": self.on_date,
            "ruleset": self.ruleset,
            **self.outputs,
            "outputs": list(self.outputs),
            "references": self.references,
            "rules_fired": self.rules_fired,
            "application_dates": self.application_dates,
            "warnings": [w.model_dump() for w in self.warnings],
            "answers": self.answers,
            "assumed": self.assumed,
            "ignored_answers": self.ignored_answers,
            "terms": self.terms,
            "explanation": self.explanation.model_dump(),
        }
        result: dict[str, Any] = jsonable(data)
        return result


def jsonable(value: Any) -> Any:
    """Dates as ISO text, tuples as lists, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def build(ev: Evaluation) -> Result:
    """Turn the engine's raw :class:`Evaluation` into a :class:`Result`."""
    a = ev.assessment
    spec = a.spec
    references: list[str] = []
    for f in ev.fired:
        references.extend(r for r in f.references if r not in references)
    milestone_ids: list[str] = []
    for f in ev.fired:
        milestone_ids.extend(m for m in f.rule.milestones if m not in milestone_ids)
    schedule = [_milestone(a, mid, ev.on_date) for mid in milestone_ids]
    terms = {
        item: {**spec.terms[item].text.model_dump(), "reference": spec.terms[item].reference}
        for o in spec.outputs
        if o.type == "list"
        for item in ev.outputs.get(o.key) or []
        if item in spec.terms
    }
    result = Result(
        assessment=a.id,
        title=spec.title,
        on_date=ev.on_date,
        ruleset={
            "version": spec.ruleset.version,
            "reviewed": spec.ruleset.reviewed.isoformat(),
            "next_review": spec.ruleset.next_review.isoformat(),
            "source": spec.ruleset.source,
        },
        answers=ev.answers,
        assumed=ev.assumed,
        ignored_answers=ev.ignored,
        outputs=ev.outputs,
        rules_fired=[
            {
                "id": f.rule.id,
                "group": f.group,
                "title": f.rule.title.model_dump(),
                "references": f.references,
                "sets": list(f.rule.set),
                "explanation": f.explanation.model_dump(),
                "valid_from": f.rule.valid_from.isoformat(),
                "valid_to": f.rule.valid_to.isoformat() if f.rule.valid_to else None,
                "review_by": f.rule.review_by.isoformat(),
            }
            for f in ev.fired
        ],
        references=references,
        application_dates=schedule,
        warnings=_warnings(ev, schedule),
        explanation=Text(da="-", en="-"),
        terms=terms,
    )
    text = Text(
        da=explanation(result, a, ev.env, "da"),
        en=explanation(result, a, ev.env, "en"),
    )
    return replace(result, explanation=text)


def _milestone(a: Assessment, mid: str, on_date: dt.date) -> dict[str, Any]:
    m = next(m for m in a.spec.milestones if m.id == mid)
    dates = []
    for regime_id, when in m.dates.items():
        regime = a.spec.regimes[regime_id]
        dates.append(
            {
                "regime": regime_id,
                "label": regime.label.model_dump(),
                "status": regime.status,
                "reference": regime.reference,
                "date": when.isoformat(),
                "in_application": when <= on_date,
            }
        )
    return {"id": m.id, "label": m.label.model_dump(), "dates": dates}


def _warnings(ev: Evaluation, schedule: list[dict[str, Any]]) -> list[Text]:
    a = ev.assessment
    warnings: list[Text] = [f.warning for f in ev.fired if f.warning is not None]
    shown_regimes: list[str] = []
    for m in schedule:
        shown_regimes.extend(d["regime"] for d in m["dates"] if d["regime"] not in shown_regimes)
    for rid in shown_regimes:
        regime = a.spec.regimes[rid]
        if regime.status == "unconfirmed":
            warnings.append(
                regime.note
                or _both(a, "regime_unconfirmed", regime=regime.label.da, regime_en=regime.label.en)
            )
    overdue = [
        f"{f.rule.id} ({f.rule.review_by.isoformat()})"
        for f in ev.fired
        if f.rule.review_by < ev.on_date
    ]
    if a.spec.ruleset.next_review < ev.on_date:
        overdue.insert(0, f"{a.id} {a.spec.ruleset.version} ({a.spec.ruleset.next_review})")
    if overdue:
        warnings.append(_both(a, "review_overdue", items=", ".join(overdue)))
    for name in ev.outside_tables:
        table = a.tables[name].spec
        periods = sorted(table.periods, key=lambda p: p.valid_from)
        warnings.append(
            Text(
                da=ui(
                    a,
                    "table_outside",
                    "da",
                    table=table.title.da,
                    date=ev.on_date,
                    first=periods[0].valid_from,
                    last=periods[-1].valid_to,
                ),
                en=ui(
                    a,
                    "table_outside",
                    "en",
                    table=table.title.en,
                    date=ev.on_date,
                    first=periods[0].valid_from,
                    last=periods[-1].valid_to,
                ),
            )
        )
    return warnings


def _both(a: Assessment, key: str, **values: Any) -> Text:
    da = {k: v for k, v in values.items() if not k.endswith("_en")}
    en = {k.removesuffix("_en"): v for k, v in values.items() if k.endswith("_en")}
    return Text(da=ui(a, key, "da", **da), en=ui(a, key, "en", **{**da, **en}))
