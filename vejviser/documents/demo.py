"""Demo documents: one generated project description on the contouring project's
"write a project description" step, and the patient perspective the mini-HTA asks for
(idempotent: a project that already has them is left alone)."""

from __future__ import annotations

from vejviser.projects.access import ProjectAccess
from vejviser.projects.models import Project

from .models import DocumentVersion, ProjectNarrative
from .render import content, generate

CONTOURING = "AI-indtegning af normalvæv ved strålebehandling"
STEP = "udarbejd-en-projektbeskrivelse"
PATIENT_PERSPECTIVE = (
    "Patienten mærker ikke selve indtegningen, men kortere tid fra planlægnings-CT til "
    "behandlingsstart, og mere ensartede konturer mellem centre kan give mere ensartet "
    "strålebehandling. Patientforeningen inddrages i evalueringen."
)


def load_demo_documents() -> int:
    project = Project.objects.filter(title=CONTOURING).select_related("track").first()
    if project is None:
        return 0
    step = project.steps.filter(action__slug=STEP).select_related("action", "owner").first()
    template = content().template("project-description")
    if step is None or template is None:
        return 0
    owner = project.memberships.filter(is_owner=True).select_related("user").first()
    user = owner.user if owner else project.created_by
    if not ProjectNarrative.objects.filter(project=project, key="patient-perspective").exists():
        ProjectNarrative.write(
            project, "patient-perspective", PATIENT_PERSPECTIVE, user, 0, "Patientperspektiv"
        )
    if DocumentVersion.objects.filter(step=step, kind=template.kind).exists():
        return 0
    generate(ProjectAccess(project, owner, False), step, template, "docx", "da", user)
    return 1
