"""Plain-language text for assessment results, in Danish and English (pure).

Every word comes from the content files: the rules' explanation templates, the labels
of questions, outputs and terms, and the engine's own words in ``index.yaml``. Templates
use ``{name}`` or ``{name.field}`` placeholders — nothing else is interpreted, so a
template can never run code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vejviser.kernel import formatting

from .loader import PLACEHOLDER, Assessment

if TYPE_CHECKING:
    from .result import Result


def ui(assessment: Assessment, key: str, lang: str, **values: Any) -> str:
    """One of the engine's own phrases, with ``{placeholders}`` filled from ``values``."""
    text = assessment.ui[key].get(lang)
    return PLACEHOLDER.sub(lambda m: _plain_str(values.get(m.group(1), m.group(0)), lang), text)


def _plain_str(value: Any, lang: str) -> str:
    if isinstance(value, dt.date):
        return formatting.date(value, lang)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formatting.number(value, lang)
    return str(value)


def fmt(value: Any, lang: str, assessment: Assessment, name: str | None = None) -> str:
    """A value as a reader sees it: choice labels, yes/no, numbers and dates by the one
    formatter (:mod:`vejviser.kernel.formatting`)."""
    if value is None:
        return ui(assessment, "unknown", lang)
    if isinstance(value, bool):
        return ui(assessment, "yes" if value else "no", lang)
    if isinstance(value, int | float):
        return formatting.number(value, lang)
    if isinstance(value, dt.date):
        return formatting.date(value, lang)
    if isinstance(value, list):
        if not value:
            return ui(assessment, "empty", lang)
        return "; ".join(fmt(v, lang, assessment, name) for v in value)
    if isinstance(value, str):
        return label(value, lang, assessment, name)
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {fmt(v, lang, assessment)}" for k, v in value.items())
    return str(value)


def plain(value: Any) -> str:
    """A value a rule sets, as written in the content (``true``, ``[a, b]``, an expression)."""
    if isinstance(value, Mapping) and set(value) == {"expr"}:
        return str(value["expr"])
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def label(value: str, lang: str, assessment: Assessment, name: str | None) -> str:
    """The label of a choice or term value; the value itself when it has none."""
    if name is not None:
        q = assessment.question(name)
        choices = q.choices if q is not None else []
        o = assessment.output(name)
        if o is not None:
            choices = o.choices
        for c in choices:
            if c.value == value:
                return c.text.get(lang)
    term = assessment.spec.terms.get(value)
    if term is not None:
        return term.text.get(lang)
    return value


def fill(template: str, env: Mapping[str, Any], lang: str, assessment: Assessment) -> str:
    """Fill ``{name}`` / ``{name.field}`` from ``env``; values are shown with :func:`fmt`."""

    def one(m: Any) -> str:
        path = m.group(1).split(".")
        value = env.get(path[0])
        for part in path[1:]:
            value = value.get(part) if isinstance(value, Mapping) else None
        return fmt(value, lang, assessment, path[0] if len(path) == 1 else None)

    return PLACEHOLDER.sub(one, template)


def explanation(result: Result, assessment: Assessment, env: Mapping[str, Any], lang: str) -> str:
    """The whole explanation: headline, result, reasons, schedule, caveats, references."""
    a = assessment
    lines = [fill(a.spec.headline.get(lang), env, lang, a), "", ui(a, "result", lang) + ":"]
    for o in a.spec.outputs:
        value = result.outputs.get(o.key)
        if o.display is not None and isinstance(value, Mapping):
            shown = fill(o.display.get(lang), env, lang, a)
        elif o.type == "list" and value:
            items = [f"  - {_term_line(v, lang, a)}" for v in value]
            lines.append(f"- {o.label.get(lang)}:")
            lines.extend(items)
            continue
        else:
            shown = fmt(value, lang, a, o.key)
        lines.append(f"- {o.label.get(lang)}: {shown}")
    lines += ["", ui(a, "reasons", lang) + ":"]
    for fired in result.rules_fired:
        refs = "; ".join(fired["references"])
        lines.append(f"- [{fired['id']}] {fired['explanation'][lang]} ({refs})")
    if result.application_dates:
        lines += ["", ui(a, "schedule", lang, date=result.on_date) + ":"]
        for m in result.application_dates:
            parts = [
                ui(
                    a,
                    "schedule_line",
                    lang,
                    regime=d["label"][lang],
                    date=as_date(d["date"]),
                    state=ui(
                        a, "in_application" if d["in_application"] else "not_in_application", lang
                    ),
                )
                for d in m["dates"]
            ]
            lines.append(f"- {m['label'][lang]}: " + "; ".join(parts))
    if result.assumed:
        lines += ["", ui(a, "assumed", lang) + ":"]
        for key, value in result.assumed.items():
            q = a.question(key)
            text = q.text.get(lang) if q is not None else key
            lines.append(f"- {text} ({key}) = {fmt(value, lang, a, key)}")
    if result.ignored_answers:
        lines += ["", ui(a, "ignored", lang) + ": " + ", ".join(result.ignored_answers)]
    if result.warnings:
        lines += ["", ui(a, "warnings", lang) + ":"]
        lines.extend(f"- {w.get(lang)}" for w in result.warnings)
    lines += ["", ui(a, "references", lang) + ": " + "; ".join(result.references)]
    rs = result.ruleset
    lines.append(
        ui(
            a,
            "ruleset",
            lang,
            id=a.id,
            version=rs["version"],
            reviewed=as_date(rs["reviewed"]),
            next_review=as_date(rs["next_review"]),
        )
        + " "
        + ui(a, "disclaimer", lang)
    )
    return "\n".join(lines)


def as_date(value: Any) -> Any:
    """A date kept as ISO text in a result, as a date (shown by the one formatter)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _term_line(value: str, lang: str, a: Assessment) -> str:
    term = a.spec.terms.get(value)
    if term is None:
        return value
    ref = f" ({term.reference})" if term.reference else ""
    return term.text.get(lang) + ref
