from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from . import oidc
from .models import ApiToken, ExternalIdentity, GroupMapping


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "user", "hint", "created_at", "last_used_at")
    readonly_fields = ("key_hash", "hint", "created_at", "last_used_at")


@admin.register(GroupMapping)
class GroupMappingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Which of the identity provider's groups give which role; applied at every sign-in."""

    list_display = ("group", "role", "organisation", "issuer")
    list_filter = ("role", "issuer")
    search_fields = ("group", "organisation__name")
    autocomplete_fields = ("organisation",)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        if oidc.enabled():
            initial.setdefault("issuer", oidc.issuer())
        return initial


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Accounts at identity providers; made by signing in, never typed in."""

    list_display = ("user", "issuer", "subject", "created_at", "last_sign_in_at")
    list_filter = ("issuer",)
    search_fields = ("user__username", "subject")
    readonly_fields = ("user", "issuer", "subject", "created_at", "last_sign_in_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
