"""The AI system record's two forms: its texts and dates (editing roles) and its public
page (the project's owner)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vejviser.projects.forms import DanishDateField

from .models import SystemRecord


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)
    contract_end = DanishDateField(
        label=_("Contract ends"), required=False, help_text=_("For example 13.12.2026.")
    )
    next_revalidation = DanishDateField(
        label=_("Next re-validation"),
        required=False,
        help_text=_("When the product is to be validated again on local data."),
    )

    class Meta:
        model = SystemRecord
        fields = [
            "human_oversight",
            "data_description",
            "contact_role",
            "contract_end",
            "next_revalidation",
        ]
        widgets = {
            "human_oversight": forms.Textarea(attrs={"rows": 4, "maxlength": 2500}),
            "data_description": forms.Textarea(attrs={"rows": 4, "maxlength": 2500}),
        }
        help_texts = {
            "human_oversight": _(
                "Who looks at the output before it is used, and how it can be corrected or"
                " overruled. Roles, not names."
            ),
            "data_description": _(
                "Which data the system uses, from which systems, and whether personal data"
                " are processed. No patient data here."
            ),
            "contact_role": _("The role that answers questions about the system (never a person)."),
        }


class PublishForm(forms.Form):
    public = forms.BooleanField(label=_("Show the record on a public page"), required=False)
