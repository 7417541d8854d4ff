"""The content editors' page of gaps: questions the assistant could not answer, or
whose answer the asker found not useful, scrubbed and grouped (Django side of
:mod:`vejviser.assistant.core.gaps`).

Who: the ``content-editor`` group (and superusers, the operators). What they see of a
question: its text with CPR numbers, phone numbers, e-mail addresses and the names of
the site's users replaced, its date, the answer's mode and the asker's comment
(scrubbed the same way) — never the asker, the answer, or the project a question was
asked in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from vejviser.accounts.roles import CONTENT_EDITOR

from .core.gaps import Gap, GapRow, group
from .core.scrub import name_pattern, scrub_names
from .models import Message

#: At most this many questions are read (the most recent).
LIMIT = 2000


def can_review(user: Any) -> bool:
    """Content editors (the group) and the operators (superusers)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.groups.filter(name=CONTENT_EDITOR).exists())


def gap_messages() -> QuerySet[Message]:
    """Questions that show a gap: unanswered, or answered and found not useful."""
    return Message.objects.filter(Q(mode=Message.Mode.NO_ANSWER) | Q(feedback__useful=False))


def _names() -> list[str]:
    names: list[str] = []
    for first, last, username in get_user_model().objects.values_list(
        "first_name", "last_name", "username"
    ):
        names += [first, last, username, f"{first} {last}"]
    return names


def gaps(*, handled: bool = False) -> list[Gap]:
    """The open gaps (or, with ``handled``, the handled ones), scrubbed and grouped."""
    pattern = name_pattern(_names())
    rows = (
        gap_messages()
        .filter(handled_at__isnull=not handled)
        .select_related("feedback")
        .order_by("-created_at", "-id")[:LIMIT]
    )
    found = []
    for m in rows:
        feedback = getattr(m, "feedback", None)
        unhelpful = feedback is not None and not feedback.useful
        comment = scrub_names(feedback.comment, pattern).text if feedback and unhelpful else ""
        found.append(
            GapRow(
                id=m.pk,
                question=scrub_names(m.question, pattern).text,
                asked_at=m.created_at,
                mode=m.mode,
                unanswered=m.mode == Message.Mode.NO_ANSWER,
                unhelpful=unhelpful,
                comment=comment,
                handled=m.handled_at is not None,
            )
        )
    return group(found)


def admin_search_url(gap: Gap) -> str | None:
    """The content admin's knowledge documents, searched for the gap's longest word."""
    try:
        base = reverse("admin:journey_contentdocument_changelist")
    except NoReverseMatch:
        return None
    word = max(gap.words, key=len, default="")
    return f"{base}?{urlencode({'folder__exact': 'knowledge', 'q': word})}"


def mark(ids: list[int], user: Any, *, handled: bool = True) -> int:
    """Mark the gap questions ``ids`` as handled (or open again); other ids are ignored."""
    rows = gap_messages().filter(pk__in=ids)
    if handled:
        return rows.filter(handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=user
        )
    return rows.update(handled_at=None, handled_by=None)
