"""The AI system record's pure core: the record matches its published JSON Schema, maps
without loss onto the Algoritmeregister and ATRS fields (every leaf lands somewhere and
export → import gives the record back), and carries roles, never names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from vejviser.journey.content import read_folder
from vejviser.kernel.files import ContentErrors
from vejviser.portfolio.core import record as core

SCHEMA = json.loads((Path(settings.BASE_DIR) / core.SCHEMA_FILE).read_text(encoding="utf-8"))
MAPPINGS = core.parse(read_folder("portfolio"))
STANDARDS = sorted(MAPPINGS.standards)


def full_facts(**over: Any) -> core.RecordFacts:
    fields: dict[str, Any] = dict(
        id="vejviser-project-7",
        language="da",
        updated=date(2026, 12, 3),
        name="AI-indtegning af normalvæv ved strålebehandling",
        purpose="Indtegner risikoorganer på CT før strålebehandling.\nLægen retter og godkender.",
        organisation="Onkologisk afdeling R",
        organisation_path=(
            "Region Syddanmark",
            "Odense Universitetshospital",
            "Onkologisk afdeling R",
        ),
        in_operation=True,
        legal_basis=(
            core.LegalBasis("GDPR Art. 6(1)(e)", "Opgave i samfundets interesse"),
            core.LegalBasis("GDPR Art. 9(2)(h), 9(3)", "Diagnose, pleje og behandling"),
        ),
        ai_act_tier="high-risk",
        ai_act_label="højrisiko",
        mdr_class="IIb",
        mdr_label="klasse IIb",
        human_oversight="Dosimetristen retter hver kontur; lægen godkender planen.",
        data_description="CT-scanninger fra planlægningen; kun aggregater gemmes.",
        personal_data=True,
        sensitive_data=True,
        dpia="required",
        performance_headline="Gns. Dice, laveste struktur (Rectum) 0,82 (0,80–0,84), n = 40",
        performance_kind="segmentation",
        performance_n=40,
        performance_date=date(2026, 5, 2),
        metrics=(core.Metric("Dice (Rectum)", 0.82, 0.80, 0.84),),
        monitoring_status="red",
        open_alerts=1,
        in_operation_since=date(2026, 6, 1),
        next_revalidation=date(2027, 6, 1),
        contract_end=date(2029, 12, 31),
        contact_role="ledelse",
        contact_label="Ledelse",
        product="Kontur AI",
        vendor="Eksempel ApS",
        version="2.4",
        model_card_title="Modelkort",
        model_card_url="https://vejviser.example/projects/7/steps/3/documents/model-card/v2/",
        model_card_version=2,
        public_url="https://vejviser.example/records/abc/",
        json_url="https://vejviser.example/records/abc.json",
    )
    fields.update(over)
    return core.RecordFacts(**fields)


EMPTY = core.RecordFacts(
    id="vejviser-project-1", language="en", updated=date(2026, 1, 1), name="x", purpose=""
)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("facts", [full_facts(), EMPTY], ids=["full", "empty"])
def test_records_validate_against_the_published_schema(facts):
    jsonschema.Draft202012Validator(SCHEMA).validate(core.build_record(facts))


def test_the_schema_and_the_record_have_the_same_fields():
    record = core.build_record(full_facts())
    assert set(SCHEMA["properties"]) == set(record) == set(SCHEMA["required"])
    for key, value in record.items():
        if isinstance(value, dict):
            assert set(SCHEMA["properties"][key]["properties"]) == set(value), key


def test_a_record_with_a_name_field_or_extra_data_is_refused():
    record = core.build_record(full_facts())
    record["contact"]["name"] = "Alice Andersen"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(record)


def test_the_vendor_cannot_be_the_contact_role():
    record = core.build_record(full_facts(contact_role="virksomhed"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(record)


def test_status_follows_operation_and_retirement():
    assert core.status(False, False) == core.DEVELOPMENT
    assert core.status(True, False) == core.IN_USE
    assert core.status(True, True) == core.RETIRED


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_field_of_the_record_lands_in_the_standard(standard):
    assert core.coverage(MAPPINGS.standards[standard], core.build_record(full_facts())) == []


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_field_of_the_standard_is_filled_or_says_why_not(standard):
    s = MAPPINGS.standards[standard]
    filled = {e.target for e in s.entries}
    unfilled = {u.target for u in s.unfilled}
    assert filled | unfilled == {f.id for f in s.fields}


@pytest.mark.parametrize("standard", STANDARDS)
@pytest.mark.parametrize("facts", [full_facts(), EMPTY], ids=["full", "empty"])
def test_export_then_import_gives_the_record_back(standard, facts):
    s = MAPPINGS.standards[standard]
    record = core.build_record(facts)
    assert core.import_record(s, core.export(s, record)) == record


def test_the_algoritmeregister_fields_hold_what_its_standard_asks():
    s = MAPPINGS.standards["algoritmeregister"]
    doc = core.export(s, core.build_record(full_facts()))
    assert doc["name"] == "AI-indtegning af normalvæv ved strålebehandling"
    assert doc["status"] == "In gebruik"
    assert doc["publication_category"] == "Hoog-risico AI-systeem"
    assert doc["category"] == ["Zorg en gezondheid"]
    assert doc["begin_date"] == "2026-06"
    assert doc["standard_version"] == "1.0.0"
    assert doc["lawful_basis"].startswith("GDPR Art. 6(1)(e): Opgave i samfundets interesse")
    assert doc["human_intervention"].startswith("Dosimetristen retter")
    assert "Verantwoordelijke rol: Ledelse" in doc["human_intervention"]
    for f in s.fields:  # the standard's length limits
        if f.max_length and f.id in doc:
            assert len(str(doc[f.id])) <= f.max_length, f.id
    low = core.export(s, core.build_record(full_facts(ai_act_tier="minimal", in_operation=False)))
    assert low["publication_category"] == "Impactvolle algoritmes"
    assert low["status"] == "In ontwikkeling"


def test_the_short_description_is_cut_at_350_characters():
    s = MAPPINGS.standards["algoritmeregister"]
    doc = core.export(s, core.build_record(full_facts(purpose="ord " * 400)))
    assert len(doc["description_short"]) == 350 and doc["description_short"].endswith("…")
    assert core.import_record(s, doc)["purpose"] == ("ord " * 400).strip()


def test_the_atrs_fields_name_a_role_as_senior_responsible_owner():
    s = MAPPINGS.standards["atrs"]
    doc = core.export(s, core.build_record(full_facts()))
    assert doc["tier_1.name"].startswith("AI-indtegning")
    assert doc["metadata.phase"] == "Production"
    assert doc["tier_2.owner.senior_responsible_owner"].startswith("Ledelse")
    assert doc["tier_2.owner.team"] == (
        "Region Syddanmark › Odense Universitetshospital › Onkologisk afdeling R"
    )
    assert "Next re-validation: 2027-06-01" in doc["tier_2.tool.maintenance"]


def test_find_names_finds_a_person_anywhere_in_the_record():
    record = core.build_record(full_facts(human_oversight="Alice Andersen godkender."))
    assert core.find_names(record, ["Alice Andersen", "bo"]) == ["human_oversight"]
    assert core.find_names(core.build_record(full_facts()), ["Alice Andersen", "alice"]) == []


def test_a_mapping_to_a_field_the_standard_does_not_have_is_refused():
    docs = read_folder("portfolio")
    broken = dict(docs["atrs.yaml"])
    broken["entries"] = [*broken["entries"], {"canonical": "name", "target": "tier_9.nothing"}]
    with pytest.raises(ContentErrors, match=r"tier_9\.nothing"):
        core.parse({**docs, "atrs.yaml": broken})


def test_a_value_map_must_be_one_to_one():
    docs = read_folder("portfolio")
    broken = dict(docs["algoritmeregister.yaml"])
    entries = [dict(e) for e in broken["entries"]]
    for e in entries:
        if e.get("target") == "status" and e.get("how", "value") == "value":
            e["values"] = {"development": "In gebruik", "in-use": "In gebruik", "retired": "x"}
    broken["entries"] = entries
    with pytest.raises(ContentErrors, match="one-to-one"):
        core.parse({**docs, "algoritmeregister.yaml": broken})


_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"
    ),
    max_size=60,
).map(str.strip)
_date = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
_num = st.floats(allow_nan=False, allow_infinity=False, width=32)


@st.composite
def _facts(draw):
    return full_facts(
        name=draw(_text.filter(bool)),
        purpose="\n".join(draw(st.lists(_text, max_size=3))).strip(),
        organisation_path=tuple(
            draw(st.lists(_text.filter(lambda t: t and "›" not in t), max_size=3))
        ),
        in_operation=draw(st.booleans()),
        legal_basis=tuple(
            core.LegalBasis(ref, text)
            for ref, text in draw(
                st.lists(st.tuples(_text.filter(lambda t: t and ": " not in t), _text), max_size=3)
            )
        ),
        ai_act_tier=draw(
            st.sampled_from([None, "prohibited", "high-risk", "not-high-risk", "minimal"])
        ),
        ai_act_label=draw(_text),
        mdr_class=draw(st.sampled_from([None, "none", "I", "IIa", "IIb", "III"])),
        human_oversight=draw(_text),
        personal_data=draw(st.sampled_from([None, True, False])),
        dpia=draw(st.sampled_from([None, "required", "assess_and_document", "not_required"])),
        performance_headline=draw(_text),
        performance_n=draw(st.none() | st.integers(0, 10**6)),
        metrics=tuple(
            core.Metric(n, v, lo, hi)
            for n, v, lo, hi in draw(
                st.lists(
                    st.tuples(_text.filter(bool), _num, st.none() | _num, st.none() | _num),
                    max_size=2,
                )
            )
        ),
        monitoring_status=draw(st.sampled_from([None, "green", "amber", "red"])),
        open_alerts=draw(st.integers(0, 50)),
        next_revalidation=draw(st.none() | _date),
        contract_end=draw(st.none() | _date),
        version=draw(_text),
        model_card_url=draw(st.none() | _text),
        model_card_version=draw(st.none() | st.integers(1, 99)),
        public_url=draw(st.none() | _text.filter(bool)),
    )


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facts=_facts(), standard=st.sampled_from(STANDARDS))
def test_any_record_survives_the_round_trip_through_either_standard(facts, standard):
    s = MAPPINGS.standards[standard]
    record = core.build_record(facts)
    assert core.coverage(s, record) == []
    assert core.import_record(s, core.export(s, record)) == record
