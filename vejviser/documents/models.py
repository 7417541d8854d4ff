"""Generated documents (a version per generation, on a step) and the project's short
texts that no tool holds (asked once, reused by every document).

A :class:`DocumentVersion` stores the file's bytes: python-docx and WeasyPrint write
timestamps into the files, so regenerating would give the same *text* but not the same
bytes, and the SHA-256 of what was handed on must stay checkable. It keeps who, when,
format, language, the inputs it was made from (a fingerprint per source key, their
digest) and which inputs changed since the previous version of the same kind on the step.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import AuditEvent, EditConflict, Project, Step

from .core.inputs import changes as input_changes

#: How much of a text the audit trail keeps (before and after).
AUDIT_TEXT = 200


class Format(models.TextChoices):
    DOCX = "docx", "Word (DOCX)"
    PDF = "pdf", "PDF"


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class ProjectNarrative(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="narratives")
    key = models.SlugField(_("key"), max_length=80)
    text = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="one_narrative_per_key")
        ]
        verbose_name = _("project text")

    def __str__(self) -> str:
        return f"{self.project}: {self.key}"

    @classmethod
    def write(
        cls, project: Project, key: str, text: str, user: Any, version: int, label: str
    ) -> ProjectNarrative:
        """Save ``text``; raise :class:`EditConflict` if someone saved since ``version``."""
        text = text.strip()
        with transaction.atomic():
            current, _created = cls.objects.select_for_update().get_or_create(
                project=project, key=key
            )
            if current.version != version:
                raise EditConflict(current)
            if current.text == text:
                return current
            before = current.text
            current.text, current.version, current.updated_by = text, version + 1, user
            current.save()
            AuditEvent.record(
                project,
                user,
                AuditEvent.Verb.PROJECT_UPDATED,
                label,
                {key: [before[:AUDIT_TEXT] or None, text[:AUDIT_TEXT] or None]},
            )
            Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
        return current


class DocumentVersion(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="documents")
    kind = models.SlugField(_("kind"), max_length=80)
    number = models.PositiveIntegerField(_("version"))
    fmt = models.CharField(_("format"), max_length=8, choices=Format.choices)
    lang = models.CharField(_("language"), max_length=2)
    inputs = models.JSONField(_("inputs"), default=dict)
    inputs_digest = models.CharField(_("inputs digest"), max_length=64)
    changes = models.JSONField(_("inputs changed since the previous version"), default=list)
    sections_ready = models.PositiveIntegerField(default=0)
    sections_total = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content = models.BinaryField(_("file"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("generated at"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "kind", "number"], name="one_document_number_per_step"
            )
        ]
        verbose_name = _("document version")

    def __str__(self) -> str:
        return f"{self.kind} v{self.number} ({self.fmt})"

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.project_id}-v{self.number}-{self.lang}.{self.fmt}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.fmt]

    @classmethod
    def record(
        cls,
        *,
        step: Step,
        user: Any,
        kind: str,
        fmt: str,
        lang: str,
        inputs: dict[str, str],
        digest: str,
        data: bytes,
        sha256: str,
        ready: int,
        total: int,
        number: int,
    ) -> DocumentVersion:
        """Save a generated file as version ``number`` (see :func:`next_number`)."""
        with transaction.atomic():
            previous = (
                cls.objects.select_for_update()
                .filter(step=step, kind=kind)
                .order_by("-number")
                .first()
            )
            if previous is not None and previous.number >= number:
                number = previous.number + 1
            found = input_changes(previous.inputs, inputs) if previous else []
            version = cls.objects.create(
                project=step.project,
                step=step,
                kind=kind,
                number=number,
                fmt=fmt,
                lang=lang,
                inputs=inputs,
                inputs_digest=digest,
                changes=[{"source": c.source, "kind": c.kind} for c in found],
                sections_ready=ready,
                sections_total=total,
                sha256=sha256,
                size=len(data),
                content=data,
                created_by=user,
            )
            AuditEvent.record(
                step.project,
                user,
                AuditEvent.Verb.STEP_UPDATED,
                step.action.title_da,
                {f"document:{kind}": [None, f"v{number} {fmt} ({lang})"]},
                step=step,
            )
        return version


def next_number(step: Step, kind: str) -> int:
    latest = (
        DocumentVersion.objects.filter(step=step, kind=kind)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return int(latest or 0) + 1
