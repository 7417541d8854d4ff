"""A shortlisted need links to the new-project page pre-filled with its title,
description and suggested track."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

from vejviser.market.tests import factory


def test_start_a_project_from_a_shortlisted_need_prefills_the_new_project_page(client, personas):
    need = factory.need(personas.project, personas.alice, title="Talegenkendelse i praksis")
    need.description = "Mindre tid på journalføring & notater."
    need.shortlisted = True
    need.save(update_fields=["description", "shortlisted"])
    client.force_login(personas.alice)
    response = client.get(factory.url(personas.project, "needs", "needs"))
    row = next(r for r in response.context["table"] if r["need"] == need)
    assert row["track"] is not None
    href = row["start_url"]
    assert href.replace("&", "&amp;") in response.content.decode()
    parts = urlsplit(href)
    assert parts.path == reverse("project_new")
    query = parse_qs(parts.query)
    assert query == {
        "title": [need.title],
        "description": [need.description],
        "track": [row["track"].slug],
    }
    form = client.get(href).context["form"]
    assert form["title"].value() == need.title
    assert form["description"].value() == need.description
    assert form["track"].value() == row["track"].pk
