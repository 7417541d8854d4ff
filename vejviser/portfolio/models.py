"""Organisations (region → hospital → department), who belongs where, who manages what,
and which organisation owns each project. ``projects`` knows nothing of these."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import MemberRole, Project

#: The roles a record may name as its contact: any project role but the vendor's.
CONTACT_ROLES = [(r.value, r.label) for r in MemberRole if r != MemberRole.VIRKSOMHED]


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

    def path(self) -> list[str]:
        """The names of this organisation and those above it, region first (one query,
        for the whole tree: organisations are few)."""
        tree = {pk: (parent, name) for pk, parent, name in
                Organisation.objects.values_list("pk", "parent_id", "name")}  # fmt: skip
        path: list[str] = []
        pk: int | None = self.pk
        while pk is not None and pk in tree and len(path) < 20:  # a cycle never loops forever
            parent, name = tree[pk]
            path.insert(0, name)
            pk = parent
        return path


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


def _public_key() -> str:
    return uuid.uuid4().hex


class SystemRecord(models.Model):
    """What the AI system record needs that no other part of Vejviser holds: the human
    oversight and the data in a few sentences, the role to contact, the contract's end
    and the next re-validation — and whether the record is public (off by default; only
    the project's owner switches it). Everything else in the record is read from the
    project, its assessments, validation, monitoring and documents when it is shown."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="system_record")
    human_oversight = models.TextField(_("human oversight"), blank=True, max_length=2500)
    data_description = models.TextField(_("data"), blank=True, max_length=2500)
    contact_role = models.CharField(
        _("contact role"), max_length=30, choices=CONTACT_ROLES, default="ledelse"
    )
    contract_end = models.DateField(_("contract ends"), null=True, blank=True)
    next_revalidation = models.DateField(_("next re-validation"), null=True, blank=True)
    public = models.BooleanField(_("public page"), default=False)
    #: the public page's address: not the project's number, so nothing is guessed
    public_key = models.CharField(max_length=32, unique=True, default=_public_key, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("AI system record")

    def __str__(self) -> str:
        return f"{self.project}"
