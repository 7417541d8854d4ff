"""The chat panel: standalone at /assistant/ and on every project page.

Without JavaScript a question is a normal POST followed by a redirect to the page, which
shows the conversation; with htmx the panel alone is swapped in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vejviser.lib.api_auth import RateLimited, rate_limit
from vejviser.projects.access import ProjectAccess, get_project_for_user

from . import answering, gaps
from .forms import FeedbackForm, QuestionForm
from .models import Conversation, Message
from .templatetags.assistant import panel_context


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "assistant/page.html", {"can_review": gaps.can_review(request.user)})


def _reviewer(request: HttpRequest) -> None:
    """Content editors and operators only; anyone else 403 (logged in) — the login
    page for anonymous users comes from ``login_required``."""
    if not gaps.can_review(request.user):
        raise PermissionDenied


@login_required
@require_GET
def gap_list(request: HttpRequest) -> HttpResponse:
    """Unanswered and unhelpful questions, scrubbed and grouped, for content editors."""
    _reviewer(request)
    handled = request.GET.get("show") == "handled"
    found = gaps.gaps(handled=handled)
    modes = dict(Message.Mode.choices)
    items = [
        (gap, gaps.admin_search_url(gap), [(modes.get(m, m), n) for m, n in gap.modes.items()])
        for gap in found
    ]
    context = {"items": items, "handled": handled, "limit": gaps.LIMIT}
    return render(request, "assistant/gaps.html", context)


@login_required
@require_POST
def gap_mark(request: HttpRequest) -> HttpResponse:
    """Mark one gap (its questions' ids) as handled, or open it again."""
    _reviewer(request)
    ids = [int(v) for v in request.POST.getlist("id") if v.isdigit()]
    reopen = request.POST.get("reopen") == "1"
    changed = gaps.mark(ids, request.user, handled=not reopen)
    if changed:
        messages.success(request, _("Marked as open again.") if reopen else _("Marked as handled."))
    else:
        messages.error(request, _("Nothing to change: the questions were not found."))
    back = reverse("assistant:gaps")
    return redirect(back + ("?show=handled" if reopen else ""))


@login_required
@require_POST
def ask(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    access = get_project_for_user(request.user, pk) if pk is not None else None
    # The engine that answers also has the texts the form checks with: one load, not two.
    texts = answering.engine().config
    form = QuestionForm(request.POST, config=texts)
    status = 200
    if form.is_valid():
        try:  # the same per-user limit as the API's, counted together (docs/api.md)
            rate_limit(request.user, "assistant")
        except RateLimited as exc:
            status = 429
            form.add_error(
                "question",
                _("Too many questions in a short time: try again in %(seconds)s s.")
                % {"seconds": exc.retry_after},
            )
    if form.is_valid():
        project = access.project if access else None
        conversation = Conversation.of(request.user, project)
        answering.converse(conversation, form.cleaned_data["text"], access)
        form = QuestionForm(config=texts)
    if request.htmx:  # type: ignore[attr-defined]
        context = panel_context(request, access, form=form)
        return render(request, "assistant/_chat.html", context, status=status)
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
