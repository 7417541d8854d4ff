"""Projects on the journey: members with roles, a step per action, an audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vejviser.journey.models import Action, Phase, Track

from . import progress as core


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Capital Region of Denmark")
    SJAELLAND = "sjaelland", _("Region Zealand")
    SYDDANMARK = "syddanmark", _("Region of Southern Denmark")
    MIDTJYLLAND = "midtjylland", _("Central Denmark Region")
    NORDJYLLAND = "nordjylland", _("North Denmark Region")
    NATIONAL = "national", _("National / cross-regional")


class MemberRole(models.TextChoices):
    """The people on a project (the ids of ``content/roles.yaml``)."""

    KLINIKER = "kliniker", _("Clinician")
    JURIST = "jurist", _("Lawyer")
    IT_ARKITEKT = "it-arkitekt", _("IT architect")
    INDKOEBSKONSULENT = "indkoebskonsulent", _("Procurement consultant")
    INNOVATIONSKONSULENT = "innovationskonsulent", _("Innovation consultant")
    FORSKER = "forsker", _("Researcher")
    VIRKSOMHED = "virksomhed", _("Company / vendor")
    LEDELSE = "ledelse", _("Management")


#: Roles whose members may change steps. Management reads; a vendor sees shared steps.
EDITING_ROLES = frozenset(
    {
        MemberRole.KLINIKER,
        MemberRole.JURIST,
        MemberRole.IT_ARKITEKT,
        MemberRole.INDKOEBSKONSULENT,
        MemberRole.INNOVATIONSKONSULENT,
        MemberRole.FORSKER,
    }
)


class StepStatus(models.TextChoices):
    NOT_STARTED = core.NOT_STARTED, _("Not started")
    IN_PROGRESS = core.IN_PROGRESS, _("In progress")
    DONE = core.DONE, _("Done")
    NOT_RELEVANT = core.NOT_RELEVANT, _("Not relevant")


class EditConflict(Exception):
    """Someone else saved the object after it was loaded for editing."""

    def __init__(self, current: Any) -> None:
        self.current = current
        super().__init__("edit conflict")


class ProjectQuerySet(models.QuerySet["Project"]):
    def for_user(self, user: Any) -> ProjectQuerySet:
        """Projects the user may open: superusers (operators) see all, everyone else
        their own; staff (content editors) are no exception (see access.py)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user).distinct()


class Project(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    clinical_area = models.CharField(_("clinical area"), max_length=120)
    department = models.CharField(_("department"), max_length=200)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="projects", verbose_name=_("track")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    #: The demo project's key in ``content/demo.yaml`` (empty for real projects): the
    #: demo loader finds its projects by key, so renaming one does not create it again.
    demo_key = models.SlugField(max_length=60, blank=True, default="", editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("project")
        constraints = [
            models.UniqueConstraint(
                fields=["demo_key"], condition=~Q(demo_key=""), name="one_project_per_demo_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    # --- creation and structure ---------------------------------------------------------

    @classmethod
    def start(cls, *, user: Any, role: str, **fields: Any) -> Project:
        """Create a project, make ``user`` its owner, and give it a step per action."""
        with transaction.atomic():
            project = cls.objects.create(created_by=user, **fields)
            Membership.objects.create(project=project, user=user, role=role, is_owner=True)
            project.sync_steps()
            AuditEvent.record(
                project,
                user,
                AuditEvent.Verb.CREATED,
                project.title,
                {k: [None, str(v)] for k, v in _project_fields(project).items()},
            )
        return project

    def sync_steps(self) -> int:
        """Add a step for every current action of the track that has none yet."""
        actions = Action.objects.current().filter(phase__track=self.track, phase__retired=False)
        have = set(self.steps.values_list("action_id", flat=True))
        new = [
            Step(project=self, action=a, shared_with_vendor=a.shared_with_vendor)
            for a in actions
            if a.id not in have
        ]
        Step.objects.bulk_create(new)
        return len(new)

    def edit(self, user: Any, data: dict[str, Any], version: int) -> dict[str, list[Any]]:
        """Change the project's fields; raise :class:`EditConflict` if it changed meanwhile."""
        return _guarded_update(
            self, user, data, version, AuditEvent.Verb.PROJECT_UPDATED, self.title
        )

    # --- where the project stands ---------------------------------------------------------

    def ordered_steps(self) -> models.QuerySet[Step]:
        return (
            self.steps.filter(action__retired=False)
            .select_related("action", "action__phase", "owner")
            .prefetch_related("action__roles", "action__phase__attention")
            .order_by("action__phase__order", "action__order")
        )

    def journey(self, steps: list[Step] | None = None, today: date | None = None) -> JourneyView:
        return JourneyView.build(
            self, list(steps if steps is not None else self.ordered_steps()), today
        )


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=MemberRole.choices)
    is_owner = models.BooleanField(_("owner"), default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_owner", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_user")
        ]
        verbose_name = _("membership")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def is_vendor(self) -> bool:
        return self.role == MemberRole.VIRKSOMHED

    @property
    def can_edit(self) -> bool:
        return self.is_owner or self.role in EDITING_ROLES


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(status=Invitation.Status.PENDING)

    def for_user(self, user: Any) -> InvitationQuerySet:
        """Invitations addressed to the user's username or e-mail address."""
        if not user.is_authenticated:
            return self.none()
        names = [user.username.lower()] + ([user.email.lower()] if user.email else [])
        return self.filter(invitee__in=names)


class Invitation(models.Model):
    """An owner's invitation to join a project; a membership only once it is accepted.

    The invitee is kept as typed (a username or an e-mail address, lower-cased), never
    resolved to an account when inviting: the owner learns nothing about whether an
    account exists, and nobody lands on a project without saying yes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.CharField(_("username or e-mail"), max_length=254)
    role = models.CharField(_("role"), max_length=30, choices=MemberRole.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "invitee"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_invitee",
            )
        ]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.invitee} → {self.project} ({self.status})"

    @classmethod
    def invite(cls, project: Project, by: Any, invitee: str, role: str) -> Invitation:
        """Invite someone (idempotent while pending: the role is updated)."""
        invitee = invitee.strip().lower()
        with transaction.atomic():
            invitation, _new = cls.objects.pending().update_or_create(
                project=project,
                invitee=invitee,
                defaults={"role": role, "invited_by": by, "invited_at": timezone.now()},
            )
            AuditEvent.record(
                project, by, AuditEvent.Verb.INVITED, invitee, {"role": [None, str(role)]}
            )
        return invitation

    def accept(self, user: Any) -> Membership:
        """The invited user says yes: a membership with the invited role (or the one they
        already have)."""
        with transaction.atomic():
            membership, _new = Membership.objects.get_or_create(
                project=self.project, user=user, defaults={"role": self.role}
            )
            self._answer(user, self.Status.ACCEPTED, AuditEvent.Verb.INVITATION_ACCEPTED)
        return membership

    def decline(self, user: Any) -> None:
        with transaction.atomic():
            self._answer(user, self.Status.DECLINED, AuditEvent.Verb.INVITATION_DECLINED)

    def withdraw(self, by: Any) -> None:
        with transaction.atomic():
            self._answer(by, self.Status.WITHDRAWN, AuditEvent.Verb.INVITATION_WITHDRAWN)

    def _answer(self, user: Any, status: str, verb: str) -> None:
        self.status = status
        self.answered_at = timezone.now()
        self.save(update_fields=["status", "answered_at"])
        AuditEvent.record(
            self.project, user, verb, self.invitee, {"invitation": ["pending", str(status)]}
        )


class Step(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="steps")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="steps")
    status = models.CharField(
        _("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_steps",
        verbose_name=_("responsible"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    shared_with_vendor = models.BooleanField(_("shared with vendor"), default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["action__phase__order", "action__order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "action"], name="one_step_per_action")
        ]
        verbose_name = _("step")

    def __str__(self) -> str:
        return self.action.title

    @property
    def is_open(self) -> bool:
        return self.status not in core.CLOSED

    @property
    def status_choices(self) -> list[tuple[str, Any]]:
        return list(StepStatus.choices)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    def state(self) -> core.StepState:
        return core.StepState(self.id, self.action.phase.order, self.status, self.due_date)

    def edit(self, user: Any, data: dict[str, Any], version: int) -> dict[str, list[Any]]:
        """Save changed fields; raise :class:`EditConflict` if the step changed meanwhile."""
        label = f"{self.action.title_da}"
        return _guarded_update(self, user, data, version, AuditEvent.Verb.STEP_UPDATED, label)


class AuditEvent(models.Model):
    """Who changed what on a project, when, with the values before and after."""

    class Verb(models.TextChoices):
        CREATED = "created", _("created the project")
        PROJECT_UPDATED = "project_updated", _("changed the project")
        STEP_UPDATED = "step_updated", _("changed a step")
        MEMBER_ADDED = "member_added", _("added a member")
        MEMBER_CHANGED = "member_changed", _("changed a member's role")
        MEMBER_REMOVED = "member_removed", _("removed a member")
        INVITED = "invited", _("invited someone")
        INVITATION_WITHDRAWN = "invitation_withdrawn", _("withdrew an invitation")
        INVITATION_ACCEPTED = "invitation_accepted", _("accepted an invitation")
        INVITATION_DECLINED = "invitation_declined", _("declined an invitation")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    verb = models.CharField(max_length=30, choices=Verb.choices)
    target = models.CharField(max_length=300, blank=True)
    step = models.ForeignKey(
        Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.verb} {self.target}"

    def display_changes(self) -> list[tuple[str, Any, Any]]:
        """The changes with field labels and choice labels in the active language."""
        rows: list[tuple[str, Any, Any]] = []
        from vejviser.journey.tools import TOOL_LABELS

        for field, (before, after) in self.changes.items():
            label, choices = _FIELD_LABELS.get(field, (TOOL_LABELS.get(field, field), None))
            if choices:
                before, after = choices.get(before, before), choices.get(after, after)
            rows.append((str(label), before, after))
        return rows

    @classmethod
    def record(
        cls,
        project: Project,
        actor: Any,
        verb: str,
        target: str,
        changes: dict[str, list[Any]],
        step: Step | None = None,
    ) -> AuditEvent | None:
        """Record an event with the fields that changed, as ``{field: [before, after]}``.

        A field whose value before and after is the same is left out, and an event whose
        changes were all such non-changes is not recorded (returns ``None``): the trail
        shows only what changed.
        """
        changed = {field: pair for field, pair in changes.items() if pair[0] != pair[1]}
        if changes and not changed:
            return None
        return cls.objects.create(
            project=project, actor=actor, verb=verb, target=target, changes=changed, step=step
        )


# --- helpers ------------------------------------------------------------------------------


class _Labels(dict[str, tuple[Any, dict[Any, Any] | None]]):
    """Field name -> (verbose name, choice labels), built lazily from the models."""

    def get(self, key: str, default: Any = None) -> Any:
        if not self:
            for model in (Step, Project, Membership):
                for f in model._meta.concrete_fields:
                    if f.name not in self:
                        choices = dict(f.flatchoices) if f.choices else None
                        self[f.name] = (f.verbose_name, choices)
            self["invitation"] = (Invitation._meta.verbose_name, dict(Invitation.Status.choices))
        return super().get(key, default)


_FIELD_LABELS = _Labels()


def _project_fields(project: Project) -> dict[str, Any]:
    return {
        "title": project.title,
        "clinical_area": project.clinical_area,
        "department": project.department,
        "region": project.region,
        "track": project.track.slug,
    }


def _audit_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def _guarded_update(
    obj: Project | Step, user: Any, data: dict[str, Any], version: int, verb: str, label: str
) -> dict[str, list[Any]]:
    """Optimistic locking: update only if nobody saved since ``version``; audit the change."""
    model = type(obj)
    with transaction.atomic():
        fresh = model.objects.select_for_update().get(pk=obj.pk)
        if fresh.version != version:
            raise EditConflict(fresh)
        changes = {
            field: [_audit_value(getattr(fresh, field)), _audit_value(value)]
            for field, value in data.items()
            if getattr(fresh, field) != value
        }
        if not changes:
            return {}
        extra: dict[str, Any] = {"version": F("version") + 1}
        if isinstance(obj, Step):
            extra["updated_by"] = user
        extra["updated_at"] = timezone.now()
        updated = model.objects.filter(pk=obj.pk, version=version).update(**data, **extra)
        if updated != 1:  # pragma: no cover - guarded by select_for_update above
            raise EditConflict(model.objects.get(pk=obj.pk))
        project = obj if isinstance(obj, Project) else obj.project
        step = obj if isinstance(obj, Step) else None
        AuditEvent.record(project, user, verb, label, changes, step=step)
        if isinstance(obj, Step):
            Project.objects.filter(pk=project.pk).update(updated_at=timezone.now())
        obj.refresh_from_db()
    return changes


@dataclass
class PhaseView:
    phase: Phase
    steps: list[Step]
    total: int
    closed: int
    state: str


@dataclass
class JourneyView:
    """A project's journey, ready for a page: phases with steps, current phase, next steps."""

    phases: list[PhaseView]
    current: Phase | None
    next_steps: list[Step]
    progress: float
    overdue: list[Step]

    @classmethod
    def build(cls, project: Project, steps: list[Step], today: date | None = None) -> JourneyView:
        today = today or timezone.localdate()
        by_key = {s.id: s for s in steps}
        states = [s.state() for s in steps]
        phase_objs: dict[int, Phase] = {}
        for s in steps:
            phase_objs.setdefault(s.action.phase.order, s.action.phase)
        phases = [
            PhaseView(
                phase_objs[ps.phase],
                [s for s in steps if s.action.phase.order == ps.phase],
                ps.total,
                ps.closed,
                ps.state,
            )
            for ps in core.phase_states(states)
        ]
        current_order = core.current_phase(states)
        return cls(
            phases=phases,
            current=phase_objs.get(current_order) if current_order is not None else None,
            next_steps=[by_key[s.key] for s in core.next_steps(states)],
            progress=core.progress(states),
            overdue=[by_key[s.key] for s in core.overdue(states, today)],
        )

    @property
    def percent(self) -> int:
        return round(self.progress * 100)
