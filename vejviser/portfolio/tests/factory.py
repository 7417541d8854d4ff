"""Organisations for the persona tests.

Region Syddanmark ─┬─ OUH (hospital) ── Onkologi (department)  ← the personas' project
                   └─ Praksis (department)
Region Hovedstaden ── Rigshospitalet (hospital)                ← a Hovedstaden project
"""

from __future__ import annotations

from typing import Any

from vejviser.conftest import make_project, make_user
from vejviser.portfolio.models import (
    Kind,
    Organisation,
    OrganisationMember,
    OrganisationRole,
    ProjectOrganisation,
    Role,
)


class Tree:
    def __init__(self, personas: Any) -> None:
        self.syd = Organisation.objects.create(name="Region Syddanmark", kind=Kind.REGION)
        self.ouh = Organisation.objects.create(
            name="Odense Universitetshospital", kind=Kind.HOSPITAL, parent=self.syd
        )
        self.onko = Organisation.objects.create(
            name="Onkologisk afdeling", kind=Kind.DEPARTMENT, parent=self.ouh
        )
        self.praksis = Organisation.objects.create(
            name="Praksisområdet", kind=Kind.DEPARTMENT, parent=self.syd
        )
        self.hovedstaden = Organisation.objects.create(name="Region Hovedstaden", kind=Kind.REGION)
        self.rh = Organisation.objects.create(
            name="Rigshospitalet", kind=Kind.HOSPITAL, parent=self.hovedstaden
        )
        self.project = personas.project
        link(self.project, self.onko)
        self.rh_owner = make_user("rikke")
        self.rh_project = make_project(self.rh_owner, title="Sepsis-varsling på Rigshospitalet")
        link(self.rh_project, self.rh)
        # maja manages Region Syddanmark; others manage a hospital, a sibling, the other region
        manage(personas.maja, self.syd)
        self.hospital_manager = make_user("helle")
        manage(self.hospital_manager, self.ouh)
        self.sibling_manager = make_user("sven")
        manage(self.sibling_manager, self.praksis)
        self.other_region = make_user("oskar")
        manage(self.other_region, self.hovedstaden)


def link(project: Any, organisation: Organisation) -> None:
    ProjectOrganisation.objects.create(project=project, organisation=organisation)


def manage(user: Any, organisation: Organisation) -> None:
    OrganisationMember.objects.create(user=user, organisation=organisation)
    OrganisationRole.objects.create(user=user, organisation=organisation, role=Role.MANAGEMENT)
