"""API tokens for scripts, and the request counters behind the API's rate limits.

Only a hash of a token is stored; it is shown once. A token is scoped: ``read`` tokens
get 403 on every write (the read-only POSTs — asking the assistant, simulating a case —
excepted), and a token limited to some projects sees only those (404 for the others,
as an outsider). The limits are enforced by the API's token authentication
(:mod:`vejviser.lib.api_auth`) and the projects' access helper.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "vj_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Scope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self, token: str) -> ApiToken | None:
        """The token of an active user with this secret, or ``None``; records the use."""
        if not token.startswith(PREFIX):
            return None
        found = (
            self.filter(key_hash=_hash(token), user__is_active=True).select_related("user").first()
        )
        if found is None:
            return None
        self.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found

    def user_for(self, token: str) -> Any | None:
        """The active user a token belongs to, or ``None``; records the use."""
        found = self.active(token)
        return found.user if found else None


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    scope = models.CharField(_("access"), max_length=5, choices=Scope.choices, default=Scope.WRITE)
    #: Empty: every project the user may open. Otherwise only these (others are 404).
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="+", verbose_name=_("projects")
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(
        cls, user: Any, name: str, *, scope: str = Scope.WRITE, projects: Iterable[Any] = ()
    ) -> tuple[ApiToken, str]:
        """Create a token; returns the row and the secret, which is never stored."""
        secret = PREFIX + secrets.token_urlsafe(32)
        with transaction.atomic():
            token = cls.objects.create(
                user=user, name=name, key_hash=_hash(secret), hint=secret[:10], scope=scope
            )
            token.projects.set(list(projects))
        return token, secret

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.WRITE

    def project_ids(self) -> frozenset[int] | None:
        """The projects this token is limited to, or ``None`` for every project."""
        ids = frozenset(self.projects.values_list("pk", flat=True))
        return ids or None


class RateCount(models.Model):
    """Requests counted per key (e.g. ``assistant:user:7``) in fixed time windows.

    In the database, so every process of a ``--workers N`` server counts together (a
    per-process cache would let N times as many through). See :func:`count_request`.
    """

    key = models.CharField(max_length=120)
    window = models.BigIntegerField()  # the window's start, seconds since the epoch
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="one_count_per_window")
        ]
        indexes = [models.Index(fields=["window"], name="ratecount_window")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"


def count_request(key: str, limit: int, period: int, now: float | None = None) -> int | None:
    """Count one request for ``key``; ``None`` if it is allowed (at most ``limit`` in the
    current ``period``-second window), else the seconds until the window ends.

    Atomic across processes: an ``UPDATE … SET count = count + 1`` (a new window's row is
    created once; a race on creating it falls back to the update)."""
    now = time.time() if now is None else now
    window = int(now // period) * period
    rows = RateCount.objects.filter(key=key, window=window)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCount.objects.create(key=key, window=window, count=1)
        except IntegrityError:
            rows.update(count=F("count") + 1)
        else:  # a new window: forget the windows that ended long ago (any key)
            RateCount.objects.filter(window__lt=window - 86_400).delete()
    count = rows.values_list("count", flat=True).first() or 0
    if count <= limit:
        return None
    return max(1, int(window + period - now + 0.999))


# Hospital sign-in's models live in their own module; imported here so Django finds them.
from .oidc_models import ExternalIdentity, GroupMapping  # noqa: E402

__all__ = ["ApiToken", "ExternalIdentity", "GroupMapping", "RateCount", "count_request"]
