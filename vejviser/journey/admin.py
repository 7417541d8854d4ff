"""Content editors keep the guidance current here, without a code change.

Saving a content row in the admin marks it ``locally_modified``: the next load from the
files keeps the edit (and reports it) unless it is run with ``--overwrite-local``.
Markdown fields are rendered and sanitised wherever they are shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Action, AttentionPoint, ContentVersion, Phase, Role, Source, Track


class ContentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    readonly_fields = ("locally_modified", "retired")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.locally_modified = True
        super().save_model(request, obj, form, change)


class AttentionInline(admin.StackedInline):  # type: ignore[type-arg]
    model = AttentionPoint
    extra = 0
    fields = ("order", "slug", "text_da", "text_en", "sources", "retired")
    readonly_fields = ("retired",)


@admin.register(Track)
class TrackAdmin(ContentAdmin):
    list_display = ("title_da", "slug", "order", "locally_modified", "retired")


@admin.register(Phase)
class PhaseAdmin(ContentAdmin):
    list_display = ("title_da", "track", "order", "locally_modified", "retired")
    list_filter = ("track",)
    inlines = [AttentionInline]


@admin.register(Action)
class ActionAdmin(ContentAdmin):
    list_display = (
        "title_da",
        "phase",
        "order",
        "shared_with_vendor",
        "locally_modified",
        "retired",
    )
    list_filter = ("phase__track", "phase", "retired", "roles")
    search_fields = ("title_da", "title_en", "guidance_da", "guidance_en")
    filter_horizontal = ("roles",)


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    list_display = ("title_da", "slug", "order")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("slug", "title_da", "kind", "url")


@admin.register(ContentVersion)
class ContentVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("loaded_at", "digest", "loaded_by")
    readonly_fields = ("digest", "loaded_at", "loaded_by", "summary")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
