"""The loaded content: the journey as rows, every other content folder as documents.

Rows and documents are created and updated by the content loader
(:mod:`vejviser.journey.loader`) from the files in ``content/``; content editors may also
edit them in the admin, which marks them ``locally_modified`` so a later load does not
silently overwrite the edit. Every change — a load that changes something, or any edit
— adds a :class:`ContentVersion`; its id is the content revision
(:func:`vejviser.journey.content.revision`) that every process checks before it reuses
what it built from the content.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vejviser.lib.i18n import Translated


def new_token() -> str:
    return secrets.token_hex(8)


class ContentVersion(models.Model):
    """One change of the content: a load of the files that changed something, or an edit
    (admin or code). The newest row's id is the content revision."""

    class Kind(models.TextChoices):
        LOAD = "load", _("load")
        EDIT = "edit", _("edit")

    #: Digest of the content files as last loaded (an edit keeps the load's digest).
    digest = models.CharField(max_length=64)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.LOAD)
    #: Unique across databases: names files cached for this revision (the CLI's index).
    token = models.CharField(max_length=32, default=new_token, editable=False)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.CharField(max_length=150, blank=True)
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        verbose_name = _("content version")

    def __str__(self) -> str:
        return f"{self.loaded_at:%Y-%m-%d %H:%M} {self.digest[:12]}"


class DatedJSONEncoder(json.JSONEncoder):
    """JSON for content documents: YAML dates (``reviewed: 2026-01-01``) as
    ``{"$date": "2026-01-01"}``, so they come back as dates, as from the file."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            return {"$datetime": o.isoformat()}
        if isinstance(o, dt.date):
            return {"$date": o.isoformat()}
        return super().default(o)


class DatedJSONDecoder(json.JSONDecoder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("object_hook", _dated)
        super().__init__(*args, **kwargs)


def _dated(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
    return obj


class OrderedJSONField(models.TextField):  # type: ignore[type-arg]
    """JSON kept as text, so a document's keys keep the file's order everywhere.

    Content depends on that order (an assessment's definitions may use the ones above
    them), and PostgreSQL's ``jsonb`` — what ``JSONField`` uses there — sorts the keys.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value, cls=DatedJSONDecoder)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value, cls=DatedJSONDecoder)
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.dumps(value, cls=DatedJSONEncoder, ensure_ascii=False)

    def value_to_string(self, obj: Any) -> str:
        return str(self.get_prep_value(self.value_from_object(obj)))


class ContentDocument(models.Model):
    """One file of a content folder other than the journey (``knowledge/mdr.yaml``,
    ``assessments/gdpr.yaml``, a capability's folder), as loaded or edited."""

    folder = models.CharField(max_length=80)
    name = models.CharField(max_length=200, help_text=_("File name, e.g. mdr.yaml."))
    text = models.TextField(help_text=_("The document as YAML, checked like the file."))
    data = OrderedJSONField()
    digest = models.CharField(max_length=64, help_text=_("SHA-256 of the text."))
    locally_modified = models.BooleanField(
        default=False,
        help_text=_("Edited in the admin; a content load keeps this edit unless forced."),
    )
    retired = models.BooleanField(
        default=False, help_text=_("No longer in the content files; kept for history.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["folder", "name"]
        constraints = [
            models.UniqueConstraint(fields=["folder", "name"], name="content_document_unique")
        ]
        verbose_name = _("content document")

    def __str__(self) -> str:
        return f"{self.folder}/{self.name}"


class ContentItem(models.Model):
    """Fields shared by every piece of loaded content."""

    slug = models.SlugField(max_length=80)
    sources = models.JSONField(default=list, help_text=_("List of {doc, section}."))
    locally_modified = models.BooleanField(
        default=False,
        help_text=_("Edited in the admin; a content load keeps this edit unless forced."),
    )
    retired = models.BooleanField(
        default=False, help_text=_("No longer in the content files; kept for history.")
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        """Admin edits are checked like the files: sources must name known documents."""
        super().clean()
        errors = self.content_errors()
        if errors:
            raise ValidationError(errors)

    def content_errors(self) -> dict[str, Any]:
        refs = self.sources if isinstance(self.sources, list) else None
        ok = refs is not None and all(
            isinstance(r, dict) and set(r) == {"doc", "section"} and r["doc"] and r["section"]
            for r in refs
        )
        if not refs or not ok:
            return {"sources": _('Give at least one source as [{"doc": "…", "section": "…"}].')}
        known = set(Source.objects.values_list("slug", flat=True))
        unknown = sorted({r["doc"] for r in refs} - known)
        if unknown:
            return {"sources": _("Unknown source: %(docs)s.") % {"docs": ", ".join(unknown)}}
        return {}


class Source(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title_da = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300)
    kind = models.CharField(max_length=20)
    url = models.URLField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)

    title = Translated()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("source")

    def __str__(self) -> str:
        return self.slug


class Role(ContentItem):
    order = models.PositiveIntegerField(default=0)
    title_da = models.CharField(max_length=120)
    title_en = models.CharField(max_length=120)
    description_da = models.TextField()
    description_en = models.TextField()

    title = Translated()
    description = Translated()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="role_slug_unique")]
        verbose_name = _("role")

    def __str__(self) -> str:
        return self.title_da


class Track(ContentItem):
    order = models.PositiveIntegerField(default=0)
    title_da = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    summary_da = models.TextField()
    summary_en = models.TextField()

    title = Translated()
    summary = Translated()

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="track_slug_unique")]
        verbose_name = _("track")

    def __str__(self) -> str:
        return self.title_da


class Phase(ContentItem):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveIntegerField(default=0)
    title_da = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    purpose_da = models.TextField()
    purpose_en = models.TextField()

    title = Translated()
    purpose = Translated()

    class Meta:
        ordering = ["track__order", "order"]
        constraints = [models.UniqueConstraint(fields=["track", "slug"], name="phase_slug_unique")]
        verbose_name = _("phase")

    def __str__(self) -> str:
        return f"{self.order}. {self.title_da}"


class AttentionPoint(ContentItem):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="attention")
    order = models.PositiveIntegerField(default=0)
    text_da = models.TextField()
    text_en = models.TextField()

    text = Translated()

    class Meta:
        ordering = ["phase__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "slug"], name="attention_slug_unique")
        ]
        verbose_name = _("attention point")

    def __str__(self) -> str:
        return self.slug


class ActionQuerySet(models.QuerySet["Action"]):
    def current(self) -> ActionQuerySet:
        return self.filter(retired=False)


class Action(ContentItem):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveIntegerField(default=0)
    title_da = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300)
    guidance_da = models.TextField()
    guidance_en = models.TextField()
    done_da = models.TextField()
    done_en = models.TextField()
    roles = models.ManyToManyField(Role, related_name="actions")
    tools = models.JSONField(default=list, blank=True)
    shared_with_vendor = models.BooleanField(default=False)

    title = Translated()
    guidance = Translated()
    done = Translated()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["phase__track__order", "phase__order", "order"]
        constraints = [models.UniqueConstraint(fields=["phase", "slug"], name="action_slug_unique")]
        verbose_name = _("action")

    def __str__(self) -> str:
        return self.title_da

    def content_errors(self) -> dict[str, Any]:
        from vejviser.kernel.schema import TOOL_IDS

        errors = super().content_errors()
        tools = self.tools if isinstance(self.tools, list) else None
        if tools is None or any(t not in TOOL_IDS for t in tools):
            errors["tools"] = _("Tools must be a list of known tool ids, e.g. %(example)s.") % {
                "example": '["assessment:mdr"]'
            }
        return errors

    def role_slugs(self) -> list[str]:
        return [role.slug for role in self.roles.all()]

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "id": self.slug,
            "title": self.title_en if lang == "en" else self.title_da,
            "roles": self.role_slugs(),
        }
