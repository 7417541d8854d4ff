from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vejviser.journey.models import Track
from vejviser.kernel.inputs import DateError, parse_date

from .models import MemberRole, Project, Step, StepStatus


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Project
        fields = ["title", "description", "clinical_area", "department", "region", "track"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "description": _(
                "The clinical need and the idea, in a few lines. Markdown is allowed."
            ),
            "clinical_area": _("For example radiotherapy, general practice, radiology."),
            "track": _(
                "New idea: develop a new AI product. Finished product: adopt a CE-marked one."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["autofocus"] = True
        track = self.fields.get("track")
        if not isinstance(track, forms.ModelChoiceField):
            return
        track.queryset = Track.objects.filter(retired=False)
        track.empty_label = None
        track.label_from_instance = lambda t: t.title  # type: ignore[method-assign,assignment]


class NewProjectForm(ProjectForm):
    my_role = forms.ChoiceField(
        label=_("Your role on the project"), choices=MemberRole.choices, initial=MemberRole.KLINIKER
    )


class EditProjectForm(ProjectForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(ProjectForm.Meta):
        fields = ["title", "description", "clinical_area", "department", "region"]


class DanishDateField(forms.DateField):
    """A date typed the Danish way (13.12.2026); ISO (2026-12-13) and a few common
    variants are accepted too (:func:`vejviser.kernel.inputs.parse_date`). The browser's
    own date picker is not used: it shows the browser's locale (12/13/2026 in an English
    browser) rather than the page's language."""

    widget = forms.DateInput(
        format="%d.%m.%Y", attrs={"autocomplete": "off", "size": 12, "class": "date"}
    )
    default_error_messages = {
        "invalid": _("Enter the date as dd.mm.yyyy, for example 13.12.2026."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs["placeholder"] = _("dd.mm.yyyy")

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except DateError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class StepForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)
    due_date = DanishDateField(
        label=_("Due date"), required=False, help_text=_("For example 13.12.2026.")
    )

    class Meta:
        model = Step
        fields = ["status", "owner", "due_date", "notes", "decisions", "shared_with_vendor"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 5}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "notes": _("What has been done, open questions, links. Markdown is allowed."),
            "decisions": _("Decisions made in this step, with date and who decided."),
            "shared_with_vendor": _("Vendor members of the project can see this step."),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(memberships__project=project).order_by("username")
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = users
        owner.empty_label = _("— nobody —")
        owner.label_from_instance = _user_label  # type: ignore[method-assign,assignment]


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=StepStatus.choices)
    version = forms.IntegerField()


class InviteForm(forms.Form):
    invitee = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        help_text=_("They see the invitation on their dashboard and decide whether to join."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)

    def clean_invitee(self) -> str:
        value = str(self.cleaned_data["invitee"]).strip()
        if not value:
            raise forms.ValidationError(_("Write a username or an e-mail address."))
        return value


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


def _user_label(user: Any) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else str(user.username)
