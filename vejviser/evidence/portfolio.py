"""Local validation's column on management's portfolio (``register_portfolio_facts``):
the latest run's headline, in one query (a subquery picks each project's latest run, and
only the report keys the headline reads are fetched)."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from vejviser.projects.models import Project

from .display import headline
from .models import ValidationRun

#: The parts of a validation run's report its headline reads (``display.headline``).
HEADLINE_KEYS = ("auc", "structures", "wer", "percent_saved", "plans")


def portfolio_facts(ids: Any, lang: str) -> dict[int, dict[str, Any]]:
    latest = ValidationRun.objects.filter(project=OuterRef("pk")).order_by("-created_at", "-id")
    chosen = Project.objects.filter(pk__in=ids).annotate(latest=Subquery(latest.values("pk")[:1]))
    runs = ValidationRun.objects.filter(pk__in=chosen.values("latest")).values_list(
        "project_id", "kind", "n", *(f"report__{k}" for k in HEADLINE_KEYS)
    )
    out: dict[int, dict[str, Any]] = {}
    for pk, kind, n, *parts in runs:
        report = {k: v for k, v in zip(HEADLINE_KEYS, parts, strict=True) if v is not None}
        out[pk] = {"validation": headline(ValidationRun(kind=kind, n=n, report=report), lang)}
    return out
