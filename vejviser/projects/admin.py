from __future__ import annotations

from django.contrib import admin

from .models import AuditEvent, Invitation, Membership, Project, Step


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "track", "region", "clinical_area", "updated_at")
    list_filter = ("track", "region")
    search_fields = ("title", "department", "clinical_area")
    inlines = [MembershipInline]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "project", "actor", "verb", "target")
    list_filter = ("verb",)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("action", "project", "status", "owner", "due_date")
    list_filter = ("status", "project")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("invitee", "project", "role", "status", "invited_by", "invited_at")
    list_filter = ("status",)
