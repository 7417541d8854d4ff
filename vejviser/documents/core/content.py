"""Document templates as content: ``content/documents/<kind>.yaml`` and the project's
short texts (``narratives.yaml``), validated here.

A template names its sections; each section says which question it answers, where the
guidance comes from (``sources``) and which parts of the project record fill it
(``from``: source keys, see :data:`SOURCE_KEYS`; ``narrative:<key>`` for a text the
project writes once; ``section:<name>`` for a part another capability contributes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import TOOL_IDS, Slug, SourceRef, Text, _Strict

#: What the record can hold (source key -> the tool that fills it; "project" = the
#: project's own page). ``narrative:<key>`` and ``section:<name>`` come on top.
SOURCE_KEYS: dict[str, str] = {
    "project.summary": "project",
    "project.description": "project",
    "project.team": "project",
    "project.plan": "project",
    "assessment.ai-act": "assessment:ai-act",
    "assessment.mdr": "assessment:mdr",
    "assessment.gdpr": "assessment:gdpr",
    "assessment.approvals": "assessment:approvals",
    "assessment.procurement": "assessment:procurement",
    "validation.data": "validation:retrospective",
    "validation.metrics": "validation:retrospective",
    "validation.subgroups": "validation:retrospective",
    "validation.figures": "validation:retrospective",
    "validation.sample-size": "validation:sample-size",
    "business-case.summary": "business-case",
    "business-case.assumptions": "business-case",
    "business-case.uncertainty": "business-case",
    "business-case.kpis": "business-case",
    "business-case.criteria": "business-case",
}


class Narrative(_Strict):
    """A short text no tool holds, asked once per project and reused by every document."""

    key: Slug
    label: Text
    question: Text
    sources: list[SourceRef] = Field(min_length=1)


class NarrativesFile(_Strict):
    narratives: list[Narrative] = Field(min_length=1)


class TemplateSection(_Strict):
    id: Slug
    title: Text
    question: Text
    sources_from: list[str] = Field(alias="from", min_length=1)
    #: The tool that fills a ``section:<name>`` part (a capability's record section).
    filled_by: str | None = None
    sources: list[SourceRef] = Field(min_length=1)

    @field_validator("filled_by")
    @classmethod
    def _tool(cls, value: str | None) -> str | None:
        if value is not None and value not in TOOL_IDS:
            raise ValueError(f"unknown tool id {value!r}")
        return value


class Template(_Strict):
    kind: Slug
    title: Text
    purpose: Text
    tool: str
    sources: list[SourceRef] = Field(min_length=1)
    sections: list[TemplateSection] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Template:
        if self.tool != f"document:{self.kind}" or self.tool not in TOOL_IDS:
            raise ValueError(f"tool must be 'document:{self.kind}' (a tool id)")
        ids = [s.id for s in self.sections]
        if len(ids) != len(set(ids)):
            raise ValueError("section ids must be unique")
        return self

    def section(self, section_id: str) -> TemplateSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


class DocumentsContent:
    """All templates (by kind, in file order of their ``order``) and the narratives."""

    def __init__(self, templates: Mapping[str, Template], narratives: list[Narrative]) -> None:
        self.templates = dict(templates)
        self.narratives = {n.key: n for n in narratives}

    def kinds(self) -> list[str]:
        return list(self.templates)

    def template(self, kind: str) -> Template | None:
        return self.templates.get(kind)

    def by_tool(self, tool_id: str) -> Template | None:
        return next((t for t in self.templates.values() if t.tool == tool_id), None)


#: The order kinds are listed in (the journey's order); unknown kinds follow by name.
ORDER = (
    "project-description",
    "business-case",
    "requirement-specification",
    "mini-hta",
    "mas-ai",
    "dpia",
    "validation-report",
    "evaluation-report",
    "model-card",
)


def parse(docs: Mapping[str, Any]) -> DocumentsContent:
    """``docs``: file name -> parsed YAML of ``content/documents/``."""
    errors: list[ContentError] = []
    templates: dict[str, Template] = {}
    narratives: list[Narrative] = []
    for name, data in sorted(docs.items()):
        rel = f"documents/{name}"
        try:
            if name == "narratives.yaml":
                narratives = NarrativesFile.model_validate(data).narratives
                continue
            template = Template.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                errors.append(ContentError(rel, None, f"{where}: {err['msg']}"))
            continue
        if name != f"{template.kind}.yaml":
            errors.append(ContentError(rel, None, f"file must be named {template.kind}.yaml"))
        templates[template.kind] = template
    known = {n.key for n in narratives}
    for template in templates.values():
        for section in template.sections:
            for source in section.sources_from:
                problem = _source_problem(source, section, known)
                if problem:
                    errors.append(ContentError(f"documents/{template.kind}.yaml", None, problem))
    if errors:
        raise ContentErrors(errors)
    ordered = sorted(
        templates.values(),
        key=lambda t: (ORDER.index(t.kind) if t.kind in ORDER else len(ORDER), t.kind),
    )
    return DocumentsContent({t.kind: t for t in ordered}, narratives)


def _source_problem(source: str, section: TemplateSection, narratives: set[str]) -> str:
    if source in SOURCE_KEYS:
        return ""
    if source.startswith("narrative:"):
        key = source.split(":", 1)[1]
        return "" if key in narratives else f"{section.id}: unknown narrative {key!r}"
    if source.startswith("section:"):
        if section.filled_by is None:
            return f"{section.id}: {source} needs 'filled_by' (the tool that fills it)"
        return ""
    return f"{section.id}: unknown source {source!r}"


def filling_tool(source: str, section: TemplateSection) -> str:
    """The tool id that fills ``source`` ("project" for the project's page, "narrative"
    for a text written on the document page)."""
    if source.startswith("narrative:"):
        return "narrative"
    if source.startswith("section:"):
        return section.filled_by or ""
    return SOURCE_KEYS.get(source, "")
