from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .core import signing
from .models import ImportedDeployment, Lesson, TrustedKey


class TrustedKeyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TrustedKey
        fields = ("name", "public_key")

    def clean_public_key(self) -> str:
        value = str(self.cleaned_data["public_key"]).strip()
        try:
            signing.fingerprint(value)
        except signing.KeyError_:
            raise forms.ValidationError(_("This is not an Ed25519 public key.")) from None
        return value


@admin.register(TrustedKey)
class TrustedKeyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = TrustedKeyForm
    list_display = ("name", "fingerprint", "added_at", "added_by")
    readonly_fields = ("fingerprint", "added_at", "added_by")

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
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
