"""The assessments' columns on management's portfolio (``register_portfolio_facts``):
the latest AI Act tier and MDR class of each project, in one query."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .models import AssessmentRun, key_outcome


def portfolio_facts(ids: Any, lang: str) -> dict[int, dict[str, Any]]:
    # only the outputs shown (JSON key lookups), not the whole stored result
    runs = (
        AssessmentRun.objects.filter(project__in=ids, assessment__in=("ai-act", "mdr"))
        .order_by("project_id", "assessment", "-created_at", "-id")
        .values_list("project_id", "assessment", "result__tier", "result__class", "result__device")
    )
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    seen: set[tuple[int, str]] = set()
    labels: dict[tuple[str, str], str] = {}
    for pk, assessment, tier, device_class, device in runs:
        if (pk, assessment) in seen:
            continue
        seen.add((pk, assessment))
        if assessment == "ai-act":
            key, value = "ai_act_tier", str(tier or "")
            result: dict[str, Any] = {"assessment": assessment, "tier": tier}
        else:
            key, value = "mdr_class", str(device_class if device else "none")
            result = {"assessment": assessment, "class": device_class, "device": device}
        if (assessment, value) not in labels:
            labels[(assessment, value)] = key_outcome(result, lang)
        out[pk][key] = value
        out[pk][key.replace("_tier", "_label").replace("_class", "_label")] = labels[
            (assessment, value)
        ]
    return out
