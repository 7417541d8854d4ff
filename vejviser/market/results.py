"""A tender's result from its consensus scores, through the core."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from vejviser.lib.i18n import active_lang, show

from .core.tender import Evaluation, TenderError, evaluate, parse_tender
from .models import Score, Tender


@dataclass(frozen=True)
class TenderResult:
    evaluation: Evaluation | None
    missing: int
    problems: list[str]
    criteria: list[dict[str, Any]]
    labels: dict[str, str]

    def rows(self) -> list[dict[str, Any]]:
        if self.evaluation is None:
            return []
        return [
            {
                "bid": b,
                "label": self.labels[b.id],
                "points": [b.points[c["id"]] for c in self.criteria],
            }
            for b in sorted(self.evaluation.bids, key=lambda b: (b.rank, b.id))
        ]

    def reversals(self) -> list[str]:
        if self.evaluation is None:
            return []
        return [show(r.describe()) for r in self.evaluation.reversals]


def tender_input(tender: Tender) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The core's input (bids keyed by their id) from the consensus scores; and how many
    consensus scores are still missing."""
    bids = list(tender.bids.all())
    consensus = {
        (s.bid_id, s.criterion): s.value
        for s in Score.objects.filter(bid__tender=tender, evaluator__isnull=True)
    }
    quality = tender.quality_ids()
    missing = sum(1 for b in bids for c in quality if (b.pk, c) not in consensus)
    data = {
        **tender.model_data(),
        "bids": [
            {
                "id": str(b.pk),
                "price": b.price,
                "scores": {c: consensus[(b.pk, c)] for c in quality if (b.pk, c) in consensus},
            }
            for b in bids
        ],
    }
    return data, missing, {str(b.pk): b.label for b in bids}


def tender_result(tender: Tender) -> TenderResult:
    data, missing, labels = tender_input(tender)
    if missing or not data["bids"]:
        return TenderResult(None, missing, [], tender.criteria, labels)
    try:
        evaluation = evaluate(parse_tender(data))
    except TenderError as exc:
        return TenderResult(
            None, 0, [show(p.message) for p in exc.problems], tender.criteria, labels
        )
    # name the bids and criteria as people know them in the reversal sentences
    lang = active_lang()
    titles = {c["id"]: (c.get("title") or {}).get(lang, c["id"]) for c in tender.criteria}
    evaluation = Evaluation(
        evaluation.bids,
        evaluation.winner,
        [
            replace(
                r,
                new_winner=labels.get(r.new_winner, r.new_winner),
                criterion=titles.get(r.criterion, r.criterion),
            )
            for r in evaluation.reversals
        ],
    )
    return TenderResult(evaluation, 0, [], tender.criteria, labels)
