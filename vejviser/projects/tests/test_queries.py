"""The main pages make a bounded number of queries: at most 20, and the dashboard the same
number however many projects a user has (no query per project, step or citation)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vejviser.conftest import make_project

MAX_QUERIES = 20


def _busy(personas) -> None:
    """A project as it looks after some work: steps in progress and done, owners, due
    dates, notes, an audit trail."""
    project = personas.project
    for i, step in enumerate(project.steps.order_by("action__phase__order", "action__order")):
        status = ["done", "in_progress", "not_started", "not_relevant"][i % 4]
        step.edit(
            personas.alice,
            {
                "status": status,
                "owner": personas.bob if i % 2 else personas.alice,
                "due_date": dt.date(2026, 12, 1) + dt.timedelta(days=i),
                "notes": f"Note {i}",
            },
            step.version,
        )


def _count(client, url: str) -> int:
    assert client.get(url).status_code == 200, url  # warm: nothing cached differs per call
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries.captured_queries)


@pytest.mark.parametrize("who", ["alice", "victor"])
def test_dashboard_queries_do_not_grow_with_the_projects(client, personas, who):
    user = getattr(personas, who)
    client.force_login(user)
    _busy(personas)
    one = _count(client, "/")
    from vejviser.projects.models import Membership

    for i in range(9):
        other = make_project(personas.alice, track="ny-ide" if i % 2 else "faerdigt-produkt")
        if who != "alice":
            Membership.objects.create(project=other, user=user, role="virksomhed")
    assert Membership.objects.filter(user=user).count() == 10
    ten = _count(client, "/")
    assert ten == one
    assert ten <= MAX_QUERIES


@pytest.mark.parametrize("who", ["alice", "maja", "victor"])
def test_project_pages_stay_within_twenty_queries(
    client, personas, who, django_assert_max_num_queries
):
    _busy(personas)
    project = personas.project
    client.force_login(getattr(personas, who))
    step = project.steps.filter(shared_with_vendor=True).first()
    urls = [f"/projects/{project.pk}/", f"/projects/{project.pk}/steps/{step.pk}/"]
    if who != "victor":  # the vendor sees neither the audit trail nor the team
        urls += [f"/projects/{project.pk}/audit/", f"/projects/{project.pk}/members/"]
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200, url


def test_status_change_from_the_project_page_stays_within_twenty_queries(
    client, personas, django_assert_max_num_queries
):
    project = personas.project
    step = project.steps.first()
    client.force_login(personas.alice)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.post(
            f"/projects/{project.pk}/steps/{step.pk}/status/",
            {"status": "done", "version": step.version},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/journey/", "/journey/ny-ide/", "/journey/faerdigt-produkt/"])
def test_journey_guide_stays_within_twenty_queries(client, url, django_assert_max_num_queries):
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_track_page_queries_do_not_grow_with_its_citations(client):
    """Each action and attention point cites its sources: loaded once for the page."""
    from vejviser.journey.models import Action

    client.get("/journey/ny-ide/")
    before = _count(client, "/journey/ny-ide/")
    action = Action.objects.filter(phase__track__slug="ny-ide").first()
    action.sources = [*action.sources, {"doc": "ai-rejsen", "section": "Forord"}]
    action.save()
    assert _count(client, "/journey/ny-ide/") == before
