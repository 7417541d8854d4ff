"""Needs prioritisation (``market:needs``): needs, independent ratings, the combined
ranking with the spread between raters and its stability when the weights move."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vejviser.journey.content import folder_data
from vejviser.journey.models import Track
from vejviser.projects.models import AuditEvent

from .. import forms
from ..access import MarketAccess, get_need_for_user, get_tool_for_user, me
from ..core.needs import NeedsError, prioritise, stability, suggest_track
from ..models import Need, NeedRating, NeedsSetup

SEED = 20261203  # fixed: the same page shows the same probabilities


def setup_for(tool: MarketAccess) -> tuple[dict[str, float], int]:
    content = folder_data("market")
    defaults = {c.id: c.weight for c in content.needs.criteria}
    setup = NeedsSetup.objects.filter(project=tool.project).first()
    if setup and set(setup.weights) == set(defaults):
        return {k: float(v) for k, v in setup.weights.items()}, setup.top_k
    return defaults, setup.top_k if setup else 3


def ranking(project: Any, weights: dict[str, float], k: int) -> dict[str, Any]:
    needs = list(Need.objects.filter(project=project))
    ratings: dict[str, dict[str, dict[str, float]]] = {}
    for r in NeedRating.objects.filter(need__project=project):
        if set(weights) <= set(r.scores):
            ratings.setdefault(str(r.rater_id), {})[str(r.need_id)] = {
                c: float(r.scores[c]) for c in weights
            }
    ids = [str(n.pk) for n in needs]
    try:
        rows = prioritise(weights, ids, ratings)
        stable = stability(weights, ids, ratings, k=k, seed=SEED) if rows else None
    except NeedsError:
        rows, stable = [], None
    by_id = {str(n.pk): n for n in needs}
    tracks = {t.slug: t for t in Track.objects.all()}
    table = [
        {
            "need": by_id[r.id],
            "result": r,
            "p_top": stable.prob_top_k.get(r.id) if stable else None,
            "track": tracks.get(suggest_track(r.per_criterion)),
            "start_url": _start_url(by_id[r.id], tracks.get(suggest_track(r.per_criterion))),
        }
        for r in sorted(rows, key=lambda r: (r.rank, r.id))
    ]
    return {
        "needs": needs,
        "table": table,
        "stability": stable,
        "unrated": [n for n in needs if str(n.pk) not in {r.id for r in rows}],
    }


def _start_url(need: Any, track: Any) -> str:
    """The new-project page pre-filled with the need's title, description and the
    suggested track."""
    query = {"title": need.title, "description": need.description}
    if track is not None:
        query["track"] = track.slug
    return f"{reverse('project_new')}?{urlencode(query)}"


@login_required
@require_http_methods(["GET", "POST"])
def needs(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool = get_tool_for_user(me(request), pk, step_pk, "needs", edit=request.method == "POST")
    errors: dict[str, str] = {}
    weights, k = setup_for(tool)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add":
            title = forms.text(request.POST, "title", errors)
            description = forms.text(
                request.POST, "description", errors, max_length=2000, required=False
            )
            if not errors:
                Need.objects.create(
                    project=tool.project,
                    step=tool.step,
                    title=title,
                    description=description,
                    created_by=me(request),
                )
                messages.success(request, _("The need is added."))
                return redirect("market:needs", pk=pk, step_pk=step_pk)
        elif action == "weights":
            new = {
                c: forms.number(request.POST, f"w_{c}", errors, low=0, high=100) for c in weights
            }
            top = forms.number(request.POST, "top_k", errors, low=1, high=50)
            if not errors and abs(sum(v or 0 for v in new.values()) - 100) > 1e-6:
                errors["weights"] = _("The weights must sum to 100.")
            if not errors:
                NeedsSetup.objects.update_or_create(
                    project=tool.project,
                    defaults={"weights": new, "top_k": int(top or 3), "updated_by": me(request)},
                )
                AuditEvent.record(
                    tool.project,
                    me(request),
                    AuditEvent.Verb.STEP_UPDATED,
                    tool.step.action.title_da,
                    {"market:needs": [_line(weights), _line(new)]},
                    step=tool.step,
                )
                messages.success(request, _("The weights are saved."))
                return redirect("market:needs", pk=pk, step_pk=step_pk)
    content = folder_data("market")
    mine = set(
        NeedRating.objects.filter(need__project=tool.project, rater=me(request)).values_list(
            "need_id", flat=True
        )
    )
    context = {
        **base(tool),
        **ranking(tool.project, weights, k),
        "criteria": content.needs.criteria,
        "weights": weights,
        "k": k,
        "mine": mine,
        "errors": errors,
        "posted": request.POST,
    }
    return render(request, "market/needs.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def need_rate(request: HttpRequest, pk: int, step_pk: int, need_pk: int) -> HttpResponse:
    """The user's own scores for one need (others' scores are not shown)."""
    tool, need = get_need_for_user(me(request), pk, step_pk, need_pk, edit=request.method == "POST")
    content = folder_data("market")
    rating = NeedRating.objects.filter(need=need, rater=me(request)).first()
    errors: dict[str, str] = {}
    if request.method == "POST":
        scores = {
            c.id: forms.number(request.POST, c.id, errors, low=1, high=5)
            for c in content.needs.criteria
        }
        for c, value in scores.items():
            if value is not None and value != int(value):
                errors[c] = _("Enter a whole number from 1 to 5.")
        if not errors:
            scores = {c: int(v or 0) for c, v in scores.items()}
            NeedRating.objects.update_or_create(
                need=need, rater=me(request), defaults={"scores": scores}
            )
            messages.success(request, _("Your scores are saved."))
            return redirect("market:needs", pk=pk, step_pk=step_pk)
    current = rating.scores if rating else {}
    rows = [
        (
            c,
            request.POST.get(c.id) if request.method == "POST" else current.get(c.id),
            errors.get(c.id),
        )
        for c in content.needs.criteria
    ]
    return render(
        request,
        "market/need_rate.html",
        {**base(tool), "need": need, "rows": rows, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
@require_POST
def need_shortlist(request: HttpRequest, pk: int, step_pk: int, need_pk: int) -> HttpResponse:
    tool, need = get_need_for_user(me(request), pk, step_pk, need_pk, edit=True)
    need.shortlisted = not need.shortlisted
    need.save(update_fields=["shortlisted"])
    AuditEvent.record(
        tool.project,
        me(request),
        AuditEvent.Verb.STEP_UPDATED,
        need.title,
        {"market:needs": [None, "på kortlisten" if need.shortlisted else "fjernet fra kortlisten"]},
        step=tool.step,
    )
    return redirect("market:needs", pk=pk, step_pk=step_pk)


def base(tool: MarketAccess) -> dict[str, Any]:
    return {"project": tool.project, "step": tool.step, "access": tool.access, "tool": tool}


def _line(weights: dict[str, Any]) -> str:
    return ", ".join(f"{k} {float(v):g}" for k, v in weights.items())
