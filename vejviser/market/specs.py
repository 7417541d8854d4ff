"""Requirement specification items: built from the core's selection, shown with the
library's text. An item is stored as plain JSON (its reasons as msgid + parameters, so
they are shown in the reader's language)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vejviser.kernel.i18n import Message

from .core.content import MarketContent
from .core.requirements import Facts, Selected, select


def item_of(sel: Selected) -> dict[str, Any]:
    return {
        "id": sel.id,
        "requirement": sel.requirement,
        "level": sel.level,
        "category": sel.category,
        "award": sel.award,
        "weight": None,
        "reasons": [{"msgid": m.msgid, "params": dict(m.params)} for m in sel.reasons],
        "kpi": sel.kpi.__dict__ if sel.kpi else None,
    }


def preselect(content: MarketContent, facts: Facts) -> tuple[list[dict[str, Any]], list[Any]]:
    """The items that apply, SHOULDs with their default award sub-criterion and weight;
    and the requirements waiting for an assessment."""
    chosen, pending = select(content.requirements.requirements, facts)
    items = []
    for sel in chosen:
        item = item_of(sel)
        req = content.requirement(sel.requirement)
        if req is not None and req.level == "SHOULD":
            item["weight"] = req.weight
        items.append(item)
    return items, pending


def candidates(
    content: MarketContent, facts: Facts, current: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Everything the builder can offer: the current items, then what applies now, then
    the rest of the library (a team may add any requirement; it records why)."""
    out = {i["id"]: i for i in current}
    applies, _pending = preselect(content, facts)
    for item in applies:
        out.setdefault(item["id"], item)
    for req in content.requirements.requirements:
        if not req.per_kpi and req.id not in out:
            out[req.id] = {
                "id": req.id,
                "requirement": req.id,
                "level": req.level,
                "category": req.category,
                "award": req.award,
                "weight": req.weight,
                "reasons": [],
                "kpi": None,
            }
    order = {r.id: n for n, r in enumerate(content.requirements.requirements)}
    return sorted(out.values(), key=lambda i: (order.get(i["requirement"], 999), i["id"]))


def reasons(item: dict[str, Any]) -> list[Message]:
    return [Message(r["msgid"], r.get("params", {})) for r in item.get("reasons", [])]


def award_weights(items: Sequence[dict[str, Any]], price_weight: float) -> dict[str, float]:
    """The award sub-criteria's weights (percent of the total): the quality share
    (100 − price weight) split in proportion to the SHOULD requirements' weights."""
    totals: dict[str, float] = {}
    for item in items:
        if item["level"] == "SHOULD" and item.get("award") and item.get("weight"):
            totals[item["award"]] = totals.get(item["award"], 0.0) + float(item["weight"])
    whole = sum(totals.values())
    if not whole:
        return {}
    shares = {k: round((100 - price_weight) * v / whole, 1) for k, v in totals.items()}
    last = max(shares, key=lambda k: shares[k])
    shares[last] = round(shares[last] + (100 - price_weight) - sum(shares.values()), 1)
    return shares
