"""Market's parts of the documents' record: the requirement specification, the tender
evaluation (only once scoring is complete) and the product facts — never for a vendor."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx

from vejviser.documents.core.build import coverage
from vejviser.documents.render import content, record_for, render
from vejviser.market.models import Evaluator, Specification, Tender
from vejviser.projects.access import ProjectAccess
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Membership, Project

SCRIBE = "Ambient scribe i almen praksis"


def docx_text(data: bytes) -> str:
    word = read_docx(io.BytesIO(data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def _ready(kind: str, access: ProjectAccess, source: str, lang: str = "da") -> tuple[bool, str]:
    template = content().template(kind)
    assert template is not None
    record = record_for(access, lang, template=template)
    rows = [
        s
        for s, t in zip(
            coverage(template, record, content()).sections, template.sections, strict=True
        )
        if source in t.sources_from
    ]
    assert rows, f"{kind} does not use {source}"
    text = docx_text(render(access.project, template, record, "docx", version=1).data)
    return all(r.ready for r in rows), text


@pytest.fixture
def scribe(db):
    load_demo(password="demo-password-123")
    return Project.objects.get(title=SCRIBE)


def test_requirement_specification_holds_the_latest_versions_requirements(scribe):
    access = ProjectAccess(scribe, None, is_staff=True)
    ready, text = _ready("requirement-specification", access, "section:market-requirements")
    version = Specification.objects.get(project=scribe).latest()
    assert ready and version is not None
    must = next(i for i in version.items if i["level"] == "MUST")
    should = next(i for i in version.items if i["level"] == "SHOULD")
    assert must["id"] in text and should["id"] in text
    assert f"version {version.number}" in text or f"v{version.number}" in text
    assert "Pris: 30" in text  # the price weight among the award criteria


def test_evaluation_report_holds_the_ranking_and_the_winning_bid(scribe):
    access = ProjectAccess(scribe, None, is_staff=True)
    for lang in ("da", "en"):
        ready, text = _ready("evaluation-report", access, "section:tender-evaluation", lang)
        assert ready
        assert "EKSEMPEL Fjord Medical" in text  # the winner of the demo tender
        assert "7,17" in text if lang == "da" else "7.17" in text  # its total
        assert "Anna Lund" in text  # an evaluator


def test_the_tender_is_a_gap_until_every_evaluator_has_submitted(scribe):
    access = ProjectAccess(scribe, None, is_staff=True)
    tender = Tender.objects.get(project=scribe)
    Evaluator.objects.filter(tender=tender).update(submitted_at=None)
    ready, text = _ready("evaluation-report", access, "section:tender-evaluation")
    assert not ready
    assert "EKSEMPEL Fjord Medical" not in text


def test_model_card_holds_the_linked_products_facts_and_evidence_level(scribe):
    access = ProjectAccess(scribe, None, is_staff=True)
    ready, text = _ready("model-card", access, "section:product-facts")
    assert ready
    assert "Ambient scribe (demo)" in text
    assert "Fryback–Thornbury" in text
    assert "Valideret lokalt" in text


def test_a_vendor_never_gets_tender_or_requirement_data_even_on_shared_steps(scribe):
    scribe.steps.update(shared_with_vendor=True)
    vendor = Membership.objects.get(project=scribe, role="virksomhed").user
    access = ProjectAccess(scribe, Membership.objects.get(project=scribe, user=vendor), False)
    assert access.is_vendor
    for kind, source in (
        ("requirement-specification", "section:market-requirements"),
        ("evaluation-report", "section:tender-evaluation"),
    ):
        ready, text = _ready(kind, access, source)
        assert not ready
        assert "EKSEMPEL Fjord Medical" not in text
        assert "intended-use-match" not in text
        assert "Anna Lund, Peter Holm" not in text
