"""Demo business cases: the seeds' two cases on the two demo projects (idempotent).

Called by the demo loader after the demo projects exist; a project that already has a
business case from the template, or is missing, is left alone.
"""

from __future__ import annotations

from vejviser.projects.models import Project

from .models import BusinessCase
from .shipped import shipped_cases

#: (demo project title, step = action id, template = case file stem)
DEMO_CASES = (
    ("Ambient scribe i almen praksis", "udarbejd-business-case", "ambient-scribe"),
    (
        "AI-indtegning af normalvæv ved strålebehandling",
        "udarbejd-forventet-business-case",
        "contouring",
    ),
)


def load_demo_cases() -> int:
    """Attach each demo case to its project's step; returns the number created."""
    cases = shipped_cases()
    created = 0
    for title, action, template in DEMO_CASES:
        project = Project.objects.filter(title=title).first()
        if (
            project is None
            or BusinessCase.objects.filter(project=project, template=template).exists()
        ):
            continue
        step = project.steps.filter(action__slug=action).select_related("owner").first()
        owner = project.memberships.filter(is_owner=True).select_related("user").first()
        user = (step.owner if step else None) or (owner.user if owner else project.created_by)
        case = cases[template]
        BusinessCase.start(
            project=project,
            step=step,
            user=user,
            name=f"{case.title.da} – {project.department}",
            template=template,
            case=case,
            note="Eksemplets tal (demo).",
        )
        created += 1
    return created
