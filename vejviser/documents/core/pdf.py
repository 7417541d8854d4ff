"""A document as PDF: the HTML of :mod:`.html` through WeasyPrint, tagged (accessible
structure) and as PDF/A-3u where the content allows (an archival PDF for the record).

Nothing is fetched while rendering: the plots are embedded as ``data:`` URIs, and any
other URL (``file:``, ``http:``) — e.g. inside an SVG a capability contributed — is
refused, so a document can never pull a local file or a web page into itself.
"""

from __future__ import annotations

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from .html import to_html
from .model import Document

PDF_VARIANT = "pdf/a-3u"


def to_pdf(doc: Document) -> bytes:
    fetcher = URLFetcher(allowed_protocols=("data",), allow_redirects=False, timeout=1)
    html = HTML(string=to_html(doc), url_fetcher=fetcher)
    data: bytes = html.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return data
