"""The demo: management of Region Syddanmark (lene) sees both demo projects with their
phase, risk, value and results; Region Hovedstaden is a sibling with nothing of them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from vejviser.portfolio.demo import load
from vejviser.portfolio.models import Organisation, OrganisationRole, ProjectOrganisation
from vejviser.projects.demo import load_demo


@pytest.fixture
def demo(db):
    load_demo(password="demo-password-123")  # every capability's demo part, ours included


def test_demo_region_management_sees_both_demo_projects_with_their_figures(demo):
    assert load() == 0  # idempotent
    assert Organisation.objects.count() == 6
    assert ProjectOrganisation.objects.count() == 2
    lene = get_user_model().objects.get(username="lene")
    client = Client()
    client.force_login(lene)
    response = client.get(reverse("portfolio:page"))
    rows = {r.title: r for r in response.context["rows"]}
    assert set(rows) == {
        "Ambient scribe i almen praksis",
        "AI-indtegning af normalvæv ved strålebehandling",
    }
    for row in rows.values():
        assert row.phase and row.organisation
        assert row.ai_act_label  # the demo assesses both under the AI Act
    scribe = rows["Ambient scribe i almen praksis"]
    contouring = rows["AI-indtegning af normalvæv ved strålebehandling"]
    assert scribe.npv_p50 is not None and scribe.hours_expected is not None
    assert scribe.ai_act_tier == "minimal"
    assert contouring.ai_act_tier == "high-risk"
    assert contouring.mdr_label  # and the contouring product under the MDR
    assert "Dice" in contouring.validation and "n = " in contouring.validation
    assert contouring.monitoring == "red"  # the demo's Dice alert is open
    assert contouring.hours_realised is not None
    assert "data-pipeline" in response.content.decode()


def test_the_other_regions_management_would_see_nothing_of_syddanmark(demo):
    hovedstaden = Organisation.objects.get(name="Region Hovedstaden")
    user = get_user_model().objects.create_user("hanne")
    OrganisationRole.objects.create(user=user, organisation=hovedstaden, role="management")
    client = Client()
    client.force_login(user)
    assert client.get(reverse("portfolio:page")).context["rows"] == []
