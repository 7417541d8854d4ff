"""Who may see and add validation runs: owner / member / management / vendor / outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vejviser.evidence.models import ValidationRun

from .web import PROSPECTIVE_STEP, binary_data, retro_step, url


@pytest.fixture
def saved(client, personas):
    """A binary run saved by alice (the owner)."""
    client.force_login(personas.alice)
    assert (
        client.post(url(personas.project, "new", kind="binary"), binary_data()).status_code == 302
    )
    client.logout()
    return ValidationRun.objects.get()


def urls(project, run):
    prospective = project.steps.get(action__slug=PROSPECTIVE_STEP)
    return [
        ("get", url(project)),
        ("get", url(project, "run", run_pk=run.pk)),
        ("get", url(project, "sample_size", step=prospective)),
        ("get", url(project, "new", kind="binary")),
        ("post", url(project, "new", kind="binary")),
        ("post", url(project, "sample_size", step=prospective)),
    ]


READ = [0, 1, 2]
WRITE = [3, 4, 5]
SAMPLE_SIZE = {"prevalence": "0,2", "width": "0,1", "sensitivity": "0,9", "purpose": "prospective"}


def test_the_step_links_the_tool_and_shows_the_latest_result(client, personas, saved):
    client.force_login(personas.alice)
    step = retro_step(personas.project)
    page = client.get(reverse("step", args=[personas.project.pk, step.pk])).content.decode()
    assert f'href="{url(personas.project)}"' in page
    assert "AUC 0,70 (0,67–0,73), n = 1.991" in page


def test_anonymous_is_sent_to_login(client, personas, saved):
    for method, address in urls(personas.project, saved):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("login")), address


def test_outsider_gets_404_everywhere(client, personas, saved):
    client.force_login(personas.charlie)
    for method, address in urls(personas.project, saved):
        assert getattr(client, method)(address).status_code == 404, address


def test_owner_and_editing_member_open_every_page(client, personas, saved):
    for user in (personas.alice, personas.bob):
        client.force_login(user)
        for i in [*READ, 3]:
            method, address = urls(personas.project, saved)[i]
            assert getattr(client, method)(address).status_code == 200, (user, address)


def test_editing_member_adds_a_run_and_a_plan(client, personas, saved):
    client.force_login(personas.bob)
    response = client.post(url(personas.project, "new", kind="binary"), binary_data())
    assert response.status_code == 302
    prospective = personas.project.steps.get(action__slug=PROSPECTIVE_STEP)
    response = client.post(url(personas.project, "sample_size", step=prospective), SAMPLE_SIZE)
    assert response.status_code == 302
    plan = ValidationRun.objects.get(kind="sample-size")
    assert plan.created_by == personas.bob
    assert plan.report["plans"][0]["total"] == 695  # Buderer: 139 cases / 0.20
    assert "695" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("who", ["maja", "victor"])
def test_read_only_roles_read_but_cannot_add(client, personas, saved, who):
    """Management reads; the vendor reads a step shared with vendors. Neither adds runs."""
    client.force_login(getattr(personas, who))
    all_urls = urls(personas.project, saved)
    for i in READ:
        method, address = all_urls[i]
        assert getattr(client, method)(address).status_code == 200, address
    for i in WRITE:
        method, address = all_urls[i]
        data = binary_data() if i == 4 else SAMPLE_SIZE
        response = (
            getattr(client, method)(address, data) if method == "post" else client.get(address)
        )
        assert response.status_code == 403, address
    assert ValidationRun.objects.count() == 1
    assert "data-new-run" not in client.get(all_urls[0][1]).content.decode()


def test_vendor_gets_404_on_a_step_not_shared_with_vendors(client, personas, saved):
    step = retro_step(personas.project)
    step.shared_with_vendor = False
    step.save()
    client.force_login(personas.victor)
    for address in (url(personas.project), url(personas.project, "run", run_pk=saved.pk)):
        assert client.get(address).status_code == 404, address


def test_a_step_without_a_validation_tool_has_no_validation_pages(client, personas):
    client.force_login(personas.alice)
    other = personas.project.steps.get(action__slug="udarbejd-business-case")
    assert client.get(url(personas.project, step=other)).status_code == 404


def test_a_run_is_only_found_on_its_own_step(client, personas, saved):
    client.force_login(personas.alice)
    prospective = personas.project.steps.get(action__slug=PROSPECTIVE_STEP)
    address = url(personas.project, "run", step=prospective, run_pk=saved.pk)
    assert client.get(address).status_code == 404


def test_unknown_kind_is_404(client, personas):
    client.force_login(personas.alice)
    assert client.get(url(personas.project, "new", kind="nonsense")).status_code == 404
