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


def test_the_demo_projects_have_complete_records_without_names(demo):
    import json
    from pathlib import Path

    import jsonschema  # type: ignore[import-untyped]
    from django.conf import settings

    from vejviser.portfolio.core import record as core
    from vejviser.portfolio.record import mappings, record_for, share_record
    from vejviser.projects.models import Project

    schema = json.loads((Path(settings.BASE_DIR) / core.SCHEMA_FILE).read_text(encoding="utf-8"))
    users = get_user_model().objects.all()
    names = {n for u in users for n in (u.username, u.first_name, u.last_name, u.get_full_name())}
    contouring = Project.objects.get(demo_key="ai-contouring")
    for project in Project.objects.exclude(demo_key=""):
        for lang in ("da", "en"):
            record = record_for(project, lang)
            jsonschema.Draft202012Validator(schema).validate(record)
            assert core.find_names(record, names) == [], project
            for standard in mappings().standards.values():
                assert core.import_record(standard, core.export(standard, record)) == record
        shared = share_record(project)
        assert shared is not None and core.find_names(shared, names) == []
    record = record_for(contouring, "da")
    assert record["organisation"]["path"][0] == "Region Syddanmark"
    assert record["risk"]["ai_act_tier"] and record["performance"]["headline"]
    assert record["monitoring"]["next_revalidation"] == "2027-06-01"
    assert record["contact"]["role"] == "ledelse"
    lene = get_user_model().objects.get(username="lene")
    client = Client()
    client.force_login(lene)
    page = client.get(reverse("portfolio:record", args=[contouring.pk]))
    assert page.status_code == 200  # lene is ledelse on the project: a member who reads
