from __future__ import annotations

from django.urls import path

from . import record_views, views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.portfolio, name="page"),
    path("portfolio/export.<slug:fmt>", views.export, name="export"),
    # the AI system record
    path("portfolio/projects/<int:pk>/record/", record_views.record_page, name="record"),
    path("portfolio/projects/<int:pk>/record/edit/", record_views.record_edit, name="record-edit"),
    path(
        "portfolio/projects/<int:pk>/record/publish/",
        record_views.record_publish,
        name="record-publish",
    ),
    path("portfolio/projects/<int:pk>/record.json", record_views.record_json, name="record-json"),
    path(
        "portfolio/projects/<int:pk>/record.<slug:standard>.json",
        record_views.record_standard,
        name="record-standard",
    ),
    path(
        "projects/<int:pk>/steps/<int:step_pk>/record/",
        record_views.record_tool,
        name="record-tool",
    ),
    path(
        "portfolio/schemas/ai-system-record.schema.json", record_views.schema, name="record-schema"
    ),
    # public (no login), only when the owner has published the record
    path("records/<slug:key>/", record_views.public_record, name="public-record"),
    path("records/<slug:key>.json", record_views.public_record_json, name="public-record-json"),
]
