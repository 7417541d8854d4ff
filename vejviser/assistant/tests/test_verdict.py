"""Verdicts from the rule engine: facts read from the question, the same rules run, the
answer as a sentence first, then the rules' reasons, then only the assumptions that decide
it (or "it depends" on the one nobody can assume). One group per engine."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from ruamel.yaml import YAML

from vejviser.assessments import core as assessments
from vejviser.assistant.core import verdict
from vejviser.assistant.core.corpus import default_content_dir
from vejviser.assistant.core.followup import resolve
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

FRIA = "konsekvensanalyse for grundlæggende rettigheder (FRIA, art. 27)"


def test_no_fria_for_a_class_iia_device_at_a_public_hospital(verdicts):
    made = decide(
        verdicts, "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?"
    )
    assert made is not None and made.assessment == "ai-act"
    # the first sentence answers, as a sentence
    assert made.text.startswith(f"Nej – en {FRIA} kræves ikke. ")
    assert made.outputs == {"fria_required": False}
    assert facts(made) == {"mdr_class": "IIa", "public_body": True, "public_authority": True}
    # the same rules as the assessment page, on the same answers
    same = assessments.evaluate("ai-act", facts(made), ON)
    assert same["fria_required"] is False and same["tier"] == "high-risk"
    assert "A2" in made.fired  # the tier rule quoted as the reason
    assert "art. 6(1)" in made.text and "[1]" in made.text
    # the rule that would have required it, named by its title (its id only in the link)
    assert "«Konsekvensanalyse for grundlæggende rettigheder» [2]" in made.text
    assert "A9" not in made.text
    refs = " ".join(ref for _t, ref, _u in made.citations)
    assert "AI Act Art. 27" in refs and "AI Act Art. 6(1)" in refs
    assert made.citations[0][2] == "/assessments/ai-act/rules/#rule-A2"
    # only the pivotal assumption is said, with what the rules conclude otherwise
    assert made.pivotal == ["annex_iii_area"]
    assert made.text.splitlines()[-1] == (
        f"Antaget: bilag III-område: intet bilag III-område – ellers: en {FRIA} kræves."
    )
    # assumptions that cannot change the answer are kept for the API, not said
    assert made.assumed["role"] == "deployer" and "idriftsætter" not in made.text
    assert "Ud fra" not in made.text


@pytest.mark.parametrize(
    "question",
    [
        # context first, then the yes/no question as its own sentence
        "Vi er en offentlig røntgenafdeling med et CE-mærket AI-værktøj i klasse IIa. "
        "Skal vi lave en FRIA?",
        # context, then "så" and the question
        "Vores værktøj er udstyr i klasse IIa på et offentligt hospital, så skal vi lave en FRIA?",
    ],
)
def test_a_yes_no_question_after_a_sentence_of_context(verdicts, question):
    made = decide(verdicts, question)
    assert made is not None and made.outputs == {"fria_required": False}
    assert made.text.startswith(f"Nej – en {FRIA} kræves ikke. ")


def test_a_question_word_first_is_no_yes_no_question_whatever_follows(verdicts):
    # "Hvorfor …" asks why; its later clause "så skal vi …" does not make it yes/no
    made = decide(
        verdicts, "Hvorfor er vores klasse IIa-udstyr højrisiko, så skal vi lave en FRIA?"
    )
    assert made is None or not made.text.startswith(("Ja", "Nej"))


def test_fria_for_an_annex_iii_triage_system_at_a_public_hospital(verdicts):
    made = decide(verdicts, "Skal vi lave en FRIA for et triage-system på et offentligt hospital?")
    assert made is not None and made.text.startswith(f"Ja – en {FRIA} kræves. ")
    assert made.outputs == {"fria_required": True}
    assert "A9" in made.fired


def test_a_hospital_is_assumed_public_and_said_so(verdicts):
    made = decide(verdicts, "Skal vi lave en FRIA for et triage-system?")
    assert made is not None and made.outputs == {"fria_required": True}
    assert "public_body" not in facts(made) and made.assumed["public_body"] is True
    assert made.text.splitlines()[-1].startswith(
        "Antaget: I er et offentligt hospital eller en region (offentligretligt organ, art. 27(1))"
        f" – ellers: en {FRIA} kræves ikke."
    )


def test_no_fria_at_a_private_hospital(verdicts):
    made = decide(verdicts, "Skal et privathospital lave en FRIA for et triage-system?")
    assert made is not None and made.outputs == {"fria_required": False}
    assert facts(made)["public_body"] is False
    assert "offentligt hospital" not in made.text  # stated otherwise: nothing assumed


def test_tier_of_a_class_iia_device(verdicts):
    made = decide(verdicts, "Er vores klasse IIa-udstyr højrisiko efter AI-forordningen?")
    assert made is not None and made.id == "ai-act-tier"
    assert made.text.startswith("Ja – systemet er højrisiko efter AI-forordningen. ")


def test_the_fact_an_asker_most_likely_left_unsaid_is_said_first(verdicts):
    # A class I device is not high-risk through Art. 6(1); what it is used for (Annex
    # III) can still make it so, and that — not an Art. 5 practice — is said first.
    made = decide(verdicts, "Vores software er klasse I medicinsk udstyr. Er den så højrisiko?")
    assert made is not None and made.outputs == {"tier": "minimal"}
    assumed = made.text.splitlines()[-1]
    assert assumed.startswith("Antaget: bilag III-område: intet bilag III-område – ellers: "), (
        assumed
    )
    # an Art. 5 practice is never the open point of a clinical AI: it is `quiet`
    assert "forbudt praksis" not in made.text


def test_a_high_risk_tier_does_not_say_an_art_5_practice_was_assumed(verdicts):
    made = decide(verdicts, "Vi bruger AI til triage med profilering. Er det højrisiko?")
    assert made is not None and made.outputs == {"tier": "high-risk"}
    assert "forbudt praksis" not in made.text and "profilerer: ja" in made.text
    assert made.pivotal  # the prohibited practice still decides the tier; it is not said


def test_tier_of_a_biometric_system_is_high_risk(verdicts):
    made = decide(verdicts, "Er ansigtsgenkendelse ved indgangen højrisiko?")
    assert made is not None and made.outputs == {"tier": "high-risk"}
    assert made.text.startswith("Ja – ")


def test_a_question_asked_the_other_way_round_gets_no_yes_or_no(verdicts):
    made = decide(verdicts, "Skal vi i udbud, eller kan vi slippe uden med et OPI-samarbejde?")
    assert made is not None and made.outputs["eu_tender_required"] is False
    assert not made.text.startswith(("Ja", "Nej"))
    assert made.text.startswith(
        "I skal ikke i EU-udbud; samarbejdet falder uden for udbudsreglerne (OPI/F&U). "
    )


def test_english_question_english_verdict(verdicts):
    made = decide(verdicts, "Do we need a FRIA for a class IIa device in a public hospital?", "en")
    assert made is not None
    assert made.text.startswith(
        "No – a fundamental rights impact assessment (FRIA, Art. 27) is not required. "
    )
    assert made.text.splitlines()[-1].startswith("Assumed: Annex III area: no Annex III area")
    assert "otherwise: a fundamental rights impact assessment" in made.text


# -- GDPR: DPIA (Art. 35) -----------------------------------------------------------------

DPIA = "konsekvensanalyse (DPIA, GDPR art. 35)"


def test_dpia_required_for_health_data_at_scale(verdicts):
    made = decide(
        verdicts,
        "Skal vi lave en DPIA for en AI-løsning, der bruger patientdata "
        "fra alle patienter i regionen?",
    )
    assert made is not None and made.assessment == "gdpr"
    assert made.outputs == {"dpia": "required"}
    assert made.text.startswith(f"Ja – en {DPIA} kræves. ")
    assert {"sensitive_data", "large_scale", "vulnerable_subjects"} <= set(facts(made))
    assert "GDPR Art. 35(1)" in " ".join(ref for _t, ref, _u in made.citations)
    # the screening's criteria are the reason
    assert "4 af de ni kriterier" in made.text and "C0" in made.fired and "C4" in made.fired
    # health data stated: personal data with it, so nothing pivotal is assumed
    assert made.pivotal == [] and "Antaget" not in made.text


def test_a_hospital_ai_is_assumed_to_process_health_data_and_said_so(verdicts):
    made = decide(verdicts, "Skal vi lave en DPIA, før vi tager en AI-løsning i brug?")
    assert made is not None and made.outputs == {"dpia": "required"}
    assert made.assumed["sensitive_data"] is True and "sensitive_data" not in facts(made)
    assert made.text.startswith(f"Ja – en {DPIA} kræves. ")
    assert made.text.splitlines()[-1] == (
        "Antaget: løsningen behandler patienters helbredsoplysninger (følsomme oplysninger, "
        f"GDPR art. 9(1)) – ellers: en {DPIA} er ikke sikkert påkrævet: vurdér behovet, og "
        "dokumentér vurderingen."
    )
    english = decide(verdicts, "Do we need a DPIA before we deploy an AI solution?", "en")
    assert english is not None and english.outputs == {"dpia": "required"}
    assert "Assumed: the solution processes patients' health data" in english.text


def test_dpia_not_required_for_anonymised_data(verdicts):
    made = decide(verdicts, "Skal vi lave en DPIA, når vi kun bruger anonymiserede data?")
    assert made is not None and made.outputs == {"dpia": "not_required"}
    assert made.text.startswith(f"Nej – en {DPIA} kræves ikke. ")
    assert "helbredsoplysninger" not in made.text  # no personal data: nothing to assume


# -- MDR: class (Annex VIII Rule 11) ---------------------------------------------------------


def test_mdr_class_iii_when_a_wrong_diagnosis_can_kill(verdicts):
    made = decide(
        verdicts, "Hvilken klasse får en AI, der stiller diagnoser, hvor en fejl kan føre til død?"
    )
    assert made is not None and made.assessment == "mdr"
    assert made.outputs == {"class": "III"}
    assert made.depends is None  # the worst case is stated
    assert made.text.startswith("Softwaren er medicinsk udstyr i klasse III. ")  # no yes/no


def test_a_class_resting_on_the_worst_case_alone_depends_on_it(verdicts):
    made = decide(
        verdicts, "Hvilken klasse får et program, der hjælper lægen med at stille en diagnose?"
    )
    assert made is not None and made.outputs == {"class": "IIa"}
    assert made.depends == "worst_case" and made.assumed["worst_case"] == "other"
    assert made.text.startswith(
        "Det afhænger af værste følge af en forkert beslutning: død eller uoprettelig "
        "forværring af helbredet → klasse III; alvorlig forværring af helbredet eller et "
        "kirurgisk indgreb → klasse IIb; andet (mindre alvorligt) → klasse IIa. "
    )
    assert "(MDR Annex VIII Rule 11)" in made.text  # the article with the explanation
    # the domain assumption that decides whether it is a device at all, said as assumed
    assert "Antaget: softwaren analyserer data" in made.text
    english = decide(
        verdicts, "Which class does a program that helps the doctor make a diagnosis get?", "en"
    )
    assert english is not None and english.depends == "worst_case"
    assert english.text.startswith("It depends on worst consequence of a wrong decision: ")


def test_how_bad_a_wrong_decision_can_be_implies_a_medical_purpose(verdicts):
    made = decide(
        verdicts,
        "Vores AI skal advare om lungeemboli. Hvis den overser noget, kan patienten dø. "
        "Hvilken MDR-klasse?",
    )
    assert made is not None and made.outputs == {"class": "III"}
    assert made.text.startswith("Softwaren er medicinsk udstyr i klasse III.")


def test_mdr_not_a_device_without_a_medical_purpose(verdicts):
    made = decide(verdicts, "Er et administrativt planlægningsværktøj medicinsk udstyr?")
    assert made is not None and made.outputs == {"class": "none"}
    assert made.text.startswith("Nej – softwaren er ikke medicinsk udstyr. ")


# -- Procurement: EU tender ------------------------------------------------------------------


def test_tender_above_the_threshold(verdicts):
    made = decide(
        verdicts, "Skal vi i udbud med en AI-løsning til 3 mio. kr. på et offentligt hospital?"
    )
    assert made is not None and made.assessment == "procurement"
    assert made.outputs == {"eu_tender_required": True, "route": "eu_tender"}
    assert facts(made)["estimated_value_dkk"] == 3_000_000
    assert made.text.startswith("Ja – I skal i EU-udbud. ")
    assert "Udbudsloven § 30" in " ".join(ref for _t, ref, _u in made.citations)


def test_no_tender_below_the_threshold_and_the_threshold_named(verdicts):
    made = decide(verdicts, "Skal vi i udbud med en AI-løsning til 800.000 kr.?")
    assert made is not None and made.outputs["eu_tender_required"] is False
    assert made.text.startswith("Nej – I skal ikke i EU-udbud; værdien er under tærskelværdien.")
    assert "1.611.360" in made.text  # the threshold from the table, not from us
    assert "grænseoverskridende interesse" in made.text  # the rule's own reason
    # below every threshold: being a sub-central authority changes nothing, so unsaid
    assert made.assumed["authority"] == "sub_central" and "Antaget" not in made.text


def test_the_assumed_authority_is_said_where_it_decides(verdicts):
    made = decide(verdicts, "Skal vi i udbud med en AI-løsning til 1,2 mio. kr.?")
    assert made is not None and made.outputs["eu_tender_required"] is False
    assert made.pivotal == ["authority"]
    assert made.text.splitlines()[-1] == (
        "Antaget: I er en region eller et hospital (decentral ordregiver), der køber varer "
        "eller tjenesteydelser – ellers: I skal i EU-udbud."
    )


def test_a_processor_agreement_when_a_vendor_hosts_the_data(verdicts):
    made = decide(
        verdicts,
        "Skal vi have en databehandleraftale, når leverandøren hoster AI-løsningen i sin cloud?",
    )
    assert made is not None and made.assessment == "gdpr"
    assert made.outputs == {"processor_agreement_required": True}
    assert made.text.startswith("Ja – der skal være en skriftlig databehandleraftale")
    assert "C7" in made.fired
    anonymous = decide(
        verdicts,
        "Kræver det en databehandleraftale, hvis leverandøren kun får anonymiserede data i sin "
        "cloud?",
    )
    assert anonymous is not None
    assert anonymous.outputs == {"processor_agreement_required": False}
    # whether a vendor processes the data is not said: answered from the knowledge
    assert decide(verdicts, "Skal vi have en databehandleraftale med leverandøren?") is None


# -- Approvals: ethics committee or quality assurance (table D) ----------------------------


def test_a_quality_assurance_project_is_not_notified(verdicts):
    made = decide(
        verdicts,
        "Skal vores kvalitetssikringsprojekt om AI-modellens træfsikkerhed anmeldes til den "
        "videnskabsetiske komité?",
    )
    assert made is not None and made.assessment == "approvals"
    assert made.outputs == {"route": "no_notification"}
    assert made.text.startswith(
        "Nej – projektet skal ikke anmeldes til det videnskabsetiske komitésystem. "
        "Kvalitetssikringsprojekter skal ikke anmeldes"
    )
    assert "D4" in made.fired and "§ 42 d" in made.text
    # the same rules as the assessment page
    same = assessments.evaluate("approvals", facts(made), ON)
    assert same["route"] == "no_notification"


@pytest.mark.parametrize(
    ("question", "route"),
    [
        (
            "Skal et forskningsprojekt med blodprøver og AI anmeldes til komitéen?",
            "ethics_notification",
        ),
        ("Skal vi anmelde en klinisk afprøvning af vores AI-udstyr?", "clinical_investigation"),
        (
            "Skal et registerstudie med AI anmeldes til den videnskabsetiske komité?",
            "no_notification",
        ),
    ],
)
def test_approval_routes(verdicts, question, route):
    made = decide(verdicts, question)
    assert made is not None and made.outputs == {"route": route}
    assert made.text.startswith("Nej – " if route == "no_notification" else "Ja – ")


def test_a_negation_covers_the_items_joined_to_it(verdicts):
    # "uden blodprøver eller andet biologisk materiale" denies the biological material
    made = decide(
        verdicts,
        "Vi skal lave et registerstudie uden blodprøver eller andet biologisk materiale. "
        "Skal det anmeldes til den videnskabsetiske komité?",
    )
    assert made is not None and made.outputs == {"route": "no_notification"}, made.text
    assert made.text.startswith("Nej – ")
    english = decide(
        verdicts,
        "Must a register study without blood samples or other biological material be "
        "notified to the ethics committee?",
        lang="en",
    )
    assert english is not None and english.outputs == {"route": "no_notification"}
    # a fact after the list is stated again
    made = decide(
        verdicts,
        "Skal et projekt uden spørgeskemaer men med blodprøver anmeldes til komitéen?",
    )
    assert made is not None and made.outputs == {"route": "ethics_notification"}


def test_what_the_project_is_must_be_stated_for_an_approvals_verdict(verdicts):
    assert (
        decide(verdicts, "Skal vi anmelde vores AI-projekt til den videnskabsetiske komité?")
        is None
    )


def test_opi_is_outside_the_rules(verdicts):
    made = decide(verdicts, "Skal vi i udbud med et OPI-samarbejde uden købsaftale?")
    assert made is not None and made.outputs["route"] == "outside_procurement_rules"


VERDICT_QUESTIONS = [
    ("Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?", "da"),
    ("Skal vi lave en FRIA for et triage-system på et offentligt hospital?", "da"),
    ("Skal vi lave en DPIA, før vi tager en AI-løsning i brug?", "da"),
    ("Er ansigtsgenkendelse ved indgangen højrisiko?", "da"),
    ("Hvilken klasse får et program, der hjælper lægen med at stille en diagnose?", "da"),
    ("Skal vi i udbud med en AI-løsning til 800.000 kr.?", "da"),
    ("Skal vi i udbud, eller kan vi slippe uden med et OPI-samarbejde?", "da"),
    ("Do we need a FRIA for a class IIa device in a public hospital?", "en"),
    ("Do we need a DPIA before we deploy an AI solution?", "en"),
    ("Is our AI for triage high-risk?", "en"),
]


@pytest.mark.parametrize(("question", "lang"), VERDICT_QUESTIONS)
def test_a_verdict_is_short_by_construction(verdicts, question, lang):
    made = decide(verdicts, question, lang)
    assert made is not None
    assert len(made.text.split()) <= 125, made.text
    assert len(made.text.splitlines()) <= 2  # the answer with its reasons; the assumptions


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


def test_a_follow_up_that_changes_the_subject_carries_no_facts_over(verdicts):
    before = "Hvilken MDR-klasse har et værktøj, der hjælper med at diagnosticere?"
    assert decide(verdicts, before) is not None
    for question in ("og hvad med GDPR?", "og hvad med en DPIA?", "og udbud?"):
        found = resolve(question, before)
        assert found is not None and found.kind == "contrast"
        assert decide(verdicts, found.question) is None, found.question
    tier = "Er vores klasse IIa-udstyr højrisiko efter AI-forordningen?"
    found = resolve("og hvad med GDPR?", tier)
    assert found is not None and decide(verdicts, found.question) is None


def test_a_follow_up_on_the_same_subject_keeps_its_verdict(verdicts):
    before = "Skal vi lave en FRIA for et klasse IIa-udstyr på et offentligt hospital?"
    changed = resolve("hvad med klasse III?", before)  # states a fact: the new one wins
    assert changed is not None
    made = decide(verdicts, changed.question)
    assert made is not None and facts(made)["mdr_class"] == "III"
    why = resolve("hvorfor?", before)  # no topic of its own: the same verdict
    assert why is not None
    made = decide(verdicts, why.question)
    assert made is not None and made.outputs == {"fria_required": False}
    same = resolve("og hvad med AI-forordningen?", "Er vores klasse IIa-udstyr højrisiko?")
    assert same is not None and decide(verdicts, same.question) is not None


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
        (
            lambda d: d["verdicts"][0].update({"say_first": ["nope"]}),
            "'nope' is not a question of ai-act",
        ),
        (
            lambda d: d["verdicts"][0].update({"quiet": ["nope"]}),
            "'nope' is not a question of ai-act",
        ),
        (
            lambda d: d["verdicts"][3]["say"]["class"].update({"IV": {"da": "x", "en": "x"}}),
            "class: 'IV' is not a value",
        ),
        (
            lambda d: d["verdicts"][3]["open"].update({"worst_case": "bad"}),
            "worst_case: 'bad'",
        ),
        (
            lambda d: d["verdicts"][1]["assume"][0]["set"].update({"sensitive_data": "ja"}),
            "sensitive_data: 'ja'",
        ),
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


def test_a_fact_the_question_denies_is_not_stated(verdicts):
    # "… alvorlig forværring …, men ikke død": the question rules death out, so Rule 11
    # gives IIb, not III (a blind review found III before the negation was read).
    made = verdicts.decide(
        "AI'en foreslår diagnoser. Hvis den tager fejl, kan det i værste fald give alvorlig "
        "forværring af patientens helbred, men ikke død. Hvilken MDR-klasse?",
        "da",
    )
    assert made is not None and made.outputs["class"] == "IIb", made.text
    english = verdicts.decide(
        "The AI suggests diagnoses; a wrong one could cause serious deterioration but not "
        "death. Which MDR class?",
        "en",
    )
    assert english is not None and english.outputs["class"] == "IIb", english.text


def test_naming_the_regulation_does_not_ask_for_the_tier(verdicts):
    # "Ja – systemet er højrisiko" would not answer whether two conformity assessments
    # are needed: only words that ask for the tier get the tier's verdict.
    question = (
        "Skal vores klasse IIb-udstyr igennem to overensstemmelsesvurderinger, "
        "en efter MDR og en efter AI-forordningen?"
    )
    assert decide(verdicts, question) is None
    assert decide(verdicts, "Er vores klasse IIb-udstyr højrisiko efter AI-forordningen?")


def test_a_question_offering_alternatives_gets_the_conclusion_without_ja(verdicts):
    made = decide(
        verdicts,
        "Vi behandler helbredsoplysninger om patienter i stor skala. Skal vi så altid lave "
        "en DPIA, eller skal vi tælle kriterier?",
    )
    assert made is not None and made.outputs == {"dpia": "required"}
    assert not made.text.startswith(("Ja", "Nej")), made.text
    assert facts(made)["large_scale"] is True  # "i stor skala"


def test_surgery_in_the_patients_history_is_not_the_worst_case_of_a_wrong_decision(verdicts):
    # "efter en operation" describes the patient, not what a wrong decision leads to
    made = decide(
        verdicts,
        "Vores app til diagnose følger patienten hjemme efter en operation. Hvilken MDR-klasse?",
    )
    assert made is None or "worst_case" not in facts(made)
    worse = decide(
        verdicts,
        "Vores app til diagnose kan ved en fejl føre til en operation. Hvilken MDR-klasse?",
    )
    assert worse is not None and facts(worse)["worst_case"] == "serious_deterioration_or_surgery"


def test_pricing_insurance_or_evaluating_staff_is_profiling(verdicts):
    # Art. 6(3), last subparagraph: an Annex III system that profiles is always high-risk
    for question in (
        "Et forsikringsselskab vil prise sygeforsikringer med AI. Er det højrisiko?",
        "HR vil bruge AI til vurdering af medarbejdere. Er det højrisiko?",
    ):
        made = decide(verdicts, question)
        assert made is not None and made.outputs == {"tier": "high-risk"}, question
        assert facts(made)["profiling"] is True
        assert "ellers: systemet er ikke højrisiko" not in made.text


def test_camera_surveillance_of_public_areas_needs_a_dpia(verdicts):
    made = decide(
        verdicts,
        "Vi vil bruge AI på kameraovervågning af offentligt tilgængelige områder på "
        "hospitalet. Skal vi lave en DPIA?",
    )
    assert made is not None and made.outputs == {"dpia": "required"}
    assert facts(made)["art35_3_case"] is True and facts(made)["systematic_monitoring"] is True
