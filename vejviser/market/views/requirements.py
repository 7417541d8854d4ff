"""Requirement specification builder (``market:requirements``): pre-selected from the
project's assessments and business case, edited with a reason, versioned."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vejviser.journey.content import folder_data
from vejviser.lib.i18n import show

from .. import forms
from ..access import get_spec_for_user, get_tool_for_user, me
from ..core.content import CATEGORIES
from ..facts import project_facts
from ..models import Specification
from ..specs import award_weights, candidates, preselect, reasons
from .needs import base

CATEGORY_LABELS = {
    "clinical": _("Clinical"),
    "regulatory": _("Regulatory"),
    "data-protection": _("Data protection"),
    "security": _("Security"),
    "integration": _("Integration"),
    "operation-support": _("Operation and support"),
    "upgrades-revalidation": _("Upgrades and re-validation"),
    "training": _("Training"),
    "exit-data-return": _("Exit and data return"),
}


def category_label(category: str) -> str:
    from django.utils.translation import gettext

    return gettext(str(CATEGORY_LABELS.get(category, category)))


@login_required
@require_http_methods(["GET", "POST"])
def requirements(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool = get_tool_for_user(
        me(request), pk, step_pk, "requirements", edit=request.method == "POST"
    )
    content = folder_data("market")
    facts, origin = project_facts(tool.project)
    errors: dict[str, str] = {}
    if request.method == "POST":
        title = forms.text(request.POST, "title", errors)
        if not errors:
            items, _pending = preselect(content, facts)
            spec = Specification.objects.create(project=tool.project, step=tool.step, title=title)
            version = spec.save_version(
                me(request),
                items,
                facts.as_dict(),
                "Forudvalgt ud fra projektets vurderinger og business case.",
            )
            messages.success(
                request, _("The specification is created from what the project knows.")
            )
            return redirect(
                "market:spec", pk=pk, step_pk=step_pk, spec_pk=spec.pk, number=version.number
            )
    _items, pending = preselect(content, facts)
    specs = Specification.objects.filter(project=tool.project).prefetch_related("versions")
    context = {
        **base(tool),
        "specs": specs,
        "facts": facts,
        "origin": origin,
        "pending": [(content.requirement(p.requirement), p.missing) for p in pending],
        "errors": errors,
    }
    return render(request, "market/requirements.html", context, status=400 if errors else 200)


def _rows(content: Any, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        req = content.requirement(item["requirement"])
        if req is None:
            continue
        award = content.award(item["award"]) if item.get("award") else None
        rows.append(
            {
                "item": item,
                "req": req,
                "award": award,
                "reasons": [show(m) for m in reasons(item)],
                "category": category_label(item["category"]),
            }
        )
    return rows


@login_required
@require_GET
def spec_version(
    request: HttpRequest, pk: int, step_pk: int, spec_pk: int, number: int
) -> HttpResponse:
    tool, spec = get_spec_for_user(me(request), pk, step_pk, spec_pk)
    version = spec.versions.filter(number=number).select_related("created_by").first()
    if version is None:
        raise Http404
    content = folder_data("market")
    rows = _rows(content, version.items)
    groups = [
        (category_label(c), [r for r in rows if r["item"]["category"] == c]) for c in CATEGORIES
    ]
    shares = award_weights(version.items, content.requirements.price_weight)
    awards = [(content.award(a), w) for a, w in shares.items()]
    context = {
        **base(tool),
        "spec": spec,
        "version": version,
        "groups": groups,
        "awards": awards,
        "price_weight": content.requirements.price_weight,
        "numbers": sorted(spec.versions.values_list("number", flat=True)),
        "must": sum(1 for r in rows if r["item"]["level"] == "MUST"),
        "should": sum(1 for r in rows if r["item"]["level"] == "SHOULD"),
    }
    return render(request, "market/spec.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def spec_edit(request: HttpRequest, pk: int, step_pk: int, spec_pk: int) -> HttpResponse:
    """A new version: choose requirements, link each SHOULD to an award sub-criterion with
    a weight, and say what changed and why."""
    tool, spec = get_spec_for_user(me(request), pk, step_pk, spec_pk, edit=True)
    latest = spec.latest()
    content = folder_data("market")
    facts, _origin = project_facts(tool.project)
    current = latest.items if latest else []
    offered = candidates(content, facts, current)
    chosen_ids = {i["id"] for i in current}
    errors: dict[str, str] = {}
    awards = {a.id for a in content.requirements.award_criteria}
    if request.method == "POST":
        picked = set(request.POST.getlist("pick"))
        items = []
        for item in offered:
            if item["id"] not in picked:
                continue
            item = dict(item)
            if item["level"] == "SHOULD":
                award = request.POST.get(f"award_{item['id']}", item.get("award"))
                if award not in awards:
                    errors[f"award_{item['id']}"] = _("Choose an award sub-criterion.")
                item["award"] = award
                item["weight"] = forms.number(
                    request.POST, f"weight_{item['id']}", errors, low=0.1, high=100
                )
            items.append(item)
        note = forms.text(request.POST, "note", errors, max_length=1000)
        if not errors:
            version = spec.save_version(me(request), items, facts.as_dict(), note)
            messages.success(request, _("Version %(n)s is saved.") % {"n": version.number})
            return redirect(
                "market:spec", pk=pk, step_pk=step_pk, spec_pk=spec.pk, number=version.number
            )
        chosen_ids = picked
    rows = _rows(content, offered)
    for row in rows:
        row["checked"] = row["item"]["id"] in chosen_ids
    context = {
        **base(tool),
        "spec": spec,
        "rows": rows,
        "errors": errors,
        "award_criteria": content.requirements.award_criteria,
        "posted": request.POST if request.method == "POST" else None,
    }
    return render(request, "market/spec_form.html", context, status=400 if errors else 200)
