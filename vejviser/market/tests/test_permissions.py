"""Who may see and change the market tools: owner / member / read-only / outsider /
vendor on every page and endpoint; blind scoring."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vejviser.market.models import Score, Tender

from . import factory as f


@pytest.fixture
def world(personas):
    p, alice = personas.project, personas.alice
    n = f.need(p, alice)
    prod = f.product(alice)
    s = f.spec(p, alice)
    t = f.tender(p, alice, [alice, personas.bob])
    f.check(p, alice)
    return {"need": n, "product": prod, "spec": s, "tender": t}


def pages(project, w):
    t = w["tender"].pk
    return [
        f.url(project, "needs", "needs"),
        f.url(project, "need_rate", "needs", need_pk=w["need"].pk),
        f.url(project, "catalogue", "catalogue"),
        f.url(project, "catalogue_export", "catalogue"),
        f.url(project, "product_new", "catalogue"),
        f.url(project, "product", "catalogue", product_pk=w["product"].pk),
        f.url(project, "requirements", "requirements"),
        f.url(project, "spec", "requirements", spec_pk=w["spec"].pk, number=1),
        f.url(project, "spec_edit", "requirements", spec_pk=w["spec"].pk),
        f.url(project, "tenders", "tender"),
        f.url(project, "tender", "tender", tender_pk=t),
        f.url(project, "tender_score", "tender", tender_pk=t),
        f.url(project, "contract", "contract"),
    ]


def api_urls(project, w):
    base = "/api/v1/market/projects/{}/steps/{}"
    t = w["tender"].pk
    return [
        base.format(project.pk, f.step(project, "needs").pk) + "/needs",
        base.format(project.pk, f.step(project, "catalogue").pk) + "/catalogue",
        base.format(project.pk, f.step(project, "catalogue").pk) + f"/catalogue/{w['product'].pk}",
        base.format(project.pk, f.step(project, "requirements").pk) + "/requirements",
        base.format(project.pk, f.step(project, "tender").pk) + "/tenders",
        base.format(project.pk, f.step(project, "tender").pk) + f"/tenders/{t}",
        base.format(project.pk, f.step(project, "tender").pk) + f"/tenders/{t}/scores",
        base.format(project.pk, f.step(project, "contract").pk) + "/contract",
    ]


def test_anonymous_is_sent_to_login(client, personas, world):
    for address in pages(personas.project, world):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404_on_every_page_and_endpoint(client, personas, world):
    client.force_login(personas.charlie)
    for address in pages(personas.project, world) + api_urls(personas.project, world):
        assert client.get(address).status_code == 404, address
    assert (
        client.post(
            f.url(personas.project, "needs", "needs"), {"action": "add", "title": "x"}
        ).status_code
        == 404
    )


def test_vendor_gets_404_even_on_a_step_shared_with_vendors(client, personas, world):
    project = personas.project
    project.steps.update(shared_with_vendor=True)
    client.force_login(personas.victor)
    for address in pages(project, world) + api_urls(project, world):
        assert client.get(address).status_code == 404, address
    step = f.step(project, "tender")
    page = client.get(reverse("step", args=[project.pk, step.pk])).content.decode()
    assert "data-tool-summary" not in page  # nothing of the tender on the step page


def test_tender_steps_are_not_shared_with_the_vendor_by_default(personas):
    shared = dict(personas.project.steps.values_list("action__slug", "shared_with_vendor"))
    for slug in ("foretag-udbud", "opstil-kravspecifikation", "udfoer-markedsdialog"):
        assert shared[slug] is False, slug


def test_owner_and_member_read_every_page(client, personas, world, django_assert_max_num_queries):
    for user in (personas.alice, personas.bob):
        client.force_login(user)
        for address in pages(personas.project, world):
            with django_assert_max_num_queries(40):
                assert client.get(address).status_code == 200, address
        for address in api_urls(personas.project, world):
            assert client.get(address).status_code == 200, address


def test_read_only_member_reads_but_cannot_write(client, personas, world):
    client.force_login(personas.maja)
    project = personas.project
    assert client.get(f.url(project, "needs", "needs")).status_code == 200
    writes = [
        (f.url(project, "needs", "needs"), {"action": "add", "title": "x"}),
        (f.url(project, "need_rate", "needs", need_pk=world["need"].pk), {}),
        (f.url(project, "need_shortlist", "needs", need_pk=world["need"].pk), {}),
        (f.url(project, "product_new", "catalogue"), {}),
        (f.url(project, "requirements", "requirements"), {"title": "x"}),
        (f.url(project, "tenders", "tender"), {"title": "x"}),
        (f.url(project, "tender", "tender", tender_pk=world["tender"].pk), {"action": "lock"}),
        (f.url(project, "contract", "contract"), {}),
    ]
    for address, data in writes:
        assert client.post(address, data).status_code == 403, address


def test_an_evaluator_sees_only_their_own_scores_before_all_have_submitted(client, personas, world):
    t: Tender = world["tender"]
    f.score_all(t, personas.alice, 8)
    client.force_login(personas.bob)
    page = client.get(f.url(personas.project, "tender_score", "tender", tender_pk=t.pk))
    assert page.status_code == 200
    assert 'value="8"' not in page.content.decode()
    for name in ("tender_consensus", "tender_result"):
        assert (
            client.get(f.url(personas.project, name, "tender", tender_pk=t.pk)).status_code == 403
        )
    api = f"/api/v1/market/projects/{personas.project.pk}/steps/{t.step_id}/tenders/{t.pk}"
    scores = client.get(api + "/scores").json()
    assert scores["scores"] == [] and scores["all_submitted"] is False
    assert client.post(api + "/evaluate").status_code == 403
    # nothing of the values reaches the project's audit trail
    audit = client.get(reverse("audit", args=[personas.project.pk])).content.decode()
    assert "8,0" not in audit and "→ 8" not in audit


def test_after_everyone_submits_all_scores_and_the_consensus_open(client, personas, world):
    t: Tender = world["tender"]
    project = personas.project
    for user, value in ((personas.alice, 8), (personas.bob, 6)):
        client.force_login(user)
        data = {**f.full_scores(t, value), "action": "submit"}
        assert (
            client.post(f.url(project, "tender_score", "tender", tender_pk=t.pk), data).status_code
            == 302
        )
    # a submitted evaluator cannot change their scores any more
    assert (
        client.post(
            f.url(project, "tender_score", "tender", tender_pk=t.pk), f.full_scores(t, 1)
        ).status_code
        == 403
    )
    page = client.get(f.url(project, "tender_consensus", "tender", tender_pk=t.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert ">8<" in body and ">6<" in body
    consensus = {f"c_{b.pk}_{c}": "7" for b in t.bids.all() for c in t.quality_ids()}
    consensus["reason"] = "Konsensusmøde"
    assert (
        client.post(
            f.url(project, "tender_consensus", "tender", tender_pk=t.pk), consensus
        ).status_code
        == 302
    )
    assert Score.objects.filter(bid__tender=t, evaluator__isnull=True).count() == 2 * 4
    result = client.get(f.url(project, "tender_result", "tender", tender_pk=t.pk))
    assert result.status_code == 200 and "data-ranking" in result.content.decode()
    # the vendor still sees none of it
    client.force_login(personas.victor)
    assert client.get(f.url(project, "tender_result", "tender", tender_pk=t.pk)).status_code == 404


def test_a_member_who_is_not_an_evaluator_cannot_score(client, personas, world):
    t = world["tender"]
    client.force_login(personas.maja)
    assert (
        client.get(f.url(personas.project, "tender_score", "tender", tender_pk=t.pk)).status_code
        == 403
    )
    api = f"/api/v1/market/projects/{personas.project.pk}/steps/{t.step_id}/tenders/{t.pk}/scores"
    bid = t.bids.first()
    assert (
        client.post(
            api,
            [{"bid": bid.pk, "criterion": t.quality_ids()[0], "value": 5}],
            content_type="application/json",
        ).status_code
        == 403
    )


def test_scores_through_the_api_are_checked_and_own(client, personas, world):
    t = world["tender"]
    client.force_login(personas.bob)
    api = f"/api/v1/market/projects/{personas.project.pk}/steps/{t.step_id}/tenders/{t.pk}/scores"
    bid = t.bids.first()
    c = t.quality_ids()[0]
    bad = client.post(
        api, [{"bid": bid.pk, "criterion": c, "value": 11}], content_type="application/json"
    )
    assert bad.status_code == 400 and "value" in bad.json()["detail"]
    ok = client.post(
        api, [{"bid": bid.pk, "criterion": c, "value": 7}], content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json() == {"saved": 1}
    assert client.get(api).json()["scores"] == [
        {"bid": bid.pk, "criterion": c, "value": 7.0, "evaluator": "bob"}
    ]
