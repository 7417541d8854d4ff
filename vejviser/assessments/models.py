"""Assessment runs saved on a project's journey step, versioned per (step, assessment).

A run keeps the answers, the date the law was assessed on, the full result (the core's
``Result.to_dict()``, so a stored result can be shown and compared without re-running),
the rule-set version and review dates, who ran it and when. Re-running adds a version
with the core's diff against the previous one: what changed, and which rules say why.
Runs are never edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import AuditEvent, Project, Step

from . import core
from .content import registry
from .core.render import fmt
from .core.result import jsonable


class AssessmentRunQuerySet(models.QuerySet["AssessmentRun"]):
    def for_step(self, step: Step, assessment: str) -> AssessmentRunQuerySet:
        return self.filter(step=step, assessment=assessment).select_related("created_by")


class AssessmentRun(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="assessment_runs", verbose_name=_("project")
    )
    step = models.ForeignKey(
        Step, on_delete=models.CASCADE, related_name="assessment_runs", verbose_name=_("step")
    )
    assessment = models.CharField(_("assessment"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    answers = models.JSONField(_("answers"), default=dict)
    on_date = models.DateField(_("date assessed"))
    result = models.JSONField(_("result"))
    ruleset_version = models.CharField(_("rule-set version"), max_length=20)
    ruleset_reviewed = models.DateField(_("rule set reviewed"))
    ruleset_next_review = models.DateField(_("rule set next review"))
    diff = models.JSONField(_("changes since the previous version"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("run at"), default=timezone.now)

    objects = AssessmentRunQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "assessment", "version"], name="one_run_version_per_step"
            )
        ]
        verbose_name = _("assessment run")

    def __str__(self) -> str:
        return f"{self.assessment} v{self.version} ({self.step})"

    @classmethod
    def record(
        cls,
        step: Step,
        user: Any,
        assessment: str,
        answers: Mapping[str, Any],
        on_date: dt.date,
    ) -> AssessmentRun:
        """Assess ``answers`` and save the result as the next version on ``step``.

        Raises :class:`core.AnswerError` (nothing saved) when the answers cannot be used.
        """
        result = core.evaluate(assessment, answers, on_date, registry()).to_dict()
        with transaction.atomic():
            previous = (
                cls.objects.select_for_update()
                .filter(step=step, assessment=assessment)
                .order_by("-version")
                .first()
            )
            ruleset = result["ruleset"]
            run = cls.objects.create(
                project=step.project,
                step=step,
                assessment=assessment,
                version=previous.version + 1 if previous else 1,
                answers=jsonable(dict(answers)),
                on_date=on_date,
                result=result,
                ruleset_version=ruleset["version"],
                ruleset_reviewed=dt.date.fromisoformat(ruleset["reviewed"]),
                ruleset_next_review=dt.date.fromisoformat(ruleset["next_review"]),
                diff=core.diff(previous.result, result, registry()).to_dict() if previous else None,
                created_by=user,
            )
            before = key_outcome(previous.result) if previous else None
            AuditEvent.record(
                step.project,
                user,
                AuditEvent.Verb.STEP_UPDATED,
                step.action.title_da,
                {f"assessment:{assessment}": [before, key_outcome(result)]},
                step=step,
            )
        return run

    @property
    def previous_version(self) -> int | None:
        return self.version - 1 if self.version > 1 else None


def key_outcome(result: Mapping[str, Any], lang: str = "da") -> str:
    """The result in a word or two for the audit trail: the first choice output's label
    (tier, class, DPIA, route), e.g. "højrisiko"."""
    a = core.get_questionnaire(str(result["assessment"]), registry())
    output = next((o for o in a.spec.outputs if o.type == "choice"), a.spec.outputs[0])
    return fmt(result.get(output.key), lang, a, output.key)
