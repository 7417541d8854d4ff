"""The demo's organisations: Region Syddanmark with the two demo projects' departments,
Region Hovedstaden beside it (a sibling: its management sees nothing of Syddanmark), and
the demo's management user (``lene``, ledelse on both demo projects) as management of
Region Syddanmark. Idempotent: a second run changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

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
    SystemRecord,
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
#: demo project key -> what its AI system record holds beyond the project's own data
#: (roles, never names; not public: the owner switches the public page on)
RECORDS: dict[str, dict[str, Any]] = {
    "ai-contouring": {
        "human_oversight": (
            "AI'en foreslår konturer af normalvæv på planlægnings-CT. En dosimetrist retter"
            " hver kontur, og den ansvarlige læge godkender planen, før patienten behandles;"
            " intet forslag bruges uden menneskelig godkendelse."
        ),
        "data_description": (
            "Planlægnings-CT fra afdelingens egne patienter. Til valideringen bruges"
            " pseudonymiserede scanninger; Vejviser gemmer kun aggregerede resultater."
        ),
        "contact_role": "ledelse",
        "contract_end": date(2029, 12, 31),
        "next_revalidation": date(2027, 6, 1),
    },
    "ambient-scribe": {
        "human_oversight": (
            "Lægen læser og retter notatet, før det gemmes i journalen; lydoptagelsen"
            " slettes, når notatet er godkendt."
        ),
        "contact_role": "ledelse",
    },
}


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
                SystemRecord.objects.get_or_create(project=project, defaults=RECORDS.get(key, {}))
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
