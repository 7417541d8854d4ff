"""Answers from a project's state (pure core): which questions are about the project,
and what the answer says — phase, next steps with roles and people, overdue steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.evaluation import load_cases
from vejviser.assistant.core.project import ProjectState, RoleNeed, StepInfo, ToolLink

DEV_SET = Path(__file__).resolve().parents[3].parent / "shared/eval/assistant_dev.yaml"
BENCH = Path(__file__).resolve().parents[3] / "benchmarks/assistant"

PROJECT_QUESTIONS = {
    "hvad er mit næste skridt?": "next",
    "Hvad skal vi gøre nu?": "next",
    "hvad mangler vi?": "next",
    "What is our next step?": "next",
    "What should we do now?": "next",
    "hvem skal jeg have med nu?": "who",
    "Hvem skal vi involvere i projektet?": "who",
    "Who should I involve now?": "who",
    "hvor er vi?": "where",
    "Hvor langt er vi i projektet?": "where",
    "Where are we?": "where",
    "Er vi bagud?": "overdue",
    "Is anything overdue?": "overdue",
}

GENERAL_QUESTIONS = [
    "Hvem skal vi have med til en DPIA?",
    "Hvad er næste skridt efter en konsekvensanalyse?",
    "Hvad er status på AI-forordningen?",
    "Hvornår er deadline for at overholde AI-forordningen?",
    "Er vores produkt højrisiko?",
]


def _doc(assistant: Assistant, kind: str, n: int = 0) -> str:
    return [d.id for d in assistant.corpus.docs if d.kind == kind][n]


def _title(assistant: Assistant, doc_id: str) -> dict[str, str]:
    doc = assistant.corpus.doc(doc_id)
    assert doc is not None
    return dict(doc.title)


def _state(assistant: Assistant, **extra: object) -> ProjectState:
    kliniker = RoleNeed("kliniker", {"da": "Kliniker", "en": "Clinician"}, ("Alice Andersen",))
    jurist = RoleNeed("jurist", {"da": "Jurist", "en": "Lawyer"})
    first, second = _doc(assistant, "action", 0), _doc(assistant, "action", 1)
    fields: dict[str, object] = {
        "title": "Ambient scribe",
        "closed": 2,
        "total": 20,
        "phase_doc": _doc(assistant, "phase"),
        "phase_title": {"da": "Idéudvikling", "en": "Ideation"},
        "next_steps": (
            StepInfo(first, _title(assistant, first), "in_progress", (kliniker,), url="/s/1/"),
            StepInfo(second, _title(assistant, second), "not_started", (kliniker, jurist)),
        ),
        "overdue": (
            StepInfo(first, _title(assistant, first), "in_progress", due=dt.date(2026, 1, 5)),
        ),
        **extra,
    }
    return ProjectState(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "kind"), sorted(PROJECT_QUESTIONS.items()))
def test_project_questions_are_recognised(assistant: Assistant, question: str, kind: str) -> None:
    assert assistant.project_intent(question) == kind


@pytest.mark.parametrize("question", GENERAL_QUESTIONS)
def test_topic_questions_are_not_taken_for_project_questions(
    assistant: Assistant, question: str
) -> None:
    assert assistant.project_intent(question) is None


def test_no_question_of_the_question_sets_is_taken_for_a_project_question(
    assistant: Assistant,
) -> None:
    files = [BENCH / "questions_extra.yaml", BENCH / "questions_paraphrase.yaml"]
    if DEV_SET.is_file():
        files.append(DEV_SET)
    taken = [c.q for f in files for c in load_cases(f) if assistant.project_intent(c.q)]
    assert taken == []


def test_next_step_answer_names_phase_steps_roles_people_and_cites_the_journey(
    assistant: Assistant,
) -> None:
    state = _state(assistant)
    answer = assistant.ask("hvad er mit næste skridt?", project=state)
    assert answer.mode == "project"
    assert answer.lang == "da"
    first = state.next_steps[0].title["da"]
    assert "Idéudvikling" in answer.text and "2 af 20" in answer.text
    assert first in answer.text and "Alice Andersen" in answer.text
    assert "Jurist (mangler)" in answer.text
    assert "Ingen på projektet har endnu disse roller: Jurist." in answer.text
    assert "Over fristen" in answer.text and "05.01.2026" in answer.text
    # the phase and both steps are cited, the overdue step keeps its number
    assert answer.passages == [state.phase_doc, *(s.doc_id for s in state.next_steps)]
    assert len(answer.sources) == 3 and "[2]" in answer.text and "[4]" not in answer.text
    assert [link.url for link in answer.links] == ["/s/1/"]
    assert len(answer.text.split()) <= 150


def test_who_answer_lists_each_role_once(assistant: Assistant) -> None:
    answer = assistant.ask("hvem skal jeg have med nu?", project=_state(assistant))
    assert answer.text.count("Kliniker (Alice Andersen)") == 1
    assert "Til jeres næste skridt skal I have disse med" in answer.text


def test_english_question_gets_an_english_project_answer(assistant: Assistant) -> None:
    answer = assistant.ask("Where are we?", project=_state(assistant))
    assert answer.lang == "en"
    assert "Ideation" in answer.text and "2 of 20 steps" in answer.text
    assert "Lawyer (missing)" in answer.text
    assert "Nobody on the project has these roles yet: Lawyer." in answer.text


def test_overdue_question_starts_with_what_is_overdue(assistant: Assistant) -> None:
    answer = assistant.ask("Er vi bagud?", project=_state(assistant, overdue=()))
    assert answer.text.startswith("Ingen af jeres trin er over fristen.")


def test_finished_project_and_vendor_view(assistant: Assistant) -> None:
    state = _state(
        assistant, phase_doc=None, phase_title=None, next_steps=(), overdue=(), vendor_view=True
    )
    answer = assistant.ask("hvor er vi?", project=state)
    assert "Alle trin i «Ambient scribe» er afsluttet" in answer.text
    assert "delt med leverandøren" in answer.text


def test_project_is_read_only_when_the_question_needs_it(assistant: Assistant) -> None:
    calls: list[int] = []

    def source() -> ProjectState:
        calls.append(1)
        return _state(assistant)

    answer = assistant.ask("Hvad er OPI?", project=source)
    assert answer.mode == "offline" and calls == []
    assistant.ask("hvor er vi?", project=source)
    assert calls == [1]


def test_assessment_question_links_the_tool_on_the_projects_step(assistant: Assistant) -> None:
    tools = {"assessment:ai-act": ToolLink("/tool/", {"da": "Udfyld tjekliste", "en": "Fill"})}
    answer = assistant.ask("Er vores produkt højrisiko?", project=_state(assistant, tools=tools))
    assert answer.mode == "offline" and answer.tool == "assessment:ai-act"
    assert "assessment:ai-act" in answer.pointer  # the core's pointer stays
    assert [(link.label, link.url) for link in answer.links] == [
        ("Åbn AI-forordningen – risikoniveau på trinnet «Udfyld tjekliste»", "/tool/")
    ]
    without = assistant.ask("Er vores produkt højrisiko?", project=_state(assistant))
    assert without.links == []


def test_scrubbed_question_is_on_the_answer(assistant: Assistant) -> None:
    answer = assistant.ask("hvor er vi? Patient 010203-1234", project=_state(assistant))
    assert "010203-1234" not in answer.question and "[CPR]" in answer.question
    assert answer.removed == {"cpr": 1}
    quiet = assistant.ask("Hvad er OPI? 010203-1234", notice=False)
    assert "personoplysninger" not in quiet.text and quiet.removed == {"cpr": 1}
