"""Local passwords, which an installation with hospital sign-in can switch off."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class PasswordBackend(ModelBackend):
    """Django's username/password check, refused when local login is switched off
    (``VEJVISER_LOCAL_LOGIN=0`` with OpenID Connect configured) — for the login page and
    the admin's login alike."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        from .oidc import local_login_enabled

        if not local_login_enabled():
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
