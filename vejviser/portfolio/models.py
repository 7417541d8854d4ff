"""Organisations (region → hospital → department), who belongs where, who manages what,
and which organisation owns each project. ``projects`` knows nothing of these."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import Project


class Kind(models.TextChoices):
    REGION = "region", _("Region")
    HOSPITAL = "hospital", _("Hospital")
    DEPARTMENT = "department", _("Department")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="one_organisation_name_per_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationMember(models.Model):
    """The one organisation a user belongs to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_member"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = _("organisation member")

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Role(models.TextChoices):
    MANAGEMENT = "management", _("Management")


class OrganisationRole(models.Model):
    """A role at an organisation: management sees (read-only) every project under it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("organisation role")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_organisation_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.role} @ {self.organisation}"


class ProjectOrganisation(models.Model):
    """The organisation a project belongs to."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="organisation_link"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_links"
    )

    class Meta:
        verbose_name = _("project's organisation")

    def __str__(self) -> str:
        return f"{self.project} ({self.organisation})"
