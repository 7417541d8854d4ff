"""Hand-written factories for the market tests (on the personas' project)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from vejviser.market.models import (
    Bid,
    ContractCheck,
    Evaluator,
    Need,
    NeedRating,
    Product,
    Specification,
    Tender,
    save_scores,
)
from vejviser.market.views.tender import new_tender

STEPS = {
    "needs": "afklar-behov-og-viden",
    "catalogue": "afdaek-markedet",
    "requirements": "opstil-kravspecifikation",
    "tender": "foretag-udbud",
    "contract": "indkoeb-produktet",
}


def step(project: Any, tool: str) -> Any:
    return project.steps.get(action__slug=STEPS[tool])


def url(project: Any, name: str, tool: str, **kwargs: Any) -> str:
    return reverse(
        f"market:{name}", kwargs={"pk": project.pk, "step_pk": step(project, tool).pk, **kwargs}
    )


def need(project: Any, user: Any, title: str = "Ambient scribe") -> Need:
    n = Need.objects.create(
        project=project, step=step(project, "needs"), title=title, created_by=user
    )
    NeedRating.objects.create(
        need=n,
        rater=user,
        scores={
            c: 4
            for c in (
                "clinical-value",
                "volume",
                "urgency",
                "data-readiness",
                "products-on-market",
                "cost",
                "strategy-fit",
            )
        },
    )
    return n


def product(user: Any) -> Product:
    p = Product(name="Scribe", vendor="EKSEMPEL A/S", is_example=True, created_by=user)
    p.set_fields({"vendor": "EKSEMPEL A/S", "product": "Scribe", "ce_class": "I"}, user, "test")
    p.save()
    return p


def spec(project: Any, user: Any) -> Specification:
    s = Specification.objects.create(
        project=project, step=step(project, "requirements"), title="Krav"
    )
    s.save_version(user, [], {}, "start")
    return s


def tender(project: Any, owner: Any, evaluators: list[Any]) -> Tender:
    """A fixed model with two bids and the given evaluators (none submitted)."""
    t = new_tender(project, step(project, "tender"), "Udbud", None)
    t.lock(owner)
    Bid.objects.create(tender=t, label="A", price=1_000_000)
    Bid.objects.create(tender=t, label="B", price=1_200_000)
    for user in evaluators:
        Evaluator.objects.create(tender=t, user=user)
    return t


def full_scores(t: Tender, value: float) -> dict[str, str]:
    return {f"s_{b.pk}_{c}": str(value) for b in t.bids.all() for c in t.quality_ids()}


def score_all(t: Tender, user: Any, value: float) -> None:
    save_scores(t, user, {(b.pk, c): value for b in t.bids.all() for c in t.quality_ids()})


def check(project: Any, user: Any) -> ContractCheck:
    return ContractCheck.objects.create(
        project=project, item="exit-and-data-return", met=True, where="§ 12", updated_by=user
    )
