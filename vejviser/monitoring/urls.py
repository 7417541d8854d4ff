from __future__ import annotations

from django.urls import path

from . import views

app_name = "monitoring"

TOOL = "projects/<int:pk>/steps/<int:step_pk>/monitoring/"

urlpatterns = [
    path(TOOL, views.plan, name="plan"),
    path(TOOL + "go-live/", views.go_live, name="go_live"),
    path(TOOL + "data/month/", views.data_month, name="data_month"),
    path(TOOL + "data/upload/", views.data_upload, name="data_upload"),
    path(TOOL + "upgrade/", views.upgrade, name="upgrade"),
    path(TOOL + "metrics/<int:metric_pk>/", views.metric_edit, name="metric"),
    path(TOOL + "metrics/<int:metric_pk>/chart.svg", views.metric_plot, name="plot"),
    path(TOOL + "alerts/<int:alert_pk>/", views.alert_detail, name="alert"),
    path(TOOL + "alerts/<int:alert_pk>/acknowledge/", views.alert_acknowledge, name="acknowledge"),
    path(TOOL + "alerts/<int:alert_pk>/resolve/", views.alert_resolve, name="resolve"),
]
