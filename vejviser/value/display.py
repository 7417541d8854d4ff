"""A stored version's figures arranged for the result page (labels in the page's language).

Reads only what was stored with the version (``data`` and ``summary``); nothing is
recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from vejviser.kernel.formatting import MISSING, number, percent_interval
from vejviser.kernel.i18n import Lang

from .models import Stage

TOP_DRIVERS = 3

SETTING_LABELS = {
    "horizon_years": _("Horizon (operating years)"),
    "discount_rate_percent": _("Discount rate (%)"),
    "hours_per_fte": _("Hours per full-time equivalent"),
    "ramp_percent": _("Share in use in the first years (%)"),
}

#: Units as a clinician reads them next to a field.
UNITS = {
    "DKK": _("DKK"),
    "DKK/year": _("DKK a year"),
    "DKK/hour": _("DKK an hour"),
    "DKK/case": _("DKK per case"),
    "hours": _("hours"),
    "minutes": _("minutes"),
    "count": _("count"),
    "count/year": _("a year"),
    "percent": "%",
    "percent/year": _("% a year"),
}

#: Where an assumption comes from.
ORIGINS = {
    "seed": _("from a source document"),
    "ours": _("our assumption"),
    "vendor": _("vendor's figure"),
    "local": _("local data"),
}


def unit_text(unit: str) -> str:
    """A unit in the page's language (``DKK/year`` -> ``kr. pr. år``)."""
    return str(UNITS.get(unit, unit))


def origin_text(origin: str) -> str:
    return str(ORIGINS.get(origin, origin))


@dataclass(frozen=True)
class TornadoRow:
    label: str
    unit: str
    input_low: float
    input_high: float
    npv_low: float
    npv_high: float
    swing: float
    share: float  # swing / the largest swing, for the inline bar (0–100)


@dataclass(frozen=True)
class ChangeRow:
    what: str
    kind: str
    before: str
    after: str


def spec_text(spec: Any, lang: Lang) -> str:
    """An input's value and range in one line: ``20 (20–51, uniform)``."""
    if not isinstance(spec, dict):
        if isinstance(spec, list):
            return "; ".join(number(v, lang) for v in spec) or MISSING
        if isinstance(spec, int | float) and not isinstance(spec, bool):
            return number(spec, lang)
        return MISSING if spec is None else str(spec)
    parts = []
    if spec.get("value") is not None:
        parts.append(number(spec["value"], lang))
    rng = spec.get("range")
    if isinstance(rng, dict):
        if "low" in rng:
            mode = f" / {number(rng['mode'], lang)}" if "mode" in rng else ""
            parts.append(f"({number(rng['low'], lang)}{mode} – {number(rng['high'], lang)})")
        elif "mean" in rng:
            parts.append(f"({number(rng['mean'], lang)} ± {number(rng['sd'], lang)})")
    return " ".join(parts) or MISSING


def result_context(data: dict[str, Any], summary: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Everything the result page shows, from a version's stored case and figures."""
    det, sim = summary["deterministic"], summary["simulation"]
    inputs = data["inputs"]
    year = summary["full_use_year"]
    tornado = _tornado(sim["tornado"], inputs, lang)
    years = det["years"]
    year_rows = [
        {
            "year": y,
            "hours": det["hours_freed_per_year"][i],
            "fte": det["fte_per_year"][i],
            "value_of_time": det["value_of_time_per_year"][i],
            "quality_value": det["quality_value_per_year"][i],
            "costs": det["costs_per_year"][i],
            "net": det["net_per_year"][i],
            "cumulative": det["cumulative_per_year"][i],
        }
        for i, y in enumerate(years)
    ]
    return {
        "prob_positive_interval": _share_interval(sim.get("prob_npv_positive_interval"), lang),
        "prob_payback_interval": _share_interval(
            sim.get("prob_payback_within_horizon_interval"), lang
        ),
        "full_use_year": year,
        "hours_full_use": det["hours_freed_per_year"][year],
        "fte_full_use": det["fte_per_year"][year],
        "det": det,
        "sim": sim,
        "year_rows": year_rows,
        "has_quality": any(r["quality_value"] for r in year_rows),
        "tornado": tornado,
        "drivers": [row.label for row in tornado[:TOP_DRIVERS]],
        "scenarios": [{**row, "name": row["label"][lang]} for row in sim.get("scenarios", [])],
        "assumptions": [
            {
                "id": input_id,
                "label": spec["label"][lang],
                "unit": unit_text(spec["unit"]),
                "spec": spec_text(spec, lang),
                "origin": origin_text(spec["origin"]),
                "origin_id": spec["origin"],
                "kpi": spec.get("kpi", False),
                "sources": spec.get("sources", []),
            }
            for input_id, spec in inputs.items()
        ],
        "title": data["title"][lang],
        "summary_text": data["summary"][lang],
        "sources": data.get("sources", []),
        "stage_label": str(Stage(data.get("stage", Stage.EXPECTED)).label),
        "has_criteria": summary.get("criteria") is not None,
    }


def _share_interval(bounds: list[float] | None, lang: Lang) -> str:
    """A stored Wilson interval as ``99,2–99,6 %`` (empty for versions saved without one)."""
    return percent_interval(bounds[0], bounds[1], lang) if bounds else ""


def change_rows(
    changes: list[dict[str, Any]], inputs: dict[str, Any], lang: Lang
) -> list[ChangeRow]:
    rows = []
    for change in changes:
        what = change["id"]
        if change["section"] == "inputs" and change["id"] in inputs:
            what = inputs[change["id"]]["label"][lang]
        elif change["section"] == "settings":
            what = str(SETTING_LABELS.get(change["id"], change["id"]))
        else:
            what = f"{change['section']}: {change['id']}"
        rows.append(
            ChangeRow(
                what,
                change["kind"],
                spec_text(change["before"], lang),
                spec_text(change["after"], lang),
            )
        )
    return rows


def _tornado(bars: list[dict[str, Any]], inputs: dict[str, Any], lang: Lang) -> list[TornadoRow]:
    largest = max((bar["swing"] for bar in bars), default=0.0) or 1.0
    return [
        TornadoRow(
            label=inputs[bar["input"]]["label"][lang],
            unit=unit_text(inputs[bar["input"]]["unit"]),
            input_low=bar["input_low"],
            input_high=bar["input_high"],
            npv_low=bar["low"],
            npv_high=bar["high"],
            swing=bar["swing"],
            share=round(100 * bar["swing"] / largest, 1),
        )
        for bar in bars
    ]
