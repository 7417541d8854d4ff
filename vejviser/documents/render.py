"""One way to make a document, used by the page, the API, the CLI and the demo: gather
the record the reader may see, check coverage, build the document, write the file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from vejviser.journey.content import folder_data
from vejviser.kernel import formatting
from vejviser.projects.access import ProjectAccess
from vejviser.projects.models import Project, Step

from .core.build import Coverage, build, coverage
from .core.content import DocumentsContent, Template
from .core.inputs import digest
from .core.model import Document, Record
from .models import DocumentVersion, next_number
from .record import gather

FORMATS = ("docx", "pdf")


def content() -> DocumentsContent:
    data: DocumentsContent = folder_data("documents")
    return data


def record_for(
    access: ProjectAccess, lang: str, *, figures: bool = True, template: Template | None = None
) -> Record:
    """The record the reader may see (a vendor: shared steps, no business case); with a
    ``template``, only what that document uses."""
    sources = (
        {s for section in template.sections for s in section.sources_from} if template else None
    )
    return gather(
        access.project,
        lang,
        access.steps(),
        vendor=access.is_vendor,
        figures=figures,
        sources=sources,
    )


@dataclass(frozen=True)
class Rendered:
    document: Document
    record: Record
    coverage: Coverage
    data: bytes
    sha256: str
    digest: str


def render(
    project: Project,
    template: Template,
    record: Record,
    fmt: str,
    *,
    version: int,
    meta: dict[str, Any] | None = None,
) -> Rendered:
    """The file of ``template`` for ``record`` as ``fmt`` ("docx" or "pdf")."""
    docs = content()
    as_of = record.as_of or project.created_at.date()
    document = build(
        template,
        record,
        docs,
        version=version,
        date=formatting.date(as_of, record.lang),
        meta={"generated_at": timezone.now(), **(meta or {})},
    )
    # The writers (weasyprint, cairosvg: ≈ 2 s to import) load when a document is made,
    # not with the API at every start.
    from .core.docx import to_docx
    from .core.pdf import to_pdf

    data = to_docx(document) if fmt == "docx" else to_pdf(document)
    return Rendered(
        document,
        record,
        coverage(template, record, docs),
        data,
        hashlib.sha256(data).hexdigest(),
        digest(record.inputs),
    )


def generate(
    access: ProjectAccess, step: Step, template: Template, fmt: str, lang: str, user: Any
) -> DocumentVersion:
    """Render and save as the next version on ``step``."""
    record = record_for(access, lang, template=template)
    number = next_number(step, template.kind)
    out = render(access.project, template, record, fmt, version=number)
    return DocumentVersion.record(
        step=step,
        user=user,
        kind=template.kind,
        fmt=fmt,
        lang=lang,
        inputs=dict(record.inputs),
        digest=out.digest,
        data=out.data,
        sha256=out.sha256,
        ready=out.coverage.ready,
        total=out.coverage.total,
        number=number,
    )
