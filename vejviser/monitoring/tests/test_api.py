"""A hospital system posting monthly data through the API: scoped tokens, the status in
brief, and bad months refused as a 422 naming the month (nothing saved)."""

from __future__ import annotations

import pytest

from vejviser.accounts.models import ApiToken
from vejviser.conftest import make_project
from vejviser.monitoring.models import Observation

from .test_web_access import setup  # noqa: F401 - the fixture


def auth(user, **scope):
    _token, secret = ApiToken.issue(user, "hospital system", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def months_url(personas, metric):
    return f"/api/v1/monitoring/projects/{personas.project.pk}/metrics/{metric.key}/months"


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", **headers)


def test_a_token_for_one_project_posts_and_reads_the_status(client, setup):  # noqa: F811
    personas, _plan, metric, _alert = setup
    headers = auth(personas.alice, projects=[personas.project])
    body = {"months": [{"period": "2026-07", "n": 40, "successes": 38}]}
    assert post(client, months_url(personas, metric), body, headers).status_code == 200
    status = client.get(f"/api/v1/monitoring/projects/{personas.project.pk}/status", **headers)
    assert status.status_code == 200
    row = next(m for m in status.json()["metrics"] if m["key"] == metric.key)
    assert row["latest_month"] == "2026-07" and row["months"] == metric.observations.count()
    assert status.json()["unresolved_alerts"] >= row["unresolved_alerts"] >= 1


def test_a_read_token_and_a_token_for_another_project(client, setup):  # noqa: F811
    personas, _plan, metric, _alert = setup
    body = {"months": [{"period": "2026-07", "n": 40, "successes": 38}]}
    before = Observation.objects.count()
    read = auth(personas.alice, scope="read")
    assert (
        client.get(f"/api/v1/monitoring/projects/{personas.project.pk}/plan", **read).status_code
        == 200
    )
    assert post(client, months_url(personas, metric), body, read).status_code == 403
    other = make_project(personas.alice, title="Andet")
    elsewhere = auth(personas.alice, projects=[other])
    assert post(client, months_url(personas, metric), body, elsewhere).status_code == 404
    listed = client.get("/api/v1/projects", **elsewhere).json()
    assert [p["id"] for p in listed] == [other.pk]
    assert Observation.objects.count() == before


@pytest.mark.parametrize(
    ("month", "where"),
    [
        ({"period": "juni", "n": 40, "successes": 38}, "period"),
        ({"period": "2026-07", "n": 10, "successes": 11}, 1),
        ({"period": "2026-07"}, 1),
    ],
)
def test_a_bad_month_is_a_422_naming_it_and_nothing_is_saved(client, setup, month, where):  # noqa: F811
    personas, _plan, metric, _alert = setup
    before = Observation.objects.count()
    good = {"period": "2026-09", "n": 40, "successes": 38}
    response = post(
        client, months_url(personas, metric), {"months": [good, month]}, auth(personas.alice)
    )
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"][:4] == ["body", "payload", "months", 1] and problem["msg"]
    assert where in problem["loc"]
    assert Observation.objects.count() == before
