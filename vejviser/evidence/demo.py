"""Demo validation runs on the shipped synthetic data (``content/evidence/``), idempotent.

Called by the demo loader after the demo projects exist. Each run is computed by the
core from the shipped files, exactly as an upload would be; a step that already has a
run of that kind, or a missing project or step, is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings

from vejviser.projects.models import Project

from . import analysis
from .analysis import Analysis
from .models import Kind, Purpose, ValidationRun

AMBIENT = "Ambient scribe i almen praksis"
CONTOURING = "AI-indtegning af normalvæv ved strålebehandling"


def _data() -> Path:
    return Path(settings.CONTENT_DIR) / "evidence"


def _transcripts() -> Analysis:
    return analysis.transcripts(_data() / "ambient_scribe" / "transcripts.csv")


def _timing() -> Analysis:
    return analysis.timing(
        _data() / "ambient_scribe" / "documentation_time.csv",
        before="minutter_foer",
        with_product="minutter_med",
    )


def _segmentation() -> Analysis:
    folder = _data() / "contouring"
    return analysis.segmentation(folder / "reference", folder / "prediction", tolerance=2.0)


#: (project title, step = action id, kind, settings, product, version, compute)
DEMO_RUNS: tuple[tuple[str, str, str, dict[str, Any], str, str, Callable[[], Analysis]], ...] = (
    (
        AMBIENT,
        "gennemfoer-retrospektiv-validering",
        Kind.TRANSCRIPTS,
        {
            "id_column": "id",
            "reference_column": "reference",
            "hypothesis_column": "hypothesis",
            "normalised": True,
            "dropped_columns": [],
        },
        "Ambient scribe (demo)",
        "2.3",
        _transcripts,
    ),
    (
        AMBIENT,
        "gennemfoer-retrospektiv-validering",
        Kind.TIMING,
        {
            "design": "paired",
            "before": "minutter_foer",
            "with": "minutter_med",
            "dropped_columns": [],
        },
        "Ambient scribe (demo)",
        "2.3",
        _timing,
    ),
    (
        CONTOURING,
        "skab-produktet-ai-modellen",
        Kind.SEGMENTATION,
        {"tolerance_mm": 2.0},
        "Normalvævsmodel hoved-hals (demo)",
        "0.9",
        _segmentation,
    ),
)


def load_demo_runs() -> int:
    """Attach each demo run to its project's step; returns the number created."""
    created = 0
    for title, action, kind, run_settings, product, version, compute in DEMO_RUNS:
        project = Project.objects.filter(title=title).first()
        step = project.steps.filter(action__slug=action).first() if project else None
        if project is None or step is None:
            continue
        if ValidationRun.objects.filter(step=step, kind=kind).exists():
            continue
        owner = project.memberships.filter(is_owner=True).select_related("user").first()
        ValidationRun.record(
            project=project,
            step=step,
            user=owner.user if owner else project.created_by,
            kind=kind,
            analysis=compute(),
            settings={**run_settings, "source": "content/evidence (syntetiske demodata)"},
            meta={
                "purpose": Purpose.RETROSPECTIVE,
                "product_name": product,
                "product_version": version,
                "period_from": date(2026, 1, 5),
                "period_to": date(2026, 3, 27),
                "site": project.department,
            },
        )
        created += 1
    return created
