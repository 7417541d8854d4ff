"""What Vejviser knows is indexed: each tool's purpose and use, named on the journey
actions that offer it, and the validation tools' metrics (issue 16, item 3)."""

from __future__ import annotations

from vejviser.assistant.core.engine import Assistant
from vejviser.kernel.schema import TOOL_IDS


def test_every_tool_has_a_passage_that_explains_it(assistant: Assistant) -> None:
    explained = {doc.id for doc in assistant.corpus.docs if doc.kind == "knowledge" and doc.lead}
    assert len(explained) == len(TOOL_IDS)


def test_an_action_names_the_tools_it_offers(assistant: Assistant) -> None:
    action = assistant.corpus.doc("action:ny-ide:udarbejd-forventet-business-case")
    assert action is not None
    assert (
        "Værktøjer i Vejviser: Simulering af business case, Dokument: business case."
        in (action.text["da"])
    )
    assert "Tools in Vejviser: Business case simulation" in action.text["en"]
    assert "Hvem deltager:" in action.text["da"]  # the roles stay beside the tools


def test_a_tool_answer_names_the_tool_first(assistant: Assistant) -> None:
    answer = assistant.ask("Hvilket værktøj kan beregne stikprøvestørrelsen?")
    assert answer.text.startswith("Stikprøvestørrelse til prospektiv validering:")


def test_dice_is_explained_with_when_it_is_good_enough(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad er Dice-koefficienten, og hvornår er den god nok?")
    assert answer.mode == "offline"
    assert answer.passages[0] == "knowledge:metrik-dice"
    assert "overlap" in answer.text and "god nok" in answer.text
    assert answer.sources


def test_each_metric_of_the_validation_tool_is_explained(assistant: Assistant) -> None:
    for question, passage in [
        ("Hvad er HD95?", "knowledge:metrik-hd95"),
        ("Hvad er surface Dice?", "knowledge:metrik-overflade-dice"),
        ("Hvad måler WER?", "knowledge:metrik-wer"),
        (
            "Hvad er forskellen på sensitivitet og specificitet?",
            "knowledge:metrik-sensitivitet-specificitet",
        ),
        ("Hvad er PPV?", "knowledge:metrik-ppv"),
        ("What does the AUC tell us?", "knowledge:metrik-auc"),
        ("Hvad betyder kalibrering af en model?", "knowledge:metrik-kalibrering"),
    ]:
        assert assistant.ask(question).passages[0] == passage, question
