"""The business-case figures this capability shares with other installations (the share
item ``business-case``, see ``vejviser.sharing``): the latest version's simulated NPV
(P5, P50, P95), the probability of a positive NPV, the hours freed a year in full use
and the payback year — the figures, not the case's inputs (prices and salaries stay)."""

from __future__ import annotations

from typing import Any

from vejviser.projects.models import Project

from .models import CaseVersion


def business_case_figures(project: Project) -> dict[str, Any] | None:
    version = (
        CaseVersion.objects.filter(business_case__project=project)
        .order_by("-created_at", "-id")
        .first()
    )
    if version is None:
        return None
    summary = version.summary or {}
    simulation = summary.get("simulation") or {}
    deterministic = summary.get("deterministic") or {}
    year = summary.get("full_use_year")
    hours = deterministic.get("hours_freed_per_year")
    hours = hours if isinstance(hours, list) else []
    npv = simulation.get("npv") if isinstance(simulation.get("npv"), dict) else None
    return {
        "version": version.number,
        "stage": version.stage,
        "date": version.created_at.date().isoformat(),
        "currency": "DKK",
        "npv": {k: npv.get(k) for k in ("p5", "p50", "p95")} if npv else None,
        "npv_deterministic": deterministic.get("npv"),
        "prob_npv_positive": simulation.get("prob_npv_positive"),
        "hours_freed_full_use_year": (
            hours[year] if isinstance(year, int) and 0 <= year < len(hours) else None
        ),
        "payback_year": deterministic.get("payback_year"),
    }
