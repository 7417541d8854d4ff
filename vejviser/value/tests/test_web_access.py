"""Who may see and change a business case: owner / member / management / vendor / outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vejviser.conftest import make_project, make_user
from vejviser.value.models import BusinessCase, CaseVersion

from .web import business_step, form_data, start_case, tool_url


@pytest.fixture
def saved(client, personas):
    """The ambient-scribe case saved once by alice (the owner)."""
    client.force_login(personas.alice)
    assert start_case(client, personas.project).status_code == 302
    client.logout()
    return BusinessCase.objects.get()


def urls(project, bc):
    version = {"case_pk": bc.pk, "number": 1}
    return [
        ("get", tool_url(project)),
        ("get", tool_url(project, "new", template="ambient-scribe")),
        ("post", tool_url(project, "new", template="ambient-scribe")),
        ("get", tool_url(project, "new_version", case_pk=bc.pk)),
        ("post", tool_url(project, "new_version", case_pk=bc.pk)),
        ("get", tool_url(project, "version", **version)),
        ("get", tool_url(project, "plot", kind="tornado", **version)),
        ("get", tool_url(project, "export", what="kpis", fmt="csv", **version)),
    ]


READ = [0, 5, 6, 7]  # the indexes of urls() a reading member may open
WRITE = [1, 2, 3, 4]


def test_the_step_links_the_tool(client, personas):
    client.force_login(personas.alice)
    step = business_step(personas.project)
    page = client.get(reverse("step", args=[personas.project.pk, step.pk])).content.decode()
    assert f'href="{tool_url(personas.project)}"' in page


def test_anonymous_is_sent_to_login(client, personas, saved):
    for method, url in urls(personas.project, saved):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_outsider_gets_404_everywhere(client, personas, saved):
    client.force_login(personas.charlie)
    for method, url in urls(personas.project, saved):
        assert getattr(client, method)(url).status_code == 404, url


def test_owner_and_editing_member_open_every_page(client, personas, saved):
    for user in (personas.alice, personas.bob):
        client.force_login(user)
        for i in [*READ, 1, 3]:
            method, url = urls(personas.project, saved)[i]
            assert getattr(client, method)(url).status_code == 200, (user, url)


def test_editing_member_saves_a_version(client, personas, saved):
    client.force_login(personas.bob)
    url = tool_url(personas.project, "new_version", case_pk=saved.pk)
    response = client.post(url, form_data(client, url, note="Bobs tal"))
    assert response.status_code == 302
    assert saved.latest().number == 2
    assert saved.latest().created_by == personas.bob


def test_management_reads_but_cannot_save(client, personas, saved):
    client.force_login(personas.maja)
    all_urls = urls(personas.project, saved)
    for i in READ:
        method, url = all_urls[i]
        assert getattr(client, method)(url).status_code == 200, url
    for i in WRITE:
        method, url = all_urls[i]
        assert getattr(client, method)(url, {"note": "x"}).status_code == 403, url
    page = client.get(tool_url(personas.project)).content.decode()
    assert "data-new-version" not in page and "data-template" not in page
    assert CaseVersion.objects.count() == 1


@pytest.mark.parametrize("shared", [False, True])
def test_vendor_gets_404_even_on_a_shared_step(client, personas, saved, shared):
    step = business_step(personas.project)
    type(step).objects.filter(pk=step.pk).update(shared_with_vendor=shared)
    client.force_login(personas.victor)
    for method, url in urls(personas.project, saved):
        assert getattr(client, method)(url).status_code == 404, url


def test_step_without_the_tool_is_404(client, personas):
    client.force_login(personas.alice)
    p = personas.project
    other = next(s for s in p.steps.all() if "business-case" not in s.action.tools)
    url = reverse("value:case", kwargs={"pk": p.pk, "step_pk": other.pk})
    assert client.get(url).status_code == 404


def test_case_of_another_project_is_404(client, personas, saved):
    other = make_project(personas.charlie, title="Charlies projekt")
    client.force_login(personas.charlie)
    url = tool_url(other, "version", case_pk=saved.pk, number=1)
    assert client.get(url).status_code == 404


def test_unknown_template_plot_and_export_are_404(client, personas, saved):
    client.force_login(personas.alice)
    p = personas.project
    version = {"case_pk": saved.pk, "number": 1}
    assert client.get(tool_url(p, "new", template="nope")).status_code == 404
    assert client.get(tool_url(p, "plot", kind="pie", **version)).status_code == 404
    assert client.get(tool_url(p, "export", what="x", fmt="csv", **version)).status_code == 404
    assert client.get(tool_url(p, "export", what="case", fmt="csv", **version)).status_code == 404
    assert client.get(tool_url(p, "version", case_pk=saved.pk, number=9)).status_code == 404


def test_staff_may_open_the_case(client, personas, saved):
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    url = tool_url(personas.project, "version", case_pk=saved.pk, number=1)
    assert client.get(url).status_code == 200
