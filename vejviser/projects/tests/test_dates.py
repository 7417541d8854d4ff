"""Due dates are typed and shown the Danish way (13.12.2026); ISO is accepted too."""

from __future__ import annotations

import datetime as dt

import pytest


def _post(client, personas, due: str):
    project = personas.project
    step = project.steps.first()
    client.force_login(personas.alice)
    response = client.post(
        f"/projects/{project.pk}/steps/{step.pk}/",
        {"status": step.status, "due_date": due, "version": step.version, "notes": "n"},
    )
    step.refresh_from_db()
    return response, step


@pytest.mark.parametrize("typed", ["13.12.2026", "13-12-2026", "13/12/2026", "2026-12-13"])
def test_a_due_date_is_accepted_as_typed_in_denmark_or_iso(client, personas, typed):
    response, step = _post(client, personas, typed)
    assert response.status_code == 302
    assert step.due_date == dt.date(2026, 12, 13)


def test_a_us_date_is_refused_with_a_danish_message_and_nothing_is_saved(client, personas):
    response, step = _post(client, personas, "12/13/2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Skriv datoen som dd.mm.åååå, fx 13.12.2026." in page
    assert step.due_date is None and step.notes == ""


def test_the_step_page_shows_the_due_date_as_danish_text(client, personas):
    _post(client, personas, "2026-12-13")
    project = personas.project
    step = project.steps.first()
    page = client.get(f"/projects/{project.pk}/steps/{step.pk}/").content.decode()
    assert 'value="13.12.2026"' in page and 'placeholder="dd.mm.åååå"' in page
    assert 'type="date"' not in page
    journey = client.get(f"/projects/{project.pk}/").content.decode()
    assert "13.12.2026" in journey and "2026-12-13" not in journey


def test_the_audit_trail_shows_changed_dates_the_danish_way(client, personas):
    _post(client, personas, "13.12.2026")
    page = client.get(f"/projects/{personas.project.pk}/audit/").content.decode()
    assert "13.12.2026" in page and "2026-12-13" not in page
