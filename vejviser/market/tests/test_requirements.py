"""Requirement pre-selection and the contract checklist from the project's facts, and the
market content itself (valid, sources that exist)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from vejviser.journey.content import read_folder
from vejviser.kernel.files import ContentErrors, read_content
from vejviser.market.core.content import parse
from vejviser.market.core.requirements import Facts, Kpi, checklist, facts_from_results, select

CONTENT = Path(settings.CONTENT_DIR)


@pytest.fixture(scope="module")
def content():
    return parse(read_folder("market", CONTENT))


def ids(chosen):
    return {c.id for c in chosen}


def test_high_risk_selects_the_deployer_duties(content):
    chosen, _ = select(content.requirements.requirements, Facts(ai_act_tier="high-risk"))
    assert {"ai-act-instructions", "logs-six-months", "human-oversight"} <= ids(chosen)
    reasons = next(c for c in chosen if c.id == "logs-six-months").reasons
    assert "high-risk" in reasons[0].text("en")
    chosen, _ = select(content.requirements.requirements, Facts(ai_act_tier="minimal"))
    assert "logs-six-months" not in ids(chosen)


def test_mdr_class_requires_ce_marking_and_a_notified_body(content):
    facts = Facts(mdr_device=True, mdr_class="IIa")
    chosen, _ = select(content.requirements.requirements, facts)
    assert {"ce-marking", "notified-body-certificate"} <= ids(chosen)
    chosen, _ = select(content.requirements.requirements, Facts(mdr_device=True, mdr_class="I"))
    assert "ce-marking" in ids(chosen) and "notified-body-certificate" not in ids(chosen)


def test_gdpr_selects_the_processor_agreement_and_no_training(content):
    chosen, _ = select(
        content.requirements.requirements,
        Facts(gdpr_processor_agreement=True, gdpr_dpia="required"),
    )
    assert {"data-processor-agreement", "no-training-on-our-data", "dpia-support"} <= ids(chosen)


def test_unknown_facts_leave_requirements_pending_not_dropped(content):
    chosen, pending = select(content.requirements.requirements, Facts())
    assert "data-processor-agreement" not in ids(chosen)
    assert "data-processor-agreement" in {p.requirement for p in pending}
    assert "exit-data-return" in ids(chosen)  # always applies


def test_each_kpi_becomes_a_service_level(content):
    kpis = (Kpi("minutes", "Minutter sparet", 2.5, "min"), Kpi("use", "Andel i brug", 0.8, "%"))
    chosen, _ = select(content.requirements.requirements, Facts(kpis=kpis))
    assert {"kpi-service-level--minutes", "kpi-service-level--use"} <= ids(chosen)
    sl = next(c for c in chosen if c.id == "kpi-service-level--minutes")
    assert sl.kpi == kpis[0] and "Minutter sparet" in sl.reasons[0].text("da")


def test_facts_are_read_from_stored_results():
    facts = facts_from_results(
        {
            "ai-act": {"tier": "high-risk"},
            "mdr": {"device": True, "class": "IIb"},
            "gdpr": {"processor_agreement_required": True, "dpia": "required"},
        },
        [{"id": "k", "name": {"da": "Tid", "en": "Time"}, "expected": 3, "unit": "min"}],
    )
    assert (facts.ai_act_tier, facts.mdr_class, facts.gdpr_processor_agreement) == (
        "high-risk",
        "IIb",
        True,
    )
    assert facts.kpis[0].name == "Tid"


def test_contract_checklist_keeps_items_with_unknown_facts(content):
    items = checklist(content.contract.items, Facts())
    found = {i.id for i, _ in items}
    assert {"ai-act-deployer-duties", "data-processor-agreement", "exit-and-data-return"} <= found
    items = checklist(
        content.contract.items, Facts(ai_act_tier="minimal", gdpr_processor_agreement=False)
    )
    assert "ai-act-deployer-duties" not in {i.id for i, _ in items}


def test_every_category_is_covered_and_shoulds_feed_award_criteria(content):
    from vejviser.market.core.content import CATEGORIES

    reqs = content.requirements.requirements
    assert {r.category for r in reqs} == set(CATEGORIES)
    assert all(r.award and r.weight for r in reqs if r.level == "SHOULD")
    assert sum(c.weight for c in content.needs.criteria) == 100


def test_every_source_reference_exists_in_sources_yaml(content):
    known = {s.id for s in read_content(CONTENT).sources.sources}
    refs = [s for c in content.needs.criteria for s in c.sources]
    refs += [s for r in content.requirements.requirements for s in r.sources]
    refs += [s for a in content.requirements.award_criteria for s in a.sources]
    refs += [s for i in content.contract.items for s in i.sources]
    refs += list(content.tender.sources)
    assert {r.doc for r in refs} <= known


def test_broken_content_names_file_and_field():
    docs = read_folder("market", CONTENT)
    docs["needs.yaml"] = {"criteria": [{"id": "x", "weight": 50}]}
    with pytest.raises(ContentErrors) as err:
        parse(docs)
    assert "market/needs.yaml" in str(err.value) and "title" in str(err.value)
