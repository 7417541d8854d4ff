"""The AI system record's pages: the record (members and management), its JSON and the
standards' exports, the two forms, the public page (no login; 404 unless published), the
published JSON Schema, and the journey tool ``portfolio:record``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vejviser.lib.i18n import active_lang
from vejviser.projects.access import get_tool_step_for_user

from .access import RecordAccess, get_record_for_user
from .core import record as core
from .forms import PublishForm, RecordForm
from .models import SystemRecord
from .record import mappings, member_names, record_for, system_record
from .record_display import sections

TOOL = "portfolio:record"


def _user(request: HttpRequest) -> Any:
    """The logged-in user (the views that save are ``login_required``)."""
    return request.user if request.user.is_authenticated else None


def _base(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _context(request: HttpRequest, access: RecordAccess, stored: SystemRecord) -> dict[str, Any]:
    record = record_for(access.project, active_lang(), stored=stored, base_url=_base(request))
    return {
        "project": access.project,
        "access": access,
        "stored": stored,
        "record": record,
        # the model card opens for project members only (the documents app's access)
        "sections": sections(record, active_lang(), public=not access.is_member),
        "standards": sorted(mappings().standards.values(), key=lambda s: s.title),
    }


@login_required
@require_GET
def record_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_record_for_user(request.user, pk)
    stored = system_record(access.project)
    context = _context(request, access, stored)
    context["form"] = RecordForm(instance=stored, initial={"version": stored.version})
    context["publish_form"] = PublishForm(initial={"public": stored.public})
    return render(request, "portfolio/record.html", context)


@login_required
@require_POST
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_record_for_user(request.user, pk, edit=True)
    stored = system_record(access.project)
    form = RecordForm(request.POST, instance=stored)
    conflict = False
    if form.is_valid():
        _no_names(form, member_names(access.project))
    if form.is_valid():
        with transaction.atomic():
            current = SystemRecord.objects.select_for_update().get(pk=stored.pk)
            if current.version != form.cleaned_data["version"]:
                conflict = True
            else:
                saved = form.save(commit=False)
                saved.version = current.version + 1
                saved.updated_by = _user(request)
                saved.save()
                messages.success(request, _("The record is saved."))
                return redirect("portfolio:record", pk=pk)
    if conflict:
        stored = SystemRecord.objects.get(pk=stored.pk)
        data = request.POST.copy()
        data["version"] = str(stored.version)  # the next save is against what is stored now
        form = RecordForm(data, instance=stored)
        form.is_valid()
        form.add_error(
            None,
            _("Someone else saved the record meanwhile. Your text is kept below; save again."),
        )
    stored = SystemRecord.objects.get(pk=stored.pk)  # the form wrote its values on its copy
    context = _context(request, access, stored)
    context["form"] = form
    context["publish_form"] = PublishForm(initial={"public": stored.public})
    return render(request, "portfolio/record.html", context, status=409 if conflict else 400)


@login_required
@require_POST
def record_publish(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_record_for_user(request.user, pk, publish=True)
    form = PublishForm(request.POST)
    form.is_valid()  # a checkbox: absent is off
    public = bool(form.cleaned_data.get("public"))
    stored = system_record(access.project)
    if stored.public != public:
        stored.public = public
        stored.published_at = timezone.now() if public else None
        stored.updated_by = _user(request)
        stored.save(update_fields=["public", "published_at", "updated_by", "updated_at"])
    messages.success(
        request,
        _("The record's public page is on.") if public else _("The record's public page is off."),
    )
    return redirect("portfolio:record", pk=pk)


@login_required
@require_GET
def record_json(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_record_for_user(request.user, pk)
    record = record_for(access.project, active_lang(), base_url=_base(request))
    return _download(record, f"ai-system-record-{pk}.json")


@login_required
@require_GET
def record_standard(request: HttpRequest, pk: int, standard: str) -> HttpResponse:
    access = get_record_for_user(request.user, pk)
    mapping = mappings().standards.get(standard)
    if mapping is None:
        raise Http404
    record = record_for(access.project, active_lang(), base_url=_base(request))
    return _download(core.export(mapping, record), f"ai-system-record-{pk}.{standard}.json")


def _no_names(form: RecordForm, names: set[str]) -> None:
    """The record names roles, not people: a member's name in a text is refused."""
    for field in ("human_oversight", "data_description"):
        text = form.cleaned_data.get(field) or ""
        if core.find_names({field: text}, names):
            form.add_error(
                field,
                _("Name people by their role, not by their name: the record may be published."),
            )


def _download(data: dict[str, Any], filename: str) -> HttpResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _published(key: str) -> SystemRecord:
    stored = get_object_or_404(
        SystemRecord.objects.select_related("project"), public_key=key, public=True
    )
    return stored


@require_GET
def public_record(request: HttpRequest, key: str) -> HttpResponse:
    """No login: the record when its owner has published it; 404 otherwise."""
    stored = _published(key)
    record = record_for(
        stored.project, active_lang(), audience="public", stored=stored, base_url=_base(request)
    )
    context = {
        "record": record,
        "stored": stored,
        "sections": sections(record, active_lang(), public=True),
    }
    return render(request, "portfolio/record_public.html", context)


@require_GET
def public_record_json(request: HttpRequest, key: str) -> HttpResponse:
    stored = _published(key)
    record = record_for(
        stored.project, active_lang(), audience="public", stored=stored, base_url=_base(request)
    )
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 2})


@require_GET
def schema(request: HttpRequest) -> HttpResponse:
    """The record's JSON Schema, as committed (``docs/schemas/``)."""
    path = Path(settings.BASE_DIR) / core.SCHEMA_FILE
    return JsonResponse(
        json.loads(path.read_text(encoding="utf-8")),
        content_type="application/schema+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@login_required
@require_GET
def record_tool(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The journey step's tool link: the project's record."""
    get_tool_step_for_user(request.user, pk, step_pk, [TOOL])
    return redirect("portfolio:record", pk=pk)
