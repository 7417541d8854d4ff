"""A job's result rows for the page: label and figures formatted in the page's language.

A handler stores ``result["rows"]``: ``{"label": {"msgid", "params"}, "value": x,
"as": "money" | "pct" | "num" | "int" | "text", "compare": y}`` (``compare``: the same
figure from elsewhere, e.g. the version's own simulation).
"""

from __future__ import annotations

from typing import Any

from vejviser.kernel import formatting
from vejviser.lib.i18n import active_lang, show

from .models import Job, as_message


def _fmt(value: Any, how: str, lang: str) -> str:
    if value is None:
        return "–"
    if how == "money":
        return formatting.money(value, lang)
    if how == "pct":
        return formatting.percent(value, lang)
    if how == "int":
        return formatting.integer(value, lang)
    if how == "num":
        return formatting.number(value, lang)
    return str(value)


def result_rows(job: Job) -> list[dict[str, str]]:
    lang = active_lang()
    rows = []
    for row in job.result.get("rows", []):
        how = str(row.get("as", "num"))
        rows.append(
            {
                "label": show(as_message(row.get("label", {}))),
                "value": _fmt(row.get("value"), how, lang),
                "compare": _fmt(row.get("compare"), how, lang) if "compare" in row else "",
            }
        )
    return rows


def compare_label(job: Job) -> str:
    return show(as_message(job.result.get("compare_label", {})))
