"""Validation runs: one analysis of an AI product on local data, attached to a step.

A :class:`ValidationRun` keeps the analysis settings (which columns, threshold,
subgroups, claims), the core's report (``to_dict()``: counts, estimates, intervals — never
a row), the plots as SVG text and who ran it when. The uploaded file itself is never
stored: it is analysed from a temporary copy that is deleted straight after.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import AuditEvent, Project, Step

from .analysis import Analysis


class Kind(models.TextChoices):
    BINARY = "binary", _("Risk score or classifier (AUC, sensitivity, specificity)")
    SEGMENTATION = "segmentation", _("Contours (Dice, Hausdorff 95)")
    TRANSCRIPTS = "transcripts", _("Speech to text (word error rate)")
    TIMING = "timing", _("Time study (before and with the product)")
    SAMPLE_SIZE = "sample-size", _("Sample size for a prospective validation")


class Purpose(models.TextChoices):
    RETROSPECTIVE = "retrospective", _("Retrospective")
    PROSPECTIVE = "prospective", _("Prospective")
    UPGRADE = "after-upgrade", _("After an upgrade")


class ValidationRunQuerySet(models.QuerySet["ValidationRun"]):
    def on_steps(self, steps: models.QuerySet[Step]) -> ValidationRunQuerySet:
        """Runs on the given steps (e.g. those a vendor may see)."""
        return self.filter(step__in=steps)

    def analyses(self) -> ValidationRunQuerySet:
        return self.exclude(kind=Kind.SAMPLE_SIZE)

    def plans(self) -> ValidationRunQuerySet:
        return self.filter(kind=Kind.SAMPLE_SIZE)


class ValidationRun(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="validation_runs", verbose_name=_("project")
    )
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="validation_runs", verbose_name=_("step")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.RETROSPECTIVE
    )
    product_name = models.CharField(_("product"), max_length=200, blank=True)
    product_version = models.CharField(_("product version"), max_length=80, blank=True)
    period_from = models.DateField(_("data from"), null=True, blank=True)
    period_to = models.DateField(_("data to"), null=True, blank=True)
    site = models.CharField(_("site"), max_length=200, blank=True)
    #: How the data was analysed (column names, threshold, subgroups, claims) — never data.
    settings = models.JSONField(_("analysis settings"), default=dict, blank=True)
    #: The core's report, ``to_dict()``: aggregates only.
    report = models.JSONField(_("report"), default=dict)
    #: SVG figures drawn by the core: ``{"da": {"roc": "<svg…"}, "en": {…}}``.
    plots = models.JSONField(_("plots"), default=dict, blank=True)
    n = models.PositiveIntegerField(_("n"), default=0)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ValidationRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("validation run")

    def __str__(self) -> str:
        version = f" {self.product_version}" if self.product_version else ""
        return f"{self.get_kind_display()}: {self.product_name}{version}".strip()

    @classmethod
    def record(
        cls,
        *,
        project: Project,
        step: Step,
        user: Any,
        kind: str,
        analysis: Analysis,
        settings: dict[str, Any],
        meta: dict[str, Any],
    ) -> ValidationRun:
        """Save a finished analysis as a run and note it in the project's audit trail."""
        run = cls.objects.create(
            project=project,
            step=step,
            kind=kind,
            settings=settings,
            report=analysis.report,
            plots=analysis.plots,
            n=analysis.n,
            created_by=user,
            **meta,
        )
        AuditEvent.record(
            project,
            user,
            AuditEvent.Verb.STEP_UPDATED,
            str(run),
            {"validation_run": [None, f"{run.get_kind_display()}, n = {run.n}"]},
            step=step,
        )
        return run

    def plot(self, lang: str, name: str) -> str:
        return str(self.plots.get(lang, self.plots.get("da", {})).get(name, ""))
