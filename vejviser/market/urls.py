from __future__ import annotations

from django.urls import path

from .views import catalogue, contract, needs, requirements, tender

app_name = "market"

STEP = "projects/<int:pk>/steps/<int:step_pk>/market/"
TENDER = STEP + "tenders/<int:tender_pk>/"

urlpatterns = [
    path(STEP + "needs/", needs.needs, name="needs"),
    path(STEP + "needs/<int:need_pk>/rate/", needs.need_rate, name="need_rate"),
    path(STEP + "needs/<int:need_pk>/shortlist/", needs.need_shortlist, name="need_shortlist"),
    path(STEP + "catalogue/", catalogue.catalogue, name="catalogue"),
    path(STEP + "catalogue/export.json", catalogue.catalogue_export, name="catalogue_export"),
    path(STEP + "catalogue/new/", catalogue.product_new, name="product_new"),
    path(STEP + "catalogue/<int:product_pk>/", catalogue.product_detail, name="product"),
    path(STEP + "requirements/", requirements.requirements, name="requirements"),
    path(
        STEP + "requirements/<int:spec_pk>/v<int:number>/", requirements.spec_version, name="spec"
    ),
    path(
        STEP + "requirements/<int:spec_pk>/new-version/", requirements.spec_edit, name="spec_edit"
    ),
    path(STEP + "tenders/", tender.tenders, name="tenders"),
    path(TENDER, tender.tender_detail, name="tender"),
    path(TENDER + "scores/", tender.tender_score, name="tender_score"),
    path(TENDER + "consensus/", tender.tender_consensus, name="tender_consensus"),
    path(TENDER + "result/", tender.tender_result, name="tender_result"),
    path(STEP + "contract/", contract.contract, name="contract"),
]
