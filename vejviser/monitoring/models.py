"""Monitoring in operation: a plan per project, its metrics, monthly data, alerts, and the
vendor upgrade checks.

- :class:`MonitoringPlan` — made on the go-live step; records the product and the version
  in use, the non-inferiority margin for upgrades, and when the product was put into
  operation. A product is *marked in operation* here (:meth:`MonitoringPlan.go_live`),
  and only with a plan whose every metric has a baseline, an alert rule and an owner.
- :class:`Metric` — what is watched: baseline with its interval (from the validation run),
  cases a month, alert rule (chart and parameters), owner, what happens on an alert.
- :class:`Observation` — one month's aggregate for a metric (never a patient row).
- :class:`Alert` — raised by a chart's signal; acknowledged and resolved in the project's
  audit trail.
- :class:`UpgradeCheck` — a new version compared paired with the baseline on the frozen
  local reference set: "may go live" or "must not", with the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.evidence.models import ValidationRun
from vejviser.projects.models import AuditEvent, Project, Step

from .core.plan import Evaluation, MetricSpec, Month, evaluate


class Chart(models.TextChoices):
    CUSUM = "cusum", _("Bernoulli CUSUM (case by case)")
    P = "p", _("p-chart (share per month)")
    EWMA = "ewma", _("EWMA (continuous measure)")
    XMR = "xmr", _("XmR (key figure)")


class Kind(models.TextChoices):
    PROPORTION = "proportion", _("Share of cases (e.g. sensitivity, override rate)")
    CONTINUOUS = "continuous", _("Measure per case (e.g. Dice, word error rate, minutes)")
    KPI = "kpi", _("Key figure from the business case (e.g. hours freed)")


class Source(models.TextChoices):
    VALIDATION = "validation", _("Local validation")
    USE = "use", _("Use")
    BUSINESS_CASE = "business-case", _("Business case")


class MonitoringPlan(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="monitoring_plan", verbose_name=_("project")
    )
    step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("step")
    )
    product_name = models.CharField(_("product"), max_length=200, blank=True)
    version_in_use = models.CharField(_("version in use"), max_length=80, blank=True)
    baseline_run = models.ForeignKey(
        ValidationRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("baseline validation run"),
    )
    margin = models.FloatField(
        _("non-inferiority margin"),
        default=0.02,
        help_text=_("A new version may be at most this much worse on any metric (e.g. 0.02)."),
    )
    in_operation_since = models.DateField(_("in operation since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("monitoring plan")

    def __str__(self) -> str:
        return f"{self.project}: {self.product_name} {self.version_in_use}".strip()

    def missing(self) -> list[str]:
        """What stops the product being marked in operation (names of metrics or "")."""
        metrics = list(self.metrics.all())
        if not metrics:
            return [""]
        return [m.name for m in metrics if m.owner_id is None or m.baseline is None]

    @property
    def ready(self) -> bool:
        return not self.missing()

    def go_live(self, user: Any, day: dt.date | None = None) -> None:
        """Mark the product in operation (only with a complete plan)."""
        if not self.ready:
            raise ValueError("the monitoring plan is not complete")
        self.in_operation_since = day or timezone.localdate()
        self.save(update_fields=["in_operation_since"])
        AuditEvent.record(
            self.project,
            user,
            AuditEvent.Verb.STEP_UPDATED,
            f"{self.product_name} {self.version_in_use}".strip(),
            {"monitoring": [None, f"i drift fra {self.in_operation_since.isoformat()}"]},
            step=self.step,
        )


class Metric(models.Model):
    plan = models.ForeignKey(MonitoringPlan, on_delete=models.CASCADE, related_name="metrics")
    key = models.SlugField(max_length=60)
    name = models.CharField(_("metric"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_low = models.FloatField(_("baseline, lower bound"), null=True, blank=True)
    baseline_high = models.FloatField(_("baseline, upper bound"), null=True, blank=True)
    baseline_note = models.CharField(_("baseline from"), max_length=200, blank=True)
    #: Case-level spread (standard deviation per case) for continuous measures.
    case_sd = models.FloatField(_("standard deviation per case"), null=True, blank=True)
    shift = models.FloatField(_("change to detect"), null=True, blank=True)
    cases_per_month = models.PositiveIntegerField(_("cases a month"), default=30)
    chart = models.CharField(_("alert rule"), max_length=10, choices=Chart.choices)
    arl0 = models.FloatField(_("false alarm at most about every (months)"), default=24.0)
    #: For business-case KPIs: the range the business case allows, per year.
    range_low = models.FloatField(null=True, blank=True)
    range_high = models.FloatField(null=True, blank=True)
    range_per_month = models.FloatField(default=1.0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    on_alert = models.TextField(_("what happens on an alert"), blank=True)
    deadline_days = models.PositiveIntegerField(_("days to respond"), default=14)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="one_metric_key_per_plan")
        ]
        verbose_name = _("metric")

    def __str__(self) -> str:
        return self.name

    def spec(self) -> MetricSpec:
        return MetricSpec(
            name=self.name,
            kind=self.kind,
            chart=self.chart,
            higher_is_better=self.higher_is_better,
            baseline=self.baseline,
            shift=self.shift,
            case_sd=self.case_sd,
            cases_per_month=self.cases_per_month,
            arl0_months=self.arl0,
            range_low=self.range_low,
            range_high=self.range_high,
            range_per_month=self.range_per_month,
        )

    def months(self) -> list[Month]:
        return [o.month() for o in self.observations.all()]

    def evaluate(self) -> Evaluation:
        return evaluate(self.spec(), self.months())

    def record(self, rows: list[MonthData], source: str, user: Any) -> list[Alert]:
        """Store months (replacing a month sent again), re-chart, raise new alerts.

        Returns the alerts raised. All or nothing: one transaction."""
        with transaction.atomic():
            for row in rows:
                Observation.objects.update_or_create(
                    metric=self,
                    period=row.period,
                    defaults={
                        "n": row.n,
                        "successes": row.successes,
                        "value": row.value,
                        "cusum": row.cusum,
                        "cusum_signal": row.cusum_signal,
                        "source": source,
                        "created_by": user,
                        "created_at": timezone.now(),
                    },
                )
            AuditEvent.record(
                self.plan.project,
                user,
                AuditEvent.Verb.STEP_UPDATED,
                self.name,
                {"monitoring data": [None, ", ".join(f"{r.period:%Y-%m}" for r in rows)]},
                step=self.plan.step,
            )
            return self.raise_alerts()

    def raise_alerts(self) -> list[Alert]:
        """An alert for every month the chart flags that has none yet."""
        evaluation = self.evaluate()
        if evaluation.chart is None:
            return []
        observations = [o for o in self.observations.all() if o.month_counts(self.kind)]
        have = set(self.alerts.values_list("period", flat=True))
        raised = []
        spec = self.spec()
        for index in evaluation.adverse:
            period = observations[index].period
            if period in have:
                continue
            alert = Alert.objects.create(
                project=self.plan.project,
                metric=self,
                period=period,
                summary=evaluation.alert_text(spec, index).texts(),
                owner=self.owner,
                deadline=timezone.localdate() + dt.timedelta(days=self.deadline_days),
            )
            AuditEvent.record(
                self.plan.project,
                None,
                AuditEvent.Verb.STEP_UPDATED,
                f"{self.name} {period:%Y-%m}",
                {"alert": [None, str(AlertStatus.OPEN)]},
                step=self.plan.step,
            )
            raised.append(alert)
        return raised


@dataclass(frozen=True)
class MonthData:
    """One month as it arrives (form, upload, API), before it is stored."""

    period: dt.date
    n: int | None = None
    successes: int | None = None
    value: float | None = None
    cusum: float | None = None
    cusum_signal: bool = False


class ObservationSource(models.TextChoices):
    FORM = "form", _("Form")
    UPLOAD = "upload", _("Upload")
    API = "api", _("API")
    DEMO = "demo", _("Demo")


class Observation(models.Model):
    """One month of a metric: counts for a share, or a mean (with n) for a measure."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="observations")
    period = models.DateField(_("month"))  # the first day of the month
    n = models.PositiveIntegerField(_("cases"), null=True, blank=True)
    successes = models.PositiveIntegerField(_("events counted"), null=True, blank=True)
    value = models.FloatField(_("value"), null=True, blank=True)
    #: A CUSUM's statistic at the month's end and whether it signalled in the month
    #: (case-level uploads): aggregates, the cases themselves are not kept.
    cusum = models.FloatField(null=True, blank=True)
    cusum_signal = models.BooleanField(default=False)
    source = models.CharField(max_length=10, choices=ObservationSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["metric", "period"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "period"], name="one_observation_per_month")
        ]
        verbose_name = _("observation")

    def __str__(self) -> str:
        return f"{self.metric} {self.period:%Y-%m}"

    def month(self) -> Month:
        return Month(
            f"{self.period:%Y-%m}",
            self.n,
            self.successes,
            self.value,
            self.cusum,
            self.cusum_signal,
        )

    def month_counts(self, kind: str) -> bool:
        """Whether the chart of a metric of ``kind`` uses this month (as in the core)."""
        return bool(self.n) if kind == "proportion" else self.value is not None

    @property
    def shown_value(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.n and self.successes is not None:
            return self.successes / self.n
        return None


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class AlertQuerySet(models.QuerySet["Alert"]):
    def unresolved(self) -> AlertQuerySet:
        return self.exclude(status=AlertStatus.RESOLVED)


class Alert(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="monitoring_alerts")
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, related_name="alerts")
    period = models.DateField(_("month"))
    #: What the chart saw, in both languages (``{"da": …, "en": …}`` from a core Message).
    summary = models.JSONField(default=dict)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("what was done"), blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["metric", "period"], name="one_alert_per_metric_month")
        ]
        verbose_name = _("alert")

    def __str__(self) -> str:
        return f"{self.metric} {self.period:%Y-%m}"

    def text(self, lang: str) -> str:
        return str(self.summary.get(lang) or self.summary.get("da", ""))

    @property
    def is_overdue(self) -> bool:
        return self.status != AlertStatus.RESOLVED and self.deadline < timezone.localdate()

    def _audit(self, user: Any, before: str, after: str, note: str = "") -> None:
        changes: dict[str, list[Any]] = {"alert": [before, after]}
        if note:
            changes["note"] = [None, note]
        AuditEvent.record(
            self.project,
            user,
            AuditEvent.Verb.STEP_UPDATED,
            f"{self.metric.name} {self.period:%Y-%m}",
            changes,
            step=self.metric.plan.step,
        )

    def acknowledge(self, user: Any) -> None:
        with transaction.atomic():
            before = self.status
            self.status = AlertStatus.ACKNOWLEDGED
            self.acknowledged_by, self.acknowledged_at = user, timezone.now()
            self.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
            self._audit(user, before, self.status)

    def resolve(self, user: Any, note: str) -> None:
        with transaction.atomic():
            before = self.status
            self.status = AlertStatus.RESOLVED
            self.resolved_by, self.resolved_at = user, timezone.now()
            self.resolution = note
            self.save(update_fields=["status", "resolved_by", "resolved_at", "resolution"])
            self._audit(user, before, self.status, note)


class UpgradeCheck(models.Model):
    """A new version against the baseline on the same cases (paired)."""

    plan = models.ForeignKey(MonitoringPlan, on_delete=models.CASCADE, related_name="upgrades")
    old_version = models.CharField(_("version in use"), max_length=80)
    new_version = models.CharField(_("new version"), max_length=80)
    new_run = models.ForeignKey(
        ValidationRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    margin = models.FloatField(_("non-inferiority margin"))
    decision = models.JSONField(_("comparison"), default=dict)
    may_go_live = models.BooleanField(_("may go live"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("upgrade check")

    def __str__(self) -> str:
        return f"{self.old_version} → {self.new_version}"
