"""Assessment pages. Thin: fetch through the access helpers, read the form, call the
model and the core, render.

On a step whose action lists the tool ``assessment:<name>``: the latest result and its
history (``overview``), the questionnaire (``questions``, htmx swaps the question list
as answers change; without JavaScript a button shows the next questions), one saved
version (``run``). Outside projects: every rule of an assessment (``rules``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vejviser.lib.i18n import active_lang, show
from vejviser.projects.access import ProjectAccess, get_step_for_user
from vejviser.projects.models import Step

from . import core, forms
from .content import questionnaire, registry
from .display import diff_lines, headline, result_view, rules_view
from .models import AssessmentRun
from .prefill import prefill


def _step_assessment(
    request: HttpRequest, pk: int, step_pk: int, name: str, *, edit: bool = False
) -> tuple[ProjectAccess, Step, core.Assessment]:
    """The step and the assessment, if the user may see the step and it uses the tool."""
    access, step = get_step_for_user(request.user, pk, step_pk, edit=edit)
    if f"assessment:{name}" not in (step.action.tools or []):
        raise Http404
    return access, step, questionnaire(name)


def _context(access: ProjectAccess, step: Step, a: core.Assessment, **extra: Any) -> dict[str, Any]:
    lang = active_lang()
    return {
        "project": access.project,
        "access": access,
        "step": step,
        "name": a.id,
        "title": a.spec.title.get(lang),
        "summary": a.spec.summary.get(lang),
        **extra,
    }


@login_required
def overview(request: HttpRequest, pk: int, step_pk: int, name: str) -> HttpResponse:
    """The latest result first, then every version with what changed and why."""
    access, step, a = _step_assessment(request, pk, step_pk, name)
    runs = list(AssessmentRun.objects.for_step(step, name))
    if not runs and access.can_edit:
        return redirect("assessments:questions", pk=pk, step_pk=step_pk, name=name)
    lang = active_lang()
    latest = runs[0] if runs else None
    history = [(run, headline(run.result, lang), diff_lines(run.diff, lang)) for run in runs]
    context = _context(
        access,
        step,
        a,
        run=latest,
        view=result_view(latest.result, lang) if latest else None,
        changes=diff_lines(latest.diff, lang) if latest else [],
        history=history,
    )
    return render(request, "assessments/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, pk: int, step_pk: int, name: str) -> HttpResponse:
    """Answer the questions; POST with ``save`` assesses and saves a new version."""
    access, step, a = _step_assessment(request, pk, step_pk, name, edit=True)
    latest = AssessmentRun.objects.for_step(step, name).first()
    saving = request.method == "POST" and "save" in request.POST
    start = prefill(step, name, latest)  # the project's answers and what other tools know
    form = forms.read(
        a,
        request.POST if request.method == "POST" else None,
        initial=start.answers,
        initial_date=timezone.localdate(),
        lang=active_lang(),
        require=saving,
    )
    if saving and form.is_valid:
        try:
            run = AssessmentRun.record(step, request.user, name, form.answers, form.on_date)
        except core.AnswerError as exc:
            forms.problems_from(exc, form)
        else:
            messages.success(
                request, _("The result is saved as version %(version)s.") % {"version": run.version}
            )
            return redirect("assessments:overview", pk=pk, step_pk=step_pk, name=name)
    origins = {  # where a pre-filled answer came from, while it is still the answer
        key: show(origin)
        for key, origin in start.origins.items()
        if form.answers.get(key) == start.answers.get(key)
    }
    context = _context(access, step, a, form=form, latest=latest, saving=saving, origins=origins)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "assessments/_questions.html", context)
    return render(request, "assessments/questions.html", context)


@login_required
def run_detail(
    request: HttpRequest, pk: int, step_pk: int, name: str, version: int
) -> HttpResponse:
    """One saved version, as it was assessed."""
    access, step, a = _step_assessment(request, pk, step_pk, name)
    run = get_object_or_404(AssessmentRun.objects.for_step(step, name), version=version)
    lang = active_lang()
    context = _context(
        access,
        step,
        a,
        run=run,
        view=result_view(run.result, lang),
        changes=diff_lines(run.diff, lang),
        latest_version=AssessmentRun.objects.for_step(step, name)
        .values_list("version", flat=True)
        .first(),
    )
    return render(request, "assessments/run.html", context)


def index(request: HttpRequest) -> HttpResponse:
    """The rule sets, for anyone checking the rules (no login: the rules are public law)."""
    lang = active_lang()
    rows = [
        (info, info.title.get(lang), info.summary.get(lang))
        for info in core.list_assessments(registry())
    ]
    return render(request, "assessments/index.html", {"rows": rows})


def rules(request: HttpRequest, name: str) -> HttpResponse:
    """Every rule of an assessment with its condition, references, validity and review."""
    a = questionnaire(name)
    return render(request, "assessments/rules.html", {"rules": rules_view(a, active_lang())})
