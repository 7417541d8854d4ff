from __future__ import annotations

from django.contrib import admin

from .models import ImportedDeployment, Lesson, TrustedKey


@admin.register(TrustedKey)
class TrustedKeyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "fingerprint", "added_at", "added_by")
    readonly_fields = ("fingerprint", "added_at", "added_by")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from .core import signing

        obj.fingerprint = signing.fingerprint(obj.public_key)
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ImportedDeployment)
class ImportedDeploymentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "shared_by", "product", "version", "shared_at", "imported_at")
    readonly_fields = tuple(f.name for f in ImportedDeployment._meta.fields)


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("project", "role", "created_at")
