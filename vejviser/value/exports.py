"""KPIs, award criteria and the case itself as downloads (JSON or CSV).

The content is what the core exported when the version was saved; this module only
writes it out. CSV follows the page's language: Danish uses ``;`` between fields and a
decimal comma (what Danish spreadsheets expect), English ``,`` and a decimal point.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.utils.translation import gettext as _

from vejviser.kernel.i18n import Lang

WHAT = ("kpis", "criteria", "case")


def content(what: str, data: dict[str, Any], summary: dict[str, Any]) -> Any:
    """The export's content, or ``None`` if this version has none (no tender section)."""
    if what == "case":
        return data
    return summary.get(what)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def as_csv(what: str, value: Any, lang: Lang) -> str:
    rows = _kpi_rows(value, lang) if what == "kpis" else _criteria_rows(value, lang)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "da" else ",", lineterminator="\r\n")
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()  # the BOM makes spreadsheets read UTF-8


def _number(value: Any, lang: Lang) -> str:
    if value is None:
        return ""
    text = f"{float(value):.6g}" if abs(float(value)) < 1e6 else f"{float(value):.0f}"
    return text.replace(".", ",") if lang == "da" else text


def _text(value: Any, lang: Lang) -> str:
    return str(value.get(lang, "")) if isinstance(value, dict) else str(value or "")


def _kpi_rows(kpis: list[dict[str, Any]], lang: Lang) -> list[list[str]]:
    header = [
        _("id"),
        _("KPI"),
        _("expected"),
        _("low"),
        _("high"),
        _("unit"),
        _("origin"),
        _("sources"),
    ]
    rows = [header]
    for kpi in kpis:
        sources = "; ".join(f"{s['doc']}: {s['section']}" for s in kpi.get("sources", []))
        rows.append(
            [
                kpi["id"],
                _text(kpi["name"], lang),
                _number(kpi["expected"], lang),
                _number(kpi["low"], lang),
                _number(kpi["high"], lang),
                kpi["unit"],
                kpi["origin"],
                sources,
            ]
        )
    return rows


def _criteria_rows(criteria: dict[str, Any], lang: Lang) -> list[list[str]]:
    header = [
        _("id"),
        _("kind"),
        _("criterion"),
        _("measure"),
        _("weight (%)"),
        _("expected"),
        _("low"),
        _("high"),
        _("unit"),
        _("direction"),
    ]
    rows = [header]
    for item in criteria["criteria"]:
        rows.append(
            [
                item["id"],
                item["kind"],
                _text(item["name"], lang),
                _text(item.get("measure"), lang),
                _number(item["weight_percent"], lang),
                _number(item["expected"], lang),
                _number(item.get("low"), lang),
                _number(item.get("high"), lang),
                item["unit"],
                item["direction"],
            ]
        )
    return rows
