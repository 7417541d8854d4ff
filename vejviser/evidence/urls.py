from __future__ import annotations

from django.urls import path

from . import views

app_name = "evidence"

TOOL = "projects/<int:pk>/steps/<int:step_pk>/validation/"

urlpatterns = [
    path(TOOL, views.run_list, name="runs"),
    path(TOOL + "new/<slug:kind>/", views.run_new, name="new"),
    path(TOOL + "sample-size/", views.sample_size, name="sample_size"),
    path(TOOL + "<int:run_pk>/", views.run_detail, name="run"),
]
