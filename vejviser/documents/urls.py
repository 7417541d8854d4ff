from __future__ import annotations

from django.urls import path

from . import views
from .tools import KINDS

app_name = "documents"

STEP = "projects/<int:pk>/steps/<int:step_pk>/documents/"
DOC = STEP + "<slug:kind>/"

urlpatterns = [
    path(DOC, views.page, name="page"),
    path(DOC + "generate/", views.generate_view, name="generate"),
    path(DOC + "texts/<slug:key>/", views.narrative, name="narrative"),
    path(DOC + "v<int:number>/", views.download, name="download"),
    # the same page under a name per kind: the journey's tool links reverse these with
    # the project and step only (``vejviser.journey.tools.register``)
    *(path(f"{STEP}{kind}/", views.page, {"kind": kind}, name=f"open-{kind}") for kind in KINDS),
]
