"""A lawyer's mistake in a content file is reported with file and line, never loaded."""

from __future__ import annotations

import re

import pytest

from vejviser.assessments import core
from vejviser.assessments.core.loader import load_registry
from vejviser.assessments.tests.helpers import copy_content, edit


def errors_of(content):
    with pytest.raises(core.ContentErrors) as exc:
        load_registry(content)
    return [str(e) for e in exc.value.errors]


def test_the_shipped_content_is_valid():
    registry = core.registry()
    assert set(registry.assessments) == {"ai-act", "mdr", "gdpr", "approvals", "procurement"}


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        pytest.param(
            "approvals.yaml",
            "when: intervention_on_humans or biological_material",
            "when: intervention_on_humans or biologcal_material",
            "groups.0.rules.1.when: name 'biologcal_material' is not known here",
            id="unknown-name",
        ),
        pytest.param(
            "mdr.yaml",
            'when: is_device and informs_decisions and worst_case == "other"',
            'when: is_device and informs_decisions and worst_case == "others"',
            "'others' is not a choice of 'worst_case'",
            id="choice-typo",
        ),
        pytest.param(
            "approvals.yaml",
            "when: quality_assurance_project\n",
            "when: quality_assurance_project and\n",
            "groups.0.rules.3.when: unexpected 'end of expression'",
            id="expression-syntax",
        ),
        pytest.param(
            "approvals.yaml",
            "authorities: [lmst, vmk]}",
            "authorities: [lmst, vmk2]}",
            "not defined under 'terms': vmk2",
            id="unknown-term",
        ),
        pytest.param(
            "approvals.yaml",
            "er det almindelig brug af et CE-mærket produkt, skal det ikke anmeldes.",
            "er det {almindelig_brug}.",
            "unknown name {almindelig_brug} in template",
            id="template-placeholder",
        ),
        pytest.param(
            "ai-act.yaml",
            "when: prohibited_practice\n",
            "when: prohibited_practice or transparency_duties\n",
            "name 'transparency_duties' is not known here",
            id="output-read-before-it-is-computed",
        ),
        pytest.param(
            "gdpr.yaml",
            "visible_if: personal_data and automated_decision and solely_automated and "
            "sensitive_data,",
            "visible_if: personal_data and art22_safeguards,",
            "name 'art22_safeguards' is not known here",
            id="question-depends-on-a-later-question",
        ),
        pytest.param(
            "mdr.yaml",
            "  - {key: device, type: bool,",
            "  - {key: is_device, type: bool,",
            "output 'is_device' has the same name as a definition",
            id="name-clash",
        ),
        pytest.param(
            "ai-act.yaml",
            "    dates: {original: 2027-08-02, omnibus: 2028-08-02}",
            "    dates: {original: 2027-08-02, omnibus: 2028-08-02, omnibuss: 2028-09-01}",
            "unknown regime 'omnibuss'",
            id="unknown-regime",
        ),
        pytest.param(
            "ai-act.yaml",
            "        valid_from: 2024-08-01\n        review_by: 2027-08-01\n        explain:\n"
            '          da: "Systemet bruger',
            "        valid_from: 2024-08-01\n        review_by: next year\n        explain:\n"
            '          da: "Systemet bruger',
            "groups.0.rules.0.review_by: Input should be a valid date",
            id="bad-date",
        ),
    ],
)
def test_error_names_file_and_line(tmp_path, file, old, new, message):
    content = copy_content(tmp_path, only=file.removesuffix(".yaml"))
    line = edit(content / file, old, new)
    errors = errors_of(content)
    matching = [e for e in errors if message in e]
    assert matching, errors
    where = re.match(r"(content/assessments/[\w.-]+):(\d+): ", matching[0])
    assert where, matching[0]
    assert where.group(1).endswith(file)
    # the error points at the edited line, or at the line of its rule/question/output key
    assert abs(int(where.group(2)) - line) <= 3, (line, matching[0])


def test_missing_field_points_at_the_rule(tmp_path):
    content = copy_content(tmp_path, only="approvals")
    rule_line = (content / "approvals.yaml").read_text().splitlines().index("      - id: D1") + 1
    edit(
        content / "approvals.yaml",
        '        references: ["MDR Art. 62–80", "MDR Art. 82", "Komitéloven"]\n',
        "",
    )
    assert errors_of(content) == [
        f"content/assessments/approvals.yaml:{rule_line}: groups.0.rules.0.references: "
        "Field required"
    ]


def test_yaml_syntax_error_has_a_line(tmp_path):
    content = copy_content(tmp_path, only="gdpr")
    edit(content / "gdpr.yaml", "    default: other\n", "    default: [other\n")
    (error,) = errors_of(content)
    assert re.match(r"content/assessments/gdpr\.yaml:\d+: YAML", error), error


def test_a_gap_in_the_threshold_table_is_found(tmp_path):
    content = copy_content(tmp_path, only="procurement")
    edit(
        content / "procurement-thresholds.yaml",
        "      - {authority: central, contract_type: supplies_services, eur: 140_000, "
        "dkk: 1_044_400}\n",
        "",
    )
    (error,) = errors_of(content)
    assert error.startswith("content/assessments/procurement.yaml:")
    assert "0 rows for {'authority': 'central', 'contract_type': 'supplies_services'}" in error


def test_all_errors_are_reported_at_once(tmp_path):
    content = copy_content(tmp_path, only="mdr, gdpr")
    edit(content / "mdr.yaml", 'worst_case == "other"', 'worst_case == "others"')
    edit(content / "gdpr.yaml", "set: {dpia: assess_and_document}", "set: {dpia: maybe}")
    errors = errors_of(content)
    assert any("mdr.yaml" in e for e in errors) and any("gdpr.yaml" in e for e in errors)
    assert any("'maybe' is not a choice of 'dpia'" in e for e in errors)
