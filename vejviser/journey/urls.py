from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="journey"),
    path("<slug:slug>/", views.track, name="track"),
]
