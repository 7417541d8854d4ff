"""The AI system record: one canonical record per deployment (project), and its mapping
onto public registers' standards (the Dutch Algoritmeregister, the UK ATRS).

Pure: no Django. The Django side (``vejviser.portfolio.record``) gathers the facts
(:class:`RecordFacts`) from the project, its assessments, validation, monitoring and
documents; :func:`build_record` makes the record (plain JSON data, the shape of
``docs/schemas/ai-system-record.schema.json``). People appear only as roles: the record
has no field for a person, and :func:`find_names` checks a record for given names.

A mapping (``content/portfolio/*.yaml``, parsed by :func:`parse`) says for every field of
the record where it lands in a standard's fields. :func:`export` writes the record in the
standard's fields; :func:`import_record` reads it back. The mapping is *lossless* when
every leaf of the record has an entry (:func:`coverage`) and ``import_record(export(r))``
gives ``r`` back — both are tested. Fields the standard has that the record does not
fill are listed in the mapping too (``unfilled``), with the reason.

Encodings (how a value sits in a standard's field):

- ``value``: the field holds the value (optionally through a one-to-one ``values`` map);
- ``join``: a list of strings joined with ``sep``;
- ``pairs``: a list of objects as one line each, ``<first key>: <second key>``;
- ``line``: a labelled line ``<label>: <value>`` after the field's text (several fields
  of the record can share one field of the standard this way);
- ``derived``: written for the standard's reader, never read back (a short description
  cut from the purpose, a category from the risk tier, a constant).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import SourceRef

SCHEMA_VERSION = "1.0"
#: Where the record's JSON Schema is committed (and served at ``/portfolio/schemas/…``).
SCHEMA_FILE = "docs/schemas/ai-system-record.schema.json"

#: A deployment's status, as the registers know it.
DEVELOPMENT, IN_USE, RETIRED = "development", "in-use", "retired"
STATUSES = (DEVELOPMENT, IN_USE, RETIRED)


# -- the facts and the record ----------------------------------------------------------


@dataclass(frozen=True)
class Metric:
    name: str
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class LegalBasis:
    reference: str  # "GDPR Art. 6(1)(e)"
    text: str


@dataclass(frozen=True)
class RecordFacts:
    """What the Django side gathers for one project (plain values, in one language)."""

    id: str
    language: str
    updated: date
    name: str
    purpose: str
    organisation: str = ""
    organisation_path: Sequence[str] = ()
    in_operation: bool = False
    retired: bool = False
    legal_basis: Sequence[LegalBasis] = ()
    ai_act_tier: str | None = None
    ai_act_label: str = ""
    mdr_class: str | None = None
    mdr_label: str = ""
    human_oversight: str = ""
    data_description: str = ""
    personal_data: bool | None = None
    sensitive_data: bool | None = None
    dpia: str | None = None
    performance_headline: str = ""
    performance_kind: str | None = None
    performance_n: int | None = None
    performance_date: date | None = None
    metrics: Sequence[Metric] = ()
    monitoring_status: str | None = None
    open_alerts: int = 0
    in_operation_since: date | None = None
    next_revalidation: date | None = None
    contract_end: date | None = None
    contact_role: str = ""
    contact_label: str = ""
    product: str = ""
    vendor: str = ""
    version: str = ""
    model_card_title: str = ""
    model_card_url: str | None = None
    model_card_version: int | None = None
    public_url: str | None = None
    json_url: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def status(in_operation: bool, retired: bool) -> str:
    """Retired wins; in use once the product is in operation; otherwise in development."""
    return RETIRED if retired else IN_USE if in_operation else DEVELOPMENT


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _clean(text: str) -> str:
    """Stripped, with Windows line ends made plain (the registers take plain text)."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def build_record(f: RecordFacts) -> dict[str, Any]:
    """The canonical record (JSON data) from the facts."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": f.id,
        "language": f.language,
        "updated": f.updated.isoformat(),
        "name": _clean(f.name),
        "purpose": _clean(f.purpose),
        "organisation": {"name": f.organisation, "path": list(f.organisation_path)},
        "status": status(f.in_operation, f.retired),
        "legal_basis": [{"reference": b.reference, "text": _clean(b.text)} for b in f.legal_basis],
        "risk": {
            "ai_act_tier": f.ai_act_tier or None,
            "ai_act_label": f.ai_act_label,
            "mdr_class": f.mdr_class or None,
            "mdr_label": f.mdr_label,
        },
        "human_oversight": _clean(f.human_oversight),
        "data": {
            "description": _clean(f.data_description),
            "personal_data": f.personal_data,
            "sensitive_data": f.sensitive_data,
            "dpia": f.dpia or None,
        },
        "performance": {
            "headline": f.performance_headline,
            "kind": f.performance_kind or None,
            "n": f.performance_n,
            "date": _iso(f.performance_date),
            "metrics": [
                {"name": m.name, "value": m.value, "low": m.low, "high": m.high} for m in f.metrics
            ],
        },
        "monitoring": {
            "status": f.monitoring_status or None,
            "open_alerts": f.open_alerts,
            "in_operation_since": _iso(f.in_operation_since),
            "next_revalidation": _iso(f.next_revalidation),
        },
        "contract": {"end": _iso(f.contract_end)},
        "contact": {"role": f.contact_role, "label": f.contact_label},
        "version": {"product": f.product, "vendor": f.vendor, "version": f.version},
        "model_card": {
            "title": f.model_card_title,
            "url": f.model_card_url,
            "version": f.model_card_version,
        },
        "public_url": f.public_url,
        "json_url": f.json_url,
    }


def leaves(record: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of the record as (dotted path, value); a list is one leaf."""
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from leaves(value, path + ".")
        else:
            yield path, value


def get_path(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = value[part]
    return value


def set_path(record: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    target = record
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def find_names(record: Mapping[str, Any], names: Iterable[str]) -> list[str]:
    """The record's paths whose text contains one of ``names`` (case-insensitive; names
    shorter than three letters are ignored): a record must carry roles, not people."""
    wanted = [n.casefold() for n in names if len(n.strip()) >= 3]
    found = []
    for path, value in leaves(record):
        text = json.dumps(value, ensure_ascii=False).casefold()
        if any(n in text for n in wanted):
            found.append(path)
    return found


# -- mappings --------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StandardField(_Strict):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    number: str | None = None  # the standard's own field number, where it has one
    type: Literal["text", "list", "grouping", "choice", "date", "url"] = "text"
    max_length: int | None = None


class Entry(_Strict):
    """Where one field of the record lands in the standard."""

    canonical: str = Field(min_length=1)
    target: str = Field(min_length=1)
    how: Literal["value", "join", "pairs", "line", "derived"] = "value"
    values: dict[str, str] | None = None  # one-to-one (value) or many-to-one (derived)
    sep: str | None = None
    keys: tuple[str, str] | None = None
    label: str | None = None
    rule: Literal["truncate", "constant", "map", "copy", "month"] | None = None
    length: int | None = None
    constant: Any = None
    note: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Entry:
        need = {"join": "sep", "pairs": "keys", "line": "label", "derived": "rule"}
        key = need.get(self.how)
        if key and getattr(self, key) is None:
            raise ValueError(f"{self.how} needs {key}")
        one_to_one = self.values is None or len(set(self.values.values())) == len(self.values)
        if self.how == "value" and not one_to_one:
            raise ValueError("a value map must be one-to-one (it is read back)")
        return self


class Unfilled(_Strict):
    target: str
    reason: str = Field(min_length=1)


class Standard(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    version: str
    url: str
    sources: list[SourceRef] = Field(min_length=1)
    fields: list[StandardField] = Field(min_length=1)
    entries: list[Entry] = Field(min_length=1)
    unfilled: list[Unfilled] = []

    @model_validator(mode="after")
    def _targets_exist(self) -> Standard:
        ids = [f.id for f in self.fields]
        if len(set(ids)) != len(ids):
            raise ValueError("a field is listed twice")
        known = set(ids)
        for e in self.entries:
            if e.target not in known:
                raise ValueError(
                    f"{e.canonical}: target {e.target!r} is not a field of the standard"
                )
        for u in self.unfilled:
            if u.target not in known:
                raise ValueError(f"unfilled {u.target!r} is not a field of the standard")
        used = {e.target for e in self.entries}
        for u in self.unfilled:
            if u.target in used:
                raise ValueError(f"{u.target!r} is both filled and listed as unfilled")
        return self

    def field(self, target: str) -> StandardField:
        return next(f for f in self.fields if f.id == target)


@dataclass(frozen=True)
class Mappings:
    standards: dict[str, Standard]


def parse(docs: Mapping[str, Any]) -> Mappings:
    """The ``content/portfolio/`` folder: one file per standard."""
    standards: dict[str, Standard] = {}
    errors = []
    for name, data in sorted(docs.items()):
        try:
            s = Standard.model_validate(data)
        except ValidationError as exc:
            errors += [
                ContentError(
                    f"portfolio/{name}", None, f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                )
                for e in exc.errors()
            ]
            continue
        if s.id in standards:
            errors.append(ContentError(f"portfolio/{name}", None, f"standard {s.id} twice"))
        standards[s.id] = s
    if errors:
        raise ContentErrors(errors)
    if not standards:
        raise ContentErrors([ContentError("portfolio", None, "no record mappings")])
    return Mappings(standards)


def coverage(standard: Standard, record: Mapping[str, Any]) -> list[str]:
    """The record's leaves that no (read-back) entry of ``standard`` carries: empty when
    the mapping loses nothing."""
    carried = {e.canonical for e in standard.entries if e.how != "derived"}
    return [path for path, _ in leaves(record) if path not in carried]


# -- export and import -----------------------------------------------------------------


def _encode_scalar(value: Any) -> str:
    """A value on a labelled line: text as it is when it reads back as text, else JSON."""
    if isinstance(value, str) and "\n" not in value and value == value.strip():
        try:
            json.loads(value)
        except ValueError:
            return value
    return json.dumps(value, ensure_ascii=False)


def _decode_scalar(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _derive(entry: Entry, value: Any) -> Any:
    if entry.rule == "constant":
        return entry.constant
    if entry.rule == "copy":
        return value
    if entry.rule == "map":
        return (entry.values or {}).get(str(value), entry.constant)
    if entry.rule == "month":
        return str(value)[:7] if value else ""
    text = str(value or "")
    length = entry.length or len(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def export(standard: Standard, record: Mapping[str, Any]) -> dict[str, Any]:
    """The record in the standard's fields (field id -> value); fields without a value
    are left out."""
    out: dict[str, Any] = {}
    lines: dict[str, list[str]] = {}
    for e in standard.entries:
        value = get_path(record, e.canonical)
        if e.how == "derived":
            derived = _derive(e, value)
            if derived not in (None, "", []):
                out.setdefault(e.target, derived)
        elif e.how == "value":
            if value is None or value == "":
                continue
            out[e.target] = (e.values or {}).get(value, value) if e.values else value
        elif e.how == "join":
            if value:
                out[e.target] = (e.sep or "").join(value)
        elif e.how == "pairs":
            if value:
                a, b = e.keys or ("", "")
                out[e.target] = "\n".join(f"{item[a]}: {_encode_scalar(item[b])}" for item in value)
        elif e.how == "line" and value is not None:
            lines.setdefault(e.target, []).append(f"{e.label}: {_encode_scalar(value)}")
    for target, block in lines.items():
        head = out.get(target, "")
        out[target] = f"{head}\n\n" + "\n".join(block) if head else "\n".join(block)
    return out


def _split_lines(text: str, labels: Sequence[str]) -> tuple[str, dict[str, str]]:
    """A field's text without its trailing labelled lines, and those lines by label."""
    rows = text.split("\n")
    found: dict[str, str] = {}
    while rows:
        row = rows[-1]
        label = next((lb for lb in labels if row.startswith(f"{lb}: ")), None)
        if label is None or label in found:
            break
        found[label] = row[len(label) + 2 :]
        rows.pop()
    return "\n".join(rows).rstrip("\n"), found


def import_record(standard: Standard, doc: Mapping[str, Any]) -> dict[str, Any]:
    """The record read back from the standard's fields (the inverse of :func:`export`)."""
    record: dict[str, Any] = {}
    labels: dict[str, list[str]] = {}
    for e in standard.entries:
        if e.how == "line":
            labels.setdefault(e.target, []).append(e.label or "")
    texts: dict[str, str] = {}
    lined: dict[str, dict[str, str]] = {}
    for target, names in labels.items():
        texts[target], lined[target] = _split_lines(str(doc.get(target, "")), names)
    for e in standard.entries:
        raw = texts.get(e.target, doc.get(e.target)) if e.how != "line" else None
        if e.how == "derived":
            continue
        if e.how == "value":
            if raw is None or raw == "":
                value: Any = None if e.canonical not in _TEXT_FIELDS else ""
            elif e.values:
                back = {v: k for k, v in e.values.items()}
                value = back[raw]
            else:
                value = raw
        elif e.how == "join":
            value = str(raw).split(e.sep or "") if raw else []
        elif e.how == "pairs":
            a, b = e.keys or ("", "")
            value = []
            for row in str(raw or "").split("\n"):
                if row:
                    first, _, second = row.partition(": ")
                    value.append({a: first, b: _decode_scalar(second)})
        else:
            found = lined.get(e.target, {})
            value = _decode_scalar(found[e.label or ""]) if (e.label or "") in found else None
        set_path(record, e.canonical, value)
    return record


#: Record fields that are text ("" when empty, never null) — read back as "".
_TEXT_FIELDS = frozenset(
    {
        "id",
        "language",
        "updated",
        "name",
        "purpose",
        "organisation.name",
        "human_oversight",
        "data.description",
        "risk.ai_act_label",
        "risk.mdr_label",
        "performance.headline",
        "contact.role",
        "contact.label",
        "version.product",
        "version.vendor",
        "version.version",
        "model_card.title",
        "schema_version",
        "status",
    }
)
