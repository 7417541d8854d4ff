"""The schema of ``content/market/`` and its parser (pure: no Django import).

- ``needs.yaml``: the criteria for prioritising needs, each with its default weight
  (percent, summing to 100) and what a score of 1 and 5 means;
- ``requirements.yaml``: the award sub-criteria a SHOULD requirement can feed, and the
  requirement library (id, MUST/SHOULD, category, text, help, when it applies, sources);
- ``contract.yaml``: the contract checklist (each item ticked with where in the contract
  it is met);
- ``tender.yaml``: the default scoring scale and what each score means.

:func:`parse` is registered with ``vejviser.journey.content.register_folder`` and read
only through ``folder_data("market")``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import Slug, SourceRef, Text
from vejviser.kernel.yamllines import line_of

CATEGORIES: tuple[str, ...] = (
    "clinical",
    "regulatory",
    "data-protection",
    "security",
    "integration",
    "operation-support",
    "upgrades-revalidation",
    "training",
    "exit-data-return",
)
Category = Literal[
    "clinical",
    "regulatory",
    "data-protection",
    "security",
    "integration",
    "operation-support",
    "upgrades-revalidation",
    "training",
    "exit-data-return",
]
#: The project facts a requirement or checklist item can depend on (see
#: :class:`vejviser.market.core.requirements.Facts`).
FACTS: tuple[str, ...] = (
    "ai_act_tier",
    "mdr_device",
    "mdr_class",
    "gdpr_processor_agreement",
    "gdpr_dpia",
    "has_kpis",
)
Fact = Literal[
    "ai_act_tier", "mdr_device", "mdr_class", "gdpr_processor_agreement", "gdpr_dpia", "has_kpis"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NeedCriterion(_Strict):
    id: Slug
    weight: float = Field(ge=0, le=100)
    title: Text
    help: Text
    sources: list[SourceRef] = Field(min_length=1)


class NeedsFile(_Strict):
    criteria: list[NeedCriterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _sums(self) -> NeedsFile:
        _unique([c.id for c in self.criteria], "criterion id")
        total = sum(c.weight for c in self.criteria)
        if abs(total - 100) > 1e-6:
            raise ValueError(f"the criteria weights sum to {total:g}, not 100")
        return self


class AwardCriterion(_Strict):
    id: Slug
    title: Text
    help: Text
    sources: list[SourceRef] = Field(min_length=1)


class Requirement(_Strict):
    id: Slug
    level: Literal["MUST", "SHOULD"]
    category: Category
    title: Text
    text: Text
    help: Text
    #: fact -> the values for which the requirement applies (all facts must match);
    #: empty: always applies.
    when: dict[Fact, list[str | bool]] = Field(default_factory=dict)
    #: one copy per KPI of the business case (the KPI becomes a service level)
    per_kpi: bool = False
    #: SHOULD only: the award sub-criterion it feeds by default, and its default weight
    #: (points; the builder turns the SHOULD weights into the sub-criteria's shares)
    award: Slug | None = None
    weight: float | None = Field(default=None, gt=0, le=100)
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _award_for_should(self) -> Requirement:
        if self.level == "SHOULD" and (self.award is None or self.weight is None):
            raise ValueError("a SHOULD requirement needs an award sub-criterion and a weight")
        if self.level == "MUST" and (self.award is not None or self.weight is not None):
            raise ValueError("a MUST requirement is not scored: remove award and weight")
        return self


class RequirementsFile(_Strict):
    award_criteria: list[AwardCriterion] = Field(min_length=1)
    #: the price's share of the award (percent) a new evaluation model starts from
    price_weight: float = Field(ge=0, le=100)
    requirements: list[Requirement] = Field(min_length=1)

    @model_validator(mode="after")
    def _refs(self) -> RequirementsFile:
        _unique([r.id for r in self.requirements], "requirement id")
        _unique([a.id for a in self.award_criteria], "award criterion id")
        known = {a.id for a in self.award_criteria}
        for r in self.requirements:
            if r.award is not None and r.award not in known:
                raise ValueError(f"{r.id}: unknown award sub-criterion {r.award}")
        return self


class ChecklistItem(_Strict):
    id: Slug
    title: Text
    help: Text
    when: dict[Fact, list[str | bool]] = Field(default_factory=dict)
    sources: list[SourceRef] = Field(min_length=1)


class ContractFile(_Strict):
    items: list[ChecklistItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> ContractFile:
        _unique([i.id for i in self.items], "checklist item id")
        return self


class ScaleAnchor(_Strict):
    score: int = Field(ge=0)
    text: Text


class TenderFile(_Strict):
    scale: int = Field(ge=1, le=100)
    anchors: list[ScaleAnchor] = Field(min_length=2)
    sources: list[SourceRef] = Field(min_length=1)


class MarketContent(_Strict):
    needs: NeedsFile
    requirements: RequirementsFile
    contract: ContractFile
    tender: TenderFile

    def requirement(self, rid: str) -> Requirement | None:
        return next((r for r in self.requirements.requirements if r.id == rid), None)

    def award(self, aid: str) -> AwardCriterion | None:
        return next((a for a in self.requirements.award_criteria if a.id == aid), None)


FILES: dict[str, type[BaseModel]] = {
    "needs.yaml": NeedsFile,
    "requirements.yaml": RequirementsFile,
    "contract.yaml": ContractFile,
    "tender.yaml": TenderFile,
}


def parse(docs: Mapping[str, Any]) -> MarketContent:
    """``docs`` (file name -> parsed YAML) as :class:`MarketContent`, or
    :class:`ContentErrors` naming the file, the line and the field."""
    errors: list[ContentError] = []
    parsed: dict[str, Any] = {}
    for name, model in FILES.items():
        rel = f"market/{name}"
        data = docs.get(name)
        if data is None:
            errors.append(ContentError(rel, None, "file is missing or empty"))
            continue
        try:
            parsed[name.removesuffix(".yaml")] = model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = [p for p in err["loc"] if isinstance(p, int | str)]
                dotted = ".".join(str(p) for p in loc) or "(file)"
                errors.append(ContentError(rel, line_of(data, loc), f"{dotted}: {err['msg']}"))
    if errors:
        raise ContentErrors(errors)
    return MarketContent(**parsed)


def _unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what}: {value}")
        seen.add(value)
