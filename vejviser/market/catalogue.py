"""The product catalogue's fields, their check, and JSON import/export with the Health AI
Register's field names (the mapping is documented in ``docs/market.md``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    id: str
    label: Promise
    kind: str  # text, textarea, choice, multi
    register: str  # the Health AI Register's name for the field
    choices: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("vendor", _("Vendor"), "text", "company"),
    Field("product", _("Product"), "text", "product_name"),
    Field("version", _("Version"), "text", "version"),
    Field("intended_use", _("Intended use"), "textarea", "intended_use"),
    Field("intended_users", _("Intended users"), "text", "users"),
    Field("patient_population", _("Patient population"), "text", "population"),
    Field("modality", _("Modality"), "text", "modality"),
    Field("inputs", _("Inputs"), "text", "input"),
    Field("outputs", _("Outputs"), "text", "output"),
    Field(
        "ce_class",
        _("CE class"),
        "choice",
        "ce_class",
        ("none", "I", "IIa", "IIb", "III", "A", "B", "C", "D"),
    ),
    Field("regulation", _("MDR/IVDR"), "choice", "ce_regulation", ("MDR", "IVDR", "MDD")),
    Field("notified_body", _("Notified body"), "text", "notified_body"),
    Field("certificate_number", _("Certificate number"), "text", "certificate"),
    Field("fda_status", _("FDA status"), "text", "fda"),
    Field(
        "ai_act_status",
        _("AI Act status"),
        "choice",
        "ai_act",
        ("high-risk", "not-high-risk", "minimal", "unknown"),
    ),
    Field("integration", _("Integration"), "multi", "integration", ("DICOM", "HL7", "FHIR")),
    Field("deployment", _("Deployment"), "multi", "deployment", ("cloud", "on-premises")),
    Field("pricing_model", _("Pricing model"), "text", "pricing_model"),
)
BY_ID = {f.id: f for f in FIELDS}
BY_REGISTER = {f.register: f for f in FIELDS}
EVIDENCE_SOURCES: dict[str, Promise] = {
    "vendor-claim": _("Vendor claim"),
    "peer-reviewed": _("Peer-reviewed"),
    "local-validation": _("Local validation"),
}
#: Fryback & Thornbury's six levels of diagnostic efficacy.
EVIDENCE_LEVELS: dict[int, Promise] = {
    1: _("1 Technical efficacy"),
    2: _("2 Diagnostic accuracy"),
    3: _("3 Diagnostic thinking"),
    4: _("4 Therapeutic efficacy"),
    5: _("5 Patient outcome"),
    6: _("6 Societal efficacy"),
}
FORMAT = "vejviser-catalogue/1"


class CatalogueError(ValueError):
    """Problems with imported or typed product data: (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))


def clean_value(field: Field, value: Any) -> Any:
    """A field's value checked against its kind (raises ``ValueError`` with a message)."""
    if field.kind == "multi":
        items = value if isinstance(value, list) else [v for v in str(value or "").split(",")]
        items = [str(v).strip() for v in items if str(v).strip()]
        bad = [v for v in items if v not in field.choices]
        if bad:
            raise ValueError(
                str(_("Unknown value %(v)s; allowed: %(ok)s"))
                % {"v": bad[0], "ok": ", ".join(field.choices)}
            )
        return items
    text = str(value or "").strip()
    if field.kind == "choice" and text and text not in field.choices:
        raise ValueError(
            str(_("Unknown value %(v)s; allowed: %(ok)s"))
            % {"v": text, "ok": ", ".join(field.choices)}
        )
    return text[:2000]


def clean_evidence(raw: Any, where: str) -> list[dict[str, Any]]:
    problems: list[tuple[str, str]] = []
    out: list[dict[str, Any]] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        level, source = item.get("level"), item.get("source")
        if level not in EVIDENCE_LEVELS:
            problems.append((f"{where}[{i}].level", str(_("The level must be 1 to 6."))))
        if source not in EVIDENCE_SOURCES:
            problems.append(
                (
                    f"{where}[{i}].source",
                    str(_("Unknown value %(v)s; allowed: %(ok)s"))
                    % {"v": source, "ok": ", ".join(EVIDENCE_SOURCES)},
                )
            )
        out.append(
            {"level": level, "source": source, "reference": str(item.get("reference", ""))[:500]}
        )
    if problems:
        raise CatalogueError(problems)
    return out


def from_register(record: Any, where: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One imported product (Health AI Register names) as (fields, evidence)."""
    if not isinstance(record, dict):
        raise CatalogueError([(where, str(_("Expected an object.")))])
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("evidence", "provenance", "example", "validated_locally"):
            continue
        field = BY_REGISTER.get(key)
        if field is None:
            problems.append((f"{where}.{key}", str(_("Unknown field."))))
            continue
        try:
            values[field.id] = clean_value(field, value)
        except ValueError as exc:
            problems.append((f"{where}.{key}", str(exc)))
    for key in ("company", "product_name"):
        if not str(record.get(key) or "").strip():
            problems.append((f"{where}.{key}", str(_("This field is required."))))
    evidence: list[dict[str, Any]] = []
    try:
        evidence = clean_evidence(record.get("evidence", []), f"{where}.evidence")
    except CatalogueError as exc:
        problems += exc.problems
    if problems:
        raise CatalogueError(problems)
    return values, evidence


def to_register(
    data: dict[str, Any],
    provenance: dict[str, Any],
    *,
    example: bool,
    validated: list[dict[str, Any]],
) -> dict[str, Any]:
    """A product in the Health AI Register's names, with its provenance per field."""
    out: dict[str, Any] = {f.register: data.get(f.id) for f in FIELDS if data.get(f.id)}
    out["evidence"] = data.get("evidence", [])
    out["provenance"] = {(BY_ID[k].register if k in BY_ID else k): v for k, v in provenance.items()}
    out["example"] = example
    out["validated_locally"] = validated
    return out
