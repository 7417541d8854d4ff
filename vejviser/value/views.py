"""Business-case pages. Thin: fetch through the access helpers, call the model, render."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vejviser.kernel.formatting import integer
from vejviser.kernel.i18n import Lang, lang_of
from vejviser.kernel.inputs import NumberError, parse_number
from vejviser.projects.models import EditConflict
from vejviser.value.core import CaseError
from vejviser.value.core.summary import PLOT_KINDS, PlotKind, plot

from . import exports
from .access import CaseAccess, get_case_for_user, get_tool_for_user, get_version_for_user
from .display import change_rows, result_context
from .forms import CaseForm
from .models import BusinessCase, CaseVersion
from .shipped import shipped_cases, template_data


def _lang() -> Lang:
    return lang_of(get_language())


@login_required
@require_GET
def case_list(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The tool on a step: the project's business cases and their versions, and templates."""
    tool = get_tool_for_user(request.user, pk, step_pk)
    lang = _lang()
    cases = [(bc, sorted(bc.versions.all(), key=lambda v: -v.number)) for bc in tool.cases()]
    templates = [
        (template_id, case.title.get(lang), case.summary.get(lang))
        for template_id, case in shipped_cases().items()
    ]
    return render(
        request,
        "value/case_list.html",
        {**_base(tool), "cases": cases, "templates": templates},
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, pk: int, step_pk: int, template: str) -> HttpResponse:
    """A new business case from a shipped example, filled in for the user's own clinic."""
    tool = get_tool_for_user(request.user, pk, step_pk, edit=True)
    base = template_data(template)
    if base is None:
        raise Http404
    lang = _lang()
    name = f"{base['title'][lang]} – {tool.project.department}"[:200]
    form = CaseForm(request.POST or None, base=base, lang=lang, new=True, initial={"name": name})
    if request.method == "POST" and form.is_valid() and form.case is not None:
        try:
            version = BusinessCase.start(
                project=tool.project,
                step=tool.step,
                user=request.user,
                name=form.cleaned_data["name"],
                template=template,
                case=form.case,
                note=form.cleaned_data["note"],
            )
        except CaseError as exc:
            form.show(exc)
        else:
            messages.success(request, _("The business case is saved as version 1."))
            return redirect(_version_url(tool, version))
    return render(
        request, "value/case_form.html", {**_base(tool), "form": form, "template": template}
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, pk: int, step_pk: int, case_pk: int) -> HttpResponse:
    """A new version of a case, starting from its latest version."""
    tool, business_case = get_case_for_user(request.user, pk, step_pk, case_pk, edit=True)
    latest = business_case.latest()
    if latest is None:  # pragma: no cover - a case is created with its first version
        raise Http404
    lang = _lang()
    initial = {"based_on": latest.number, "stage": latest.stage}
    form = CaseForm(request.POST or None, base=latest.data, lang=lang, new=False, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid() and form.case is not None:
        try:
            version = business_case.save_version(
                request.user,
                tool.step,
                form.case,
                form.cleaned_data["note"],
                _int(form.cleaned_data.get("based_on")),
            )
        except EditConflict as exc:
            conflict = exc.current
            data = _with_based_on(request.POST, conflict.number)
            form = CaseForm(data, base=conflict.data, lang=lang, new=False)
            form.is_valid()
        except CaseError as exc:
            form.show(exc)
        else:
            messages.success(
                request, _("Version %(number)s is saved.") % {"number": version.number}
            )
            return redirect(_version_url(tool, version))
    context = {
        **_base(tool),
        "form": form,
        "business_case": business_case,
        "latest": latest,
        "conflict": conflict,
    }
    return render(request, "value/case_form.html", context, status=409 if conflict else 200)


@login_required
@require_GET
def version_detail(
    request: HttpRequest, pk: int, step_pk: int, case_pk: int, number: int
) -> HttpResponse:
    """The figures of one version: the range of outcomes and what drives them."""
    tool, version = get_version_for_user(request.user, pk, step_pk, case_pk, number)
    lang = _lang()
    business_case = version.business_case
    numbers = list(business_case.versions.values_list("number", flat=True))
    context = {
        **_base(tool),
        "business_case": business_case,
        "version": version,
        "numbers": sorted(numbers),
        "changes": change_rows(version.changes, version.data["inputs"], lang),
        "plot_kinds": PLOT_KINDS,
        **result_context(version.data, version.summary, lang),
    }
    return render(request, "value/version.html", context)


@login_required
@require_GET
def version_plot(
    request: HttpRequest, pk: int, step_pk: int, case_pk: int, number: int, kind: str
) -> HttpResponse:
    """One chart as SVG, drawn from the stored case and seed (the page's figures' draws)."""
    if kind not in PLOT_KINDS:
        raise Http404
    _tool, version = get_version_for_user(request.user, pk, step_pk, case_pk, number)
    lang: Lang = "en" if request.GET.get("lang") == "en" else "da"
    seed = int(version.summary["simulation"]["seed"])
    svg = plot(version.case(), cast(PlotKind, kind), seed, version.iterations, lang)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=86400"  # a version never changes
    return response


@login_required
@require_GET
def version_export(
    request: HttpRequest, pk: int, step_pk: int, case_pk: int, number: int, what: str, fmt: str
) -> HttpResponse:
    """KPIs, award criteria or the case itself as a JSON or CSV download."""
    if what not in exports.WHAT or fmt not in ("json", "csv") or (what == "case" and fmt != "json"):
        raise Http404
    _tool, version = get_version_for_user(request.user, pk, step_pk, case_pk, number)
    value = exports.content(what, version.data, version.summary)
    if value is None:
        raise Http404
    if fmt == "json":
        body, content_type = exports.as_json(value), "application/json; charset=utf-8"
    else:
        body, content_type = exports.as_csv(what, value, _lang()), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    filename = f"{version.data['id']}-v{version.number}-{what}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def version_simulate(
    request: HttpRequest, pk: int, step_pk: int, case_pk: int, number: int
) -> HttpResponse:
    """Simulate the version again with more iterations: in the request up to
    VEJVISER_JOB_ITERATIONS, else as a background job (jobs.py); the job page shows it."""
    from django.conf import settings

    from vejviser.jobs.models import Kind as JobKind
    from vejviser.jobs.runner import start

    from .jobs import HANDLER, MAX_ITERATIONS, MIN_ITERATIONS

    tool, version = get_version_for_user(request.user, pk, step_pk, case_pk, number)
    if not tool.can_edit:
        raise PermissionDenied
    try:
        typed = parse_number(str(request.POST.get("iterations", "")), field="iterations")
    except NumberError:
        typed = 0.0
    iterations = int(typed) if typed == int(typed) else 0
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        messages.error(
            request,
            _("Choose between %(low)s and %(high)s iterations.")
            % {"low": integer(MIN_ITERATIONS, _lang()), "high": integer(MAX_ITERATIONS, _lang())},
        )
        return redirect(_version_url(tool, version))
    job = start(
        kind=JobKind.SIMULATION,
        handler=HANDLER,
        user=request.user,
        title=f"{version.business_case.name} v{version.number}",
        project=tool.project,
        step=tool.step,
        params={"version": version.pk, "iterations": iterations},
        background=iterations > settings.VEJVISER_JOB_ITERATIONS,
    )
    return redirect("jobs:job", job.pk)


# --- helpers --------------------------------------------------------------------------------


def _base(tool: CaseAccess) -> dict[str, Any]:
    return {"project": tool.project, "step": tool.step, "access": tool.access, "tool": tool}


def _version_url(tool: CaseAccess, version: CaseVersion) -> str:
    return reverse(
        "value:version",
        kwargs={
            "pk": tool.project.pk,
            "step_pk": tool.step.pk,
            "case_pk": version.business_case_id,
            "number": version.number,
        },
    )


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # no version to build on: treated as a conflict


def _with_based_on(data: QueryDict, number: int) -> QueryDict:
    """The posted figures on top of the version now saved: nothing typed is lost, and
    saving again deliberately builds on the newer version."""
    copy = data.copy()
    copy["based_on"] = str(number)
    return copy
