"""Content editors keep the guidance current here, without a code change.

Saving a content row or document in the admin marks it ``locally_modified``: the next
load from the files keeps the edit (and reports it) unless it is run with
``--overwrite-local``. Every save moves the content revision, so the pages, the
assistant and the assessments of every server process use the edit. A document is
edited as its YAML text and checked like the file (its folder must still parse).
Markdown fields are rendered and sanitised wherever they are shown.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from vejviser.kernel.files import ContentError, ContentErrors

from . import content
from .loader import parse_yaml, plain, text_digest
from .models import (
    Action,
    AttentionPoint,
    ContentDocument,
    ContentVersion,
    Phase,
    Role,
    Source,
    Track,
)


class ContentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    readonly_fields = ("locally_modified", "retired")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.locally_modified = True
        with content.edited_by(request.user.get_username()):
            super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with content.edited_by(request.user.get_username()):
            super().save_related(request, form, formsets, change)


class DocumentForm(forms.ModelForm):  # type: ignore[type-arg]
    """The YAML text, checked like the file: it must be YAML and its folder must parse
    with it in place of the stored document."""

    text = forms.CharField(
        strip=False,
        widget=forms.Textarea(attrs={"rows": 40, "cols": 120, "spellcheck": "false"}),
    )

    class Meta:
        model = ContentDocument
        fields = ("text",)

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].replace("\r\n", "\n")  # a browser's textarea
        doc = self.instance
        where = f"content/{doc.folder}/{doc.name}"
        try:
            parsed = parse_yaml(text)
        except ContentErrors as exc:
            errors = [str(ContentError(where, e.line, e.message)) for e in exc.errors]
            raise ValidationError(errors) from exc
        docs = {**content.stored_documents(doc.folder), doc.name: plain(parsed)}
        try:
            content.parse_folder(doc.folder, dict(sorted(docs.items())))
        except ContentErrors as exc:
            raise ValidationError([str(e) for e in exc.errors]) from exc
        self.parsed = plain(parsed)
        return text


@admin.register(ContentDocument)
class ContentDocumentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = DocumentForm
    list_display = ("folder", "name", "locally_modified", "retired", "updated_at")
    list_display_links = ("folder", "name")
    list_filter = ("folder", "locally_modified", "retired")
    search_fields = ("name", "text")
    readonly_fields = ("folder", "name", "digest", "locally_modified", "retired", "updated_at")
    fields = ("folder", "name", "text", "digest", "locally_modified", "retired", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # documents come from the files of a registered folder

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the folder would no longer parse; edit the text instead

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.data = form.parsed
        obj.digest = text_digest(obj.text)
        obj.locally_modified = True
        with content.edited_by(request.user.get_username()):
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
    list_display = ("loaded_at", "kind", "digest", "loaded_by")
    readonly_fields = ("digest", "kind", "token", "loaded_at", "loaded_by", "summary")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
