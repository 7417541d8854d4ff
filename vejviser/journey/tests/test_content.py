"""The journey content: complete against the guide, valid, loadable, editable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from vejviser.journey.loader import load_content
from vejviser.journey.models import Action, ContentVersion, Phase, Track
from vejviser.kernel.files import ContentErrors, read_content

CONTENT = Path(settings.CONTENT_DIR)

# The central actions of the AI-rejsen guide (pocket edition), in order, per phase.
GUIDE = {
    "ny-ide": [
        [
            "Giv plads til din undren",
            "Lav en behovs- og vidensafklaring",
            "Afdæk markedet",
            "Etabler partnerskaber/involver de rette aktører",
            "Udarbejd forventet business case",
        ],
        [
            "Udarbejd en projektbeskrivelse",
            "Vurder dataanvendelse",
            "Vurder juridiske aspekter",
            "Søg finansiering",
            "Indgå samarbejdsaftale",
        ],
        [
            "Skab produktet (AI-modellen)",
            "Kategoriser risici ift. EU’s AI-forordning",
            "Design brugerfladen: front-end og back-end",
            "Tilpas business case",
        ],
        [
            "Indhent godkendelser til prospektiv vurdering",
            "Afklar infrastruktur for IT",
            "Forbered prospektiv vurdering",
            "Gennemfør prospektiv vurdering",
            "Revurder business case",
            "MDR-godkendelse og CE-mærkning",
        ],
        [
            "Gennemfør juridisk vurdering",
            "Foretag udbud",
            "Indkøb produktet",
            "Sæt produktet i drift",
            "Skaler produktet",
        ],
    ],
    "faerdigt-produkt": [
        [
            "Afklar behov og viden",
            "Udfyld tjekliste",
            "Afdæk markedet",
            "Udfør markedsdialog",
            "Opstil kravspecifikation",
            "Udarbejd business case",
            "Afklar finansiering til etablering og drift",
            "Indgå aftale før validering",
            "Gennemfør juridisk vurdering herunder ift. EU’s AI-forordning",
            "Indhent godkendelser til validering",
            "Gennemfør retrospektiv validering",
            "Afklar infrastruktur for IT",
            "Gennemfør prospektiv validering",
            "Opdater business case",
            "Evaluer afprøvningsfasen",
        ],
        [
            "Foretag udbud",
            "Indkøb produktet",
            "Sæt produktet i drift",
            "Overvåg produktet",
            "Skaler produktet",
        ],
    ],
}
PHASES = {
    "ny-ide": [
        "Idéudvikling",
        "Konceptualisering",
        "Udvikling",
        "Test og implementering",
        "Indkøb, drift og skalering",
    ],
    "faerdigt-produkt": ["Test og implementering", "Indkøb, drift og skalering"],
}


def norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("'", "").lower().split())


def test_files_validate():
    bundle = read_content(CONTENT)
    assert [t.id for t in bundle.tracks] == ["ny-ide", "faerdigt-produkt"]


@pytest.mark.parametrize("track_id", list(GUIDE))
def test_every_phase_and_action_of_the_guide_is_present(track_id):
    track = next(t for t in read_content(CONTENT).tracks if t.id == track_id)
    assert [norm(p.title.da) for p in track.phases] == [norm(t) for t in PHASES[track_id]]
    for phase, expected in zip(track.phases, GUIDE[track_id], strict=True):
        assert [norm(a.title.da) for a in phase.actions] == [norm(t) for t in expected]


def test_every_item_has_english_sources_roles_and_done():
    for track in read_content(CONTENT).tracks:
        for phase in track.phases:
            assert phase.attention, phase.id
            for action in phase.actions:
                assert action.title.en and action.guidance.en and action.done.en
                assert action.roles and action.sources


def test_procurement_team_roles_take_part():
    roles = {
        r
        for t in read_content(CONTENT).tracks
        for p in t.phases
        for a in p.actions
        for r in a.roles
    }
    assert {
        "kliniker",
        "jurist",
        "it-arkitekt",
        "indkoebskonsulent",
        "innovationskonsulent",
    } <= roles


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_schema_error_names_file_and_line(tmp_path):
    broken = broken_copy(tmp_path, "journey/ny-ide.yaml", "roles:", "roles: [surgeon]\n    xroles:")
    with pytest.raises(ContentErrors) as info:
        read_content(broken)
    message = str(info.value)
    assert "journey/ny-ide.yaml:" in message
    line = int(message.split("ny-ide.yaml:")[1].split(":")[0])
    assert line > 1


def test_yaml_syntax_error_names_line(tmp_path):
    broken = broken_copy(tmp_path, "roles.yaml", "roles:", "roles: [unclosed")
    with pytest.raises(ContentErrors) as info:
        read_content(broken)
    assert "roles.yaml:" in str(info.value)


def test_unknown_source_is_an_error(tmp_path):
    broken = broken_copy(
        tmp_path, "journey/faerdigt-produkt.yaml", "doc: ai-rejsen", "doc: no-such-doc"
    )
    with pytest.raises(ContentErrors) as info:
        read_content(broken)
    assert "no-such-doc" in str(info.value)


@pytest.mark.django_db
def test_bad_files_leave_previous_content_in_place(tmp_path):
    before = list(Action.objects.values_list("id", "title_da"))
    broken = broken_copy(tmp_path, "journey/ny-ide.yaml", "roles:", "roles: 7\n    xroles:")
    with pytest.raises(ContentErrors):
        load_content(broken)
    assert list(Action.objects.values_list("id", "title_da")) == before


@pytest.mark.django_db
def test_loading_is_idempotent_and_versioned(tmp_path):
    versions = ContentVersion.objects.count()
    report = load_content(CONTENT)
    assert report.unchanged and ContentVersion.objects.count() == versions
    forced = load_content(CONTENT, force=True)
    assert forced.created == 0 and forced.updated == 0 and forced.unchanged
    assert ContentVersion.objects.count() == versions  # nothing changed: same revision


@pytest.mark.django_db
def test_changed_file_updates_and_removed_action_is_retired(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    path = target / "journey" / "faerdigt-produkt.yaml"
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    removed = data["phases"][1]["actions"].pop()
    data["phases"][0]["actions"][0]["title"]["en"] = "Clarify the need (edited)"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    report = load_content(target)
    assert report.updated >= 1 and report.retired == 1
    assert Action.objects.get(slug=removed["id"], phase__track__slug="faerdigt-produkt").retired
    first = Track.objects.get(slug="faerdigt-produkt").phases.first().actions.first()
    assert first.title_en == "Clarify the need (edited)"
    load_content(CONTENT)  # back again: un-retired
    assert not Action.objects.get(slug=removed["id"], phase__track__slug="faerdigt-produkt").retired


@pytest.mark.django_db
def test_admin_edit_survives_a_load_unless_overwritten():
    phase = Phase.objects.filter(track__slug="ny-ide").first()
    phase.purpose_da = "Redigeret af redaktøren"
    phase.locally_modified = True
    phase.save()
    report = load_content(CONTENT, force=True)
    assert any("phase ny-ide" in label for label in report.kept_local)
    phase.refresh_from_db()
    assert phase.purpose_da == "Redigeret af redaktøren"
    load_content(CONTENT, overwrite_local=True)
    phase.refresh_from_db()
    assert phase.purpose_da != "Redigeret af redaktøren" and not phase.locally_modified


def test_markdown_is_rendered_and_sanitised():
    from vejviser.lib.markdown import render_markdown

    html = render_markdown("**fed** <img src=x onerror=alert(1)> [link](javascript:alert(1))")
    assert "<strong>fed</strong>" in html
    assert "<img" not in html and 'href="javascript' not in html


@pytest.mark.django_db
def test_admin_save_marks_locally_modified(client):
    from vejviser.conftest import make_user

    client.force_login(make_user("editor2", is_staff=True, is_superuser=True))
    role = __import__("vejviser.journey.models", fromlist=["Role"]).Role.objects.get(slug="jurist")
    response = client.post(
        f"/admin/journey/role/{role.pk}/change/",
        {
            "slug": role.slug,
            "sources": '[{"doc": "rsd-guidelines", "section": "Team"}]',
            "order": role.order,
            "title_da": "Jurist (DPO)",
            "title_en": role.title_en,
            "description_da": role.description_da,
            "description_en": role.description_en,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    role.refresh_from_db()
    assert role.title_da == "Jurist (DPO)" and role.locally_modified


@pytest.mark.django_db
def test_admin_rejects_unknown_source_and_tool(client):
    from vejviser.conftest import make_user

    client.force_login(make_user("editor3", is_staff=True, is_superuser=True))
    action = Action.objects.filter(phase__track__slug="ny-ide").first()
    data = {
        "slug": action.slug,
        "phase": action.phase_id,
        "order": action.order,
        "title_da": "Ændret",
        "title_en": action.title_en,
        "guidance_da": action.guidance_da,
        "guidance_en": action.guidance_en,
        "done_da": action.done_da,
        "done_en": action.done_en,
        "roles": [r.pk for r in action.roles.all()],
        "tools": '["assessment:unknown"]',
        "sources": '[{"doc": "no-such-doc", "section": "x"}]',
    }
    response = client.post(f"/admin/journey/action/{action.pk}/change/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "no-such-doc" in page and "assessment:mdr" in page.replace("&quot;", '"')
    action.refresh_from_db()
    assert action.title_da != "Ændret" and not action.locally_modified
