"""Assessment URLs: on a project step (tool ``assessment:<name>``), and the rules."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views
from .apps import ASSESSMENTS

app_name = "assessments"

STEP = "projects/<int:pk>/steps/<int:step_pk>/assessments/"

urlpatterns: list[URLPattern] = [
    path(f"{STEP}<slug:name>/", views.overview, name="overview"),
    path(f"{STEP}<slug:name>/questions/", views.questions, name="questions"),
    path(f"{STEP}<slug:name>/v<int:version>/", views.run_detail, name="run"),
    path("assessments/", views.index, name="index"),
    path("assessments/<slug:name>/rules/", views.rules, name="rules"),
    # The journey's tool links reverse these with the project and step only.
    *[path(f"{STEP}{name}/", views.overview, {"name": name}, name=name) for name in ASSESSMENTS],
]
