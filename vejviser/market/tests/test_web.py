"""The market pages' behaviour: the fixed model, bad input kept and explained, provenance,
import/export with the Health AI Register's names, versions with a reason."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from vejviser.market.models import Bid, ContractCheck, Need, NeedsSetup, Product, Tender
from vejviser.projects.models import AuditEvent

from . import factory as f


def test_a_fixed_model_changes_only_with_a_recorded_reason(client, personas):
    project = personas.project
    client.force_login(personas.alice)
    assert client.post(f.url(project, "tenders", "tender"), {"title": "Udbud"}).status_code == 302
    tender = Tender.objects.get()
    address = f.url(project, "tender", "tender", tender_pk=tender.pk)
    # no bids before the model is fixed
    assert client.post(address, {"action": "bid", "label": "A", "price": "100"}).status_code == 400
    assert client.post(address, {"action": "lock"}).status_code == 302
    weights = {f"weight_{c['id']}": str(c["weight"]) for c in tender.criteria}
    weights["weight_price"] = "40"
    weights[f"weight_{tender.criteria[1]['id']}"] = str(tender.criteria[1]["weight"] - 10)
    data = {"action": "model", "scale": "10", "model": "proportional", **weights}
    response = client.post(address, data)
    assert response.status_code == 400
    assert "grund" in response.content.decode().lower() or "reason" in response.content.decode()
    tender.refresh_from_db()
    assert tender.criteria[0]["weight"] == 30  # unchanged
    assert client.post(address, {**data, "reason": "Klagenævnets praksis"}).status_code == 302
    tender.refresh_from_db()
    assert (tender.criteria[0]["weight"], tender.criteria[0]["model"]) == (40, "proportional")
    event = AuditEvent.objects.filter(target="Udbud").order_by("-id").first()
    assert event.changes["reason"] == [None, "Klagenævnets praksis"]


def test_weights_that_do_not_sum_to_100_are_refused_next_to_the_model(client, personas):
    project = personas.project
    client.force_login(personas.alice)
    client.post(f.url(project, "tenders", "tender"), {"title": "Udbud"})
    tender = Tender.objects.get()
    data = {
        "action": "model",
        "scale": "10",
        "model": "linear",
        "zero_at": "2",
        **{f"weight_{c['id']}": "10" for c in tender.criteria},
    }
    response = client.post(f.url(project, "tender", "tender", tender_pk=tender.pk), data)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    assert 'value="10"' in response.content.decode()  # what was typed is kept


def test_bids_need_a_positive_price(client, personas):
    t = f.tender(personas.project, personas.alice, [])
    client.force_login(personas.alice)
    address = f.url(personas.project, "tender", "tender", tender_pk=t.pk)
    assert client.post(address, {"action": "bid", "label": "C", "price": "-5"}).status_code == 400
    assert client.post(address, {"action": "bid", "label": "C", "price": "nan"}).status_code == 400
    assert (
        client.post(address, {"action": "bid", "label": "C", "price": "1.250.000"}).status_code
        == 302
    )
    assert Bid.objects.get(label="C").price == 1_250_000


def test_needs_weights_must_sum_to_100_and_ratings_are_whole_numbers(client, personas):
    project = personas.project
    client.force_login(personas.alice)
    data = {
        "action": "weights",
        "top_k": "2",
        **{
            f"w_{c}": "10"
            for c in (
                "clinical-value",
                "volume",
                "urgency",
                "data-readiness",
                "products-on-market",
                "cost",
                "strategy-fit",
            )
        },
    }
    assert client.post(f.url(project, "needs", "needs"), data).status_code == 400
    assert not NeedsSetup.objects.exists()
    client.post(f.url(project, "needs", "needs"), {"action": "add", "title": "Triage"})
    need = Need.objects.get(title="Triage")
    rate = f.url(project, "need_rate", "needs", need_pk=need.pk)
    bad = {
        c: "3"
        for c in (
            "clinical-value",
            "volume",
            "urgency",
            "data-readiness",
            "products-on-market",
            "cost",
            "strategy-fit",
        )
    }
    assert client.post(rate, {**bad, "cost": "2,5"}).status_code == 400
    assert client.post(rate, {**bad, "cost": "6"}).status_code == 400
    assert client.post(rate, bad).status_code == 302
    page = client.get(f.url(project, "needs", "needs")).content.decode()
    assert "Triage" in page and "data-p-top" in page


def test_every_product_field_keeps_who_what_source_and_when(client, personas):
    client.force_login(personas.alice)
    data = {
        "vendor": "Firma",
        "product": "Scribe",
        "ce_class": "IIa",
        "integration": ["FHIR"],
        "source": "Datablad 1. maj",
    }
    assert client.post(f.url(personas.project, "product_new", "catalogue"), data).status_code == 302
    product = Product.objects.get()
    assert product.provenance["ce_class"]["source"] == "Datablad 1. maj"
    assert product.provenance["ce_class"]["who"] == "Alice Andersen"
    assert product.data["integration"] == ["FHIR"]
    bad = {**data, "ce_class": "IV"}
    response = client.post(f.url(personas.project, "product_new", "catalogue"), bad)
    assert response.status_code == 400 and Product.objects.count() == 1


def test_catalogue_export_and_import_use_the_register_names(client, personas):
    f.product(personas.alice)
    client.force_login(personas.alice)
    exported = client.get(f.url(personas.project, "catalogue_export", "catalogue")).json()
    record = exported["products"][0]
    assert record["company"] == "EKSEMPEL A/S" and record["product_name"] == "Scribe"
    assert record["example"] is True and "ce_class" in record["provenance"]
    record = {
        "company": "Ny A/S",
        "product_name": "Triage",
        "ce_class": "IIb",
        "integration": ["DICOM"],
        "evidence": [{"level": 2, "source": "peer-reviewed", "reference": "doi"}],
    }
    upload = SimpleUploadedFile("hair.json", json.dumps({"products": [record]}).encode())
    assert (
        client.post(f.url(personas.project, "catalogue", "catalogue"), {"file": upload}).status_code
        == 302
    )
    imported = Product.objects.get(name="Triage")
    assert imported.provenance["ce_class"]["source"] == "import: hair.json"
    assert imported.data["evidence"][0]["level"] == 2
    broken = SimpleUploadedFile("x.json", json.dumps([{"company": "X", "colour": "red"}]).encode())
    response = client.post(f.url(personas.project, "catalogue", "catalogue"), {"file": broken})
    assert response.status_code == 400
    body = response.content.decode()
    assert "products[0].colour" in body and "products[0].product_name" in body


def test_a_new_specification_version_says_what_changed_and_why(client, personas):
    project = personas.project
    client.force_login(personas.alice)
    assert (
        client.post(f.url(project, "requirements", "requirements"), {"title": "Krav"}).status_code
        == 302
    )
    spec = project.specifications.get()
    v1 = spec.latest()
    ids = [i["id"] for i in v1.items]
    assert "exit-data-return" in ids and "security-documentation" in ids
    edit = f.url(project, "spec_edit", "requirements", spec_pk=spec.pk)
    keep = [i for i in ids if i != "exit-transition"]
    data = {"pick": keep, "note": ""}
    for item in v1.items:
        if item["level"] == "SHOULD":
            data[f"award_{item['id']}"] = item["award"]
            data[f"weight_{item['id']}"] = str(item["weight"])
    assert client.post(edit, data).status_code == 400  # the reason is required
    data["note"] = "Exit-hjælp dækkes af kontrakten"
    assert client.post(edit, data).status_code == 302
    v2 = spec.latest()
    assert v2.number == 2 and v2.note == "Exit-hjælp dækkes af kontrakten"
    assert {"id": "exit-transition", "kind": "removed"} in v2.changes


def test_contract_items_met_need_a_place_in_the_contract(client, personas):
    client.force_login(personas.alice)
    address = f.url(personas.project, "contract", "contract")
    assert client.post(address, {"met_exit-and-data-return": "on"}).status_code == 400
    assert not ContractCheck.objects.exists()
    assert (
        client.post(
            address, {"met_exit-and-data-return": "on", "where_exit-and-data-return": "§ 14"}
        ).status_code
        == 302
    )
    assert ContractCheck.objects.get().where == "§ 14"


def test_the_api_evaluates_a_posted_tender_and_names_bad_fields(client, personas):
    client.force_login(personas.bob)
    tender = {
        "scale": 10,
        "criteria": [
            {"id": "price", "kind": "price", "weight": 40, "model": "proportional"},
            {"id": "q", "kind": "quality", "weight": 60},
        ],
        "bids": [
            {"id": "A", "price": 100, "scores": {"q": 5}},
            {"id": "B", "price": 200, "scores": {"q": 10}},
        ],
    }
    response = client.post(
        "/api/v1/market/tender/evaluate", tender, content_type="application/json"
    )
    assert response.status_code == 200
    assert [b["total"] for b in response.json()["bids"]] == [7.0, 8.0]
    tender["criteria"][0]["model"] = "cubic"
    bad = client.post("/api/v1/market/tender/evaluate", tender, content_type="application/json")
    assert bad.status_code == 400 and "criteria[0].model" in bad.json()["detail"]
