"""Market and procurement on a project: needs, products, requirement specifications,
tenders with blind scoring, and the contract checklist.

Numbers and rules come from :mod:`vejviser.market.core`; these models keep what people
entered, who entered it and when. Changes that matter in a complaint (the evaluation
model after it is fixed, scores) are recorded with their reason.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.projects.models import AuditEvent, Project, Step

USER = settings.AUTH_USER_MODEL


def _name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


# --- needs ----------------------------------------------------------------------------------


class NeedsSetup(models.Model):
    """A project's weights for the needs criteria (defaults from content) and its k."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="needs_setup")
    weights = models.JSONField(_("weights"), default=dict)
    top_k = models.PositiveSmallIntegerField(_("shortlist size (k)"), default=3)
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.project}"


class Need(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="market_needs")
    step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("need"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("need")

    def __str__(self) -> str:
        return self.title


class NeedRating(models.Model):
    """One rater's scores (criterion -> 1..5) for one need, made independently."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="ratings")
    rater = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    scores = models.JSONField(_("scores"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "rater"], name="one_rating_per_rater")
        ]

    def __str__(self) -> str:
        return f"{self.need} ({self.rater})"


# --- product catalogue ----------------------------------------------------------------------


class Product(models.Model):
    """A product in the catalogue. ``data`` holds the fields (see
    :data:`vejviser.market.catalogue.FIELDS`); ``provenance`` says for each field who
    entered it, from what source and when. ``is_example``: an invented product for the
    demo, always labelled as such."""

    name = models.CharField(_("product"), max_length=200)
    vendor = models.CharField(_("vendor"), max_length=200)
    data = models.JSONField(_("fields"), default=dict)
    provenance = models.JSONField(_("provenance"), default=dict)
    is_example = models.BooleanField(_("example (not a real product)"), default=False)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vendor", "name"]
        verbose_name = _("product")

    def __str__(self) -> str:
        return f"{self.vendor}: {self.name}"

    def set_fields(self, values: dict[str, Any], user: Any, source: str) -> list[str]:
        """Set fields that changed, each with its provenance; returns the changed names."""
        changed = []
        now = timezone.now().isoformat(timespec="seconds")
        for field, value in values.items():
            if self.data.get(field) == value:
                continue
            self.data[field] = value
            self.provenance[field] = {"who": _name(user), "source": source, "at": now}
            changed.append(field)
        self.name = str(self.data.get("product") or self.name)
        self.vendor = str(self.data.get("vendor") or self.vendor)
        return changed


class ProductUse(models.Model):
    """A project that used the product, with the local validation run that tested it."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="uses")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(
        "evidence.ValidationRun",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    added_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["product", "run"], name="one_link_per_run")]

    def __str__(self) -> str:
        return f"{self.product} → {self.project}"


# --- requirement specification --------------------------------------------------------------


class Specification(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="specifications")
    step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("requirement specification")

    def __str__(self) -> str:
        return self.title

    def latest(self) -> SpecVersion | None:
        return self.versions.order_by("-number").first()

    def save_version(
        self, user: Any, items: list[dict[str, Any]], facts: dict[str, Any], note: str
    ) -> SpecVersion:
        """A new version with what changed since the previous one and why (``note``)."""
        with transaction.atomic():
            previous = self.latest()
            changes = spec_changes(previous.items, items) if previous else []
            version = SpecVersion.objects.create(
                spec=self,
                number=(previous.number + 1) if previous else 1,
                items=items,
                facts=facts,
                changes=changes,
                note=note,
                created_by=user,
            )
            AuditEvent.record(
                self.project,
                user,
                AuditEvent.Verb.STEP_UPDATED,
                f"{self.title} (v{version.number})",
                {
                    "market:requirements": [
                        previous.number if previous else None,
                        f"v{version.number}: {note}"[:200],
                    ]
                },
                step=self.step,
            )
        return version


class SpecVersion(models.Model):
    """One version: the chosen requirements (``items``), the project facts they were
    chosen from, what changed and why. Never edited."""

    spec = models.ForeignKey(Specification, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    items = models.JSONField(default=list)
    facts = models.JSONField(default=dict)
    changes = models.JSONField(default=list)
    note = models.TextField(_("what changed and why"))
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["spec", "number"], name="one_number_per_spec")
        ]

    def __str__(self) -> str:
        return f"{self.spec} v{self.number}"


def spec_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Added, removed and changed (level / award / weight) requirements."""
    old = {i["id"]: i for i in before}
    new = {i["id"]: i for i in after}
    out: list[dict[str, Any]] = []
    for rid in new:
        if rid not in old:
            out.append({"id": rid, "kind": "added"})
        else:
            for key in ("award", "weight"):
                if old[rid].get(key) != new[rid].get(key):
                    out.append(
                        {
                            "id": rid,
                            "kind": "changed",
                            "field": key,
                            "before": old[rid].get(key),
                            "after": new[rid].get(key),
                        }
                    )
    out += [{"id": rid, "kind": "removed"} for rid in old if rid not in new]
    return out


# --- tender evaluation ----------------------------------------------------------------------


class Tender(models.Model):
    """An evaluation model (criteria, weights, price model, scale, what scores mean),
    fixed (``locked_at``) before bids are entered. After that, a change needs a reason,
    recorded in the project's audit trail."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tenders")
    step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    scale = models.PositiveSmallIntegerField(_("scale"), default=10)
    #: [{"id", "kind", "weight", "model", "zero_at", "title"}]
    criteria = models.JSONField(_("criteria"), default=list)
    #: [{"score", "text"}]: what each score means
    anchors = models.JSONField(_("scale anchors"), default=list)
    spec_version = models.ForeignKey(
        SpecVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    locked_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    locked_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("tender")

    def __str__(self) -> str:
        return self.title

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    def model_data(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "criteria": [
                {
                    k: c[k]
                    for k in ("id", "kind", "weight", "model", "zero_at")
                    if c.get(k) is not None
                }
                for c in self.criteria
            ],
        }

    def lock(self, user: Any) -> None:
        self.locked_at = timezone.now()
        self.locked_by = user
        self.save(update_fields=["locked_at", "locked_by"])
        AuditEvent.record(
            self.project,
            user,
            AuditEvent.Verb.STEP_UPDATED,
            self.title,
            {"market:tender-evaluation": [None, _weights_line(self.criteria)]},
            step=self.step,
        )

    def change_model(
        self, user: Any, criteria: list[dict[str, Any]], scale: int, reason: str
    ) -> None:
        """Change the model; after it is fixed, only with a reason (in the audit trail)."""
        if self.locked and not reason.strip():
            raise ValueError("a reason is required once the model is fixed")
        before = _weights_line(self.criteria)
        self.criteria, self.scale = criteria, scale
        self.save(update_fields=["criteria", "scale"])
        changes: dict[str, list[Any]] = {
            "market:tender-evaluation": [before, _weights_line(criteria)]
        }
        if reason.strip():
            changes["reason"] = [None, reason.strip()]
        AuditEvent.record(
            self.project, user, AuditEvent.Verb.STEP_UPDATED, self.title, changes, step=self.step
        )

    # --- blind scoring ---

    def evaluator_ids(self) -> set[int]:
        return set(self.evaluators.values_list("user_id", flat=True))

    @property
    def all_submitted(self) -> bool:
        evaluators = list(self.evaluators.all())
        return bool(evaluators) and all(e.submitted_at for e in evaluators)

    def quality_ids(self) -> list[str]:
        return [c["id"] for c in self.criteria if c.get("kind") == "quality"]


def _weights_line(criteria: list[dict[str, Any]]) -> str:
    return ", ".join(
        f"{c['id']} {c['weight']:g} %" + (f" ({c['model']})" if c.get("model") else "")
        for c in criteria
    )[:300]


class Evaluator(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="evaluators")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["tender", "user"], name="one_evaluator_per_user")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Bid(models.Model):
    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="bids")
    label = models.CharField(_("bidder"), max_length=200)
    price = models.FloatField(_("price (DKK)"), null=True, blank=True)
    #: the catalogue product offered: its local validation runs can inform the scores
    product = models.ForeignKey(
        Product, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["tender", "label"], name="one_label_per_tender")
        ]

    def __str__(self) -> str:
        return self.label


class Score(models.Model):
    """One evaluator's score of one bid on one quality criterion (blind until all have
    submitted). ``evaluator`` None: the consensus score."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(USER, on_delete=models.CASCADE, null=True, related_name="+")
    criterion = models.CharField(max_length=80)
    value = models.FloatField()
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "evaluator", "criterion"],
                name="one_score_per_evaluator",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.bid} {self.criterion} = {self.value:g}"


class ScoreChange(models.Model):
    """Every score and every change of one, kept for a complaint. Shown only once all
    evaluators have submitted (the project's audit trail names the event, not the
    value, so scoring stays blind)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="score_changes")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="+")
    criterion = models.CharField(max_length=80)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    consensus = models.BooleanField(default=False)
    before = models.FloatField(null=True)
    after = models.FloatField()
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.bid} {self.criterion}: {self.before} → {self.after}"


# --- contract checklist ---------------------------------------------------------------------


class ContractCheck(models.Model):
    """A contract checklist item ticked with where in the contract it is met."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contract_checks")
    item = models.CharField(max_length=80)
    met = models.BooleanField(_("met"), default=False)
    where = models.CharField(_("where in the contract"), max_length=300, blank=True)
    updated_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "item"], name="one_check_per_item")
        ]

    def __str__(self) -> str:
        return self.item


# --- scoring actions (on the tender) --------------------------------------------------------


def save_scores(
    tender: Tender,
    user: Any,
    values: dict[tuple[int, str], float],
    *,
    consensus: bool = False,
    reason: str = "",
) -> int:
    """Save an evaluator's (or, with ``consensus``, the agreed) scores; every change is
    kept in :class:`ScoreChange`. The audit trail names the event without the values."""
    evaluator = None if consensus else user
    with transaction.atomic():
        existing = {
            (s.bid_id, s.criterion): s
            for s in Score.objects.filter(bid__tender=tender, evaluator=evaluator)
        }
        changed = 0
        for (bid_id, criterion), value in values.items():
            score = existing.get((bid_id, criterion))
            if score is not None and score.value == value:
                continue
            ScoreChange.objects.create(
                tender=tender,
                bid_id=bid_id,
                criterion=criterion,
                actor=user,
                consensus=consensus,
                before=score.value if score else None,
                after=value,
                reason=reason,
            )
            if score is None:
                Score.objects.create(
                    bid_id=bid_id, evaluator=evaluator, criterion=criterion, value=value
                )
            else:
                score.value = value
                score.save(update_fields=["value", "updated_at"])
            changed += 1
        if changed:
            what = "konsensus" if consensus else "karakterer"
            AuditEvent.record(
                tender.project,
                user,
                AuditEvent.Verb.STEP_UPDATED,
                tender.title,
                {"market:tender-evaluation": [None, f"{what} gemt ({changed})"]},
                step=tender.step,
            )
    return changed


def submit_scores(tender: Tender, user: Any) -> None:
    Evaluator.objects.filter(tender=tender, user=user).update(submitted_at=timezone.now())
    AuditEvent.record(
        tender.project,
        user,
        AuditEvent.Verb.STEP_UPDATED,
        tender.title,
        {"market:tender-evaluation": [None, "karakterer afleveret"]},
        step=tender.step,
    )
