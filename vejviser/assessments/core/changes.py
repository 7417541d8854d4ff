"""What changed between two runs of an assessment, and why (pure: no Django import).

A project re-runs an assessment when its answers change, when time passes (an
application date is reached) or when the rules change (a new rule-set version). The
diff names each changed output with the rules that decide it now and decided it before,
next to the changed answers, date and rule-set version that explain the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vejviser.kernel.schema import Text

from .loader import Assessment
from .render import as_date, fmt, ui
from .result import Result, jsonable


@dataclass(frozen=True)
class FieldChange:
    key: str
    before: Any
    after: Any
    rules_before: list[str] = field(default_factory=list)
    rules_after: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Diff:
    assessment: str
    date: tuple[str, str] | None
    ruleset: tuple[str, str] | None
    answers: list[FieldChange]
    outputs: list[FieldChange]
    rules_added: list[str]
    rules_removed: list[str]
    references_added: list[str]
    references_removed: list[str]
    now_applying: list[dict[str, Any]]  # application dates passed since the last run
    explanation: Text

    @property
    def changed(self) -> bool:
        """True when the result (outputs, rules or references) differs."""
        return bool(
            self.outputs
            or self.rules_added
            or self.rules_removed
            or self.references_added
            or self.references_removed
            or self.now_applying
        )

    def to_dict(self) -> dict[str, Any]:
        data = {
            "assessment": self.assessment,
            "changed": self.changed,
            "date": list(self.date) if self.date else None,
            "ruleset": list(self.ruleset) if self.ruleset else None,
            "answers": [vars(c) for c in self.answers],
            "outputs": [vars(c) for c in self.outputs],
            "rules_added": self.rules_added,
            "rules_removed": self.rules_removed,
            "references_added": self.references_added,
            "references_removed": self.references_removed,
            "now_applying": self.now_applying,
            "explanation": self.explanation.model_dump(),
        }
        result: dict[str, Any] = jsonable(data)
        return result


def diff(previous: Result | dict[str, Any], new: Result | dict[str, Any], a: Assessment) -> Diff:
    """Compare two results of assessment ``a`` (as :class:`Result` or stored ``to_dict()``)."""
    old = previous.to_dict() if isinstance(previous, Result) else previous
    cur = new.to_dict() if isinstance(new, Result) else new
    if old.get("assessment") != cur.get("assessment"):
        raise ValueError("cannot compare results of different assessments")

    def setters(result: dict[str, Any], key: str) -> list[str]:
        return [r["id"] for r in result.get("rules_fired", []) if key in r.get("sets", [])]

    answers_before, answers_after = old.get("answers", {}), cur.get("answers", {})
    answers = [
        FieldChange(k, answers_before.get(k), answers_after.get(k))
        for k in _keys(answers_before, answers_after)
        if answers_before.get(k) != answers_after.get(k)
    ]
    outputs = [
        FieldChange(k, old.get(k), cur.get(k), setters(old, k), setters(cur, k))
        for k in _keys(old.get("outputs", []), cur.get("outputs", []))
        if old.get(k) != cur.get(k)
    ]
    ids_before = [r["id"] for r in old.get("rules_fired", [])]
    ids_after = [r["id"] for r in cur.get("rules_fired", [])]
    refs_before, refs_after = old.get("references", []), cur.get("references", [])
    version = (
        old.get("ruleset", {}).get("version", "?"),
        cur.get("ruleset", {}).get("version", "?"),
    )
    date = (str(old.get("date")), str(cur.get("date")))
    d = Diff(
        assessment=str(cur.get("assessment")),
        date=date if date[0] != date[1] else None,
        ruleset=version if version[0] != version[1] else None,
        answers=answers,
        outputs=outputs,
        rules_added=[r for r in ids_after if r not in ids_before],
        rules_removed=[r for r in ids_before if r not in ids_after],
        references_added=[r for r in refs_after if r not in refs_before],
        references_removed=[r for r in refs_before if r not in refs_after],
        now_applying=_now_applying(old, cur),
        explanation=Text(da="-", en="-"),
    )
    text = Text(da=_explain(d, a, "da"), en=_explain(d, a, "en"))
    return Diff(**{**vars(d), "explanation": text})


def _now_applying(old: dict[str, Any], cur: dict[str, Any]) -> list[dict[str, Any]]:
    """Application dates (per regime) that apply now but did not at the previous run."""
    before = {
        (m["id"], d["regime"]): d["in_application"]
        for m in old.get("application_dates", [])
        for d in m["dates"]
    }
    return [
        {"milestone": m["label"], "regime": d["label"], "date": d["date"]}
        for m in cur.get("application_dates", [])
        for d in m["dates"]
        if d["in_application"] and before.get((m["id"], d["regime"])) is False
    ]


def _keys(before: Any, after: Any) -> list[str]:
    keys = list(before)
    keys.extend(k for k in after if k not in keys)
    return keys


def _explain(d: Diff, a: Assessment, lang: str) -> str:
    lines: list[str] = []
    if d.date:
        lines.append(
            ui(a, "diff_date", lang, before=as_date(d.date[0]), after=as_date(d.date[1]))
        )
    if d.ruleset:
        lines.append(ui(a, "diff_version", lang, before=d.ruleset[0], after=d.ruleset[1]))
    for c in d.answers:
        q = a.question(c.key)
        name = q.text.get(lang) if q else c.key
        lines.append(
            ui(
                a,
                "diff_answer",
                lang,
                field=f"{name} ({c.key})",
                before=fmt(c.before, lang, a, c.key),
                after=fmt(c.after, lang, a, c.key),
            )
        )
    for c in d.outputs:
        o = a.output(c.key)
        name = o.label.get(lang) if o else c.key
        line = ui(
            a,
            "diff_field",
            lang,
            field=name,
            before=_show(c.before, lang, a, c.key),
            after=_show(c.after, lang, a, c.key),
        )
        because = ui(
            a,
            "diff_because",
            lang,
            now=", ".join(c.rules_after) or "-",
            before=", ".join(c.rules_before) or "-",
        )
        lines.append(f"{line} {because}")
    for item in d.now_applying:
        lines.append(
            ui(
                a,
                "diff_applies",
                lang,
                milestone=item["milestone"][lang],
                regime=item["regime"][lang],
                date=as_date(item["date"]),
            )
        )
    for rid in d.rules_added:
        lines.append(ui(a, "diff_rule_added", lang, rule=rid))
    for rid in d.rules_removed:
        lines.append(ui(a, "diff_rule_removed", lang, rule=rid))
    if not d.changed:
        lines.append(ui(a, "diff_none", lang))
    return "\n".join(f"- {line}" for line in lines)


def _show(value: Any, lang: str, a: Assessment, key: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {fmt(v, lang, a)}" for k, v in value.items())
    return fmt(value, lang, a, key)
