"""The latest validation run of a step, for the step page (the step is authorised there)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from vejviser.lib.i18n import active_lang

from ..display import headline
from ..models import ValidationRun


def summary_html(step: Any, tool: str) -> str:
    """``AUC 0,70 (0,67–0,73), n = 1.991`` for the step's latest run of the tool's kind."""
    runs = ValidationRun.objects.filter(step=step)
    runs = runs.plans() if tool == "validation:sample-size" else runs.analyses()
    run = runs.first()
    context = {"run": run, "headline": headline(run, active_lang()) if run else ""}
    return render_to_string("evidence/_summary.html", context)
