"""Verdicts from the rule engine: facts read from the question, the same rules run, the
answer verdict first, with the assumed facts named. One group per engine."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from ruamel.yaml import YAML

from vejviser.assessments import core as assessments
from vejviser.assistant.core import verdict
from vejviser.assistant.core.corpus import default_content_dir
from vejviser.assistant.core.verdict import parse
from vejviser.kernel.files import ContentErrors

ON = dt.date(2026, 12, 3)
URL = "/assessments/{assessment}/rules/"
REPO_CONTENT = default_content_dir()


@pytest.fixture(scope="module")
def verdicts() -> verdict.Verdicts:
    return verdict.load()


def decide(verdicts, question, lang="da"):
    return verdicts.decide(question, lang, on_date=ON, rules_url=URL)


def facts(made):
    return {s.key: s.value for s in made.stated}


# -- AI Act: FRIA (Art. 27) and the risk tier ---------------------------------------------


def test_no_fria_for_a_class_iia_device_at_a_public_hospital(verdicts):
    made = decide(
        verdicts, "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?"
    )
    assert made is not None and made.assessment == "ai-act"
    assert made.text.startswith("Nej – ")
    assert made.outputs == {"fria_required": False}
    assert facts(made) == {"mdr_class": "IIa", "public_body": True, "public_authority": True}
    # the same rules as the assessment page, on the same answers
    same = assessments.evaluate("ai-act", facts(made), ON)
    assert same["fria_required"] is False and same["tier"] == "high-risk"
    assert "A2" in made.fired  # the tier rule quoted for context
    assert "art. 6(1)" in made.text
    assert "A9" in made.text  # the rule that would have required it, named
    refs = " ".join(ref for _t, ref, _u in made.citations)
    assert "AI Act Art. 27" in refs and "AI Act Art. 6(1)" in refs
    assert made.citations[0][2] == "/assessments/ai-act/rules/#rule-A2"
    # the facts the question did not state, named as assumed
    assert "Antaget" in made.text and made.assumed["role"] == "deployer"
    assert "idriftsætter" in made.text


def test_fria_for_an_annex_iii_triage_system_at_a_public_hospital(verdicts):
    made = decide(verdicts, "Skal vi lave en FRIA for et triage-system på et offentligt hospital?")
    assert made is not None and made.text.startswith("Ja – ")
    assert made.outputs == {"fria_required": True}
    assert "A9" in made.fired and "A3" in made.fired


def test_no_fria_at_a_private_hospital(verdicts):
    made = decide(verdicts, "Skal et privathospital lave en FRIA for et triage-system?")
    assert made is not None and made.outputs == {"fria_required": False}
    assert facts(made)["public_body"] is False


def test_tier_of_a_class_iia_device(verdicts):
    made = decide(verdicts, "Er vores klasse IIa-udstyr højrisiko efter AI-forordningen?")
    assert made is not None and made.id == "ai-act-tier"
    assert made.text.startswith("Ja – risikoniveau: højrisiko.")


def test_tier_of_a_biometric_system_is_high_risk(verdicts):
    made = decide(verdicts, "Er ansigtsgenkendelse ved indgangen højrisiko?")
    assert made is not None and made.outputs == {"tier": "high-risk"}
    assert made.text.startswith("Ja – ")


def test_a_question_asked_the_other_way_round_gets_no_yes_or_no(verdicts):
    made = decide(verdicts, "Skal vi i udbud, eller kan vi slippe uden med et OPI-samarbejde?")
    assert made is not None and made.outputs["eu_tender_required"] is False
    assert not made.text.startswith(("Ja", "Nej"))
    assert made.text.startswith("EU-udbud påkrævet: nej.")


def test_english_question_english_verdict(verdicts):
    made = decide(verdicts, "Do we need a FRIA for a class IIa device in a public hospital?", "en")
    assert made is not None and made.text.startswith("No – ")
    assert "Assumed" in made.text and "Vejviser's rules" in made.text


# -- GDPR: DPIA (Art. 35) -----------------------------------------------------------------


def test_dpia_required_for_health_data_at_scale(verdicts):
    made = decide(
        verdicts,
        "Skal vi lave en DPIA for en AI-løsning, der bruger patientdata "
        "fra alle patienter i regionen?",
    )
    assert made is not None and made.assessment == "gdpr"
    assert made.outputs == {"dpia": "required"}
    assert made.text.startswith("Ja – konsekvensanalyse (DPIA): påkrævet.")
    assert {"sensitive_data", "large_scale", "vulnerable_subjects"} <= set(facts(made))
    assert "GDPR Art. 35(1)" in " ".join(ref for _t, ref, _u in made.citations)


def test_dpia_not_required_for_anonymised_data(verdicts):
    made = decide(verdicts, "Skal vi lave en DPIA, når vi kun bruger anonymiserede data?")
    assert made is not None and made.outputs == {"dpia": "not_required"}
    assert made.text.startswith("Nej – ")


# -- MDR: class (Annex VIII Rule 11) ---------------------------------------------------------


def test_mdr_class_iii_when_a_wrong_diagnosis_can_kill(verdicts):
    made = decide(
        verdicts, "Hvilken klasse får en AI, der stiller diagnoser, hvor en fejl kan føre til død?"
    )
    assert made is not None and made.assessment == "mdr"
    assert made.outputs == {"class": "III"}
    assert not made.text.startswith(("Ja", "Nej"))  # a "which" question: no yes/no
    assert "klasse III" in made.text


def test_mdr_class_iia_by_default_with_the_assumption_named(verdicts):
    made = decide(verdicts, "Hvilken MDR-klasse har et værktøj, der hjælper med at diagnosticere?")
    assert made is not None and made.outputs == {"class": "IIa"}
    assert made.assumed.get("worst_case") == "other"
    assert "andet (mindre alvorligt)" in made.text


def test_the_other_classes_of_an_assumed_worst_case_are_named_by_the_same_rules(verdicts):
    made = decide(
        verdicts, "Hvilken klasse får et program, der hjælper lægen med at stille en diagnose?"
    )
    assert made is not None and made.outputs == {"class": "IIa"}
    last_line = made.text.splitlines()[-1]
    assert "Med et andet svar:" in last_line
    assert "død eller uoprettelig forværring af helbredet → Risikoklasse: klasse III" in last_line
    assert "→ Risikoklasse: klasse IIb" in last_line
    assert "(MDR Annex VIII Rule 11)" in made.text  # the article with the explanation


def test_mdr_not_a_device_without_a_medical_purpose(verdicts):
    made = decide(verdicts, "Er et administrativt planlægningsværktøj medicinsk udstyr?")
    assert made is not None and made.outputs == {"class": "none"}
    assert made.text.startswith("Nej – ")


# -- Procurement: EU tender ------------------------------------------------------------------


def test_tender_above_the_threshold(verdicts):
    made = decide(
        verdicts, "Skal vi i udbud med en AI-løsning til 3 mio. kr. på et offentligt hospital?"
    )
    assert made is not None and made.assessment == "procurement"
    assert made.outputs == {"eu_tender_required": True, "route": "eu_tender"}
    assert facts(made)["estimated_value_dkk"] == 3_000_000
    assert made.text.startswith("Ja – ")
    assert "Udbudsloven § 30" in " ".join(ref for _t, ref, _u in made.citations)


def test_no_tender_below_the_threshold_and_the_threshold_named(verdicts):
    made = decide(verdicts, "Skal vi i udbud med en AI-løsning til 800.000 kr.?")
    assert made is not None and made.outputs["eu_tender_required"] is False
    assert "1.611.360" in made.text  # the threshold from the table, not from us
    assert "decentral ordregiver" in made.text  # assumed, and said
    # the duty to advertise below the threshold with a clear cross-border interest
    assert (
        "grænseoverskridende interesse: ja → Indkøbsvej: annoncering under tærskelværdien"
        in made.text
    )


def test_opi_is_outside_the_rules(verdicts):
    made = decide(verdicts, "Skal vi i udbud med et OPI-samarbejde uden købsaftale?")
    assert made is not None and made.outputs["route"] == "outside_procurement_rules"


# -- no verdict -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Hvad er en FRIA?",  # asks what, states no fact
        "Hvornår skal vi lave en DPIA?",  # asks when, not whether
        "Skal vi lave en DPIA?",  # states no fact
        "Skal vi i udbud?",  # no value: the engine cannot decide
        "Hvad koster en pizza i Odense?",
        "Hvem skal godkende kravspecifikationen?",
        # what the system is decides the FRIA and the tier: not stated, no verdict
        "Skal regionen lave en FRIA, før vi tager et AI-system i brug?",
        "Er en chatbot til booking højrisiko?",
        "Kan vi indgå et OPI-samarbejde uden at skulle i udbud?",  # "kan": what is allowed
    ],
)
def test_questions_the_engine_does_not_decide(verdicts, question):
    assert decide(verdicts, question) is None


def test_the_last_stated_fact_wins_so_a_follow_up_overrides(verdicts):
    made = decide(
        verdicts,
        "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital? – triage",
    )
    assert made is not None and made.outputs == {"fria_required": True}


# -- the file is checked against the assessments --------------------------------------------


def _data():
    path = REPO_CONTENT / "assessments" / verdict.FACTS_FILE
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def test_the_shipped_file_fits_the_assessments():
    data = _data()
    parse(data, assessments.registry())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["facts"][0]["set"].update({"mdr_class": "IV"}), "mdr_class: 'IV'"),
        (
            lambda d: d["facts"][0]["set"].update({"no_such_question": True}),
            "'no_such_question' is not a question",
        ),
        (
            lambda d: d["verdicts"][0].update({"outputs": ["nope"]}),
            "'nope' is not an output of ai-act",
        ),
        (lambda d: d["verdicts"][0].update({"assessment": "nope"}), "unknown assessment 'nope'"),
    ],
)
def test_a_fact_the_assessments_do_not_have_is_a_load_error_with_file_and_line(edit, message):
    data = _data()
    edit(data)
    with pytest.raises(ContentErrors) as caught:
        parse(data, assessments.registry())
    text = " ".join(str(e) for e in caught.value.errors)
    assert message in text
    assert "content/assessments/assistant-facts.yaml:" in text  # with a line number


def test_lazy_verdicts_read_the_assessments_on_first_need_and_survive_the_index_file():
    lazy = verdict.load(lazy=True)
    assert callable(lazy._registry)  # nothing of the assessments read yet
    kept = pickle.loads(pickle.dumps(lazy))  # noqa: S301 - our own object, as in the index file
    made = kept.decide(
        "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?", "da", on_date=ON
    )
    assert made is not None and made.outputs == {"fria_required": False}
    assert not callable(kept._registry)  # read and checked once
