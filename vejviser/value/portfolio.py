"""The business case's columns on management's portfolio (``register_portfolio_facts``):
the latest case version's simulated NPV P50 and the hours freed a year in full use, in
one query."""

from __future__ import annotations

from typing import Any

from .models import CaseVersion


def portfolio_facts(ids: Any, lang: str) -> dict[int, dict[str, Any]]:
    versions = (
        CaseVersion.objects.filter(business_case__project__in=ids)
        .order_by("business_case__project_id", "-created_at", "-id")
        .values_list(
            "business_case__project_id",
            "summary__simulation__npv__p50",
            "summary__full_use_year",
            "summary__deterministic__hours_freed_per_year",
        )
    )
    out: dict[int, dict[str, Any]] = {}
    for pk, npv, year, hours in versions:
        if pk in out:
            continue
        hours = hours if isinstance(hours, list) else []
        freed = hours[year] if isinstance(year, int) and 0 <= year < len(hours) else None
        out[pk] = {
            "npv_p50": float(npv) if npv is not None else None,
            "hours_expected": float(freed) if freed is not None else None,
        }
    return out
