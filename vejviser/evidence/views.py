"""Validation pages. Thin: fetch through the access helpers, run the analysis, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.lib.i18n import active_lang
from vejviser.lib.uploads import UploadRefused, refuse_upload

from . import display
from .access import ValidationAccess, get_run_for_user, get_tool_for_user
from .forms import FORMS, RunForm, SampleSizeForm
from .models import Kind, ValidationRun
from .uploads import temporary_folder


@login_required
@require_GET
def run_list(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The tool on a step: its runs, and the project's runs over time."""
    tool = get_tool_for_user(request.user, pk, step_pk)
    lang = active_lang()
    runs = list(tool.runs().analyses())
    context = {
        **_base(tool),
        "step_runs": [_row(r, lang) for r in runs if r.step_id == tool.step.pk],
        "project_runs": [_row(r, lang) for r in sorted(runs, key=_when)],
        "plans": [_row(r, lang) for r in tool.runs().plans().filter(step=tool.step)],
        "kinds": [(k, Kind(k).label) for k in FORMS],
    }
    return render(request, "evidence/run_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def run_new(request: HttpRequest, pk: int, step_pk: int, kind: str) -> HttpResponse:
    """Upload a file and analyse it; only the report is kept."""
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404
    tool = get_tool_for_user(request.user, pk, step_pk, edit=True)
    form = form_class(request.POST or None, request.FILES or None, initial=_initial(tool))
    if request.method == "POST" and form.is_valid():
        job = _start_job_if_large(request, tool, form)
        if job is not None:
            return redirect("jobs:job", job.pk)
        run = _analyse(request, tool, form) if not form.errors else None
        if run is not None:
            return redirect(_run_url(run))
    context = {**_base(tool), "form": form, "kind": kind, "kind_label": Kind(kind).label}
    return render(request, "evidence/run_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def sample_size(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The sample-size calculator (no upload); each result is saved as a run."""
    tool = get_tool_for_user(request.user, pk, step_pk, edit=request.method == "POST")
    form = SampleSizeForm(request.POST or None, initial=_initial(tool))
    if request.method == "POST" and form.is_valid():
        run = _analyse(request, tool, form)
        if run is not None:
            return redirect(_run_url(run))
    lang = active_lang()
    context = {
        **_base(tool),
        "form": form,
        "plans": [_row(r, lang) for r in tool.runs().plans().filter(step=tool.step)],
    }
    return render(request, "evidence/sample_size.html", context)


@login_required
@require_GET
def run_detail(request: HttpRequest, pk: int, step_pk: int, run_pk: int) -> HttpResponse:
    """The report: a summary sentence first, then the figures and plots."""
    tool, run = get_run_for_user(request.user, pk, step_pk, run_pk)
    lang = active_lang()
    r = run.report
    context: dict[str, Any] = {
        **_base(tool),
        "run": run,
        "summary": display.summary_sentences(run, lang),
        "headline": display.key_metric(run, lang),
        "methods": display.method_notes(run, lang),
        # Our own SVG, drawn by the core from aggregates (never user-supplied markup).
        "plots": {name: mark_safe(svg) for name, svg in _plots(run, lang).items()},
    }
    if run.kind == Kind.BINARY:
        context.update(
            metrics=display.binary_rows(r, lang),
            subgroups=display.subgroup_rows(r, lang),
            excluded=display.excluded_text(r, lang),
            calibration=r.get("calibration"),
            claims=display.claim_rows(r, lang),
        )
    elif run.kind == Kind.SEGMENTATION:
        context["structures"] = display.structure_rows(r, lang)
    elif run.kind == Kind.TRANSCRIPTS:
        context["documents"] = display.document_rows(r, lang)
    return render(request, "evidence/run_detail.html", context)


# --- helpers --------------------------------------------------------------------------------


def _analyse(request: HttpRequest, tool: ValidationAccess, form: RunForm) -> ValidationRun | None:
    """Run the analysis on a temporary copy of the upload, deleted whatever happens."""
    try:
        with temporary_folder() as folder:
            result = form.analyse(folder)
    except EvidenceInputError as exc:
        form.show(exc)
        return None
    except UploadRefused as exc:  # over the upload limits, refused before parsing
        refuse_upload(form, exc)
        return None
    run = ValidationRun.record(
        project=tool.project,
        step=tool.step,
        user=request.user,
        kind=form.kind,
        analysis=result,
        settings=form.settings(),
        meta=form.meta(),
    )
    messages.success(request, _("The validation run is saved. The uploaded file is deleted."))
    return run


def _start_job_if_large(request: HttpRequest, tool: ValidationAccess, form: RunForm) -> Any:
    """Over VEJVISER_JOB_ROWS rows the analysis runs as a background job (jobs.py)."""
    from .jobs import start_if_large

    try:
        return start_if_large(request, tool, form)
    except UploadRefused as exc:
        refuse_upload(form, exc)
        return None


def _plots(run: ValidationRun, lang: str) -> dict[str, str]:
    plots = run.plots.get(lang) or run.plots.get("da") or {}
    return {name: _inline(svg) for name, svg in plots.items()}


def _inline(svg: str) -> str:
    """The ``<svg>`` element alone (no XML declaration or DOCTYPE), to put in the page."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else ""


def _row(run: ValidationRun, lang: str) -> dict[str, Any]:
    name, value = display.key_metric(run, lang)
    return {"run": run, "metric": name, "value": value, "url": _run_url(run)}


def _when(run: ValidationRun) -> Any:
    return (run.period_to or run.created_at.date(), run.created_at)


def _initial(tool: ValidationAccess) -> dict[str, Any]:
    """Start from the latest run's product and site, so a re-validation is quick."""
    latest = tool.runs().analyses().first()
    if latest is None:
        return {"site": tool.project.department}
    return {
        "product_name": latest.product_name,
        "product_version": latest.product_version,
        "site": latest.site,
    }


def _base(tool: ValidationAccess) -> dict[str, Any]:
    return {"project": tool.project, "step": tool.step, "access": tool.access, "tool": tool}


def _run_url(run: ValidationRun) -> str:
    from django.urls import reverse

    return reverse(
        "evidence:run", kwargs={"pk": run.project_id, "step_pk": run.step_id, "run_pk": run.pk}
    )
