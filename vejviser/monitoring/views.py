"""Monitoring pages. Thin: fetch through the access helpers, call model methods, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vejviser.evidence.models import Purpose, ValidationRun
from vejviser.evidence.uploads import save_upload, temporary_folder
from vejviser.journey.content import folder_data
from vejviser.kernel.i18n import message
from vejviser.lib.i18n import active_lang, show

from . import upgrades
from .access import (
    MonitoringAccess,
    get_alert_for_user,
    get_metric_for_user,
    get_plan_for_user,
    get_tool_for_user,
)
from .core import plots
from .core.errors import MonitoringInputError
from .core.intake import aggregate
from .core.io import read_table
from .core.plan import design_words, evaluate, volume_words
from .forms import MetricForm, MonthForm, PlanForm, ResolveForm, UpgradeForm, UploadForm
from .models import Alert, AlertStatus, Metric, MonitoringPlan, MonthData
from .proposals import baseline_runs, propose


def _base(tool: MonitoringAccess, **extra: Any) -> dict[str, Any]:
    return {
        "project": tool.project,
        "step": tool.step,
        "access": tool.access,
        "tool": tool,
        **extra,
    }


def _members(tool: MonitoringAccess) -> list[tuple[int, str]]:
    return [
        (m.user_id, m.user.get_full_name() or m.user.get_username())
        for m in tool.access.members()
        if not m.is_vendor
    ]


def _plan_url(tool: MonitoringAccess) -> str:
    return reverse("monitoring:plan", kwargs={"pk": tool.project.pk, "step_pk": tool.step.pk})


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The tool: make the plan (from proposals), or show it with its charts and alerts."""
    tool = get_tool_for_user(request.user, pk, step_pk, edit=request.method == "POST")
    existing = tool.plan()
    if existing is None:
        return _new_plan(request, tool)
    if request.method == "POST":
        return redirect(_plan_url(tool))
    return render(request, "monitoring/plan.html", _plan_context(tool, existing))


def _new_plan(request: HttpRequest, tool: MonitoringAccess) -> HttpResponse:
    proposals = propose(tool.project)
    runs = baseline_runs(tool.project)
    latest = runs[0] if runs else None
    form = PlanForm(
        request.POST or None,
        runs=[(r.pk, str(r)) for r in runs],
        members=_members(tool),
        proposals=[(p.key, f"{p.name} · {p.baseline_note}".strip(" ·")) for p in proposals],
        initial={
            "product_name": latest.product_name if latest else "",
            "version_in_use": latest.product_version if latest else "",
            "baseline_run": latest.pk if latest else None,
            "margin": "0,02",
            "owner": request.user.pk,
            "proposals": [p.key for p in proposals if p.baseline is not None],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [p for p in proposals if p.key in set(data["proposals"])]
        with transaction.atomic():
            new = MonitoringPlan.objects.create(
                project=tool.project,
                step=tool.step,
                product_name=data["product_name"],
                version_in_use=data["version_in_use"],
                baseline_run_id=data["baseline_run"],
                margin=data["margin"],
                created_by_id=request.user.pk,
            )
            for order, p in enumerate(chosen):
                Metric.objects.create(plan=new, order=order, owner_id=data["owner"], **p.fields())
            from vejviser.projects.models import AuditEvent

            AuditEvent.record(
                tool.project,
                request.user,
                AuditEvent.Verb.STEP_UPDATED,
                str(new),
                {"monitoring plan": [None, ", ".join(p.name for p in chosen)]},
                step=tool.step,
            )
        messages.success(request, _("The monitoring plan is made."))
        return redirect(_plan_url(tool))
    context = _base(tool, form=form, proposals=proposals)
    return render(request, "monitoring/plan_new.html", context)


def _plan_context(tool: MonitoringAccess, plan_obj: MonitoringPlan) -> dict[str, Any]:
    metrics = list(plan_obj.metrics.select_related("owner").prefetch_related("observations"))
    rows = []
    for metric in metrics:
        months = [o.month() for o in metric.observations.all()]
        evaluation = evaluate(metric.spec(), months)
        latest = metric.observations.all()[len(months) - 1] if months else None
        rows.append(
            {
                "metric": metric,
                "design": evaluation.words or design_words(metric.spec()),
                "volume": volume_words(metric.spec()),
                "latest": latest,
                "flagged": set(evaluation.adverse),
                "benefits": [(b, show(b.words(metric.name))) for b in evaluation.benefits],
            }
        )
    alerts = list(Alert.objects.filter(project=tool.project).select_related("metric", "owner")[:50])
    runs = [
        r
        for r in ValidationRun.objects.filter(project=tool.project, purpose=Purpose.UPGRADE)
        .analyses()
        .order_by("-created_at")
    ]
    return _base(
        tool,
        plan=plan_obj,
        rows=rows,
        alerts=alerts,
        open_alerts=[a for a in alerts if a.status != AlertStatus.RESOLVED],
        upgrades=list(plan_obj.upgrades.select_related("created_by")[:10]),
        month_form=MonthForm(metrics=metrics) if tool.can_edit else None,
        upload_form=UploadForm(metrics=metrics) if tool.can_edit else None,
        upgrade_form=UpgradeForm(runs=[(r.pk, str(r)) for r in runs]) if tool.can_edit else None,
        missing=plan_obj.missing(),
        lang=active_lang(),
    )


@login_required
@require_POST
def go_live(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool, plan_obj = get_plan_for_user(request.user, pk, step_pk, edit=True)
    if plan_obj.ready:
        plan_obj.go_live(request.user)
        messages.success(request, _("The product is marked as in operation."))
    else:
        messages.error(
            request,
            _("The plan is not complete: every metric needs a baseline and an owner."),
        )
    return redirect(_plan_url(tool))


@login_required
@require_http_methods(["GET", "POST"])
def metric_edit(request: HttpRequest, pk: int, step_pk: int, metric_pk: int) -> HttpResponse:
    tool, metric = get_metric_for_user(
        request.user, pk, step_pk, metric_pk, edit=request.method == "POST"
    )
    fields = [
        "name",
        "baseline",
        "baseline_low",
        "baseline_high",
        "case_sd",
        "shift",
        "cases_per_month",
        "chart",
        "arl0",
        "owner",
        "on_alert",
        "deadline_days",
    ]
    initial = {f: getattr(metric, f) for f in fields if f != "owner"}
    initial["owner"] = metric.owner_id
    form = MetricForm(
        request.POST or None, members=_members(tool), kind=metric.kind, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = {f: getattr(metric, f if f != "owner" else "owner_id") for f in fields}
        for f in fields:
            setattr(metric, f if f != "owner" else "owner_id", data[f] if data[f] != "" else None)
        if metric.on_alert is None:
            metric.on_alert = ""
        if metric.arl0 is None:
            metric.arl0 = 24.0
        metric.save()
        from vejviser.projects.models import AuditEvent

        changes = {
            f: [before[f], getattr(metric, f if f != "owner" else "owner_id")]
            for f in fields
            if before[f] != getattr(metric, f if f != "owner" else "owner_id")
        }
        if changes:
            AuditEvent.record(
                tool.project,
                request.user,
                AuditEvent.Verb.STEP_UPDATED,
                metric.name,
                changes,
                step=tool.step,
            )
        metric.raise_alerts()
        messages.success(request, _("The metric is saved."))
        return redirect(_plan_url(tool))
    return render(
        request,
        "monitoring/metric_form.html",
        _base(tool, metric=metric, form=form, design=design_words(metric.spec())),
    )


def _announce(request: HttpRequest, raised: list[Alert]) -> None:
    if raised:
        messages.warning(
            request,
            _("%(n)s alert(s) raised: see the alerts below.") % {"n": len(raised)},
        )


@login_required
@require_POST
def data_month(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool, plan_obj = get_plan_for_user(request.user, pk, step_pk, edit=True)
    metrics = list(plan_obj.metrics.all())
    form = MonthForm(request.POST, metrics=metrics)
    if form.is_valid():
        data = form.cleaned_data
        row = MonthData(data["period"], data.get("n"), data.get("successes"), data.get("value"))
        raised = data["metric_obj"].record([row], "form", request.user)
        messages.success(request, _("The month is saved."))
        _announce(request, raised)
        return redirect(_plan_url(tool))
    context = _plan_context(tool, plan_obj)
    context["month_form"] = form
    return render(request, "monitoring/plan.html", context, status=400)


@login_required
@require_POST
def data_upload(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """A CSV of cases or months: read in a temporary folder, deleted; aggregates kept."""
    tool, plan_obj = get_plan_for_user(request.user, pk, step_pk, edit=True)
    metrics = list(plan_obj.metrics.all())
    form = UploadForm(request.POST, request.FILES, metrics=metrics)
    if form.is_valid():
        metric = next(m for m in metrics if m.pk == form.cleaned_data["metric"])
        try:
            rows = _read_upload(form.cleaned_data["file"], metric)
        except MonitoringInputError as exc:
            form.add_error("file", show(exc.message))
        else:
            raised = metric.record(rows, "upload", request.user)
            messages.success(
                request,
                _("%(n)s month(s) saved. The uploaded file is deleted.") % {"n": len(rows)},
            )
            _announce(request, raised)
            return redirect(_plan_url(tool))
    context = _plan_context(tool, plan_obj)
    context["upload_form"] = form
    return render(request, "monitoring/plan.html", context, status=400)


def _read_upload(upload: Any, metric: Metric) -> list[MonthData]:
    from .core.cusum import design_cusum
    from .core.plan import default_shift

    design = None
    start = 0.0
    if metric.chart == "cusum" and metric.baseline is not None:
        good = metric.baseline if metric.higher_is_better else 1 - metric.baseline
        design = design_cusum(
            good,
            min(default_shift(metric.spec()), good - 0.005),
            max(2.0, metric.arl0 * metric.cases_per_month),
        )
        last = metric.observations.exclude(cusum=None).order_by("-period").first()
        start = last.cusum or 0.0 if last else 0.0
    with temporary_folder() as folder:
        path = save_upload(upload, folder)
        table = read_table(path)
        found = aggregate(
            table,
            metric.kind,
            higher_is_better=metric.higher_is_better,
            design=design,
            cusum_start=start,
        )
    return [
        MonthData(
            dt.date(int(a.period[:4]), int(a.period[5:7]), 1),
            a.n,
            a.successes,
            a.value,
            a.cusum,
            a.cusum_signal,
        )
        for a in found
    ]


@login_required
@require_GET
def metric_plot(request: HttpRequest, pk: int, step_pk: int, metric_pk: int) -> HttpResponse:
    _tool, metric = get_metric_for_user(request.user, pk, step_pk, metric_pk)
    baseline = None
    if metric.baseline_low is not None and metric.baseline_high is not None:
        scale = metric.range_per_month if metric.kind == "kpi" else 1.0
        baseline = (metric.baseline_low * scale, metric.baseline_high * scale)
    if metric.kind == "kpi":
        baseline = None  # the business case's range is drawn from the evaluation
    svg = plots.chart_svg(metric.name, metric.evaluate(), active_lang(), baseline)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def alert_detail(request: HttpRequest, pk: int, step_pk: int, alert_pk: int) -> HttpResponse:
    tool, alert = get_alert_for_user(request.user, pk, step_pk, alert_pk)
    lang = active_lang()
    actions = folder_data("monitoring").actions
    context = _base(
        tool,
        alert=alert,
        text=alert.text(lang),
        actions=[
            {
                "id": a.id,
                "title": a.title.get(lang),
                "text": a.text.get(lang),
                "sources": [s.model_dump() for s in a.sources],
                "serious": a.serious,
            }
            for a in actions
        ],
        form=ResolveForm() if tool.can_edit else None,
    )
    return render(request, "monitoring/alert.html", context)


@login_required
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int, step_pk: int, alert_pk: int) -> HttpResponse:
    _tool, alert = get_alert_for_user(request.user, pk, step_pk, alert_pk, edit=True)
    if alert.status == AlertStatus.OPEN:
        alert.acknowledge(request.user)
        messages.success(request, _("The alert is acknowledged."))
    return redirect("monitoring:alert", pk=pk, step_pk=step_pk, alert_pk=alert.pk)


@login_required
@require_POST
def alert_resolve(request: HttpRequest, pk: int, step_pk: int, alert_pk: int) -> HttpResponse:
    tool, alert = get_alert_for_user(request.user, pk, step_pk, alert_pk, edit=True)
    form = ResolveForm(request.POST)
    if form.is_valid() and alert.status != AlertStatus.RESOLVED:
        alert.resolve(request.user, form.cleaned_data["resolution"])
        messages.success(request, _("The alert is resolved."))
        return redirect("monitoring:alert", pk=pk, step_pk=step_pk, alert_pk=alert.pk)
    lang = active_lang()
    context = _base(tool, alert=alert, text=alert.text(lang), actions=[], form=form)
    return render(request, "monitoring/alert.html", context, status=400)


@login_required
@require_POST
def upgrade(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """Compare a new version with the baseline, paired, against the plan's margin."""
    tool, plan_obj = get_plan_for_user(request.user, pk, step_pk, edit=True)
    runs = list(
        ValidationRun.objects.filter(project=tool.project, purpose=Purpose.UPGRADE).analyses()
    )
    form = UpgradeForm(request.POST, request.FILES, runs=[(r.pk, str(r)) for r in runs])
    if form.is_valid():
        data = form.cleaned_data
        new_run = next((r for r in runs if r.pk == data.get("new_run")), None)
        try:
            if new_run is not None:
                if plan_obj.baseline_run is None:
                    raise MonitoringInputError(message("The plan has no baseline validation run."))
                decision = upgrades.gate_from_runs(plan_obj.baseline_run, new_run, plan_obj.margin)
                decision = type(decision)(
                    plan_obj.version_in_use, data["new_version"], decision.comparisons
                )
            else:
                with temporary_folder() as folder:
                    path = save_upload(data["file"], folder)
                    decision = upgrades.gate_from_file(
                        path,
                        plan_obj.baseline_run,
                        plan_obj.margin,
                        plan_obj.version_in_use,
                        data["new_version"],
                    )
        except MonitoringInputError as exc:
            form.add_error(None, show(exc.message))
        else:
            check = upgrades.record(plan_obj, decision, request.user, new_run)
            if check.may_go_live:
                messages.success(request, show(decision.verdict()))
            else:
                messages.error(request, show(decision.verdict()))
            return redirect(_plan_url(tool) + "#upgrades")
    context = _plan_context(tool, plan_obj)
    context["upgrade_form"] = form
    return render(request, "monitoring/plan.html", context, status=400)
