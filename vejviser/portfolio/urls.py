from __future__ import annotations

from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.portfolio, name="page"),
    path("portfolio/export.<slug:fmt>", views.export, name="export"),
]
