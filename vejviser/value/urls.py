from __future__ import annotations

from django.urls import path

from . import views

app_name = "value"

CASES = "projects/<int:pk>/steps/<int:step_pk>/business-case/"
VERSION = CASES + "<int:case_pk>/v<int:number>/"

urlpatterns = [
    path(CASES, views.case_list, name="case"),
    path(CASES + "new/<slug:template>/", views.case_new, name="new"),
    path(CASES + "<int:case_pk>/new-version/", views.version_new, name="new_version"),
    path(VERSION, views.version_detail, name="version"),
    path(VERSION + "plot/<slug:kind>.svg", views.version_plot, name="plot"),
    path(VERSION + "simulate/", views.version_simulate, name="simulate"),
    path(VERSION + "export/<slug:what>.<slug:fmt>", views.version_export, name="export"),
]
