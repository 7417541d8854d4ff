"""What people asked the assistant, what it answered, and what they thought of it.

A conversation belongs to one user, in one project or outside any project; its
messages are the history shown in the chat panel. A question is stored only *after*
identifiers (CPR numbers, phone numbers, e-mail addresses) are removed from it. Content
editors review the feedback in the admin.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.assistant.core.scrub import scrub
from vejviser.projects.models import Project

if TYPE_CHECKING:  # the index (numpy, bm25s) is imported where a question is answered
    from vejviser.assistant.core.answer import Answer

PANEL_HISTORY = 5  # questions and answers shown in the chat panel
HISTORY = 20  # … and returned by the API
#: A question is a follow-up only of a turn asked this recently (a conversation resumed
#: the next day starts afresh).
FOLLOW_UP_WINDOW = dt.timedelta(hours=2)


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def for_user(self, user: Any) -> ConversationQuerySet:
        """Start every query from the user: nobody reads another's conversation."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Conversation(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assistant_conversations",
        verbose_name=_("user"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assistant_conversations",
        verbose_name=_("project"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("conversation")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "project"],
                condition=models.Q(project__isnull=False),
                name="one_conversation_per_user_and_project",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(project__isnull=True),
                name="one_standalone_conversation_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.project or '–'}"

    @classmethod
    def of(cls, user: Any, project: Project | None) -> Conversation:
        """The user's conversation in a project (or outside any), created when needed."""
        conversation, _created = cls.objects.get_or_create(user=user, project=project)
        return conversation

    def history(self, limit: int = PANEL_HISTORY) -> list[Message]:
        """The last ``limit`` messages, oldest first, with their feedback."""
        latest = self.messages.select_related("feedback").order_by("-created_at", "-id")[:limit]
        return list(reversed(latest))

    def previous_question(self) -> str | None:
        """The last question as it was answered (a follow-up's resolved form), for
        resolving the next follow-up; None in a new conversation, or when the last
        question is older than :data:`FOLLOW_UP_WINDOW`."""
        since = timezone.now() - FOLLOW_UP_WINDOW
        recent = self.messages.filter(created_at__gte=since).order_by("-created_at", "-id")
        last = recent.values("question", "resolved").first()
        if last is None:
            return None
        return str(last["resolved"] or last["question"])

    def record(self, answer: Answer, *, asked: str | None = None) -> Message:
        """Store an answer. ``answer.question`` is the question with identifiers
        removed; it is scrubbed once more here so no code path stores a CPR number.
        ``asked``: the follow-up as the user wrote it, when ``answer.question`` is its
        resolved form (then both are stored)."""
        resolved = ""
        question = answer.question
        if asked is not None and asked != answer.question:
            resolved, question = answer.question, asked
        message = self.messages.create(
            question=scrub(question).text,
            resolved=scrub(resolved).text,
            answer=answer.text,
            pointer=answer.pointer,
            sources=[c.as_dict() for c in answer.sources],
            links=[link.as_dict() for link in answer.links],
            lang=answer.lang,
            mode=answer.mode,
            tool=answer.tool or "",
            removed=answer.removed,
            latency_ms=round(answer.latency_ms, 3),
        )
        self.save(update_fields=["updated_at"])
        return message


class Message(models.Model):
    class Mode(models.TextChoices):
        OFFLINE = "offline", _("offline (from the content)")
        LLM = "llm", _("language model")
        PROJECT = "project", _("from the project's steps")
        NO_ANSWER = "no-answer", _("no answer found")
        VERDICT = "verdict", _("decided by an assessment's rules")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    question = models.TextField(_("question"), help_text=_("With identifiers removed."))
    resolved = models.TextField(
        _("answered as"),
        blank=True,
        help_text=_("A follow-up question rewritten with the turn before, as it was answered."),
    )
    answer = models.TextField(_("answer"))
    pointer = models.TextField(
        _("tool pointer"),
        blank=True,
        help_text=_("Where to assess the asker's own case; shown under the answer."),
    )
    sources = models.JSONField(
        _("sources"), default=list, help_text=_("List of {title, ref, url}.")
    )
    links = models.JSONField(_("links"), default=list, blank=True)
    lang = models.CharField(_("language"), max_length=5)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    tool = models.CharField(_("assessment tool"), max_length=40, blank=True)
    removed = models.JSONField(
        _("identifiers removed"),
        default=dict,
        blank=True,
        help_text=_("How many of each kind were removed from the question (never the values)."),
    )
    latency_ms = models.FloatField(_("latency (ms)"))
    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    #: A content editor closed the gap this question showed (unanswered or not useful).
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def removed_cpr(self) -> int:
        return int(self.removed.get("cpr", 0))

    @property
    def removed_other(self) -> int:
        return sum(int(n) for kind, n in self.removed.items() if kind != "cpr")

    def give_feedback(self, user: Any, useful: bool, comment: str = "") -> Feedback:
        """Record (or change) the asker's verdict on this answer."""
        feedback, _created = Feedback.objects.update_or_create(
            message=self,
            defaults={"user": user, "useful": useful, "comment": scrub(comment.strip()).text},
        )
        return feedback


class Feedback(models.Model):
    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("answer")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assistant_feedback",
        verbose_name=_("user"),
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True)
    given_at = models.DateTimeField(_("given"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{'+' if self.useful else '-'} {self.message}"
