"""The demo's organisations: Region Syddanmark with the two demo projects' departments,
Region Hovedstaden beside it (a sibling: its management sees nothing of Syddanmark), and
the demo's management user (``lene``, ledelse on both demo projects) as management of
Region Syddanmark. Idempotent: a second run changes nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from vejviser.projects.models import Project

from .models import (
    Kind,
    Organisation,
    OrganisationMember,
    OrganisationRole,
    ProjectOrganisation,
    Role,
)

MANAGER = "lene"
#: (name, kind, parent name) in creation order.
TREE = (
    ("Region Syddanmark", Kind.REGION, None),
    ("Region Hovedstaden", Kind.REGION, None),
    ("Odense Universitetshospital", Kind.HOSPITAL, "Region Syddanmark"),
    ("Onkologisk afdeling R", Kind.DEPARTMENT, "Odense Universitetshospital"),
    ("Praksisområdet", Kind.DEPARTMENT, "Region Syddanmark"),
    ("Rigshospitalet", Kind.HOSPITAL, "Region Hovedstaden"),
)
#: demo project key -> its organisation
PROJECTS = {"ambient-scribe": "Praksisområdet", "ai-contouring": "Onkologisk afdeling R"}


def load() -> int:
    """Returns the number of organisations created."""
    created = 0
    with transaction.atomic():
        orgs: dict[str, Organisation] = {}
        for name, kind, parent in TREE:
            org, new = Organisation.objects.get_or_create(
                name=name, parent=orgs.get(parent) if parent else None, defaults={"kind": kind}
            )
            orgs[name] = org
            created += new
        for key, name in PROJECTS.items():
            project = Project.objects.filter(demo_key=key).first()
            if project is not None:
                ProjectOrganisation.objects.get_or_create(
                    project=project, defaults={"organisation": orgs[name]}
                )
        manager = get_user_model().objects.filter(username=MANAGER).first()
        if manager is not None:
            region = orgs["Region Syddanmark"]
            OrganisationMember.objects.get_or_create(
                user=manager, defaults={"organisation": region}
            )
            OrganisationRole.objects.get_or_create(
                user=manager, organisation=region, role=Role.MANAGEMENT
            )
    return created
