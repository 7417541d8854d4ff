"""Who sees which projects on the portfolio: management of an organisation sees its
subtree, nobody sees another organisation's projects, project members without a
management role see no portfolio at all."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from vejviser.conftest import make_user
from vejviser.portfolio.access import portfolio_access, subtree

from .factory import Tree


@pytest.fixture
def tree(personas):
    return Tree(personas)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _shown(user) -> set[int]:
    response = _client(user).get(reverse("portfolio:page"))
    assert response.status_code == 200
    return {row.pk for row in response.context["rows"]}


def test_region_management_sees_the_projects_of_its_hospitals_and_departments(tree, personas):
    assert _shown(personas.maja) == {tree.project.pk}


def test_hospital_management_sees_its_departments_projects(tree):
    assert _shown(tree.hospital_manager) == {tree.project.pk}


def test_management_of_a_sibling_department_sees_nothing(tree):
    assert _shown(tree.sibling_manager) == set()


def test_management_of_another_region_sees_only_its_own(tree):
    assert _shown(tree.other_region) == {tree.rh_project.pk}


@pytest.mark.parametrize("name", ["alice", "bob", "charlie", "victor"])
def test_members_outsiders_and_vendors_without_a_management_role_get_404(tree, personas, name):
    client = _client(getattr(personas, name))
    assert client.get(reverse("portfolio:page")).status_code == 404
    assert client.get(reverse("portfolio:export", args=["csv"])).status_code == 404


def test_anonymous_is_sent_to_log_in(tree):
    response = Client().get(reverse("portfolio:page"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_an_operator_sees_every_project(tree):
    admin = make_user("root", is_superuser=True, is_staff=True)
    assert _shown(admin) == {tree.project.pk, tree.rh_project.pk}


def test_the_page_is_read_only(tree, personas):
    response = _client(personas.maja).post(reverse("portfolio:page"))
    assert response.status_code == 405


def test_project_links_only_for_projects_the_user_may_open(tree, personas):
    # maja is ledelse on the personas' project; helle manages OUH but is no member
    html = _client(personas.maja).get(reverse("portfolio:page")).content.decode()
    assert f'href="/projects/{tree.project.pk}/"' in html
    html = _client(tree.hospital_manager).get(reverse("portfolio:page")).content.decode()
    assert f'href="/projects/{tree.project.pk}/"' not in html
    assert tree.project.title in html
    # and the portfolio opens no project: project access is unchanged
    assert _client(tree.hospital_manager).get(f"/projects/{tree.project.pk}/").status_code == 404


def test_subtree_by_hand():
    parents = {1: None, 2: 1, 3: 2, 4: 1, 5: None, 6: 5}
    assert subtree([1], parents) == {1, 2, 3, 4}
    assert subtree([2], parents) == {2, 3}
    assert subtree([4], parents) == {4}
    assert subtree([5, 3], parents) == {5, 6, 3}
    assert subtree([], parents) == set()


def test_dashboard_links_the_portfolio_for_management_only(tree, personas):
    assert "data-portfolio-panel" in _client(personas.maja).get("/").content.decode()
    assert "data-portfolio-panel" not in _client(personas.alice).get("/").content.decode()


def test_access_helper_for_a_user_without_roles(tree, personas):
    access = portfolio_access(personas.alice)
    assert not access.allowed
    assert list(access.projects()) == []


def test_an_operator_keeps_organisations_in_the_admin(tree):
    admin = make_user("root", is_superuser=True, is_staff=True)
    client = _client(admin)
    assert client.get("/admin/portfolio/organisation/").status_code == 200
    page = client.get(f"/admin/portfolio/organisation/{tree.syd.pk}/change/")
    assert page.status_code == 200
    assert "Region Syddanmark" in page.content.decode()
