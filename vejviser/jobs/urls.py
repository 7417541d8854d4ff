from __future__ import annotations

from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/<int:job_pk>/", views.job_detail, name="job"),
    path("jobs/<int:job_pk>/status/", views.job_status, name="status"),
    path("jobs/reminders/<int:pk>/dismiss/", views.reminder_dismiss, name="dismiss"),
]
