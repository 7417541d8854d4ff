"""Fetch *and* authorise the market tools, on top of the projects' access helpers.

Every page lives on a step whose action lists the tool. Members see it; editing roles
change it (others get 403); an outsider gets 404. A vendor gets 404 on every market
tool, even on a step shared with vendors: during a procurement nothing of the tender is
shown to one bidder (equal treatment), and needs, catalogue, specification and
contract checklist are the buyer's own working material.

Blind scoring: an evaluator sees only their own scores until every evaluator has
submitted (:func:`can_see_all_scores`); then everyone on the project (not the vendor)
sees them and the consensus round opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from vejviser.projects.access import ToolAccess, get_tool_step_for_user

from .models import Need, Product, Specification, Tender

TOOLS = {
    "needs": "market:needs",
    "catalogue": "market:catalogue",
    "requirements": "market:requirements",
    "tender": "market:tender-evaluation",
    "contract": "market:contract-checklist",
}


@dataclass(frozen=True)
class MarketAccess(ToolAccess):
    tool: str


def get_tool_for_user(
    user: Any, pk: int, step_pk: int, tool: str, *, edit: bool = False
) -> MarketAccess:
    """The market tool ``tool`` on a project's step: 404 unless the step lists it."""
    access, step = get_tool_step_for_user(user, pk, step_pk, (TOOLS[tool],), edit=edit)
    return MarketAccess(access, step, tool)


def get_need_for_user(
    user: Any, pk: int, step_pk: int, need_pk: int, *, edit: bool = False
) -> tuple[MarketAccess, Need]:
    tool = get_tool_for_user(user, pk, step_pk, "needs", edit=edit)
    need = Need.objects.filter(project=tool.project, pk=need_pk).first()
    if need is None:
        raise Http404
    return tool, need


def get_product_for_user(
    user: Any, pk: int, step_pk: int, product_pk: int, *, edit: bool = False
) -> tuple[MarketAccess, Product]:
    """Products are shared by every project; they are opened from a catalogue step."""
    tool = get_tool_for_user(user, pk, step_pk, "catalogue", edit=edit)
    product = Product.objects.filter(pk=product_pk).first()
    if product is None:
        raise Http404
    return tool, product


def get_spec_for_user(
    user: Any, pk: int, step_pk: int, spec_pk: int, *, edit: bool = False
) -> tuple[MarketAccess, Specification]:
    tool = get_tool_for_user(user, pk, step_pk, "requirements", edit=edit)
    spec = Specification.objects.filter(project=tool.project, pk=spec_pk).first()
    if spec is None:
        raise Http404
    return tool, spec


def get_tender_for_user(
    user: Any, pk: int, step_pk: int, tender_pk: int, *, edit: bool = False
) -> tuple[MarketAccess, Tender]:
    tool = get_tool_for_user(user, pk, step_pk, "tender", edit=edit)
    tender = Tender.objects.filter(project=tool.project, pk=tender_pk).first()
    if tender is None:
        raise Http404
    return tool, tender


def is_evaluator(tender: Tender, user: Any) -> bool:
    return bool(user.pk in tender.evaluator_ids())


def can_see_all_scores(tender: Tender) -> bool:
    """Everyone's scores are visible (to members, never the vendor) once all evaluators
    have submitted."""
    return tender.all_submitted


def me(request: Any) -> Any:
    """The logged-in user (every market view requires login)."""
    return request.user
