"""Answers shaped by the question's form (issue 16, items 1, 3 and 6): both sides of a
difference question, the answering sentence first, "Nej —" only when that sentence
says no without a condition, and the tools' own content indexed."""

from __future__ import annotations

import pytest

from vejviser.assistant.core.corpus import load_corpus
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.question import polarity, question_form


def test_the_form_of_a_question() -> None:
    form = question_form(
        "Hvad er forskellen på en databehandleraftale og en samarbejdsaftale?", "da"
    )
    assert form.kind == "difference"
    assert form.things == ("databehandleraftale", "samarbejdsaftale")
    assert question_form("What is the difference between a DPA and a DPIA?", "en").things == (
        "DPA",
        "DPIA",
    )
    yesno = question_form("Må leverandøren træne på vores data?", "da")
    assert (yesno.kind, yesno.opener, yesno.negated) == ("yesno", "må", False)
    assert question_form("Skal vi ikke lave en DPIA?", "da").negated
    assert question_form("Hvordan laver jeg en business case for røntgen?", "da").task == (
        "laver business case"
    )
    assert question_form("Hvem er projektejer?", "da").kind is None


def test_a_sentence_says_yes_or_no_only_without_a_condition() -> None:
    assert polarity("Leverandøren må ikke træne på data.", "da") == "no"
    assert polarity("En DPIA er obligatorisk før behandlingen.", "da") == "yes"
    # A condition answers "it depends": no verdict.
    assert polarity("Der skal annonceres, hvis der er grænseoverskridende interesse.", "da") is None
    assert polarity("Et hospital kan, hvis betingelserne er opfyldt, undlade CE.", "da") is None
    # "er" is in nearly every sentence: only the question's modal verb counts.
    assert polarity("Første bølge er almen praksis.", "da", "er") is None
    assert polarity("I må bruge data.", "da", "må") == "yes"


def test_a_difference_question_answers_both(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad er forskellen på en databehandleraftale og en samarbejdsaftale?")
    text = answer.text.lower()
    assert "art. 28" in text and "rettighederne" in text, answer.text
    assert answer.sources


def test_a_yes_no_question_opens_with_the_verdict(assistant: Assistant) -> None:
    answer = assistant.ask("Må leverandøren træne sin model på hospitalets data?")
    assert answer.text.startswith("Nej — leverandøren må ikke"), answer.text
    assert "databehandleraftalen" in answer.text
    research = assistant.ask(
        "Skal et retrospektivt forskningsprojekt på journaldata anmeldes "
        "til den videnskabsetiske komité?"
    )
    assert research.text.startswith("Nej —"), research.text
    assert "billeddata" in research.text
    # a journey step's sentence gives the verdict too, when its place is not shown
    step = assistant.ask("Skal medarbejderne informeres, før et højrisiko-AI tages i brug?")
    assert step.passages[0].startswith("action:"), step.passages
    assert step.text.startswith("Ja — ") and "informere medarbejderne" in step.text


def test_the_answering_sentence_comes_first(assistant: Assistant) -> None:
    fria = assistant.ask("Skal vi lave en FRIA for et klasse IIa-udstyr?")
    assert fria.text.startswith("FRIA-pligten gælder ikke"), fria.text
    dpia = assistant.ask(
        "Skal vi lave en DPIA for en AI-løsning, der behandler helbredsoplysninger i stor skala?"
    )
    assert "obligatorisk" in dpia.text.split(".")[0] and "litra b" in dpia.text


def test_no_verdict_where_the_answer_depends(assistant: Assistant) -> None:
    """The sentence holds a condition ("hvis …"): it comes first, with no Ja/Nej."""
    answer = assistant.ask("Skal vi annoncere et indkøb under tærskelværdien?")
    assert answer.text.startswith("Under tærskelværdien skal"), answer.text


def test_opi_and_section_22_are_told_apart(assistant: Assistant) -> None:
    answer = assistant.ask(
        "Skal vi i udbud, hvis vi laver et OPI-projekt sammen med en virksomhed?"
    )
    assert "bindende aftale om køb" in answer.text
    assert "forsknings- og udviklingstjenesteydelser" in answer.text


def test_the_tools_own_content_is_indexed() -> None:
    corpus = load_corpus()
    ids = {d.id for d in corpus.docs}
    assert "document:requirement-specification" in ids
    assert "monitoring:investigate" in ids
    assert "rule:gdpr:C2" in ids
    spec = corpus.doc("document:requirement-specification")
    assert spec is not None and "Tildelingskriterier" in spec.text["da"]
    rule = corpus.doc("rule:gdpr:C2")
    assert rule is not None and rule.sources[0].doc == "gdpr"
    assert "35(3)" in rule.sources[0].section


def test_what_a_requirement_specification_must_contain(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad skal en kravspecifikation mindst indeholde?")
    assert "mindstekrav" in answer.text and "tildelingskriterier" in answer.text, answer.text


def test_how_do_i_is_answered_by_the_step_its_roles_and_tools(assistant: Assistant) -> None:
    answer = assistant.ask("Hvordan laver jeg en business case for en AI-løsning til røntgen?")
    assert answer.passages[0] == "action:ny-ide:udarbejd-forventet-business-case", answer.text
    assert "Hvem deltager:" in answer.text and "Værktøjer i Vejviser:" in answer.text
    assert "Vestre Viken" not in answer.text
    # The verb is part of the task: "overvåger AI-produktet" is the monitoring step,
    # not "Skab produktet (AI-modellen)"; "AI" is in every other passage and does not count.
    monitor = assistant.ask("Hvordan overvåger vi AI-produktet i drift?")
    assert monitor.passages[0] == "action:faerdigt-produkt:overvaag-produktet", monitor.text
    # An everyday task our content does not know is not answered by a step.
    assert assistant.ask("Hvordan bager man rugbrød?").mode == "no-answer"


def test_how_do_i_with_everyday_words_around_the_task(assistant: Assistant) -> None:
    # No title says "skriver" or "god": the specific word "kravspecifikation" finds the step
    answer = assistant.ask(
        "Hvordan skriver jeg en god kravspecifikation til et AI-produkt til billeddiagnostik?"
    )
    assert answer.passages[0].endswith(":opstil-kravspecifikation"), answer.text
    assert "Hvem deltager:" in answer.text
    # "lav" (low) is no step's opening verb "Lav …"
    lav = assistant.ask("Hvordan skal jeg forstå lav og høj i business casens antagelser?")
    assert not lav.passages or not lav.passages[0].startswith("action:"), lav.text


def test_how_do_i_in_a_project_links_the_steps_tool(assistant: Assistant) -> None:
    from vejviser.assistant.core.project import ToolLink
    from vejviser.assistant.tests.test_project_answers import _state

    tools = {
        "business-case": ToolLink("/bc/", {"da": "Udarbejd forventet business case", "en": "x"})
    }
    answer = assistant.ask(
        "Hvordan laver vi en business case?", project=_state(assistant, tools=tools)
    )
    assert [link.url for link in answer.links] == ["/bc/"], answer.links
    assert "Udarbejd forventet business case" in answer.links[0].label


def test_what_to_monitor_names_the_metrics(assistant: Assistant) -> None:
    answer = assistant.ask("Hvad skal vi monitorere, når AI-løsningen er i drift?")
    assert "sensitivitet" in answer.text and "Dice" in answer.text, answer.text


def test_a_passage_that_only_mentions_the_second_thing_does_not_answer_both(
    assistant: Assistant,
) -> None:
    """The Dice passage names HD95 once ("det gør HD95"): both are explained, each
    from its own passage; the DPIA and the FRIA likewise."""
    dice = assistant.ask("Hvad er forskellen på Dice og HD95?")
    assert dice.passages[:2] == ["knowledge:metrik-dice", "knowledge:metrik-hd95"], dice.text
    assessments = assistant.ask("Hvad er forskellen på en DPIA og en FRIA?")
    assert "knowledge:ai-act-fria" in assessments.passages
    assert "art. 35" in assessments.text and "art. 27" in assessments.text, assessments.text


@pytest.mark.parametrize(
    ("question", "opener"),
    [
        ("Skal vi lave en DPIA?", "skal"),
        ("Vi er en offentlig afdeling. Skal vi lave en FRIA?", "skal"),
        ("prisen er under tærskelværdien så kan vi købe direkte?", "kan"),
        ("Vores software er klasse I. Er den så højrisiko?", "er"),
        ("Hvad er en DPIA? Skal vi lave en?", None),  # a question word asks that
        ("Hvordan laver vi en DPIA, så den holder?", None),
        ("Vi har en idé til et AI-værktøj.", None),
        # "hvis" (if) opens a condition, not a question
        ("Hvis værdien er under tærskelværdien, så kan vi købe direkte?", "kan"),
    ],
)
def test_yes_no_opener_after_context(question, opener):
    from vejviser.assistant.core.question import yes_no_clause
    from vejviser.assistant.core.text import words

    clause = yes_no_clause(question, {"skal", "kan", "er", "må"})
    assert (words(clause)[0] if clause is not None else None) == opener


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "Vores AI skal finde brud. Fejl kan give en operation. Hvilken MDR-klasse?",
            "Hvilken MDR-klasse?",
        ),
        ("vi har en idé. hvad gør vi nu", "hvad gør vi nu"),
        ("Er en AI, der forudsiger ventetider, medicinsk udstyr?", "Er en AI medicinsk udstyr?"),
        ("Hvad er en DPIA?", None),  # nothing to leave out
    ],
)
def test_asking_part_leaves_out_the_case(question, asked):
    from vejviser.assistant.core.question import asking_part

    assert asking_part(question) == asked


def test_a_case_described_first_does_not_hide_the_question(assistant: Assistant) -> None:
    # The case's words (astma, inhalator, dagbog) are nowhere in our content; the
    # question it ends with is.
    answer = assistant.ask(
        "Vores app skal give patienter med astma råd om inhalatoren ud fra symptomerne i "
        "dagbogen. Hvilken MDR-klasse?"
    )
    assert answer.mode == "offline" and "klasse" in answer.text, answer.text
    # … but a bare "Kan AI hjælpe?" after an everyday case is not enough
    other = assistant.ask("Min computer vil ikke starte. Kan AI hjælpe?")
    assert other.mode == "no-answer", other.text
