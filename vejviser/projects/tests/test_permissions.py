"""Who may see and change what: owner / member / management / vendor / outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vejviser.conftest import make_user


def login(client, user):
    client.force_login(user)


def unshared_step(project):
    return project.steps.filter(shared_with_vendor=False).first()


def shared_step(project):
    return project.steps.filter(shared_with_vendor=True).first()


def project_urls(p):
    step = p.steps.first()
    member = p.memberships.first()
    return [
        ("get", reverse("project", args=[p.pk])),
        ("get", reverse("project_edit", args=[p.pk])),
        ("get", reverse("step", args=[p.pk, step.pk])),
        ("post", reverse("step_status", args=[p.pk, step.pk])),
        ("get", reverse("members", args=[p.pk])),
        ("post", reverse("member_change", args=[p.pk, member.pk])),
        ("get", reverse("audit", args=[p.pk])),
    ]


def test_anonymous_is_sent_to_login(client, personas):
    for method, url in project_urls(personas.project):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404_on_every_project_page(client, personas):
    login(client, personas.charlie)
    for method, url in project_urls(personas.project):
        assert getattr(client, method)(url).status_code == 404, url


def test_outsider_does_not_see_project_on_dashboard(client, personas):
    login(client, personas.charlie)
    response = client.get(reverse("dashboard"))
    assert personas.project.title not in response.content.decode()


def test_owner_sees_everything(client, personas):
    login(client, personas.alice)
    p = personas.project
    for url in [
        reverse("project", args=[p.pk]),
        reverse("project_edit", args=[p.pk]),
        reverse("members", args=[p.pk]),
        reverse("audit", args=[p.pk]),
        reverse("step", args=[p.pk, unshared_step(p).pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_member_can_edit_steps_but_not_manage(client, personas):
    login(client, personas.bob)
    p = personas.project
    step = p.steps.first()
    response = client.post(
        reverse("step_status", args=[p.pk, step.pk]),
        {"status": "in_progress", "version": step.version},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "in_progress"
    assert client.get(reverse("project_edit", args=[p.pk])).status_code == 403
    member = p.memberships.get(user=personas.maja)
    assert (
        client.post(reverse("member_change", args=[p.pk, member.pk]), {"remove": "1"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("members", args=[p.pk]), {"invitee": "charlie", "role": "jurist"}
        ).status_code
        == 403
    )


def test_management_reads_but_cannot_edit(client, personas):
    login(client, personas.maja)
    p = personas.project
    step = p.steps.first()
    assert client.get(reverse("project", args=[p.pk])).status_code == 200
    response = client.post(
        reverse("step_status", args=[p.pk, step.pk]), {"status": "done", "version": step.version}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("step", args=[p.pk, step.pk]), {"status": "done", "version": step.version}
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.status == "not_started"


def test_vendor_sees_only_shared_steps(client, personas):
    login(client, personas.victor)
    p = personas.project
    page = client.get(reverse("project", args=[p.pk])).content.decode()
    assert shared_step(p).action.title_da in page
    hidden = unshared_step(p)
    assert f'data-step="{hidden.action.slug}"' not in page
    assert client.get(reverse("step", args=[p.pk, hidden.pk])).status_code == 404
    assert client.get(reverse("step", args=[p.pk, shared_step(p).pk])).status_code == 200
    assert client.get(reverse("audit", args=[p.pk])).status_code == 403
    assert client.get(reverse("members", args=[p.pk])).status_code == 403
    step = shared_step(p)
    assert (
        client.post(
            reverse("step_status", args=[p.pk, step.pk]),
            {"status": "done", "version": step.version},
        ).status_code
        == 403
    )


def test_superuser_sees_all_projects(client, personas):
    admin = make_user("root", is_staff=True, is_superuser=True)
    login(client, admin)
    assert client.get(reverse("project", args=[personas.project.pk])).status_code == 200


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_step_of_another_project_is_404(client, personas, who):
    from vejviser.conftest import make_project

    other = make_project(personas.charlie, title="Charlies projekt")
    login(client, getattr(personas, who))
    step = other.steps.first()
    assert client.get(reverse("step", args=[personas.project.pk, step.pk])).status_code == 404
