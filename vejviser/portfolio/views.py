"""The portfolio page for management (read-only) and its CSV and XLSX exports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vejviser.lib.i18n import active_lang
from vejviser.projects.models import Project

from . import exports
from .access import PortfolioAccess, portfolio_access, subtree
from .core import rows as core
from .display import cells, table_rows
from .facts import portfolio_rows
from .models import Organisation


@dataclass(frozen=True)
class Chosen:
    filters: core.Filters
    sort: str
    descending: bool
    organisation: str


def _access(request: HttpRequest) -> PortfolioAccess:
    access = portfolio_access(request.user)
    if not access.allowed:
        raise Http404  # as for a project: whether a portfolio exists is not told
    return access


def _organisations(access: PortfolioAccess) -> tuple[list[Organisation], dict[int, int | None]]:
    orgs = list(access.tree)
    parents = {o.pk: o.parent_id for o in orgs}
    if not access.everything:
        orgs = [o for o in orgs if o.pk in access.organisations]
    return orgs, parents


def _chosen(query: QueryDict, parents: Mapping[int, int | None], visible: set[int]) -> Chosen:
    organisation = query.get("organisation", "")
    org_set: frozenset[int] = frozenset()
    if organisation.isdigit() and int(organisation) in visible:
        org_set = frozenset(subtree([int(organisation)], parents))
    else:
        organisation = ""
    sort = query.get("sort", "status")
    return Chosen(
        core.Filters(
            track=query.get("track", ""),
            phase=query.get("phase", ""),
            status=query.get("status", "") if query.get("status") in core.STATUS_ORDER else "",
            organisation=org_set,
            risk=query.get("risk", ""),
        ),
        sort if sort in core.SORT_KEYS else "status",
        query.get("dir") == "desc",
        organisation,
    )


def _rows(request: HttpRequest) -> tuple[list[core.PortfolioRow], list[core.PortfolioRow], Any]:
    access = _access(request)
    orgs, parents = _organisations(access)
    chosen = _chosen(request.GET, parents, {o.pk for o in orgs})
    all_rows = portfolio_rows(access.projects(), active_lang())
    shown = core.sort_rows(
        core.filter_rows(all_rows, chosen.filters), chosen.sort, chosen.descending
    )
    return all_rows, shown, (orgs, chosen)


@login_required
@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    all_rows, shown, (orgs, chosen) = _rows(request)
    summary = core.summarise(shown)
    lang = active_lang()
    # a project's own page only for those who may open it (its members, operators)
    linked = set(Project.objects.for_user(request.user).values_list("pk", flat=True))
    table = cells(shown, lang, linked)
    bars = core.pipeline(shown)
    top = max((n for _, n in bars), default=0)
    phases = sorted({(r.phase_order or 0, r.phase) for r in all_rows if r.phase})
    risk_labels = {r.ai_act_tier: r.ai_act_label for r in all_rows if r.ai_act_tier}
    context = {
        "rows": shown,
        "table": table,
        "table_html": table_rows(table),
        "total": len(all_rows),
        "summary": summary,
        "pipeline": [
            # HTML bars: the template escapes the labels (``literal_label`` is for plots)
            {"label": label, "count": n, "width": 100 * n / top}
            for label, n in bars
        ],
        "organisations": orgs,
        "tracks": sorted({(r.track_slug, r.track) for r in all_rows}),
        "phases": list(dict.fromkeys(p for _, p in phases)),
        "statuses": [(s, core.status_message(s)) for s in core.STATUS_ORDER],
        "risks": [(t, risk_labels[t]) for t in core.RISK_ORDER if t in risk_labels],
        "chosen": chosen,
        "sorts": core.SORT_KEYS,
        "query": request.GET.urlencode(),
    }
    return render(request, "portfolio/portfolio.html", context)


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    _all, shown, _ = _rows(request)
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(shown), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(shown),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="portfolio.{fmt}"'
    return response
