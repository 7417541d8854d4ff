"""A project using a catalogue product, with a validation run, a lesson and a tree of
organisations (the portfolio's persona tree)."""

from __future__ import annotations

from typing import Any

from vejviser.evidence.models import Kind, ValidationRun
from vejviser.market.models import Product, ProductUse
from vejviser.portfolio.tests.factory import Tree
from vejviser.sharing.access import TOOL
from vejviser.sharing.models import Lesson, ShareLevel

BINARY_REPORT = {
    "auc": {"estimate": 0.84, "ci_low": 0.80, "ci_high": 0.88},
    "sensitivity": {"estimate": 0.9, "ci_low": 0.85, "ci_high": 0.94},
    "specificity": {"estimate": 0.7, "ci_low": 0.65, "ci_high": 0.75},
    "ppv": {"estimate": 0.5, "ci_low": 0.4, "ci_high": 0.6},
    "scores": [{"case": "1", "score": 0.3}],  # per-case rows: must never travel
}


def share_step(project: Any) -> Any:
    for step in project.ordered_steps().select_related("action"):
        if TOOL in (step.action.tools or []):
            return step
    raise AssertionError("no step offers portfolio:share")


def make_product(**data: Any) -> Product:
    values = {"vendor": "Nordlys Health", "product": "Kontur", "version": "1.0", **data}
    product = Product(vendor=values["vendor"], name=values["product"])
    product.set_fields(values, None, "test")
    product.save()
    return product


def use_product(project: Any, product: Product, user: Any) -> ValidationRun:
    run = ValidationRun.objects.create(
        project=project,
        step=project.ordered_steps().first(),
        kind=Kind.BINARY,
        n=400,
        report=BINARY_REPORT,
        product_name=product.name,
        product_version="1.0",
        created_by=user,
    )
    ProductUse.objects.create(product=product, project=project, run=run, added_by=user)
    return run


class Shared:
    """The personas' project (organisation: Onkologi under OUH, Region Syddanmark) using
    the product, with a lesson; levels as given."""

    def __init__(self, personas: Any, **levels: str) -> None:
        self.personas = personas
        self.tree = Tree(personas)
        self.project = personas.project
        self.step = share_step(self.project)
        self.product = make_product()
        self.run = use_product(self.project, self.product, personas.alice)
        Lesson.objects.create(
            project=self.project,
            role="kliniker",
            text="Lad fysikeren gennemgå konturerne hver måned.",
            created_by=personas.alice,
        )
        for item, level in levels.items():
            ShareLevel.objects.create(project=self.project, item=item, level=level)
