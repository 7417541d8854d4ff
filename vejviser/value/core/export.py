"""Links forward: a case's key assumptions as monitoring KPIs, its criteria for a tender."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from vejviser.kernel.i18n import message
from vejviser.value.core.defaults import AWARD_CRITERIA_SOURCE, AWARD_METHOD
from vejviser.value.core.distributions import base_value, ends
from vejviser.value.core.intervals import containing
from vejviser.value.core.schema import Case, Input, Text
from vejviser.value.core.simulate import Deterministic, Simulation, TornadoBar


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"da": text.da, "en": text.en}


def kpis(case: Case, det: Deterministic, sim: Simulation | None = None) -> list[dict[str, Any]]:
    """The assumptions marked ``kpi: true``, and the hours freed a year, as KPIs.

    Each KPI has the value the case expects and the range it allows, so monitoring can
    later flag a measured value outside the range.
    """
    out: list[dict[str, Any]] = []
    for input_id, inp in case.inputs.items():
        if not inp.kpi:
            continue
        expected = base_value(inp)
        low, high = _span(inp, expected)
        out.append(
            {
                "id": input_id,
                "name": _text(inp.label),
                "help": _text(inp.help),
                "expected": expected,
                "unit": inp.unit,
                "low": low,
                "high": high,
                "origin": inp.origin,
                "sources": [ref.model_dump() for ref in inp.sources],
            }
        )
    horizon = case.horizon_years
    expected = det.hours_total / horizon
    low = high = None
    if sim is not None:
        # P5–P95 of the simulation, widened to the expected figure when a "calculate
        # with" figure at the end of its range puts that outside the band
        low, high = containing(expected, *_quantiles(sim.hours_total / horizon))
    out.append(
        {
            "id": "hours-freed-per-year",
            "name": message("Hours freed per year").texts(),
            "help": message(
                "Average over the operating years; the range is P5–P95 of the simulation."
            ).texts(),
            "expected": expected,
            "unit": "hours/year",
            "low": low,
            "high": high,
            "origin": "model",
            "sources": [],
        }
    )
    return out


def _span(inp: Input, expected: float) -> tuple[float | None, float | None]:
    """An input's low–high (its P5–P95 for a normal), containing its expected figure."""
    span = ends(inp)
    return containing(expected, *span) if span else (None, None)


def _quantiles(values: NDArray[np.float64]) -> tuple[float, float]:
    p5, p95 = np.percentile(values, (5.0, 95.0))
    return float(p5), float(p95)


def _shares(weights: list[float], total: float) -> list[float]:
    """``total`` split in proportion to ``weights``, in tenths, summing exactly."""
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    tenths = round(total * 10)
    raw = [w / sum(weights) * tenths for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: tenths - sum(parts)]:
        parts[i] += 1
    return [p / 10 for p in parts]


def award_criteria(case: Case, det: Deterministic, bars: list[TornadoBar]) -> dict[str, Any] | None:
    """Weighted award criteria (price / quality) for a tender, or None without ``tender``."""
    tender = case.tender
    if tender is None:
        return None
    swing = {bar.input: bar for bar in bars}
    refs = tender.quality_criteria
    weights = _shares(
        [swing[r].swing if r in swing else 0.0 for r in refs],
        100 - tender.price_weight_percent,
    )
    criteria: list[dict[str, Any]] = [
        {
            "id": "price",
            "kind": "price",
            "name": message("Price").texts(),
            "measure": message(
                "Total cost over {years} years, present value (DKK)", years=case.horizon_years
            ).texts(),
            "weight_percent": tender.price_weight_percent,
            "expected": det.costs_present_value,
            "unit": "DKK",
            "direction": "lower-better",
        }
    ]
    for ref, weight in zip(refs, weights, strict=True):
        inp = case.inputs[ref]
        bar = swing.get(ref)
        expected = base_value(inp)
        low, high = _span(inp, expected)
        criteria.append(
            {
                "id": ref,
                "kind": "quality",
                "name": _text(inp.label),
                "measure": _text(inp.help),
                "weight_percent": weight,
                "expected": expected,
                "low": low,
                "high": high,
                "unit": inp.unit,
                "direction": (
                    "lower-better"
                    if bar is not None and bar.npv_high < bar.npv_low
                    else "higher-better"
                ),
                "npv_swing": bar.swing if bar is not None else 0.0,
            }
        )
    return {
        "case": case.id,
        "criteria": criteria,
        "method": message(AWARD_METHOD).texts(),
        "source": message(AWARD_CRITERIA_SOURCE).texts(),
    }
