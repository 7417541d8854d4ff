"""The AI system record as the pages show it: sections of (label, text) rows, formatted
once with the one formatter and the catalogue (the record itself keeps machine values)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from vejviser.kernel import formatting

from .core import record as core
from .core import rows

MISSING = formatting.MISSING


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    text: str
    url: str = ""
    multiline: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list[Row]


def _date(value: str | None, lang: str) -> str:
    return formatting.date(dt.date.fromisoformat(value), lang) if value else MISSING


def _yes_no(value: bool | None) -> str:
    return MISSING if value is None else _("yes") if value else _("no")


def status_label(status: str) -> str:
    return {
        core.DEVELOPMENT: _("In development"),
        core.IN_USE: _("In use"),
        core.RETIRED: _("Retired"),
    }.get(status, status)


def monitoring_label(status: str | None, open_alerts: int) -> str:
    if status == rows.RED:
        return _("Red: %(n)s open alerts") % {"n": formatting.integer(open_alerts)}
    if status == rows.AMBER:
        return _("Amber: an alert is acknowledged, not resolved")
    if status == rows.GREEN:
        return _("Green: no unresolved alerts")
    return _("No monitoring plan yet")


def dpia_label(value: str | None) -> str:
    return {
        "required": _("required"),
        "assess_and_document": _("assess and document the need"),
        "not_required": _("not required"),
    }.get(value or "", MISSING)


def sections(record: dict[str, Any], lang: str, *, public: bool = False) -> list[Section]:
    r = record
    perf = r["performance"]
    mon = r["monitoring"]
    card = r["model_card"]
    version = " ".join(p for p in (r["version"]["product"], r["version"]["version"]) if p)
    card_text = (
        _("%(title)s, version %(n)s") % {"title": card["title"], "n": card["version"]}
        if card["version"]
        else _("Not made yet")
    )
    return [
        Section(
            "system",
            _("The system"),
            [
                Row("purpose", _("Purpose"), r["purpose"] or MISSING, multiline=True),
                Row(
                    "organisation",
                    _("Organisation"),
                    " › ".join(r["organisation"]["path"]) or MISSING,
                ),
                Row("status", _("Status"), status_label(r["status"])),
                Row("product", _("Product and version"), version or MISSING),
                Row("vendor", _("Vendor"), r["version"]["vendor"] or MISSING),
                Row("contract", _("Contract ends"), _date(r["contract"]["end"], lang)),
                Row("contact", _("Contact role"), r["contact"]["label"] or MISSING),
            ],
        ),
        Section(
            "law",
            _("Law and risk"),
            [
                Row(
                    "legal-basis",
                    _("Legal basis"),
                    "\n".join(f"{b['reference']}: {b['text']}" for b in r["legal_basis"])
                    or MISSING,
                    multiline=True,
                ),
                Row("ai-act", _("AI Act risk tier"), r["risk"]["ai_act_label"] or MISSING),
                Row("mdr", _("MDR class"), r["risk"]["mdr_label"] or MISSING),
                Row("dpia", _("Impact assessment (DPIA)"), dpia_label(r["data"]["dpia"])),
            ],
        ),
        Section(
            "use",
            _("Use and data"),
            [
                Row(
                    "oversight",
                    _("Human oversight"),
                    r["human_oversight"] or MISSING,
                    multiline=True,
                ),
                Row("data", _("Data"), r["data"]["description"] or MISSING, multiline=True),
                Row("personal-data", _("Personal data"), _yes_no(r["data"]["personal_data"])),
                Row(
                    "sensitive-data",
                    _("Health data (special category)"),
                    _yes_no(r["data"]["sensitive_data"]),
                ),
            ],
        ),
        Section(
            "results",
            _("Performance and monitoring"),
            [
                Row("performance", _("Local validation"), perf["headline"] or MISSING),
                Row("validated", _("Validated on"), _date(perf["date"], lang)),
                Row(
                    "monitoring",
                    _("Monitoring"),
                    monitoring_label(mon["status"], mon["open_alerts"]),
                ),
                Row(
                    "in-operation", _("In operation since"), _date(mon["in_operation_since"], lang)
                ),
                Row("revalidation", _("Next re-validation"), _date(mon["next_revalidation"], lang)),
                Row(
                    "model-card",
                    _("Model card (CHAI)"),
                    card_text,
                    url="" if public else (card["url"] or ""),
                ),
            ],
        ),
    ]
