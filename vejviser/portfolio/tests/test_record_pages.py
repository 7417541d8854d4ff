"""The AI system record's pages with personas: members and management read it, editing
roles fill in its texts, only the owner switches the public page, outsiders, vendors and
other organisations' management get 404, anonymous readers see only a published record."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from vejviser.conftest import make_user
from vejviser.journey import tools
from vejviser.lib.capabilities import share_items
from vejviser.portfolio.core import record as core
from vejviser.portfolio.models import SystemRecord
from vejviser.portfolio.record import mappings, record_for, share_record

from .factory import Tree

SCHEMA = json.loads((Path(settings.BASE_DIR) / core.SCHEMA_FILE).read_text(encoding="utf-8"))


@pytest.fixture
def tree(personas):
    return Tree(personas)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(pk: int) -> str:
    return reverse("portfolio:record", args=[pk])


def _publish(user, pk: int, on: bool = True):
    data = {"public": "on"} if on else {}
    return _client(user).post(reverse("portfolio:record-publish", args=[pk]), data)


def _edit(user, pk: int, **fields):
    stored = SystemRecord.objects.get_or_create(project_id=pk)[0]
    data = {
        "human_oversight": "Lægen godkender hvert forslag.",
        "data_description": "CT-scanninger.",
        "contact_role": "ledelse",
        "contract_end": "31.12.2029",
        "next_revalidation": "01.06.2027",
        "version": stored.version,
        **fields,
    }
    return _client(user).post(reverse("portfolio:record-edit", args=[pk]), data)


# -- who reads -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alice", "bob", "maja"])
def test_project_members_read_the_record(tree, personas, name):
    response = _client(getattr(personas, name)).get(_page(tree.project.pk))
    assert response.status_code == 200
    assert response.context["record"]["name"] == tree.project.title


def test_management_of_the_organisation_reads_it_read_only(tree):
    response = _client(tree.hospital_manager).get(_page(tree.project.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-readonly" in html and "data-record-form" not in html
    assert "data-publish-form" not in html
    assert _edit(tree.hospital_manager, tree.project.pk).status_code == 403
    assert _publish(tree.hospital_manager, tree.project.pk).status_code == 403


@pytest.mark.parametrize("who", ["charlie", "victor", "sibling_manager", "other_region"])
def test_outsiders_vendors_and_other_organisations_get_404(tree, personas, who):
    user = getattr(personas, who, None) or getattr(tree, who)
    client = _client(user)
    pk = tree.project.pk
    assert client.get(_page(pk)).status_code == 404
    assert client.get(reverse("portfolio:record-json", args=[pk])).status_code == 404
    assert (
        client.post(reverse("portfolio:record-publish", args=[pk]), {"public": "on"}).status_code
        == 404
    )
    assert _edit(user, pk).status_code == 404
    assert not SystemRecord.objects.filter(project=tree.project, public=True).exists()


def test_anonymous_is_sent_to_log_in(tree):
    response = Client().get(_page(tree.project.pk))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


# -- who writes ------------------------------------------------------------------------


def test_an_editing_member_fills_in_the_record(tree, personas):
    response = _edit(personas.bob, tree.project.pk)
    assert response.status_code == 302
    stored = SystemRecord.objects.get(project=tree.project)
    assert stored.human_oversight == "Lægen godkender hvert forslag."
    assert str(stored.next_revalidation) == "2027-06-01"
    record = _client(personas.bob).get(_page(tree.project.pk)).context["record"]
    assert record["monitoring"]["next_revalidation"] == "2027-06-01"
    assert record["contract"]["end"] == "2029-12-31"
    assert record["contact"] == {"role": "ledelse", "label": "Ledelse"}


def test_management_on_the_project_reads_but_does_not_edit(tree, personas):
    assert _edit(personas.maja, tree.project.pk).status_code == 403


def test_a_bad_date_is_refused_with_a_message_and_changes_nothing(tree, personas):
    response = _edit(personas.bob, tree.project.pk, next_revalidation="31.02.2027")
    assert response.status_code == 400
    assert "dd.mm.yyyy" in response.content.decode() or "dd.mm.åååå" in response.content.decode()
    assert SystemRecord.objects.get(project=tree.project).next_revalidation is None


def test_a_stale_form_keeps_the_text_and_saves_nothing(tree, personas):
    _edit(personas.bob, tree.project.pk)
    response = _edit(personas.alice, tree.project.pk, human_oversight="Mit udkast", version=0)
    assert response.status_code == 409
    assert "Mit udkast" in response.content.decode()
    assert SystemRecord.objects.get(project=tree.project).human_oversight.startswith("Lægen")


def test_a_vendor_cannot_be_the_contact_role(tree, personas):
    response = _edit(personas.bob, tree.project.pk, contact_role="virksomhed")
    assert response.status_code == 400


# -- the public page -------------------------------------------------------------------


def test_the_public_page_is_off_by_default_and_only_the_owner_switches_it(tree, personas):
    stored = SystemRecord.objects.get_or_create(project=tree.project)[0]
    public = reverse("portfolio:public-record", args=[stored.public_key])
    assert not stored.public
    assert Client().get(public).status_code == 404
    assert _publish(personas.bob, tree.project.pk).status_code == 403  # a member, not owner
    assert _publish(personas.maja, tree.project.pk).status_code == 403
    assert Client().get(public).status_code == 404
    assert _publish(personas.alice, tree.project.pk).status_code == 302
    response = Client().get(public)  # anonymous, no login
    assert response.status_code == 200
    assert tree.project.title in response.content.decode()
    data = Client().get(reverse("portfolio:public-record-json", args=[stored.public_key])).json()
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["public_url"].endswith(public)
    assert data["model_card"]["url"] is None  # no links into login-only pages
    assert _publish(personas.alice, tree.project.pk, on=False).status_code == 302
    assert Client().get(public).status_code == 404


def test_an_unknown_public_key_is_404(db):
    assert Client().get(reverse("portfolio:public-record", args=["nope"])).status_code == 404


# -- the exports -----------------------------------------------------------------------


def test_the_json_download_validates_against_the_published_schema(tree, personas):
    _edit(personas.bob, tree.project.pk)
    response = _client(personas.alice).get(reverse("portfolio:record-json", args=[tree.project.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["organisation"]["path"] == [
        "Region Syddanmark",
        "Odense Universitetshospital",
        "Onkologisk afdeling",
    ]


def test_the_schema_is_served_without_login(db):
    response = Client().get(reverse("portfolio:record-schema"))
    assert response.status_code == 200
    assert response.json() == SCHEMA


@pytest.mark.parametrize("standard", ["algoritmeregister", "atrs"])
def test_the_standards_exports_read_back_to_the_record(tree, personas, standard):
    _edit(personas.bob, tree.project.pk)
    client = _client(personas.alice)
    url = reverse("portfolio:record-standard", args=[tree.project.pk, standard])
    doc = json.loads(client.get(url).content)
    record = json.loads(
        client.get(reverse("portfolio:record-json", args=[tree.project.pk])).content
    )
    assert core.import_record(mappings().standards[standard], doc) == record


def test_an_unknown_standard_is_404(tree, personas):
    url = reverse("portfolio:record-standard", args=[tree.project.pk, "nowhere"])
    assert _client(personas.alice).get(url).status_code == 404


# -- roles, not names ------------------------------------------------------------------


def test_the_share_item_is_registered_and_names_nobody(tree, personas):
    assert share_items()["record"] is share_record
    _edit(personas.bob, tree.project.pk)
    shared = share_record(tree.project)
    assert shared is not None
    jsonschema.Draft202012Validator(SCHEMA).validate(shared)
    people = ["Alice", "Andersen", "alice", "bob", "charlie", "victor", "maja", "helle"]
    assert core.find_names(shared, people) == []
    assert core.find_names(record_for(tree.project, "da"), people) == []
    assert shared["json_url"] is None  # not published: no address to give


def test_a_project_without_a_purpose_shares_no_record(tree):
    tree.rh_project.description = ""
    tree.rh_project.save()
    assert share_record(tree.rh_project) is None


# -- links -----------------------------------------------------------------------------


def test_the_project_page_links_to_the_record_for_members_not_vendors(tree, personas):
    url = reverse("project", args=[tree.project.pk])
    assert _page(tree.project.pk) in _client(personas.bob).get(url).content.decode()
    assert _page(tree.project.pk) not in _client(personas.victor).get(url).content.decode()


def test_the_journey_tool_is_available_and_opens_the_record(tree, personas):
    assert "portfolio:record" in tools.AVAILABLE
    step = next(s for s in tree.project.steps.all() if "portfolio:record" in (s.action.tools or []))
    url = reverse("portfolio:record-tool", args=[tree.project.pk, step.pk])
    response = _client(personas.bob).get(url)
    assert response.status_code == 302 and response["Location"] == _page(tree.project.pk)
    assert _client(personas.victor).get(url).status_code == 404
    other = next(
        s for s in tree.project.steps.all() if "portfolio:record" not in (s.action.tools or [])
    )
    assert (
        _client(personas.bob)
        .get(reverse("portfolio:record-tool", args=[tree.project.pk, other.pk]))
        .status_code
        == 404
    )


def test_an_operator_reads_and_publishes(tree):
    admin = make_user("root", is_superuser=True, is_staff=True)
    assert _client(admin).get(_page(tree.project.pk)).status_code == 200
    assert _publish(admin, tree.project.pk).status_code == 302


# -- the CLI ---------------------------------------------------------------------------


def test_the_cli_prints_the_record_and_its_standards(tree):
    from click.testing import CliRunner

    from vejviser.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["portfolio", "record", "--project", str(tree.project.pk)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    jsonschema.Draft202012Validator(SCHEMA).validate(record)
    result = runner.invoke(
        main, ["portfolio", "record", "--project", str(tree.project.pk), "--standard", "atrs"]
    )
    assert result.exit_code == 0, result.output
    assert core.import_record(mappings().standards["atrs"], json.loads(result.output)) == record
    missing = runner.invoke(main, ["portfolio", "record", "--project", "999999", "--lang", "en"])
    assert missing.exit_code == 2 and "No project with id 999999." in missing.output
    unknown = runner.invoke(
        main, ["portfolio", "record", "--project", str(tree.project.pk), "--standard", "x"]
    )
    assert unknown.exit_code == 2 and "algoritmeregister, atrs" in unknown.output


def test_a_members_name_in_the_record_is_refused(tree, personas):
    response = _edit(personas.bob, tree.project.pk, human_oversight="Alice Andersen godkender.")
    assert response.status_code == 400
    assert "Nævn personer ved deres rolle, ikke ved navn" in response.content.decode()
    assert SystemRecord.objects.get(project=tree.project).human_oversight == ""


def test_the_record_id_does_not_give_away_the_project_or_the_public_address(tree, personas):
    record = record_for(tree.project, "da")
    stored = SystemRecord.objects.get(project=tree.project)
    assert record["id"].startswith("vejviser-record-") and "project" not in record["id"]
    assert stored.public_key not in record["id"] and stored.public_key[:16] not in record["id"]
    assert record["id"] == record_for(tree.project, "en")["id"]  # stable


def test_the_legal_basis_and_data_come_from_the_gdpr_assessment(tree):
    from django.utils import timezone

    from vejviser.assessments.models import AssessmentRun

    today = timezone.localdate()
    AssessmentRun.objects.create(
        project=tree.project,
        step=tree.project.steps.first(),
        assessment="gdpr",
        version=1,
        answers={"personal_data": True, "sensitive_data": True},
        on_date=today,
        result={"assessment": "gdpr", "dpia": "required", "legal_basis": ["art6_1_e", "art9_2_h"]},
        ruleset_version="2026.11",
        ruleset_reviewed=today,
        ruleset_next_review=today,
    )
    record = record_for(tree.project, "en")
    assert record["legal_basis"] == [
        {"reference": "GDPR Art. 6(1)(e)", "text": "Public task / exercise of official authority"},
        {
            "reference": "GDPR Art. 9(2)(h), 9(3)",
            "text": "Diagnosis, care and treatment by health professionals under secrecy",
        },
    ]
    assert record["data"]["personal_data"] is True and record["data"]["dpia"] == "required"
    jsonschema.Draft202012Validator(SCHEMA).validate(record)


def test_a_project_without_an_organisation_is_published_without_one(personas):
    from vejviser.conftest import make_project

    project = make_project(personas.alice, title="Uden organisation")
    assert _publish(personas.alice, project.pk).status_code == 302
    stored = SystemRecord.objects.get(project=project)
    response = Client().get(reverse("portfolio:public-record", args=[stored.public_key]))
    assert response.status_code == 200
    assert response.context["record"]["organisation"] == {"name": "", "path": []}


def test_management_sees_the_model_card_named_but_not_linked(tree, personas):
    from django.utils import timezone

    from vejviser.documents.models import DocumentVersion

    DocumentVersion.objects.create(
        project=tree.project,
        step=tree.project.steps.first(),
        kind="model-card",
        number=1,
        fmt="pdf",
        lang="da",
        inputs={},
        inputs_digest="0" * 64,
        sha256="0" * 64,
        size=1,
        content=b"x",
        created_at=timezone.now(),
    )
    card = reverse(
        "documents:download",
        args=[tree.project.pk, tree.project.steps.first().pk, "model-card", 1],
    )
    member = _client(personas.bob).get(_page(tree.project.pk))
    assert member.context["record"]["model_card"]["version"] == 1
    assert card in member.content.decode()
    manager = _client(tree.hospital_manager).get(_page(tree.project.pk)).content.decode()
    assert card not in manager and "Modelkort, version 1" in manager
