"""The assistant for integrations: /api/v1/assistant/… under the project's permissions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from vejviser.lib.api_auth import READ_POST, rate_limit
from vejviser.lib.api_errors import errors
from vejviser.lib.i18n import active_lang
from vejviser.projects.access import ProjectAccess, get_project_for_user

from . import answering
from .models import HISTORY, Conversation, Message

router = Router(tags=["assistant"])


class AskIn(Schema):
    question: str
    project: int | None = None


class SourceOut(Schema):
    title: str
    ref: str
    url: str | None


class LinkOut(Schema):
    label: str
    url: str


class AnswerOut(Schema):
    id: int
    question: str
    #: A follow-up ("og hvem gør det?") as it was answered, with the turn before; "" otherwise.
    resolved: str = ""
    answer: str
    #: Where to assess your own case with a Vejviser tool ("" when the question is general).
    pointer: str = ""
    sources: list[SourceOut]
    links: list[LinkOut]
    lang: str
    mode: str
    tool: str | None
    removed: dict[str, int]
    latency_ms: float
    project: int | None
    created_at: datetime


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _access(request: HttpRequest, project: int | None) -> ProjectAccess | None:
    return get_project_for_user(_user(request), project) if project is not None else None


def _out(message: Message) -> dict[str, object]:
    return {
        "id": message.pk,
        "question": message.question,
        "resolved": message.resolved,
        "answer": message.answer,
        "pointer": message.pointer,
        "sources": message.sources,
        "links": message.links,
        "lang": message.lang,
        "mode": message.mode,
        "tool": message.tool or None,
        "removed": message.removed,
        "latency_ms": message.latency_ms,
        "project": message.conversation.project_id,
        "created_at": message.created_at,
    }


@router.post(
    "/ask", response={200: AnswerOut, **errors(400, 401, 403, 404, 422, 429)}, auth=READ_POST
)
def ask(request: HttpRequest, payload: AskIn) -> dict[str, object]:
    """Answer a question, in a project's context when ``project`` is given (the same
    permissions as the project: outsiders get 404). The question is stored in the
    user's history with identifiers removed; ``removed`` counts what was removed.
    An empty or too long question is a 400 with the reason in ``detail``. A read token
    may ask. Rate-limited per user (``VEJVISER_RATE_ASSISTANT``): 429 with Retry-After."""
    access = _access(request, payload.project)
    rate_limit(_user(request), "assistant")
    text = payload.question.strip()
    config = answering.engine().config
    lang = active_lang()
    if not text:
        raise HttpError(400, config.messages.empty_question.get(lang))
    if len(text) > config.max_question_chars:
        raise HttpError(
            400,
            config.messages.too_long.get(lang).format(
                limit=config.max_question_chars, length=len(text)
            ),
        )
    conversation = Conversation.of(_user(request), access.project if access else None)
    return _out(answering.converse(conversation, text, access))


@router.get("/history", response={200: list[AnswerOut], **errors(401, 404, 422)})
def history(request: HttpRequest, project: int | None = None) -> list[dict[str, object]]:
    """The user's last questions and answers (oldest first), in a project or outside."""
    access = _access(request, project)
    conversation = (
        Conversation.objects.for_user(_user(request))
        .filter(project=access.project if access else None)
        .order_by("id")
        .first()
    )
    return [_out(m) for m in conversation.history(HISTORY)] if conversation else []
