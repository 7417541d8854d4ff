"""The ambient-scribe demo project carries the whole procurement story, once: needs with
three raters, EXAMPLE products, a specification from the assessments, a fixed model,
three blind evaluators, the consensus and a ranking with its sensitivity."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from vejviser.market.demo import PROJECT, load
from vejviser.market.models import Need, Product, Specification, Tender
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project


@pytest.fixture
def demo(db):
    load_demo(password="demo-password-123")
    return Project.objects.get(title=PROJECT)


def step(project, slug):
    return project.steps.get(action__slug=slug)


def test_the_demo_is_loaded_once(demo):
    assert load() == 0
    assert Need.objects.filter(project=demo).count() == 4
    assert Tender.objects.filter(project=demo).count() == 1
    # the market demo's three; the sharing demo adds the contouring project's model
    assert Product.objects.filter(is_example=True, uses__project=demo).distinct().count() == 1
    assert Product.objects.filter(is_example=True).exclude(
        vendor="EKSEMPEL Nationalt stråleterapisamarbejde"
    ).count() == 3
    assert not Product.objects.filter(is_example=False).exists()


def test_the_specification_is_prefilled_from_the_assessments(demo):
    version = Specification.objects.get(project=demo).latest()
    ids = {i["id"] for i in version.items}
    # the demo's GDPR assessment requires a processor agreement
    assert {"data-processor-agreement", "no-training-on-our-data"} <= ids
    assert "exit-data-return" in ids
    # the business case's KPIs become service levels
    assert any(i["requirement"] == "kpi-service-level" for i in version.items)


def test_a_procurement_consultant_sees_every_page(client, demo):
    client.force_login(get_user_model().objects.get(username="peter"))
    tender = Tender.objects.get(project=demo)
    spec = Specification.objects.get(project=demo)
    product = Product.objects.get(name="Ambient scribe (demo)")
    needs_step = step(demo, "afklar-behov-og-viden")
    catalogue_step = step(demo, "afdaek-markedet")
    spec_step = step(demo, "opstil-kravspecifikation")
    tender_step = step(demo, "foretag-udbud")
    contract_step = step(demo, "indkoeb-produktet")
    pages = {
        reverse("market:needs", args=[demo.pk, needs_step.pk]): "data-p-top",
        reverse("market:catalogue", args=[demo.pk, catalogue_step.pk]): "data-example",
        reverse("market:product", args=[demo.pk, catalogue_step.pk, product.pk]): "data-local-run",
        reverse("market:requirements", args=[demo.pk, spec_step.pk]): "Kravspecifikation",
        reverse(
            "market:spec", args=[demo.pk, spec_step.pk, spec.pk, 1]
        ): 'data-requirement="data-processor-agreement"',
        reverse("market:tenders", args=[demo.pk, tender_step.pk]): "Udbud",
        reverse("market:tender", args=[demo.pk, tender_step.pk, tender.pk]): "data-lock-state",
        reverse("market:tender_score", args=[demo.pk, tender_step.pk, tender.pk]): "data-submitted",
        reverse(
            "market:tender_consensus", args=[demo.pk, tender_step.pk, tender.pk]
        ): "data-consensus-form",
        reverse(
            "market:tender_result", args=[demo.pk, tender_step.pk, tender.pk]
        ): "data-sensitivity",
        reverse("market:contract", args=[demo.pk, contract_step.pk]): "data-contract-form",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url


def test_the_result_ranks_the_three_example_bids(client, demo):
    client.force_login(get_user_model().objects.get(username="peter"))
    tender = Tender.objects.get(project=demo)
    response = client.post(
        f"/api/v1/market/projects/{demo.pk}/steps/{tender.step_id}/tenders/{tender.pk}/evaluate"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert sorted(b["rank"] for b in data["bids"]) == [1, 2, 3]
    assert {b["label"] for b in data["bids"]} == {
        "EKSEMPEL Nordlys Health",
        "EKSEMPEL Fjord Medical",
        "EKSEMPEL Bølge AI",
    }
    assert data["reversals"]


def test_local_validation_counts_only_when_bidders_were_tested_alike(client, demo):
    from vejviser.evidence.models import ValidationRun
    from vejviser.market.evidence_links import bid_evidence
    from vejviser.market.models import ProductUse

    tender = Tender.objects.get(project=demo)
    bids = list(tender.bids.select_related("product"))
    evidence, same = bid_evidence(bids, demo)
    assert [len(e.runs) for e in evidence] == [2, 0, 0] and same is None
    fjord = Product.objects.get(vendor="EKSEMPEL Fjord Medical")
    transcripts = ValidationRun.objects.get(project=demo, kind="transcripts")
    use = ProductUse.objects.create(product=fjord, project=demo, run=transcripts)
    assert bid_evidence(bids, demo)[1] is True  # both tested on the same transcripts run
    use.delete()
    other = ValidationRun.objects.get(project=demo, kind="timing")
    other.pk, other.n = None, other.n + 7  # the same kind on a different data set
    other.save()
    ProductUse.objects.create(product=fjord, project=demo, run=other)
    assert bid_evidence(bids, demo)[1] is False
    client.force_login(get_user_model().objects.get(username="peter"))
    page = client.get(reverse("market:tender_consensus", args=[demo.pk, tender.step_id, tender.pk]))
    assert "data-unequal" in page.content.decode()


def test_a_shortlisted_need_suggests_its_track(client, demo):
    client.force_login(get_user_model().objects.get(username="peter"))
    page = client.get(
        reverse("market:needs", args=[demo.pk, step(demo, "afklar-behov-og-viden").pk])
    )
    body = page.content.decode()
    assert "data-track" in body and "Færdigt produkt" in body
