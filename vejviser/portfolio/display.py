"""The portfolio table's cells, formatted once in Python (500 rows through template
filters cost more than the queries): the one formatter, the catalogue, the page's URLs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vejviser.kernel import formatting
from vejviser.lib.i18n import show

from .core import rows as core
from .core.rows import PortfolioRow

MISSING = formatting.MISSING


def _monitoring(row: PortfolioRow) -> str:
    if row.monitoring == core.RED:
        return ngettext("%(n)s open alert", "%(n)s open alerts", row.open_alerts) % {
            "n": formatting.integer(row.open_alerts)
        }
    if row.monitoring == core.AMBER:
        return _("Alert acknowledged")
    if row.monitoring == core.GREEN:
        return _("No alerts")
    return MISSING


def cells(rows: Sequence[PortfolioRow], lang: str, linked: set[int]) -> list[dict[str, Any]]:
    statuses = {s: show(core.status_message(s)) for s in core.STATUS_ORDER}
    record_label = _("AI system record")
    # one reverse() and one formatting per distinct date, not per row
    record_url = reverse("portfolio:record", args=[0]).replace("/0/", "/{}/")
    dates: dict[Any, str] = {}

    def day(value: Any) -> str:
        if value not in dates:
            dates[value] = formatting.date(value, lang, "short")
        return dates[value]

    out = []
    for r in rows:
        out.append(
            {
                "pk": r.pk,
                "title": r.title,
                "url": reverse("project", args=[r.pk]) if r.pk in linked else "",
                "organisation": r.organisation or MISSING,
                "track": r.track,
                "phase": r.phase or MISSING,
                "status": r.status,
                "status_label": statuses[r.status],
                "next_step": r.next_step or MISSING,
                "overdue": formatting.integer(r.overdue, lang),
                "ai_act_tier": r.ai_act_tier,
                "ai_act": r.ai_act_label or MISSING,
                "mdr": r.mdr_label or MISSING,
                "npv": formatting.money(r.npv_p50, lang) if r.npv_p50 is not None else MISSING,
                "hours_expected": formatting.number(r.hours_expected, lang, 0),
                "hours_realised": formatting.number(r.hours_realised, lang, 0),
                "validation": r.validation or MISSING,
                "monitoring": r.monitoring,
                "monitoring_label": _monitoring(r),
                "contract_end": day(r.contract_end),
                "next_revalidation": day(r.next_revalidation),
                "record_url": record_url.format(r.pk),
                "record_label": record_label,
            }
        )
    return out


ROW = (
    '<tr data-row="{pk}"><td>{title}'
    '<br><a class="small" href="{record_url}" data-record-link>{record_label}</a></td>'
    '<td>{organisation}</td><td class="small">{track}</td>'
    '<td class="small">{phase}</td><td data-status="{status}">{status_label}</td>'
    '<td class="small">{next_step}</td><td class="n{late}">{overdue}</td>'
    '<td data-risk="{ai_act_tier}">{ai_act}</td><td>{mdr}</td><td class="n">{npv}</td>'
    '<td class="n">{hours_expected}</td><td class="n">{hours_realised}</td>'
    '<td class="small">{validation}</td>'
    '<td data-monitoring="{monitoring}">{dot}{monitoring_label}</td>'
    '<td class="n" data-contract-end>{contract_end}</td>'
    '<td class="n" data-revalidation>{next_revalidation}</td></tr>'
)


def table_rows(table: Sequence[dict[str, Any]]) -> SafeString:
    """The table's body rows, escaped by ``format_html`` (a template loop over 500 rows
    of 14 cells took longer than collecting the data)."""
    parts = []
    for c in table:
        title = format_html('<a href="{}">{}</a>', c["url"], c["title"]) if c["url"] else c["title"]
        dot = (
            format_html('<span class="pf-dot pf-{}"></span> ', c["monitoring"])
            if c["monitoring"]
            else ""
        )
        late = " overdue" if c["overdue"] != formatting.integer(0) else ""
        parts.append(format_html(ROW, **{**c, "title": title, "dot": dot, "late": late}))
    return mark_safe("\n".join(parts))
