"""Demo users and projects for the embedded mode, built from ``content/demo.yaml``.

Loading is idempotent: existing demo projects (matched by their ``key``, so a renamed
one is still found) are left as they are,
unless ``reset`` is given. The demo is for trying Vejviser out. In production mode
(``VEJVISER_PRODUCTION=1``) it is loaded only when asked for explicitly, and never with a
shared password: the demo users get no usable password from :func:`load_demo`, and
:func:`issue_demo_passwords` gives each a fresh random one that the caller prints once.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML

from vejviser.accounts.roles import make_content_editor
from vejviser.journey.models import Track

from .models import AuditEvent, MemberRole, Membership, Project, Region, StepStatus


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DemoUser(_Strict):
    username: str
    first_name: str
    last_name: str
    email: str
    #: edits the guidance in the admin; sees no project (vejviser.accounts.roles)
    content_editor: bool = False


class DemoStep(_Strict):
    status: Literal["not_started", "in_progress", "done", "not_relevant"]
    owner: str | None = None
    due_in_days: int | None = None
    notes: str = ""
    decisions: str = ""


class DemoMember(_Strict):
    user: str
    role: MemberRole


class DemoProject(_Strict):
    key: str = Field(pattern=r"^[a-z0-9-]+$", max_length=60)
    title: str
    track: str
    region: Region
    clinical_area: str
    department: str
    description: str
    owner: str
    owner_role: MemberRole
    members: list[DemoMember] = Field(default_factory=list)
    steps: dict[str, DemoStep] = Field(default_factory=dict)


class DemoFile(_Strict):
    users: list[DemoUser]
    projects: list[DemoProject]


def read_demo(path: Path | None = None) -> DemoFile:
    path = path or Path(settings.CONTENT_DIR) / "demo.yaml"
    with path.open(encoding="utf-8") as fh:
        return DemoFile.model_validate(YAML(typ="safe").load(fh))


def load_demo(*, password: str | None, reset: bool = False, path: Path | None = None) -> int:
    """Create the demo users and projects; returns the number of projects created.

    New demo users get ``password`` (one shared password: embedded mode only) or, with
    ``None``, no usable password until :func:`issue_demo_passwords` gives them one.
    """
    if password is not None and settings.PRODUCTION:
        raise ImproperlyConfigured(
            "Demo users in production get random passwords (issue_demo_passwords), "
            "never a shared one."
        )
    demo = read_demo(path)
    user_model = get_user_model()
    created = 0
    # one slow Argon2 hash shared by all demo users; None -> an unusable password
    encoded = make_password(password)
    with transaction.atomic():
        users = {}
        for du in demo.users:
            user, new = user_model.objects.get_or_create(
                username=du.username,
                defaults={
                    "first_name": du.first_name,
                    "last_name": du.last_name,
                    "email": du.email,
                },
            )
            if new:
                user.password = encoded
                user.save(update_fields=["password"])
            if du.content_editor:  # also turns a superuser of an older demo into an editor
                make_content_editor(user)
            users[du.username] = user
        for dp in demo.projects:
            existing = _existing_demo_project(dp)
            if existing is not None:
                if not reset:
                    continue
                existing.delete()
            _build_project(dp, users)
            created += 1
        _load_capability_demos()
    return created


def _existing_demo_project(dp: DemoProject) -> Project | None:
    """The project built from ``dp`` earlier: by its key, or (a database from before demo
    keys) by its title among projects without a key, which then gets the key."""
    found = Project.objects.filter(demo_key=dp.key).first()
    if found is None:
        found = Project.objects.filter(demo_key="", title=dp.title).order_by("id").first()
        if found is not None:
            Project.objects.filter(pk=found.pk).update(demo_key=dp.key)
    return found


def issue_demo_passwords(path: Path | None = None) -> dict[str, str]:
    """Give every demo user a new random password; returns username -> password.

    Only the hashes are stored: the caller shows the passwords once. Passwords issued
    earlier stop working, so an operator who lost them runs this again.
    """
    issued: dict[str, str] = {}
    with transaction.atomic():
        for user in get_user_model().objects.filter(
            username__in=[du.username for du in read_demo(path).users]
        ):
            issued[user.username] = secrets.token_urlsafe(12)
            user.set_password(issued[user.username])
            user.save(update_fields=["password"])
    return dict(sorted(issued.items()))


def _load_capability_demos() -> None:
    """Each capability's demo part (business cases, assessments, validation runs, …),
    as registered in its ``AppConfig.ready()``; every part is idempotent."""
    from vejviser.lib.capabilities import demo_parts

    for part in demo_parts():
        part.load()


def _build_project(dp: DemoProject, users: dict[str, Any]) -> Project:
    track = Track.objects.get(slug=dp.track)
    project = Project.start(
        user=users[dp.owner],
        demo_key=dp.key,
        role=dp.owner_role,
        title=dp.title,
        track=track,
        region=dp.region,
        clinical_area=dp.clinical_area,
        department=dp.department,
        description=dp.description,
    )
    for member in dp.members:
        Membership.objects.create(project=project, user=users[member.user], role=member.role)
        AuditEvent.record(
            project,
            users[dp.owner],
            AuditEvent.Verb.MEMBER_ADDED,
            str(users[member.user]),
            {"role": [None, str(member.role)]},
        )
    steps = {s.action.slug: s for s in project.steps.select_related("action")}
    today = timezone.localdate()
    for slug, ds in dp.steps.items():
        step = steps.get(slug)
        if step is None:
            raise ValueError(f"demo.yaml: project {dp.title!r} names unknown action {slug!r}")
        data: dict[str, object] = {"status": StepStatus(ds.status)}
        if ds.owner:
            data["owner"] = users[ds.owner]
        if ds.due_in_days is not None:
            data["due_date"] = today + timedelta(days=ds.due_in_days)
        if ds.notes:
            data["notes"] = ds.notes.strip()
        if ds.decisions:
            data["decisions"] = ds.decisions.strip()
        actor = users[ds.owner] if ds.owner else users[dp.owner]
        step.edit(actor, data, step.version)
    return project
