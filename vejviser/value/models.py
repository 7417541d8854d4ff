"""Business cases of a project: versions over the journey, each with its figures.

A :class:`BusinessCase` belongs to a project (and the step it was started on). Each save
adds a :class:`CaseVersion`: the validated case (the core's schema, as JSON), the figures
computed once (deterministic, Monte Carlo, tornado, scenarios, KPIs, award criteria),
and what changed since the previous version. Versions are never edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from vejviser.kernel.formatting import number
from vejviser.projects.models import AuditEvent, EditConflict, Project, Step
from vejviser.value.core import DEFAULT_ITERATIONS, Case, parse_case
from vejviser.value.core.diff import Change, changes
from vejviser.value.core.simulate import new_seed
from vejviser.value.core.summary import case_summary

#: At most this many changed inputs are named in the project's audit trail.
AUDIT_CHANGES = 8


class Stage(models.TextChoices):
    """Where on the journey a version stands (the core's ``stage``)."""

    EXPECTED = "expected", _("Expected")
    ADJUSTED = "adjusted", _("Adjusted")
    REVISED = "revised", _("Revised after validation")
    ACTUAL = "actual", _("Actual (in operation)")


class BusinessCase(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="business_cases", verbose_name=_("project")
    )
    step = models.ForeignKey(
        Step,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases",
        verbose_name=_("step"),
    )
    name = models.CharField(_("name"), max_length=200)
    template = models.CharField(_("template"), max_length=80, blank=True)
    #: One seed for all versions: the same random draws, so the difference between two
    #: versions comes from what changed, not from sampling noise.
    seed = models.PositiveBigIntegerField(default=new_seed)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("business case")

    def __str__(self) -> str:
        return self.name

    def latest(self) -> CaseVersion | None:
        return self.versions.order_by("-number").first()

    @classmethod
    def start(
        cls,
        *,
        project: Project,
        step: Step | None,
        user: Any,
        name: str,
        template: str,
        case: Case,
        note: str = "",
    ) -> CaseVersion:
        """A new business case with its first version."""
        seed = new_seed()
        computed = _Computed.of(case, 1, seed)  # before the transaction: no lock held
        with transaction.atomic():
            business_case = cls.objects.create(
                project=project,
                step=step,
                name=name,
                template=template,
                seed=seed,
                created_by=user,
            )
            return business_case._add(user, step, computed, note, previous=None)

    def save_version(
        self, user: Any, step: Step | None, case: Case, note: str, based_on: int
    ) -> CaseVersion:
        """Add a version on top of version ``based_on``.

        Raises :class:`EditConflict` (with the newest version) if someone saved a newer
        version after the form was opened, so nobody overwrites another's figures unseen.
        """
        computed = _Computed.of(case, based_on + 1, self.seed)
        with transaction.atomic():
            BusinessCase.objects.select_for_update().filter(pk=self.pk).first()
            previous = self.latest()
            if previous is None or previous.number != based_on:
                raise EditConflict(previous)
            return self._add(user, step, computed, note, previous)

    def _add(
        self,
        user: Any,
        step: Step | None,
        computed: _Computed,
        note: str,
        previous: CaseVersion | None,
    ) -> CaseVersion:
        case = computed.case
        found = changes(previous.case(), case) if previous else []
        version = CaseVersion.objects.create(
            business_case=self,
            number=case.version,
            stage=case.stage,
            step=step,
            data=case.model_dump(mode="json", exclude_none=True),
            summary=computed.summary,
            changes=[c.as_dict() for c in found],
            note=note,
            iterations=computed.iterations,
            created_by=user,
        )
        BusinessCase.objects.filter(pk=self.pk).update(updated_at=timezone.now())
        Project.objects.filter(pk=self.project_id).update(updated_at=timezone.now())
        AuditEvent.record(
            self.project,
            user,
            AuditEvent.Verb.STEP_UPDATED if step else AuditEvent.Verb.PROJECT_UPDATED,
            f"{self.name} (v{version.number})",
            audit_changes(version, previous, found),
            step=step,
        )
        return version


@dataclass(frozen=True)
class _Computed:
    """A case with its version number and its figures, computed outside any transaction."""

    case: Case
    summary: dict[str, Any]
    iterations: int

    @classmethod
    def of(cls, case: Case, number: int, seed: int) -> _Computed:
        case = case.model_copy(update={"version": number})
        return cls(case, case_summary(case, DEFAULT_ITERATIONS, seed), DEFAULT_ITERATIONS)


class CaseVersion(models.Model):
    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(_("case"))
    summary = models.JSONField(_("figures"))
    changes = models.JSONField(_("changes"), default=list)
    note = models.TextField(_("note"), blank=True)
    iterations = models.PositiveIntegerField(default=DEFAULT_ITERATIONS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["business_case", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_case", "number"], name="one_number_per_case_version"
            )
        ]
        verbose_name = _("business case version")

    def __str__(self) -> str:
        return f"{self.business_case} v{self.number}"

    def case(self) -> Case:
        """The stored case, validated again by the core."""
        return parse_case(self.data)

    # --- headline figures (stored with the version) ---------------------------------------

    @property
    def hours_full_use(self) -> float:
        """Hours freed a year once in full use (deterministic)."""
        year = self.summary["full_use_year"]
        return float(self.summary["deterministic"]["hours_freed_per_year"][year])

    @property
    def npv(self) -> float:
        return float(self.summary["deterministic"]["npv"])

    @property
    def npv_range(self) -> dict[str, float]:
        return dict(self.summary["simulation"]["npv"])

    @property
    def prob_npv_positive(self) -> float:
        return float(self.summary["simulation"]["prob_npv_positive"])


def audit_changes(
    version: CaseVersion, previous: CaseVersion | None, found: list[Change]
) -> dict[str, list[Any]]:
    """A compact summary for the project's audit trail: version, stage, changed inputs.

    Recorded in Danish, the project's language (input labels are the case's Danish ones).
    """
    name = version.business_case.name
    out: dict[str, list[Any]] = {
        "business case": [
            f"{name} (v{previous.number})" if previous else None,
            f"{name} (v{version.number})",
        ],
    }
    if previous is None or previous.stage != version.stage:
        with translation.override("da"):
            before = str(Stage(previous.stage).label) if previous else None
            out["stadie"] = [before, str(Stage(version.stage).label)]
    inputs = version.data["inputs"]
    named = found[:AUDIT_CHANGES]
    for change in named:
        if change.section == "inputs":
            label = inputs.get(change.id, {}).get("label", {}).get("da", change.id)
            out[label] = [_spec(change.before), _spec(change.after)]
        elif change.section == "settings":
            out[change.id] = [change.before, change.after]
        else:
            out[f"{change.section}.{change.id}"] = [None, change.kind]
    if len(found) > len(named):
        out["øvrige ændringer"] = [None, len(found) - len(named)]
    return out


def _spec(value: Any) -> Any:
    """An input's value specification as one short line (``20 (20–51)``)."""
    if not isinstance(value, dict):
        return value
    parts = []
    if value.get("value") is not None:
        parts.append(_num(value["value"]))
    rng = value.get("range")
    if isinstance(rng, dict):
        if "low" in rng:
            parts.append(f"({_num(rng['low'])}–{_num(rng['high'])})")
        elif "mean" in rng:
            parts.append(f"({_num(rng['mean'])} ± {_num(rng['sd'])})")
    return " ".join(parts) or None


def _num(value: float) -> str:
    return number(value, "da")
