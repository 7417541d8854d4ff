from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vejviser.lib.i18n import active_lang

from .answering import config as assistant_config

if TYPE_CHECKING:
    from .core.schema import AssistantFile

COMMENT_MAX = 2000


class QuestionForm(forms.Form):
    """A question; the caps and messages are the assistant's own (``assistant.yaml``).

    A suggestion button posts ``suggestion`` instead of typing into ``question``."""

    question = forms.CharField(
        label=_("Your question"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, config: AssistantFile | None = None, **kwargs: Any) -> None:
        """``config``: the assistant's texts when the caller has them (the engine that
        will answer), so they are not parsed from the loaded content a second time."""
        super().__init__(*args, **kwargs)
        self.config = config

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("suggestion") or data.get("question") or "").strip()
        config = self.config or assistant_config()
        lang = active_lang()
        if not text:
            self.add_error("question", config.messages.empty_question.get(lang))
        elif len(text) > config.max_question_chars:
            message = config.messages.too_long.get(lang)
            self.add_error(
                "question", message.format(limit=config.max_question_chars, length=len(text))
            )
        data["text"] = text
        return data


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        choices=[("1", _("Useful")), ("0", _("Not useful"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
