"""Sharing levels, lessons learned, what this installation exported (releases), the keys
its administrator trusts and what it imported from other installations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import MemberRole, Project

from .core import levels

USER = settings.AUTH_USER_MODEL


class Level(models.TextChoices):
    INTERNAL = levels.INTERNAL, _("Internal (the project and its management)")
    REGION = levels.REGION, _("Region")
    NATIONAL = levels.NATIONAL, _("National")
    PUBLIC = levels.PUBLIC, _("Public")


class ShareLevel(models.Model):
    """How far one item of a project may travel; an item without a row is internal."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="share_levels")
    item = models.SlugField(_("item"), max_length=60)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    set_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="one_level_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.item} = {self.level}"


class Lesson(models.Model):
    """A lesson learned, written by a project member. Shared with the writer's role,
    never their name."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lessons")
    role = models.CharField(_("role"), max_length=40, choices=MemberRole.choices)
    text = models.TextField(_("lesson learned"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("lesson learned")

    def __str__(self) -> str:
        return self.text[:60]


class Release(models.Model):
    """A version of what a project shared at one audience: exporting the same content
    again gives the same version (and so the same signed bundle)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="share_releases")
    audience = models.CharField(max_length=20, choices=Level.choices)
    version = models.PositiveIntegerField()
    digest = models.CharField(max_length=80)
    content = models.JSONField()
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["project", "version"], name="one_release_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.project} v{self.version} ({self.audience})"


class TrustedKey(models.Model):
    """Another installation's public key, trusted by this installation's administrator."""

    name = models.CharField(_("name"), max_length=200)
    public_key = models.CharField(_("public key"), max_length=100)
    fingerprint = models.CharField(_("fingerprint"), max_length=80, unique=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("trusted key")

    def __str__(self) -> str:
        return f"{self.name} ({self.fingerprint[:19]}…)"


class ImportedDeployment(models.Model):
    """A deployment shared by another installation: its latest imported version."""

    signer = models.ForeignKey(TrustedKey, on_delete=models.PROTECT, related_name="imports")
    deployment = models.CharField(max_length=100)
    product = models.ForeignKey(
        "market.Product", on_delete=models.CASCADE, related_name="imported_deployments"
    )
    title = models.CharField(max_length=300)
    shared_by = models.CharField(max_length=300)
    organisation = models.JSONField(default=list)
    installation = models.CharField(max_length=300)
    audience = models.CharField(max_length=20, choices=Level.choices)
    version = models.PositiveIntegerField()
    shared_at = models.DateTimeField()
    items = models.JSONField(default=dict)
    levels = models.JSONField(default=dict)
    payload = models.JSONField()
    digest = models.CharField(max_length=80)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["shared_by", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["signer", "deployment"], name="one_import_per_deployment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.shared_by}, v{self.version})"

    def item(self, name: str) -> dict[str, Any] | None:
        value = self.items.get(name)
        return value if isinstance(value, dict) else None
