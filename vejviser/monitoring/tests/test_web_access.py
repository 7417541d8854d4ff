"""Who may see and change monitoring: owner / member / management / vendor / outsider, on
every page and endpoint."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from vejviser.accounts.models import ApiToken
from vejviser.monitoring.models import Alert, Observation

from .web import make_alert, make_plan, step, url


@pytest.fixture
def setup(personas):
    plan, metric = make_plan(personas)
    alert = make_alert(metric)
    return personas, plan, metric, alert


def pages(project, metric, alert):
    return [
        ("get", url(project), {}),
        ("get", url(project, "metric", metric_pk=metric.pk), {}),
        ("get", url(project, "plot", metric_pk=metric.pk), {}),
        ("get", url(project, "alert", alert_pk=alert.pk), {}),
    ]


def writes(project, metric, alert):
    upload = io.BytesIO(b"period,n,successes\n2026-06,40,36\n")
    upload.name = "months.csv"
    return [
        ("post", url(project, "go_live"), {}),
        (
            "post",
            url(project, "data_month"),
            {"metric": metric.pk, "period": "2026-06", "n": 40, "successes": 36},
        ),
        ("post", url(project, "data_upload"), {"metric": metric.pk, "file": upload}),
        ("post", url(project, "metric", metric_pk=metric.pk), {}),
        ("post", url(project, "acknowledge", alert_pk=alert.pk), {}),
        ("post", url(project, "resolve", alert_pk=alert.pk), {"resolution": "ok"}),
        ("post", url(project, "upgrade"), {"new_version": "3"}),
    ]


def test_anonymous_is_sent_to_login(client, setup):
    personas, _, metric, alert = setup
    for method, address, data in pages(personas.project, metric, alert) + writes(
        personas.project, metric, alert
    ):
        response = getattr(client, method)(address, data)
        assert response.status_code == 302 and reverse("login") in response["Location"], address


def test_outsider_gets_404_everywhere(client, setup):
    personas, _, metric, alert = setup
    client.force_login(personas.charlie)
    for method, address, data in pages(personas.project, metric, alert) + writes(
        personas.project, metric, alert
    ):
        assert getattr(client, method)(address, data).status_code == 404, address


def test_members_read_every_page(client, setup):
    personas, _, metric, alert = setup
    for user in (personas.alice, personas.bob, personas.maja, personas.victor):
        client.force_login(user)
        for method, address, data in pages(personas.project, metric, alert):
            assert getattr(client, method)(address, data).status_code == 200, (user, address)


def test_management_and_vendor_cannot_change_anything(client, setup):
    personas, _, metric, alert = setup
    for user in (personas.maja, personas.victor):
        client.force_login(user)
        for method, address, data in writes(personas.project, metric, alert):
            assert getattr(client, method)(address, data).status_code == 403, (user, address)
    assert Observation.objects.count() == 1
    assert Alert.objects.get().status == "open"


def test_vendor_gets_404_when_the_step_is_not_shared(client, setup):
    personas, _, metric, alert = setup
    # Every step with the monitoring tool (here: put into operation, monitor the product).
    monitoring = [s.pk for s in personas.project.steps.all() if "monitoring" in s.action.tools]
    personas.project.steps.filter(pk__in=monitoring).update(shared_with_vendor=False)
    client.force_login(personas.victor)
    for method, address, data in pages(personas.project, metric, alert):
        assert getattr(client, method)(address, data).status_code == 404, address
    assert (
        "data-monitoring-alerts"
        not in client.get(reverse("project", args=[personas.project.pk])).content.decode()
    )


def test_editing_member_sends_a_month_and_handles_the_alert(client, setup):
    personas, _, metric, alert = setup
    client.force_login(personas.bob)
    response = client.post(
        url(personas.project, "data_month"),
        {"metric": metric.pk, "period": "2026-06", "n": 40, "successes": 37},
    )
    assert response.status_code == 302
    assert client.post(url(personas.project, "acknowledge", alert_pk=alert.pk)).status_code == 302
    response = client.post(
        url(personas.project, "resolve", alert_pk=alert.pk),
        {"resolution": "Ny scanner; leverandør kontaktet."},
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == "resolved" and alert.resolved_by == personas.bob
    trail = [e.changes.get("alert") for e in personas.project.audit.all()]
    assert ["acknowledged", "resolved"] in trail and ["open", "acknowledged"] in trail


def test_the_step_shows_the_tool_and_its_summary(client, setup):
    personas, *_ = setup
    client.force_login(personas.alice)
    page = client.get(reverse("step", args=[personas.project.pk, step(personas.project).pk]))
    html = page.content.decode()
    assert f'href="{url(personas.project)}"' in html and "data-monitoring-summary" in html


def test_plan_page_query_count_and_cases_a_month(client, setup, django_assert_max_num_queries):
    personas, *_ = setup
    client.force_login(personas.alice)
    with django_assert_max_num_queries(25):
        page = client.get(url(personas.project))
    assert page.status_code == 200
    volume = page.content.decode().split('data-volume="sensitivity">')[1].split("</span>")[0]
    assert "Med 40 gennemgåede sager om måneden" in volume and "styrke på" in volume


# --- API ------------------------------------------------------------------------------------


def _auth(user):
    _token, secret = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_api_permissions(client, setup):
    personas, _, metric, _alert = setup
    pk = personas.project.pk
    plan_url, alerts_url = (
        f"/api/v1/monitoring/projects/{pk}/plan",
        f"/api/v1/monitoring/projects/{pk}/alerts",
    )
    post_url = f"/api/v1/monitoring/projects/{pk}/metrics/{metric.key}/months"
    body = {"months": [{"period": "2026-07", "n": 40, "successes": 38}]}
    for user in (personas.alice, personas.bob, personas.maja, personas.victor):
        headers = _auth(user)
        assert client.get(plan_url, **headers).status_code == 200
        assert client.get(alerts_url, **headers).json()[0]["metric"] == "sensitivity"
    for user, status in ((personas.maja, 403), (personas.victor, 403), (personas.charlie, 404)):
        response = client.post(post_url, body, content_type="application/json", **_auth(user))
        assert response.status_code == status, user
    assert client.get(plan_url, **_auth(personas.charlie)).status_code == 404
    response = client.post(post_url, body, content_type="application/json", **_auth(personas.bob))
    assert response.status_code == 200 and response.json()["saved"] == 1


def test_api_post_raises_an_alert_and_refuses_bad_months(client, setup):
    personas, _, metric, _alert = setup
    post_url = f"/api/v1/monitoring/projects/{personas.project.pk}/metrics/{metric.key}/months"
    headers = _auth(personas.alice)
    bad = {"months": [{"period": "juni", "n": 40, "successes": 38}]}
    assert client.post(post_url, bad, content_type="application/json", **headers).status_code == 422
    too_many = {"months": [{"period": "2026-07", "n": 10, "successes": 11}]}
    assert (
        client.post(post_url, too_many, content_type="application/json", **headers).status_code
        == 422
    )
    drop = {"months": [{"period": "2026-08", "n": 40, "successes": 22}]}
    response = client.post(post_url, drop, content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["alerts"][0]["period"] == "2026-08"
    assert Observation.objects.filter(metric=metric).count() == 2
