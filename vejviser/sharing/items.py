"""This app's own share item: the project's lessons learned, each with the writer's role
and date — never their name."""

from __future__ import annotations

from typing import Any

from vejviser.projects.models import Project

from .models import Lesson


def lessons(project: Project) -> dict[str, Any] | None:
    rows = list(Lesson.objects.filter(project=project).order_by("created_at", "id"))
    if not rows:
        return None
    return {
        "lessons": [
            {"role": r.role, "text": r.text, "date": r.created_at.date().isoformat()} for r in rows
        ]
    }
