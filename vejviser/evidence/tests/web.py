"""Helpers for the web tests of validation runs: the step with the tool, form data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

RETRO_STEP = "gennemfoer-retrospektiv-validering"  # the ambient-scribe project's track
PROSPECTIVE_STEP = "gennemfoer-prospektiv-validering"  # has validation:sample-size
DEMO = Path(settings.CONTENT_DIR) / "evidence"
READMISSION = DEMO / "readmission_risk.csv"


def retro_step(project: Any) -> Any:
    return project.steps.get(action__slug=RETRO_STEP)


def url(project: Any, name: str = "runs", step: Any = None, **kwargs: Any) -> str:
    step = step or retro_step(project)
    return reverse(f"evidence:{name}", kwargs={"pk": project.pk, "step_pk": step.pk, **kwargs})


def upload(path: Path, name: str | None = None, content: bytes | None = None) -> Any:
    return SimpleUploadedFile(name or path.name, path.read_bytes() if content is None else content)


def binary_data(file: Any = None, **changes: Any) -> dict[str, Any]:
    data = {
        "file": file if file is not None else upload(READMISSION),
        "score": "risk_score",
        "label": "genindlagt_30d",
        "positive": "ja",
        "threshold": "",
        "subgroups": "site",
        "claim": "sensitivity=0.80",
        "purpose": "retrospective",
        "product_name": "Genindlæggelsesrisiko",
        "product_version": "1.0",
        "period_from": "2025-01-01",
        "period_to": "2025-12-31",
        "site": "Region Midtjylland",
    }
    data.update(changes)
    return data
