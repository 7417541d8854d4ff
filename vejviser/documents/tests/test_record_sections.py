"""A capability contributes its part of the record (``register_record_section``) without
the documents app importing it: market's tender evaluation, monitoring's plan."""

from __future__ import annotations

from typing import Any

from vejviser.documents.core.build import coverage
from vejviser.documents.render import content, record_for
from vejviser.lib import capabilities
from vejviser.projects.access import get_project_for_user

CALLS: list[tuple[Any, str]] = []


def tender_evaluation(project: Any, lang: str, steps: Any) -> dict[str, Any] | None:
    CALLS.append((project, lang))
    return {
        "origin": "Tilbudsevaluering 3. maj 2027",
        "blocks": [
            {"type": "table", "header": ["Tilbud", "Point"], "rows": [["Leverandør A", "7,5"]]},
            {"type": "paragraph", "text": "A vinder på kvalitet."},
        ],
    }


def nothing_yet(project: Any, lang: str, steps: Any) -> None:
    return None


def test_a_registered_section_fills_the_documents_that_ask_for_it(personas, monkeypatch):
    monkeypatch.setattr(capabilities, "_RECORD_SECTIONS", {})
    here = "vejviser.documents.tests.test_record_sections"
    capabilities.register_record_section("tender-evaluation", f"{here}:tender_evaluation")
    capabilities.register_record_section("monitoring-plan", f"{here}:nothing_yet")
    access = get_project_for_user(personas.alice, personas.project.pk)
    template = content().template("evaluation-report")
    record = record_for(access, "da", template=template)
    part = record.part("section:tender-evaluation")
    assert part is not None and part.origin == "Tilbudsevaluering 3. maj 2027"
    scores = next(s for s in coverage(template, record, content()).sections if s.id == "scores")
    assert scores.ready
    assert "section:tender-evaluation" in record.inputs
    # a document that does not use the section does not ask for it
    CALLS.clear()
    record_for(access, "da", template=content().template("dpia"))
    assert CALLS == []
    # a capability with nothing yet leaves a gap
    card = record_for(access, "da", template=content().template("model-card"))
    assert card.part("section:monitoring-plan") is None
