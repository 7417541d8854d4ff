"""The content editor edits the guidance and sees no project or assistant question."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from vejviser.accounts.models import ApiToken
from vejviser.accounts.roles import CONTENT_EDITOR, content_editor_group, make_content_editor
from vejviser.conftest import make_user
from vejviser.projects.demo import load_demo


@pytest.fixture
def editor(db):
    user = make_user("redaktor")
    make_content_editor(user)
    return user


def test_the_group_holds_only_content_permissions(db):
    group = content_editor_group()
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert apps == {"journey"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_action", "view_track", "add_source"} <= codenames
    assert not any(c.startswith("delete_") for c in codenames)


def test_the_editor_opens_the_content_admin_but_nothing_else(client, editor, personas):
    client.force_login(editor)
    assert client.get("/admin/journey/action/").status_code == 200
    assert (
        client.get(
            f"/admin/journey/action/{personas.project.steps.first().action_id}/change/"
        ).status_code
        == 200
    )
    for url in [
        "/admin/projects/project/",
        "/admin/projects/auditevent/",
        "/admin/projects/invitation/",
        "/admin/assistant/message/",
        "/admin/assistant/feedback/",
        "/admin/accounts/apitoken/",
        "/admin/auth/user/",
    ]:
        assert client.get(url).status_code == 403, url


def test_the_editor_sees_no_project_in_pages_or_api(client, editor, personas):
    p = personas.project
    client.force_login(editor)
    assert client.get(f"/projects/{p.pk}/").status_code == 404
    assert p.title not in client.get("/").content.decode()
    _token, secret = ApiToken.issue(editor, "t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/projects", **headers).json() == []
    assert client.get(f"/api/v1/projects/{p.pk}", **headers).status_code == 404


def test_the_demo_admin_is_a_content_editor_and_no_superuser_is_made(db):
    user_model = get_user_model()
    # an older demo made admin a superuser: loading again turns it into an editor
    user_model.objects.create_user("admin", password="x", is_staff=True, is_superuser=True)
    load_demo(password="demo-password-123")
    admin = user_model.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(name=CONTENT_EDITOR).exists()
    assert not user_model.objects.filter(is_superuser=True).exists()
