from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/steps/<int:step_pk>/", views.step_detail, name="step"),
    path("projects/<int:pk>/steps/<int:step_pk>/status/", views.step_status, name="step_status"),
    path("projects/<int:pk>/members/", views.members, name="members"),
    path("projects/<int:pk>/members/<int:member_pk>/", views.member_change, name="member_change"),
    path(
        "projects/<int:pk>/invitations/<int:invitation_pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitations/<int:invitation_pk>/", views.invitation_answer, name="invitation_answer"),
    path("projects/<int:pk>/audit/", views.audit, name="audit"),
]
