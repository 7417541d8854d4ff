"""The validation summary this capability shares with other installations (the share
item ``validation``, see ``vejviser.sharing``): per validation run its kind, n, product
and period, the headline in Danish and English, and the key aggregates — never the
per-case scores the report also holds, and never who ran it."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from vejviser.projects.models import Project

from .display import headline
from .models import Kind, ValidationRun

#: a Distribution or Estimate: only these keys travel (min and max are single cases)
_KEEP = ("estimate", "ci_low", "ci_high", "mean", "median", "n", "mean_ci")


def _aggregate(value: Any) -> Any:
    if not isinstance(value, dict):
        return None
    return {k: _aggregate(value[k]) if k == "mean_ci" else value[k] for k in _KEEP if k in value}


def _figures(run: ValidationRun) -> dict[str, Any]:
    r = run.report or {}
    if run.kind == Kind.BINARY:
        return {k: _aggregate(r.get(k)) for k in ("auc", "sensitivity", "specificity", "ppv")}
    if run.kind == Kind.SEGMENTATION:
        return {
            "tolerance_mm": r.get("tolerance_mm"),
            "cases": r.get("cases"),
            "structures": [
                {
                    "structure": s.get("structure"),
                    "cases": s.get("cases"),
                    "dice": _aggregate(s.get("dice")),
                    "hd95_mm": _aggregate(s.get("hd95_mm")),
                }
                for s in r.get("structures", [])
            ],
        }
    if run.kind == Kind.TRANSCRIPTS:
        return {"wer": _aggregate(r.get("wer"))}
    if run.kind == Kind.TIMING:
        return {"percent_saved": _aggregate(r.get("percent_saved"))}
    return {}


def validation_summary(project: Project) -> dict[str, Any] | None:
    runs = list(
        ValidationRun.objects.filter(project=project)
        .exclude(kind=Kind.SAMPLE_SIZE)
        .order_by("created_at", "id")
    )
    if not runs:
        return None
    out = []
    for run in runs:
        texts = {}
        for lang in ("da", "en"):
            with translation.override(lang):
                texts[lang] = headline(run, lang)
        out.append(
            {
                "kind": run.kind,
                "purpose": run.purpose,
                "product": run.product_name,
                "product_version": run.product_version,
                "period_from": run.period_from.isoformat() if run.period_from else None,
                "period_to": run.period_to.isoformat() if run.period_to else None,
                "n": run.n,
                "date": run.created_at.date().isoformat(),
                "headline": texts,
                "figures": _figures(run),
            }
        )
    return {"headline": out[-1]["headline"], "runs": out}
