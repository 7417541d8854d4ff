"""Contract checklist (``market:contract-checklist``): each item that applies to the
project, ticked with where in the contract it is met."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vejviser.journey.content import folder_data
from vejviser.lib.i18n import show
from vejviser.projects.models import AuditEvent

from ..access import get_tool_for_user, me
from ..core.requirements import checklist
from ..facts import project_facts
from ..models import ContractCheck
from .needs import base


@login_required
@require_http_methods(["GET", "POST"])
def contract(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    tool = get_tool_for_user(me(request), pk, step_pk, "contract", edit=request.method == "POST")
    content = folder_data("market")
    facts, _origin = project_facts(tool.project)
    items = checklist(content.contract.items, facts)
    checks = {c.item: c for c in ContractCheck.objects.filter(project=tool.project)}
    errors: dict[str, str] = {}
    if request.method == "POST":
        for item, _reasons in items:
            met = request.POST.get(f"met_{item.id}") == "on"
            where = request.POST.get(f"where_{item.id}", "").strip()[:300]
            if met and not where:
                errors[item.id] = _("Say where in the contract it is met.")
        if not errors:
            changed = {}
            for item, _reasons in items:
                met = request.POST.get(f"met_{item.id}") == "on"
                where = request.POST.get(f"where_{item.id}", "").strip()[:300]
                old = checks.get(item.id)
                if old is None and not met and not where:
                    continue
                if old is None or old.met != met or old.where != where:
                    ContractCheck.objects.update_or_create(
                        project=tool.project,
                        item=item.id,
                        defaults={"met": met, "where": where, "updated_by": me(request)},
                    )
                    changed[item.id] = [
                        old.where if old and old.met else None,
                        where if met else None,
                    ]
            if changed:
                AuditEvent.record(
                    tool.project,
                    me(request),
                    AuditEvent.Verb.STEP_UPDATED,
                    tool.step.action.title_da,
                    changed,
                    step=tool.step,
                )
            messages.success(request, _("The checklist is saved."))
            return redirect("market:contract", pk=pk, step_pk=step_pk)
    rows = []
    for item, reasons in items:
        check = checks.get(item.id)
        posted = request.method == "POST"
        rows.append(
            {
                "item": item,
                "reasons": [show(r) for r in reasons],
                "met": (request.POST.get(f"met_{item.id}") == "on")
                if posted
                else bool(check and check.met),
                "where": request.POST.get(f"where_{item.id}", "")
                if posted
                else (check.where if check else ""),
                "error": errors.get(item.id),
                "check": check,
            }
        )
    done = sum(1 for r in rows if r["met"])
    return render(
        request,
        "market/contract.html",
        {**base(tool), "rows": rows, "done": done, "errors": errors},
        status=400 if errors else 200,
    )
