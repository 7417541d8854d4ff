from __future__ import annotations

from django.urls import path

from . import oidc, views

urlpatterns = [
    path("login/", oidc.LoginView.as_view(), name="login"),
    path("logout/", oidc.LogoutView.as_view(), name="logout"),
    path("oidc/start/", oidc.OidcStart.as_view(), name="oidc_start"),
    path("oidc/callback/", oidc.OidcCallback.as_view(), name="oidc_authentication_callback"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
