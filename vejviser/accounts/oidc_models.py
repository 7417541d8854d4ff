"""Hospital sign-in (OpenID Connect): who a provider's account is here, and which of the
provider's groups give which role. See ``oidc.py`` and docs/operations.md."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import signin


class ExternalIdentity(models.Model):
    """An account at an identity provider, known by its issuer and subject (``iss`` and
    ``sub`` of the ID token) — never by e-mail, which people and providers change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(_("issuer"), max_length=500)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("first sign-in"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        ordering = ["issuer", "subject"]
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_external_id")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"


class GroupMapping(models.Model):
    """Members of a group at the identity provider get a role here, at every sign-in."""

    class Role(models.TextChoices):
        MEMBER = signin.MEMBER, _("Member of the organisation")
        MANAGEMENT = signin.MANAGEMENT, _("Management of the organisation")
        CONTENT_EDITOR = signin.CONTENT_EDITOR, _("Content editor")

    issuer = models.CharField(
        _("issuer"),
        max_length=500,
        help_text=_("The identity provider's issuer, exactly as in its ID tokens."),
    )
    group = models.CharField(
        _("group"),
        max_length=255,
        help_text=_(
            "A value of the groups claim: in Entra ID the group's object id, in ADFS "
            "the group's name as the claim rule sends it."
        ),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "portfolio.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_mappings",
        verbose_name=_("organisation"),
    )

    class Meta:
        ordering = ["issuer", "group", "id"]
        verbose_name = _("group mapping")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "group", "role", "organisation"], name="one_group_mapping"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role=signin.CONTENT_EDITOR, organisation__isnull=True)
                    | (
                        models.Q(role__in=[signin.MEMBER, signin.MANAGEMENT])
                        & models.Q(organisation__isnull=False)
                    )
                ),
                name="group_mapping_organisation_fits_role",
            ),
        ]

    def __str__(self) -> str:
        target = f" @ {self.organisation}" if self.organisation_id else ""
        return f"{self.group} → {self.get_role_display()}{target}"

    def clean(self) -> None:
        if self.role == signin.CONTENT_EDITOR and self.organisation_id:
            raise ValidationError(
                {"organisation": _("The content-editor role belongs to no organisation.")}
            )
        if self.role in (signin.MEMBER, signin.MANAGEMENT) and not self.organisation_id:
            raise ValidationError({"organisation": _("Choose the organisation for this role.")})
