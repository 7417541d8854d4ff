"""Editing steps: audit trail, no lost edits, bad input changes nothing."""

from __future__ import annotations

from django.urls import reverse

from vejviser.projects.models import AuditEvent, EditConflict, Project


def login(client, user):
    client.force_login(user)


def form_data(step, **changes):
    data = {
        "status": step.status,
        "owner": step.owner_id or "",
        "due_date": step.due_date.isoformat() if step.due_date else "",
        "notes": step.notes,
        "decisions": step.decisions,
        "version": step.version,
    }
    if step.shared_with_vendor:
        data["shared_with_vendor"] = "on"
    data.update(changes)
    return data


def test_new_project_has_a_step_per_action_and_owner(personas):
    from vejviser.journey.models import Action

    p = personas.project
    assert p.steps.count() == Action.objects.filter(phase__track=p.track, retired=False).count()
    assert p.memberships.get(user=personas.alice).is_owner
    assert p.audit.filter(verb=AuditEvent.Verb.CREATED).exists()


def test_saving_a_step_records_before_and_after(client, personas):
    login(client, personas.alice)
    p = personas.project
    step = p.steps.first()
    response = client.post(
        reverse("step", args=[p.pk, step.pk]),
        form_data(step, status="in_progress", notes="Behov afdækket med **3** læger"),
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(step=step).latest("at")
    assert event.actor == personas.alice
    assert event.changes["status"] == ["not_started", "in_progress"]
    assert event.changes["notes"] == ["", "Behov afdækket med **3** læger"]
    step.refresh_from_db()
    assert step.version == 2


def test_second_save_of_same_version_is_a_conflict_and_keeps_the_first(client, personas):
    p = personas.project
    step = p.steps.first()
    # bob opens the step, alice opens it too; alice saves first
    step.edit(personas.alice, {"notes": "Alices tekst"}, step.version)
    login(client, personas.bob)
    response = client.post(
        reverse("step", args=[p.pk, step.pk]), form_data(step, notes="Bobs tekst", version=1)
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "data-conflict" in body
    assert "Bobs tekst" in body  # bob's input is kept in the form
    step.refresh_from_db()
    assert step.notes == "Alices tekst"
    # saving again (the form now carries the current version) is a deliberate overwrite
    response = client.post(
        reverse("step", args=[p.pk, step.pk]), form_data(step, notes="Bobs tekst")
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.notes == "Bobs tekst"


def test_model_edit_raises_conflict_on_stale_version(personas):
    step = personas.project.steps.first()
    step.edit(personas.alice, {"status": "done"}, 1)
    try:
        step.edit(personas.bob, {"status": "not_relevant"}, 1)
    except EditConflict as exc:
        assert exc.current.status == "done"
    else:  # pragma: no cover
        raise AssertionError("expected a conflict")


def test_quick_status_conflict_via_htmx_returns_message(client, personas):
    login(client, personas.bob)
    p = personas.project
    step = p.steps.first()
    step.edit(personas.alice, {"status": "done"}, 1)
    response = client.post(
        reverse("step_status", args=[p.pk, step.pk]),
        {"status": "in_progress", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "data-error" in response.content.decode()
    step.refresh_from_db()
    assert step.status == "done"


def test_bad_status_changes_nothing(client, personas):
    login(client, personas.alice)
    p = personas.project
    step = p.steps.first()
    response = client.post(
        reverse("step_status", args=[p.pk, step.pk]), {"status": "bogus", "version": 1}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "not_started" and step.version == 1


def test_bad_date_shows_message_and_saves_nothing(client, personas):
    login(client, personas.alice)
    p = personas.project
    step = p.steps.first()
    response = client.post(
        reverse("step", args=[p.pk, step.pk]), form_data(step, due_date="31-02-2026", notes="ny")
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    step.refresh_from_db()
    assert step.notes == "" and step.version == 1


def test_notes_markdown_is_sanitised(client, personas):
    login(client, personas.alice)
    p = personas.project
    step = p.steps.first()
    client.post(
        reverse("step", args=[p.pk, step.pk]),
        form_data(step, notes="<script>alert(1)</script> [x](javascript:alert(1)) **fed**"),
    )
    page = client.get(reverse("step", args=[p.pk, step.pk])).content.decode()
    login(client, personas.bob)
    assert "<script>alert(1)" not in page
    assert "javascript:" not in page.split("<textarea")[0]


def test_next_steps_follow_status_changes(personas):
    p = personas.project
    first_phase_steps = [s for s in p.ordered_steps() if s.action.phase.order == 1]
    journey = p.journey()
    assert journey.current.order == 1
    assert journey.next_steps[0] == first_phase_steps[0]
    for s in first_phase_steps:
        s.edit(personas.alice, {"status": "done"}, s.version)
    journey = Project.objects.get(pk=p.pk).journey()
    assert journey.current.order == 2
    assert all(s.action.phase.order == 2 for s in journey.next_steps)


def test_next_steps_name_whom_to_involve(client, personas):
    login(client, personas.alice)
    page = client.get(reverse("project", args=[personas.project.pk])).content.decode()
    assert "data-next-steps" in page
    assert "Alice Andersen" in page or "alice" in page


def test_create_project_on_each_track(client, personas):
    from vejviser.journey.models import Track

    login(client, personas.charlie)
    for track in Track.objects.all():
        response = client.post(
            reverse("project_new"),
            {
                "title": f"Projekt {track.slug}",
                "clinical_area": "Radiologi",
                "department": "OUH",
                "region": "syddanmark",
                "track": track.pk,
                "my_role": "kliniker",
                "description": "",
            },
        )
        assert response.status_code == 302
        project = Project.objects.get(title=f"Projekt {track.slug}")
        assert project.steps.count() > 0


def test_invalid_new_project_saves_nothing(client, personas):
    login(client, personas.charlie)
    before = Project.objects.count()
    response = client.post(reverse("project_new"), {"title": "", "region": "mars"})
    assert response.status_code == 200
    assert Project.objects.count() == before


def test_project_edit_conflict(client, personas):
    p = personas.project
    p.edit(personas.alice, {"title": "Nyt navn"}, 1)
    login(client, personas.alice)
    response = client.post(
        reverse("project_edit", args=[p.pk]),
        {
            "title": "Andet navn",
            "clinical_area": "x",
            "department": "y",
            "region": "syddanmark",
            "description": "",
            "version": 1,
        },
    )
    assert response.status_code == 409
    p.refresh_from_db()
    assert p.title == "Nyt navn"


def test_members_invite_accept_change_remove_are_audited(client, personas):
    login(client, personas.alice)
    p = personas.project
    response = client.post(
        reverse("members", args=[p.pk]), {"invitee": "charlie@example.org", "role": "it-arkitekt"}
    )
    assert response.status_code == 302
    invitation = p.invitations.get()
    login(client, personas.charlie)
    client.post(reverse("invitation_answer", args=[invitation.pk]), {"answer": "accept"})
    m = p.memberships.get(user=personas.charlie)
    assert m.role == "it-arkitekt"
    login(client, personas.alice)
    client.post(reverse("member_change", args=[p.pk, m.pk]), {"role": "jurist"})
    client.post(reverse("member_change", args=[p.pk, m.pk]), {"remove": "1"})
    verbs = list(p.audit.values_list("verb", flat=True)[:4])
    assert verbs == ["member_removed", "member_changed", "invitation_accepted", "invited"]


def test_empty_invitee_and_only_owner_rules(client, personas):
    login(client, personas.alice)
    p = personas.project
    response = client.post(reverse("members", args=[p.pk]), {"invitee": " ", "role": "jurist"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    owner = p.memberships.get(user=personas.alice)
    client.post(reverse("member_change", args=[p.pk, owner.pk]), {"remove": "1"})
    assert p.memberships.filter(pk=owner.pk).exists()


def test_dashboard_shows_phase_progress_and_overdue(client, personas):
    import datetime

    step = personas.project.steps.first()
    step.edit(personas.alice, {"due_date": datetime.date(2020, 1, 1)}, 1)
    login(client, personas.alice)
    page = client.get(reverse("dashboard")).content.decode()
    assert personas.project.title in page
    assert 'data-overdue="1"' in page


def test_audit_leaves_out_values_that_did_not_change(personas):
    from vejviser.projects.models import AuditEvent

    p = personas.project
    event = AuditEvent.record(
        p, personas.alice, AuditEvent.Verb.PROJECT_UPDATED, "x", {"a": [1, 1], "b": [1, 2]}
    )
    assert event is not None and event.changes == {"b": [1, 2]}
    before = p.audit.count()
    same = AuditEvent.record(
        p, personas.alice, AuditEvent.Verb.STEP_UPDATED, "x", {"assessment:ai": ["ok", "ok"]}
    )
    assert same is None
    assert p.audit.count() == before


def test_saving_a_step_unchanged_records_nothing(personas):
    step = personas.project.steps.first()
    before = personas.project.audit.count()
    assert (
        step.edit(personas.alice, {"status": step.status, "notes": step.notes}, step.version) == {}
    )
    assert personas.project.audit.count() == before
