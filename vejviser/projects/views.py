"""Project pages. Thin: fetch through the access helpers, call model methods, render."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vejviser.journey.models import Track
from vejviser.kernel import formatting
from vejviser.lib.i18n import active_lang

from .access import ProjectAccess, get_project_for_user, get_step_for_user
from .forms import EditProjectForm, InviteForm, MemberRoleForm, NewProjectForm, StatusForm, StepForm
from .models import AuditEvent, EditConflict, Invitation, Membership, Project, Step


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every project of the user with where it stands: a fixed number of queries (the
    projects, the user's memberships, all their steps), however many projects there are."""
    today = timezone.localdate()
    projects = list(Project.objects.for_user(request.user).select_related("track"))
    user: Any = request.user  # logged in
    mine = {m.project_id: m for m in Membership.objects.filter(user=user, project__in=projects)}
    steps: dict[int, list[Step]] = {p.pk: [] for p in projects}
    for step in (
        Step.objects.filter(project__in=projects, action__retired=False)
        .select_related("action", "action__phase")
        .order_by("project_id", "action__phase__order", "action__order")
    ):
        steps[step.project_id].append(step)
    rows = []
    for project in projects:
        access = ProjectAccess(project, mine.get(project.pk), bool(user.is_superuser))
        rows.append((project, project.journey(access.visible(steps[project.pk]), today), access))
    invitations = (
        Invitation.objects.pending().for_user(request.user).select_related("project", "invited_by")
    )
    return render(
        request, "projects/dashboard.html", {"rows": rows, "invitations": list(invitations)}
    )


#: GET parameters the new-project page takes as initial values (e.g. from a shortlisted
#: need on the market's needs page): ``title``, ``description``, ``track`` (a slug).
NEW_PROJECT_TEXT_PARAMS = {"title": 200, "description": 5000}


def _new_project_initial(query: Any) -> dict[str, Any]:
    """Initial values from the query string: texts trimmed to the field's length, a track
    only if it is one of the open tracks (anything else is ignored)."""
    initial: dict[str, Any] = {}
    for name, limit in NEW_PROJECT_TEXT_PARAMS.items():
        value = str(query.get(name, "")).strip()
        if value:
            initial[name] = value[:limit]
    slug = str(query.get("track", "")).strip()
    if slug:
        track = Track.objects.filter(slug=slug, retired=False).first()
        if track is not None:
            initial["track"] = track.pk
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    form = NewProjectForm(request.POST or None, initial=_new_project_initial(request.GET))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        role = data.pop("my_role")
        project = Project.start(user=request.user, role=role, **data)
        messages.success(request, _("The project is created. Here is your journey."))
        return redirect("project", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "new": True})


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_project_for_user(request.user, pk)
    return render(request, "projects/project.html", _project_context(access))


def _project_context(access: ProjectAccess, **extra: Any) -> dict[str, Any]:
    journey = access.project.journey(list(access.steps()))
    involve = [(step, access.involve(step)) for step in journey.next_steps]
    return {
        "project": access.project,
        "access": access,
        "journey": journey,
        "involve": involve,
        "today": timezone.localdate(),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_project_for_user(request.user, pk, manage=True)
    project = access.project
    form = EditProjectForm(
        request.POST or None, instance=project, initial={"version": project.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        # the ModelForm wrote the posted values onto the instance; compare against the database
        project.refresh_from_db()
        try:
            project.edit(request.user, data, form.cleaned_data["version"])
        except EditConflict as exc:
            conflict = exc.current
            form = EditProjectForm(_with_version(request, conflict.version), instance=project)
            form.is_valid()
        else:
            messages.success(request, _("The project is saved."))
            return redirect("project", pk=pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "conflict": conflict, "new": False},
        status=409 if conflict else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_detail(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    access, step = get_step_for_user(request.user, pk, step_pk)
    if request.method == "POST" and not access.can_edit:
        raise PermissionDenied
    form = StepForm(
        request.POST or None,
        instance=step,
        project=access.project,
        initial={"version": step.version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        step.refresh_from_db()
        try:
            changes = step.edit(request.user, data, form.cleaned_data["version"])
        except EditConflict as exc:
            conflict = exc.current
            form = StepForm(
                _with_version(request, conflict.version), instance=step, project=access.project
            )
            form.is_valid()
        else:
            if changes:
                messages.success(request, _("The step is saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("project", pk=pk)
    context = {
        "project": access.project,
        "access": access,
        "step": step,
        "form": form,
        "conflict": conflict,
        "involve": access.involve(step),
        "audit": _shown_changes(AuditEvent.objects.filter(step=step).select_related("actor")[:20])
        if access.can_see_audit
        else [],
    }
    return render(request, "projects/step.html", context, status=409 if conflict else 200)


@login_required
@require_POST
def step_status(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """Quick status change from the project page (htmx swaps the journey; works without JS)."""
    access, step = get_step_for_user(request.user, pk, step_pk, edit=True)
    form = StatusForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("The status could not be changed: choose one of the statuses.")
    else:
        try:
            step.edit(
                request.user, {"status": form.cleaned_data["status"]}, form.cleaned_data["version"]
            )
        except EditConflict as exc:
            who = exc.current.updated_by or _("someone")
            error = _(
                "“%(step)s” was changed by %(who)s while you were looking. "
                "Nothing was saved; the page now shows the current state."
            ) % {"step": step.action.title, "who": who}
    if request.htmx:  # type: ignore[attr-defined]
        context = _project_context(access, error=error)
        return render(request, "projects/_journey.html", context, status=409 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("project", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, pk: int) -> HttpResponse:
    """The team; the owner invites people by username or e-mail. The answer is the same
    whether or not such an account exists, and the invited person decides on their
    dashboard (:func:`invitation_answer`) before they are on the project."""
    access = get_project_for_user(request.user, pk)
    if access.is_vendor:
        raise PermissionDenied
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not access.can_manage:
            raise PermissionDenied
        if form.is_valid():
            Invitation.invite(
                access.project,
                request.user,
                form.cleaned_data["invitee"],
                form.cleaned_data["role"],
            )
            messages.success(
                request,
                _(
                    "The invitation is saved. If a user with that username or e-mail exists, "
                    "they see it on their dashboard and can accept or decline it."
                ),
            )
            return redirect("members", pk=pk)
    invitations = access.project.invitations.pending() if access.can_manage else []
    return render(
        request,
        "projects/members.html",
        {
            "project": access.project,
            "access": access,
            "form": form,
            "members": access.members(),
            "invitations": invitations,
        },
    )


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    access = get_project_for_user(request.user, pk, manage=True)
    invitation = access.project.invitations.pending().filter(pk=invitation_pk).first()
    if invitation is not None:
        invitation.withdraw(request.user)
        messages.success(request, _("The invitation is withdrawn."))
    return redirect("members", pk=pk)


@login_required
@require_POST
def invitation_answer(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    """The invited user accepts or declines (only invitations addressed to them: 404
    otherwise)."""
    invitation = (
        Invitation.objects.pending()
        .for_user(request.user)
        .select_related("project")
        .filter(pk=invitation_pk)
        .first()
    )
    if invitation is None:
        raise Http404
    if request.POST.get("answer") == "accept":
        invitation.accept(request.user)
        messages.success(
            request, _("You are now on “%(project)s”.") % {"project": invitation.project}
        )
        return redirect("project", pk=invitation.project_id)
    if request.POST.get("answer") == "decline":
        invitation.decline(request.user)
        messages.info(request, _("The invitation is declined."))
        return redirect("dashboard")
    return HttpResponseBadRequest(_("Answer accept or decline."))


@login_required
@require_POST
def member_change(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    access = get_project_for_user(request.user, pk, manage=True)
    member = access.project.memberships.filter(pk=member_pk).select_related("user").first()
    if member is None:
        messages.error(request, _("That member is no longer on the project."))
        return redirect("members", pk=pk)
    if request.POST.get("remove"):
        if member.is_owner and access.project.memberships.filter(is_owner=True).count() == 1:
            messages.error(request, _("The project's only owner cannot be removed."))
            return redirect("members", pk=pk)
        with transaction.atomic():
            AuditEvent.record(
                access.project,
                request.user,
                AuditEvent.Verb.MEMBER_REMOVED,
                str(member.user),
                {"role": [member.role, None]},
            )
            member.delete()
        messages.success(
            request, _("%(name)s is removed from the project.") % {"name": member.user}
        )
        return redirect("members", pk=pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return redirect("members", pk=pk)
    role = form.cleaned_data["role"]
    if role != member.role:
        with transaction.atomic():
            AuditEvent.record(
                access.project,
                request.user,
                AuditEvent.Verb.MEMBER_CHANGED,
                str(member.user),
                {"role": [member.role, role]},
            )
            member.role = role
            member.save(update_fields=["role"])
        messages.success(request, _("The role is changed."))
    return redirect("members", pk=pk)


@login_required
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_project_for_user(request.user, pk)
    if not access.can_see_audit:
        raise PermissionDenied
    events = access.project.audit.select_related("actor")[:500]
    return render(
        request,
        "projects/audit.html",
        {"project": access.project, "access": access, "events": _shown_changes(events)},
    )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown_changes(
    events: Iterable[AuditEvent],
) -> list[tuple[AuditEvent, list[tuple[str, Any, Any]]]]:
    """Each event with its changes as shown: dates (stored as ISO text) in the page's
    language, like every other date."""

    def shown(value: Any) -> Any:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            return formatting.date(date.fromisoformat(value), active_lang(), "short")
        return value

    return [
        (e, [(label, shown(before), shown(after)) for label, before, after in e.display_changes()])
        for e in events
    ]


def _with_version(request: HttpRequest, version: int) -> Any:
    """The posted data with the version now saved: the user sees the conflict, their own
    input is kept in the form, and saving again deliberately replaces the saved values."""
    data = request.POST.copy()
    data["version"] = str(version)
    return data
