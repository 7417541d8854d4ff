"""Organisations, who belongs where, who manages what and which organisation owns each
project: kept by an operator in the admin (there is no page of their own yet)."""

from __future__ import annotations

from django.contrib import admin

from .models import Organisation, OrganisationMember, OrganisationRole, ProjectOrganisation


class RoleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrganisationRole
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)
    autocomplete_fields = ("parent",)
    inlines = [RoleInline]


@admin.register(OrganisationMember)
class OrganisationMemberAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "organisation")
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ("user", "organisation")


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "organisation", "role")
    list_filter = ("role",)
    autocomplete_fields = ("user", "organisation")


@admin.register(ProjectOrganisation)
class ProjectOrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("project", "organisation")
    search_fields = ("project__title", "organisation__name")
    autocomplete_fields = ("project", "organisation")
