"""Document pages. Thin: fetch through the access helper, call the record, the core and
the model, render.

On a step whose action lists ``document:<kind>``: which sections are ready and what is
missing (each missing part linked to the step or tool that fills it), the project's
short texts the document needs (asked once, reused by every document), generating a
DOCX or PDF as a new version, the versions with what changed in their inputs, and the
download of each version.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vejviser.journey.tools import tool_label, tool_url, tools_for
from vejviser.lib.i18n import active_lang
from vejviser.projects.models import EditConflict

from .access import DocumentTool, get_document_for_user, get_version_for_user
from .core.build import coverage, source_label
from .models import DocumentVersion, ProjectNarrative
from .render import FORMATS, content, generate, record_for

MAX_NARRATIVE = 4000


@login_required
@require_GET
def page(request: HttpRequest, pk: int, step_pk: int, kind: str) -> HttpResponse:
    tool = get_document_for_user(request.user, pk, step_pk, kind)
    return render(request, "documents/page.html", _context(request, tool))


@login_required
@require_POST
def generate_view(request: HttpRequest, pk: int, step_pk: int, kind: str) -> HttpResponse:
    tool = get_document_for_user(request.user, pk, step_pk, kind, edit=True)
    fmt = request.POST.get("format", "")
    lang = request.POST.get("lang", "")
    if fmt not in FORMATS or lang not in ("da", "en"):
        context = _context(
            request, tool, generate_error=_("Choose Word or PDF, and Danish or English.")
        )
        return render(request, "documents/page.html", context, status=400)
    if request.POST.get("background"):
        from .jobs import start_render

        return redirect("jobs:job", start_render(request.user, tool, fmt, lang).pk)
    version = generate(tool.access, tool.step, tool.template, fmt, lang, request.user)
    messages.success(
        request,
        _("Version %(number)s is ready to download.") % {"number": version.number},
    )
    return redirect(reverse("documents:page", args=[pk, step_pk, kind]) + "#versions")


@login_required
@require_http_methods(["POST"])
def narrative(request: HttpRequest, pk: int, step_pk: int, kind: str, key: str) -> HttpResponse:
    tool = get_document_for_user(request.user, pk, step_pk, kind, edit=True)
    spec = content().narratives.get(key)
    if spec is None or f"narrative:{key}" not in _narrative_sources(tool):
        return render(request, "documents/page.html", _context(request, tool), status=404)
    text = request.POST.get("text", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    errors: dict[str, str] = {}
    if len(text) > MAX_NARRATIVE:
        errors[key] = _("Keep it under %(n)s characters.") % {"n": MAX_NARRATIVE}
    else:
        try:
            ProjectNarrative.write(
                tool.project, key, text, request.user, version, spec.label.get("da")
            )
        except EditConflict:
            errors[key] = _(
                "Someone else saved this text meanwhile. Their text is shown below yours; "
                "copy what you need and save again."
            )
    if errors:
        context = _context(request, tool, narrative_errors=errors, posted={key: text})
        return render(request, "documents/page.html", context, status=409 if version >= 0 else 400)
    messages.success(request, _("Saved. Every document that uses this text now has it."))
    return redirect(reverse("documents:page", args=[pk, step_pk, kind]) + f"#narrative-{key}")


@login_required
@require_GET
def download(request: HttpRequest, pk: int, step_pk: int, kind: str, number: int) -> HttpResponse:
    _tool, version = get_version_for_user(request.user, pk, step_pk, kind, number)
    response = HttpResponse(bytes(version.content), content_type=version.content_type)
    response["Content-Disposition"] = f'attachment; filename="{version.filename}"'
    response["X-Content-SHA256"] = version.sha256
    return response


# --- helpers ---------------------------------------------------------------------------------


def _narrative_sources(tool: DocumentTool) -> list[str]:
    seen: list[str] = []
    for section in tool.template.sections:
        for source in section.sources_from:
            if source.startswith("narrative:") and source not in seen:
                seen.append(source)
    return seen


def _context(request: HttpRequest, tool: DocumentTool, **extra: Any) -> dict[str, Any]:
    lang = active_lang()
    docs = content()
    record = record_for(tool.access, lang, figures=False, template=tool.template)
    cov = coverage(tool.template, record, docs)
    links = _fill_links(tool)
    rows = [
        {
            "section": s,
            "missing": [
                {
                    "label": m.label,
                    "source": m.source,
                    **_link(m.source, m.tool, links),
                }
                for m in s.missing
            ],
        }
        for s in cov.sections
    ]
    stored = {n.key: n for n in ProjectNarrative.objects.filter(project=tool.project)}
    posted = extra.pop("posted", {})
    narratives = []
    for source in _narrative_sources(tool):
        key = source.split(":", 1)[1]
        spec = docs.narratives[key]
        current = stored.get(key)
        narratives.append(
            {
                "key": key,
                "label": spec.label.get(lang),
                "question": spec.question.get(lang),
                "text": posted.get(key, current.text if current else ""),
                "saved_text": current.text if current else "",
                "version": current.version if current else 0,
            }
        )
    versions = list(
        DocumentVersion.objects.filter(step=tool.step, kind=tool.template.kind)
        .select_related("created_by")
        .defer("content")
    )
    history = [
        (
            v,
            [(source_label(c["source"], docs, lang), c["kind"]) for c in v.changes],
        )
        for v in versions
    ]
    return {
        "project": tool.project,
        "access": tool.access,
        "step": tool.step,
        "template": tool.template,
        "title": tool.template.title.get(lang),
        "purpose": tool.template.purpose.get(lang),
        "coverage": cov,
        "coverage_summary": cov.summary().text(lang),
        "rows": rows,
        "narratives": narratives,
        "history": history,
        "lang": lang,
        "narrative_errors": extra.pop("narrative_errors", {}),
        **extra,
    }


def _link(source: str, tool_id: str, links: dict[str, dict[str, str]]) -> dict[str, str]:
    """Where a missing part is filled: a text on this page, a tool's step, or "planned"."""
    if tool_id == "narrative":  # the text's own form on this page
        return {"url": f"#{source.replace(':', '-')}", "where": links["narrative"]["where"]}
    return links.get(tool_id, {"url": "", "where": str(tool_label(tool_id))})


def _fill_links(tool: DocumentTool) -> dict[str, dict[str, str]]:
    """Tool id -> where to fill it: the first step (the user may see) that has the tool,
    or the project's page; a tool not built yet is named as planned."""
    project = tool.project
    links: dict[str, dict[str, str]] = {
        "project": {
            "url": reverse("project_edit", args=[project.pk])
            if tool.access.can_manage
            else reverse("project", args=[project.pk]),
            "where": _("the project's description"),
        },
        "narrative": {"url": "#narratives", "where": _("a short text on this page")},
    }
    for step in tool.access.steps():
        for tool_id in tools_for(step.action.tools or [], vendor=tool.access.is_vendor):
            if tool_id in links:
                continue
            url = tool_url(tool_id, project.pk, step.pk)
            if url:
                links[tool_id] = {
                    "url": url,
                    "where": f"{tool_label(tool_id)} – {step.action.title}",
                }
    return links
