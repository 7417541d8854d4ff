"""API tokens for scripts. Only a hash of the token is stored; it is shown once."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "vj_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def user_for(self, token: str) -> Any | None:
        """The active user a token belongs to, or ``None``; records the use."""
        if not token.startswith(PREFIX):
            return None
        found = (
            self.filter(key_hash=_hash(token), user__is_active=True).select_related("user").first()
        )
        if found is None:
            return None
        self.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.user


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: Any, name: str) -> tuple[ApiToken, str]:
        """Create a token; returns the row and the secret, which is never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=_hash(secret), hint=secret[:10])
        return token, secret


# Hospital sign-in's models live in their own module; imported here so Django finds them.
from .oidc_models import ExternalIdentity, GroupMapping  # noqa: E402

__all__ = ["ApiToken", "ExternalIdentity", "GroupMapping"]
