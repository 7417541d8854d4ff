"""Operators (superusers) review what people asked and how useful they found the answers.

Everything is read-only: the admin is for reading feedback, not for changing history.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Feedback, Message


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(ReadOnly):
    list_display = ["given_at", "useful", "question", "comment", "project", "user"]
    list_filter = [
        "useful",
        ("message__conversation__project", admin.RelatedOnlyFieldListFilter),
        "given_at",
    ]
    search_fields = ["comment", "message__question", "message__answer"]
    date_hierarchy = "given_at"
    list_select_related = ["message__conversation__project", "user"]
    fields = ("given_at", "user", "project", "useful", "comment", "question", "answer", "sources")
    readonly_fields = fields

    @admin.display(description=_("question"))
    def question(self, obj: Feedback) -> str:
        return obj.message.question

    @admin.display(description=_("answer"))
    def answer(self, obj: Feedback) -> str:
        return obj.message.answer

    @admin.display(description=_("sources"))
    def sources(self, obj: Feedback) -> str:
        return "\n".join(
            f"[{n}] {s.get('title')} – {s.get('ref')}" for n, s in enumerate(obj.message.sources, 1)
        )

    @admin.display(description=_("project"))
    def project(self, obj: Feedback) -> str:
        return str(obj.message.conversation.project or "–")


@admin.register(Message)
class MessageAdmin(ReadOnly):
    list_display = ["created_at", "question", "mode", "lang", "latency_ms", "project", "user"]
    list_filter = [
        "mode",
        "lang",
        ("conversation__project", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    search_fields = ["question", "answer"]
    date_hierarchy = "created_at"
    list_select_related = ["conversation__project", "conversation__user"]
    fields = (
        "created_at",
        "user",
        "project",
        "question",
        "resolved",
        "answer",
        "sources",
        "links",
        "mode",
        "lang",
        "tool",
        "removed",
        "latency_ms",
        "handled_at",
        "handled_by",
    )
    readonly_fields = fields

    @admin.display(description=_("project"))
    def project(self, obj: Message) -> str:
        return str(obj.conversation.project or "–")

    @admin.display(description=_("user"))
    def user(self, obj: Message) -> str:
        return str(obj.conversation.user)
