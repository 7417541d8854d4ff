"""Invitations instead of adding people: the owner learns nothing about whether an
account exists, and nobody is on a project before they accept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vejviser.conftest import make_user
from vejviser.projects.models import AuditEvent, Invitation, Project


def _invite(client, project, invitee: str, role: str = "jurist"):
    return client.post(
        reverse("members", args=[project.pk]), {"invitee": invitee, "role": role}, follow=True
    )


def _message(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_answer_is_the_same_whether_or_not_the_account_exists(client, personas):
    client.force_login(personas.alice)
    p = personas.project
    existing = _invite(client, p, "charlie@example.org")
    missing = _invite(client, p, "nobody@example.org")
    assert existing.status_code == missing.status_code == 200
    assert _message(existing) == _message(missing)
    # both wait for an answer, shown as typed; neither is a member
    assert set(p.invitations.pending().values_list("invitee", flat=True)) == {
        "charlie@example.org",
        "nobody@example.org",
    }
    assert not p.memberships.filter(user=personas.charlie).exists()
    page = client.get(reverse("members", args=[p.pk])).content.decode()
    assert "charlie@example.org" in page and "nobody@example.org" in page


def test_an_invited_user_is_not_on_the_project_until_they_accept(client, personas):
    p = personas.project
    invitation = Invitation.invite(p, personas.alice, "Charlie", "it-arkitekt")
    client.force_login(personas.charlie)
    assert client.get(reverse("project", args=[p.pk])).status_code == 404
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert p.title in dashboard and "data-accept" in dashboard
    assert not Project.objects.for_user(personas.charlie).exists()
    response = client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    assert response.status_code == 302
    assert client.get(reverse("project", args=[p.pk])).status_code == 200
    assert p.memberships.get(user=personas.charlie).role == "it-arkitekt"
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    event = p.audit.first()
    assert (event.verb, event.actor) == (AuditEvent.Verb.INVITATION_ACCEPTED, personas.charlie)


def test_declining_leaves_no_membership_and_is_audited(client, personas):
    p = personas.project
    invitation = Invitation.invite(p, personas.alice, "charlie@example.org", "jurist")
    client.force_login(personas.charlie)
    client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "decline"})
    assert not p.memberships.filter(user=personas.charlie).exists()
    assert p.audit.first().verb == AuditEvent.Verb.INVITATION_DECLINED
    assert "data-accept" not in client.get(reverse("dashboard")).content.decode()


def test_an_account_made_later_with_the_invited_address_sees_the_invitation(client, personas):
    p = personas.project
    Invitation.invite(p, personas.alice, "newcomer@example.org", "jurist")
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    assert "data-accept" in client.get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("who", ["bob", "victor", "maja"])
def test_only_the_invited_user_can_answer(client, personas, who):
    p = personas.project
    invitation = Invitation.invite(p, personas.alice, "charlie", "jurist")
    client.force_login(getattr(personas, who))
    response = client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_only_the_owner_invites_and_withdraws(client, personas):
    p = personas.project
    invitation = Invitation.invite(p, personas.alice, "charlie", "jurist")
    withdraw = reverse("invitation_withdraw", args=[p.pk, invitation.pk])
    for who, code in [("bob", 403), ("maja", 403), ("victor", 403), ("charlie", 404)]:
        client.force_login(getattr(personas, who))
        assert client.post(withdraw).status_code == code, who
        assert _invite(client, p, "someone").status_code == code, who
    assert p.invitations.pending().count() == 1
    client.force_login(personas.alice)
    client.post(withdraw)
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn"
    assert p.audit.first().verb == AuditEvent.Verb.INVITATION_WITHDRAWN


def test_a_member_sees_the_team_but_not_the_pending_invitations(client, personas):
    p = personas.project
    Invitation.invite(p, personas.alice, "charlie@example.org", "jurist")
    client.force_login(personas.bob)
    page = client.get(reverse("members", args=[p.pk])).content.decode()
    assert "charlie@example.org" not in page


def test_inviting_again_while_pending_updates_the_role(client, personas):
    p = personas.project
    Invitation.invite(p, personas.alice, "charlie", "jurist")
    Invitation.invite(p, personas.alice, "CHARLIE ", "it-arkitekt")
    assert list(p.invitations.pending().values_list("invitee", "role")) == [
        ("charlie", "it-arkitekt")
    ]


def test_the_dashboard_with_invitations_takes_few_queries(
    client, personas, django_assert_max_num_queries
):
    for n in range(3):
        other = Project.objects.get(pk=personas.project.pk)
        other.pk = None
        other.title = f"Projekt {n}"
        other.save()
        Invitation.invite(other, personas.alice, "charlie", "jurist")
    client.force_login(personas.charlie)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("dashboard")).status_code == 200


def test_the_members_page_with_invitations_takes_few_queries(
    client, personas, django_assert_max_num_queries
):
    for n in range(5):
        Invitation.invite(personas.project, personas.alice, f"person{n}@example.org", "jurist")
    client.force_login(personas.alice)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("members", args=[personas.project.pk]))
    assert page.status_code == 200
    assert page.content.decode().count("data-invitation=") == 5
