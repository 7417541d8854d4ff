"""Which requirements of the library apply to a project, and why.

The builder pre-selects from what the project already knows (:class:`Facts`): the AI
Act tier, the MDR result, the GDPR result and the business case's KPIs. A requirement
with no ``when`` always applies; otherwise every fact it names must have one of the
listed values. A ``per_kpi`` requirement is copied once per KPI of the business case, so
each KPI becomes a service level. Each selection carries its reasons as
:class:`~vejviser.kernel.i18n.Message` objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vejviser.kernel.i18n import Message, gettext_noop, message

from .content import ChecklistItem, Requirement

#: Why a fact selects a requirement: fact -> msgid with ``{value}``.
FACT_REASONS: dict[str, str] = {
    "ai_act_tier": gettext_noop("The AI Act assessment gives the risk tier {value}."),
    "mdr_device": gettext_noop("The MDR assessment says medical device: {value}."),
    "mdr_class": gettext_noop("The MDR assessment gives class {value}."),
    "gdpr_processor_agreement": gettext_noop(
        "The GDPR assessment says a data processor agreement is required: {value}."
    ),
    "gdpr_dpia": gettext_noop("The GDPR assessment says DPIA: {value}."),
    "has_kpis": gettext_noop("The business case has KPIs: {value}."),
}
ALWAYS = gettext_noop("Recommended for every AI product.")
UNKNOWN = gettext_noop("{fact} is not assessed yet; run the assessment to decide.")


@dataclass(frozen=True)
class Kpi:
    """A KPI of the business case: what it expects and the range it allows."""

    id: str
    name: str
    expected: float
    unit: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Facts:
    """What the project knows. ``None``: not assessed yet."""

    ai_act_tier: str | None = None
    mdr_device: bool | None = None
    mdr_class: str | None = None
    gdpr_processor_agreement: bool | None = None
    gdpr_dpia: str | None = None
    kpis: tuple[Kpi, ...] = ()

    def value(self, fact: str) -> Any:
        if fact == "has_kpis":
            return bool(self.kpis)
        return getattr(self, fact)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ai_act_tier": self.ai_act_tier,
            "mdr_device": self.mdr_device,
            "mdr_class": self.mdr_class,
            "gdpr_processor_agreement": self.gdpr_processor_agreement,
            "gdpr_dpia": self.gdpr_dpia,
            "kpis": [k.__dict__ for k in self.kpis],
        }


@dataclass(frozen=True)
class Selected:
    """A requirement that applies (``id`` carries the KPI for a per-KPI copy)."""

    id: str
    requirement: str
    level: str
    category: str
    reasons: list[Message]
    kpi: Kpi | None = None
    award: str | None = None


@dataclass(frozen=True)
class Pending:
    """A requirement that depends on a fact not assessed yet."""

    requirement: str
    missing: list[str] = field(default_factory=list)


def _match(
    when: Mapping[Any, Sequence[Any]], facts: Facts
) -> tuple[bool, list[Message], list[str]]:
    reasons: list[Message] = []
    missing: list[str] = []
    ok = True
    for fact, values in when.items():
        value = facts.value(fact)
        if value is None:
            missing.append(fact)
            ok = False
        elif value in values:
            reasons.append(message(FACT_REASONS[fact], value=_show(value)))
        else:
            ok = False
    return ok and not missing, reasons, missing


def _show(value: Any) -> str:
    if value is True:
        return "ja / yes"
    if value is False:
        return "nej / no"
    return str(value)


def select(library: Sequence[Requirement], facts: Facts) -> tuple[list[Selected], list[Pending]]:
    """The requirements that apply, in library order, with their reasons; and those
    that wait for an assessment (a named fact is unknown and no other fact rules it out)."""
    chosen: list[Selected] = []
    pending: list[Pending] = []
    for req in library:
        ok, reasons, missing = _match(req.when, facts)
        if not ok:
            ruled_out = any(
                facts.value(f) is not None and facts.value(f) not in v for f, v in req.when.items()
            )
            if missing and not ruled_out:
                pending.append(Pending(req.id, missing))
            continue
        if not req.when:
            reasons = [message(ALWAYS)]
        if req.per_kpi:
            for kpi in facts.kpis:
                why = message(
                    gettext_noop("The business case expects {name}: {expected} {unit}."),
                    name=kpi.name,
                    expected=kpi.expected,
                    unit=kpi.unit,
                )
                chosen.append(
                    Selected(
                        f"{req.id}--{kpi.id}",
                        req.id,
                        req.level,
                        req.category,
                        [why],
                        kpi,
                        req.award,
                    )
                )
            continue
        chosen.append(Selected(req.id, req.id, req.level, req.category, reasons, None, req.award))
    return chosen, pending


def checklist(
    items: Sequence[ChecklistItem], facts: Facts
) -> list[tuple[ChecklistItem, list[Message]]]:
    """The contract checklist items that apply, with their reasons; an item whose fact is
    unknown is kept (better asked than forgotten)."""
    out: list[tuple[ChecklistItem, list[Message]]] = []
    for item in items:
        ok, reasons, missing = _match(item.when, facts)
        if ok:
            out.append((item, reasons or [message(ALWAYS)]))
        elif missing:
            out.append((item, [message(UNKNOWN, fact=f) for f in missing]))
    return out


def facts_from_results(
    results: Mapping[str, Mapping[str, Any]], kpis: Sequence[Mapping[str, Any]] = ()
) -> Facts:
    """:class:`Facts` from stored assessment results (assessment id -> ``Result.to_dict()``)
    and the KPIs of a business case's summary (``summary["kpis"]``)."""
    ai = results.get("ai-act") or {}
    mdr = results.get("mdr") or {}
    gdpr = results.get("gdpr") or {}
    found = tuple(
        Kpi(
            str(k["id"]),
            _name(k.get("name")),
            float(k["expected"]),
            str(k.get("unit", "")),
            _float(k.get("low")),
            _float(k.get("high")),
        )
        for k in kpis
        if k.get("expected") is not None
    )
    return Facts(
        ai_act_tier=ai.get("tier"),
        mdr_device=mdr.get("device") if mdr else None,
        mdr_class=mdr.get("class") if mdr else None,
        gdpr_processor_agreement=gdpr.get("processor_agreement_required") if gdpr else None,
        gdpr_dpia=gdpr.get("dpia"),
        kpis=found,
    )


def _name(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("da") or value.get("en") or "")
    return str(value or "")


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
