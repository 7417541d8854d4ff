"""Hand-written factory of small cases for the value tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from vejviser.value.core import Case, parse_case

CASES_DIR = Path(__file__).resolve().parents[3] / "content" / "value" / "cases"


def text(word: str) -> dict[str, str]:
    return {"da": word, "en": word}


def fixed(unit: str, value: float, **extra: Any) -> dict[str, Any]:
    return {"label": text(unit), "unit": unit, "value": value, "origin": "ours", **extra}


def ranged(unit: str, dist: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"label": text(unit), "unit": unit, "range": dist, "origin": "ours", **extra}


def case_data(**overrides: Any) -> dict[str, Any]:
    """A small valid case: 100 cases a year × 2 h saved × 500 DKK/h, costs 1,000 + 50/yr."""
    data: dict[str, Any] = {
        "id": "test-case",
        "title": text("Test"),
        "summary": text("Test case"),
        "horizon_years": 5,
        "inputs": {
            "patients": fixed("count/year", 100),
            "hours-saved": fixed("hours", 2),
            "rate": fixed("DKK/hour", 500),
            "setup": fixed("DKK", 1000),
            "licence": fixed("DKK/year", 50),
        },
        "volumes": {"patients": {"label": text("Patients"), "count": "patients"}},
        "staff_groups": {"doctors": {"label": text("Doctors"), "cost_per_hour": "rate"}},
        "time_savings": {
            "saving": {
                "label": text("Saving"),
                "staff_group": "doctors",
                "volume": "patients",
                "time_per_case": "hours-saved",
            }
        },
        "costs": {
            "setup": {
                "label": text("Setup"),
                "kind": "implementation",
                "schedule": "one-off",
                "amount": "setup",
            },
            "licence": {
                "label": text("Licence"),
                "kind": "licence",
                "schedule": "yearly",
                "amount": "licence",
            },
        },
    }
    data.update(copy.deepcopy(overrides))
    return data


def make_case(**overrides: Any) -> Case:
    return parse_case(case_data(**overrides))


def with_input(data: dict[str, Any], input_id: str, spec: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["inputs"][input_id] = spec
    return data
