from __future__ import annotations

from django.urls import path

from . import views

app_name = "assistant"
urlpatterns = [
    path("assistant/", views.home, name="home"),
    path("assistant/ask/", views.ask, name="ask"),
    path("projects/<int:pk>/assistant/ask/", views.ask, name="project_ask"),
    path("assistant/answers/<int:message_pk>/feedback/", views.feedback, name="feedback"),
    path("assistant/gaps/", views.gap_list, name="gaps"),
    path("assistant/gaps/mark/", views.gap_mark, name="gap_mark"),
]
