from __future__ import annotations

from django.urls import path

from . import views

app_name = "sharing"

urlpatterns = [
    path("projects/<int:pk>/steps/<int:step_pk>/sharing/", views.share, name="share"),
    path("sharing/products/<int:product_pk>/", views.product, name="product"),
]
