"""A document as PDF: the HTML of :mod:`.html` through WeasyPrint, tagged (accessible
structure) and as PDF/A-3u where the content allows (an archival PDF for the record)."""

from __future__ import annotations

from weasyprint import HTML  # type: ignore[import-untyped]

from .html import to_html
from .model import Document

PDF_VARIANT = "pdf/a-3u"


def to_pdf(doc: Document) -> bytes:
    html = HTML(string=to_html(doc))
    data: bytes = html.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return data
