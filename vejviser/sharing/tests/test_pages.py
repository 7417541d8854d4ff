"""The sharing page with personas, the product page across deployments (levels against
readers), the journey tool and the API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vejviser.conftest import make_project, make_user
from vejviser.portfolio.models import OrganisationMember
from vejviser.portfolio.tests.factory import link
from vejviser.projects.models import Membership
from vejviser.sharing import bundles, keys
from vejviser.sharing.core import bundle as core
from vejviser.sharing.models import ImportedDeployment, Lesson, ShareLevel

from .factory import Shared, share_step, use_product

pytestmark = pytest.mark.django_db


def client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(shared: Shared) -> str:
    return reverse("sharing:share", kwargs={"pk": shared.project.pk, "step_pk": shared.step.pk})


# --- the sharing page: owner sets levels and exports; members read; others 404 -------------


def test_the_step_links_the_sharing_page_instead_of_planned(personas):
    shared = Shared(personas)
    page = client(personas.alice).get(reverse("step", args=[shared.project.pk, shared.step.pk]))
    html = page.content.decode()
    assert url(shared) in html
    tool = html.split('data-tool="portfolio:share"')[1].split("</li>")[0]
    assert "planlagt" not in tool


@pytest.mark.parametrize("name", ["charlie", "victor"])
def test_outsiders_and_the_vendor_get_404(personas, name):
    shared = Shared(personas)
    user = getattr(personas, name)
    assert client(user).get(url(shared)).status_code == 404
    post = client(user).post(url(shared), {"action": "levels", "level-validation": "public"})
    assert post.status_code == 404
    assert not ShareLevel.objects.filter(item="validation").exists()


def test_a_member_reads_but_only_the_owner_sets_levels_and_exports(personas):
    shared = Shared(personas)
    page = client(personas.bob).get(url(shared))
    assert page.status_code == 200
    assert "data-export" not in page.content.decode()
    bob = client(personas.bob)
    assert bob.post(url(shared), {"action": "levels", "level-lessons": "public"}).status_code == 403
    assert bob.post(url(shared), {"action": "export", "audience": "public"}).status_code == 403
    maja = client(personas.maja)  # management: reads, writes no lesson
    assert maja.get(url(shared)).status_code == 200
    assert maja.post(url(shared), {"action": "lesson", "text": "Noget"}).status_code == 403
    assert not ShareLevel.objects.exists()


def test_the_owner_sets_levels_and_downloads_a_signed_bundle(personas):
    shared = Shared(personas)
    alice = client(personas.alice)
    response = alice.post(
        url(shared), {"action": "levels", "level-validation": "national", "level-lessons": "region"}
    )
    assert response.status_code == 302
    assert bundles.item_levels(shared.project)["validation"] == "national"
    response = alice.post(url(shared), {"action": "export", "audience": "national"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v1.json"')
    bundle = json.loads(response.content)
    assert set(bundle["payload"]["items"]) == {"validation"}
    opened = core.open_bundle(
        response.content,
        bundles.trusted_keys() or {bundle["signature"]["fingerprint"]: keys.public_key()},
    )
    assert opened.payload["audience"] == "national"


def test_bad_input_gets_a_clear_message_and_changes_nothing(personas):
    shared = Shared(personas)
    alice = client(personas.alice)
    response = alice.post(url(shared), {"action": "levels", "level-validation": "everyone"})
    assert response.status_code == 400
    assert "Ukendt delingsniveau" in response.content.decode()
    assert not ShareLevel.objects.exists()
    response = alice.post(url(shared), {"action": "export", "audience": "national"})
    assert response.status_code == 400
    assert "Intet deles" in response.content.decode()
    response = alice.post(url(shared), {"action": "export", "audience": "internal"})
    assert response.status_code == 400


def test_a_member_writes_a_lesson_in_roles_not_names(personas):
    shared = Shared(personas)
    bob = client(personas.bob)
    response = bob.post(url(shared), {"action": "lesson", "text": "Spørg Alice om konturerne."})
    assert response.status_code == 400
    assert "roller, ikke navne" in response.content.decode()
    assert Lesson.objects.count() == 1
    response = bob.post(url(shared), {"action": "lesson", "text": "Inddrag DPO'en tidligt."})
    assert response.status_code == 302
    lesson = Lesson.objects.latest("id")
    assert lesson.role == "jurist" and lesson.created_by == personas.bob


# --- the product page: what each organisation shared with the reader --------------------------


def product_url(shared: Shared) -> str:
    return reverse("sharing:product", args=[shared.product.pk])


def shown(user, shared: Shared) -> list[Any]:
    response = client(user).get(product_url(shared))
    assert response.status_code == 200
    rows: list[Any] = response.context["rows"]
    return rows


def test_region_items_reach_the_region_national_items_the_sector_public_items_everyone(personas):
    shared = Shared(personas, validation="region", lessons="national")
    tree = shared.tree
    # staff of the same region (Praksisområdet), of another region, and a vendor
    same = make_user("sofie")
    OrganisationMember.objects.create(user=same, organisation=tree.praksis)
    other = make_user("otto")
    OrganisationMember.objects.create(user=other, organisation=tree.rh)
    [row] = shown(same, shared)
    assert set(row.items) == {"validation", "lessons"}
    assert row.headline.startswith("AUC 0,84")
    [row] = shown(other, shared)
    assert set(row.items) == {"lessons"}
    assert row.headline == ""
    # the vendor of the project and an outsider without an organisation: public only
    for user in (personas.victor, personas.charlie):
        response = client(user).get(product_url(shared))
        assert response.context["rows"] == [] and response.context["hidden"] == 1
    ShareLevel.objects.filter(item="lessons").update(level="public")
    [row] = shown(personas.charlie, shared)
    assert set(row.items) == {"lessons"}


def test_members_and_management_see_their_own_project_whole(personas):
    shared = Shared(personas)  # everything internal
    for user in (personas.alice, personas.bob, personas.maja, shared.tree.hospital_manager):
        [row] = shown(user, shared)
        assert {"validation", "lessons"} <= set(row.items) and row.own
    assert shown(shared.tree.sibling_manager, shared) == []


def test_another_project_using_the_product_shows_beside_ours(personas):
    shared = Shared(personas, lessons="national")
    other = make_project(shared.tree.rh_owner, title="Kontur på Rigshospitalet")
    link(other, shared.tree.rh)
    use_product(other, shared.product, shared.tree.rh_owner)
    ShareLevel.objects.create(project=other, item="validation", level="national")
    titles = [r.title for r in shown(personas.alice, shared)]
    assert titles == ["Ambient scribe i almen praksis", "Kontur på Rigshospitalet"]


def test_an_imported_deployment_shows_with_its_provenance(personas, settings, tmp_path):
    shared = Shared(personas, validation="national", lessons="national")
    bundle, _ = bundles.export(shared.project, "national", personas.alice)
    bundles.trust(keys.public_key_file(), "Region Syddanmark (nøgle)")
    ShareLevel.objects.all().delete()  # locally nothing is shared now: only the import shows
    bundles.import_bundle(core.dump(bundle))
    outsider = make_user("ulla")
    OrganisationMember.objects.create(user=outsider, organisation=shared.tree.rh)
    response = client(outsider).get(product_url(shared))
    html = response.content.decode()
    [row] = response.context["rows"]
    assert row.imported is not None and row.headline.startswith("AUC 0,84")
    assert "Delt af Region Syddanmark" in html and "version 1" in html
    assert "Region Syddanmark (nøgle)" in html
    assert "Lad fysikeren gennemgå konturerne" in html
    assert client(personas.charlie).get(product_url(shared)).context["rows"] == []


def test_the_market_product_page_links_the_deployments(personas):
    shared = Shared(personas)
    step = next(
        s for s in shared.project.ordered_steps() if "market:catalogue" in (s.action.tools or [])
    )
    page = client(personas.alice).get(
        reverse("market:product", args=[shared.project.pk, step.pk, shared.product.pk])
    )
    assert product_url(shared) in page.content.decode()


def test_anonymous_is_sent_to_log_in(personas):
    shared = Shared(personas)
    for target in (url(shared), product_url(shared)):
        response = Client().get(target)
        assert response.status_code == 302 and "/login/" in response["Location"]


# --- API ----------------------------------------------------------------------------------------


def test_api_export_import_and_deployments(personas):
    shared = Shared(personas, validation="national")
    alice = client(personas.alice)
    response = alice.post(f"/api/v1/sharing/projects/{shared.project.pk}/export?audience=national")
    assert response.status_code == 200
    bundle = response.json()
    assert (
        client(personas.bob)
        .post(f"/api/v1/sharing/projects/{shared.project.pk}/export")
        .status_code
        == 403
    )
    assert (
        client(personas.charlie)
        .post(f"/api/v1/sharing/projects/{shared.project.pk}/export")
        .status_code
        == 404
    )
    admin = make_user("root", is_superuser=True)
    body = json.dumps(bundle)
    assert (
        alice.post("/api/v1/sharing/import", body, content_type="application/json").status_code
        == 403
    )
    refused = client(admin).post("/api/v1/sharing/import", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "untrusted"
    bundles.trust(keys.public_key_file(), "Syd")
    done = client(admin).post("/api/v1/sharing/import", body, content_type="application/json")
    assert done.status_code == 200 and done.json()["created"] is True
    assert ImportedDeployment.objects.count() == 1
    rows = alice.get(f"/api/v1/sharing/products/{shared.product.pk}/deployments").json()
    assert [r["imported"] for r in rows] == [False, True]
    assert rows[1]["provenance"]["shared_by"] == "Region Syddanmark"
    assert client(admin).get("/api/v1/sharing/key").json()["public_key"] == keys.public_key()


def test_a_vendor_never_sees_the_tool_on_a_step_shared_with_vendors(personas):
    shared = Shared(personas)
    shared.step.shared_with_vendor = True
    shared.step.save()
    html = (
        client(personas.victor)
        .get(reverse("step", args=[shared.project.pk, shared.step.pk]))
        .content.decode()
    )
    assert 'data-tool="portfolio:share"' not in html
    assert Membership.objects.filter(user=personas.victor).exists()
    assert share_step(shared.project) == shared.step


def test_the_admin_trusts_a_key_and_refuses_what_is_not_one(personas):
    admin = make_user("root", is_superuser=True, is_staff=True)
    c = client(admin)
    add = reverse("admin:sharing_trustedkey_add")
    bad = c.post(add, {"name": "X", "public_key": "hello"})
    assert bad.status_code == 200 and "Ed25519" in bad.content.decode()
    good = c.post(add, {"name": "Region Midt", "public_key": keys.public_key()})
    assert good.status_code == 302
    from vejviser.sharing.models import TrustedKey

    key = TrustedKey.objects.get()
    assert key.added_by == admin and key.fingerprint.startswith("sha256:")
