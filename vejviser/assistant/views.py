"""The chat panel: standalone at /assistant/ and on every project page.

Without JavaScript a question is a normal POST followed by a redirect to the page, which
shows the conversation; with htmx the panel alone is swapped in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from vejviser.projects.access import ProjectAccess, get_project_for_user

from . import answering
from .forms import FeedbackForm, QuestionForm
from .models import Conversation, Message
from .templatetags.assistant import panel_context


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "assistant/page.html")


@login_required
@require_POST
def ask(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = get_project_for_user(request.user, pk) if pk is not None else None
    form = QuestionForm(request.POST)
    if form.is_valid():
        project = access.project if access else None
        conversation = Conversation.of(request.user, project)
        answering.converse(conversation, form.cleaned_data["text"], access)
        form = QuestionForm()
    if request.htmx:  # type: ignore[attr-defined]
        context = panel_context(request, access, form=form)
        return render(request, "assistant/_chat.html", context)
    if form.errors:
        for error in form.errors.get("question", []):
            messages.error(request, str(error))
    return redirect(_back(access))


@login_required
@require_POST
def feedback(request: HttpRequest, message_pk: int) -> HttpResponse:
    message = (
        Message.objects.filter(conversation__user=request.user.pk, pk=message_pk)
        .select_related("conversation")
        .first()
    )
    if message is None:
        raise Http404
    access = _access(request, message)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        message.give_feedback(
            request.user, form.cleaned_data["useful"], form.cleaned_data["comment"]
        )
    if request.htmx:  # type: ignore[attr-defined]
        message = Message.objects.select_related("feedback").get(pk=message.pk)
        context: dict[str, Any] = {"m": message, "feedback_form": form, "thanks": form.is_valid()}
        return render(request, "assistant/_feedback.html", context)
    if not form.is_valid():
        messages.error(request, _feedback_error(form))
    return redirect(_back(access))


def _access(request: HttpRequest, message: Message) -> ProjectAccess | None:
    """A project conversation stays behind the project's permissions (a member who
    left the project gets 404 for its answers too)."""
    project_pk = message.conversation.project_id
    return get_project_for_user(request.user, project_pk) if project_pk is not None else None


def _back(access: ProjectAccess | None) -> str:
    if access is None:
        return reverse("assistant:home") + "#assistant"
    return reverse("project", args=[access.project.pk]) + "#assistant"


def _feedback_error(form: FeedbackForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
