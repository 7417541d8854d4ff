"""The chat panel as a template tag, so any page can show it with one include."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vejviser.lib.i18n import active_lang
from vejviser.projects.access import ProjectAccess

from ..answering import config
from ..forms import QuestionForm
from ..models import Conversation, Message

register = template.Library()

CITATION_RE = re.compile(r"\[(\d{1,2})\]")


def panel_context(
    request: HttpRequest, access: ProjectAccess | None, form: QuestionForm | None = None
) -> dict[str, Any]:
    """What the panel shows: the user's conversation here, the form, suggestions."""
    project = access.project if access is not None else None
    conversation = (
        Conversation.objects.for_user(request.user).filter(project=project).order_by("id").first()
    )
    history = conversation.history() if conversation else []
    texts = form.config if form is not None and form.config is not None else config()
    suggestions = texts.suggestions
    lang = active_lang()
    return {
        "request": request,
        "project": project,
        "history": history,
        "latest": history[-1].pk if history else None,
        "form": form or QuestionForm(),
        "ask_url": reverse("assistant:project_ask", args=[project.pk])
        if project
        else reverse("assistant:ask"),
        "suggestions": [
            s.get(lang) for s in (suggestions.project if project else suggestions.general)
        ],
    }


@register.inclusion_tag("assistant/_chat.html", takes_context=True)
def assistant_panel(context: template.Context) -> dict[str, Any]:
    """The panel for the page's project (``access`` from the project views), or the
    standalone panel when the page has no project."""
    access = context.get("access")
    return panel_context(context["request"], access if isinstance(access, ProjectAccess) else None)


@register.filter
def answer_html(message: Message) -> SafeString:
    """The answer, escaped, with line breaks and each "[n]" linked to its source."""
    count = len(message.sources or [])

    def link(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if not 1 <= n <= count:
            return match.group(0)
        return f'<a class="cite-ref" href="#m{message.pk}-s{n}">[{n}]</a>'

    text = CITATION_RE.sub(link, str(escape(_without_tool_id(message, message.answer))))
    return mark_safe("<br>".join(text.splitlines()))  # escaped above


@register.filter
def pointer_text(message: Message) -> str:
    """The pointer to the tool that assesses the asker's own case, by the tool's name."""
    return _without_tool_id(message, message.pointer)


def _without_tool_id(message: Message, text: str) -> str:
    """The core names the tool's id for the CLI; on a page the name suffices (answers
    stored before the pointer had its own field hold it in their text)."""
    return text.replace(f" ({message.tool})", "") if message.tool else text
