"""Local validation results as an input to a tender: each bid's product's runs, and
whether every bidder was tested on the same data (equal treatment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vejviser.evidence.display import headline
from vejviser.lib.i18n import active_lang

from .models import Bid, ProductUse


@dataclass(frozen=True)
class BidEvidence:
    bid: Bid
    runs: list[tuple[Any, str]]  # (run, headline)


def bid_evidence(bids: list[Bid], project: Any) -> tuple[list[BidEvidence], bool | None]:
    """Each bid's linked runs in this project; and whether all bids with runs were tested
    alike (same kind, same data period, same number of cases), or ``None`` with fewer
    than two bids tested."""
    lang = active_lang()
    product_ids = [b.product_id for b in bids if b.product_id]
    uses = (
        ProductUse.objects.filter(product_id__in=product_ids, project=project, run__isnull=False)
        .select_related("run__step__action")
        .order_by("run__created_at")
    )
    by_product: dict[int, list[Any]] = {}
    for use in uses:
        by_product.setdefault(use.product_id, []).append(use.run)
    out = [
        BidEvidence(b, [(r, headline(r, lang)) for r in by_product.get(b.product_id or 0, [])])
        for b in bids
    ]
    tested = [e for e in out if e.runs]
    if len(tested) < 2:
        return out, None
    kinds = [{(r.kind, r.period_from, r.period_to, r.n) for r, _ in e.runs} for e in tested]
    same = bool(set.intersection(*kinds))
    return out, same
