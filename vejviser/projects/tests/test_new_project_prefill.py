"""The new-project page takes a title, a description and a track from the query string
(e.g. "Start a project" from a shortlisted need): valid values pre-fill the form, an
unknown or retired track is ignored, nothing is created by a GET."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from vejviser.journey.models import Track
from vejviser.projects.models import Project


def _form(client, **query):
    response = client.get(f"{reverse('project_new')}?{urlencode(query)}")
    assert response.status_code == 200
    return response.context["form"]


def test_title_description_and_track_are_initial_values(client, personas):
    client.force_login(personas.charlie)
    track = Track.objects.get(slug="ny-ide")
    before = Project.objects.count()
    form = _form(
        client, title="Talegenkendelse", description="Mindre tid på notater.", track="ny-ide"
    )
    assert form["title"].value() == "Talegenkendelse"
    assert form["description"].value() == "Mindre tid på notater."
    assert form["track"].value() == track.pk
    page = client.get(
        f"{reverse('project_new')}?{urlencode({'title': 'Talegenkendelse', 'track': 'ny-ide'})}"
    ).content.decode()
    assert 'value="Talegenkendelse"' in page
    assert f'<option value="{track.pk}" selected>' in page
    assert Project.objects.count() == before  # a GET creates nothing


def test_unknown_or_retired_track_is_ignored_and_texts_are_trimmed(client, personas):
    client.force_login(personas.charlie)
    form = _form(client, title="x" * 500, track="no-such-track")
    assert form["title"].value() == "x" * 200
    assert "track" not in form.initial
    retired = Track.objects.get(slug="ny-ide")
    retired.retired = True
    retired.save(update_fields=["retired"])
    assert "track" not in _form(client, track="ny-ide").initial


def test_posted_values_win_over_the_query_string(client, personas):
    client.force_login(personas.charlie)
    track = Track.objects.get(slug="faerdigt-produkt")
    response = client.post(
        f"{reverse('project_new')}?{urlencode({'title': 'Fra forespørgslen', 'track': 'ny-ide'})}",
        {
            "title": "Indsendt titel",
            "clinical_area": "Radiologi",
            "department": "OUH",
            "region": "syddanmark",
            "track": track.pk,
            "my_role": "kliniker",
            "description": "",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(title="Indsendt titel")
    assert project.track == track
