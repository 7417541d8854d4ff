from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. 'report script'.")
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=Scope.choices,
        initial=Scope.READ,
        required=False,  # not sent: read only (the least a token can do)
        widget=forms.RadioSelect,
        help_text=_(
            "A read-only token can read and ask the assistant, but not change anything. "
            "Either way the token never has more rights than you have in a project."
        ),
    )
    projects: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Projects"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for every project you can open (also new ones)."),
    )

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].queryset = projects  # type: ignore[attr-defined]

    def clean_scope(self) -> str:
        return str(self.cleaned_data.get("scope") or Scope.READ)
