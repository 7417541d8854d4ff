"""A document as one HTML page with print CSS: what WeasyPrint turns into the PDF (and
what a browser could show). Built with escaped strings: no template engine in a core."""

from __future__ import annotations

import base64
from html import escape

from .model import Block, Bullets, Document, Facts, Figure, Gap, Paragraph, Table

CSS = """
@page { size: A4; margin: 22mm 20mm 22mm 20mm;
  @bottom-center { content: FOOTER counter(page); font-size: 8pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
html { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
       color: #1b1b1b; line-height: 1.4; }
.titlepage { page-break-after: always; padding-top: 45mm; }
.titlepage h1.title { font-size: 26pt; color: #17365d; margin: 0 0 4mm 0; bookmark-level: none; }
.titlepage .subtitle { font-size: 15pt; color: #4f6f8f; margin: 0 0 12mm 0; }
.small { font-size: 8.5pt; color: #555; }
nav.toc { page-break-after: always; }
nav.toc h2 { bookmark-level: none; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 1.5mm 0; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a::after { content: leader('.') target-counter(attr(href), page); }
h1 { font-size: 16pt; color: #17365d; margin: 9mm 0 2mm 0; page-break-after: avoid; }
h2 { font-size: 13pt; color: #17365d; }
p.question { font-style: italic; color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm 0; font-size: 9pt; }
th, td { border: 0.5pt solid #9aa7b4; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
thead th { background: #e8eef4; }
table.facts td:first-child { font-weight: bold; width: 32%; }
caption, figcaption { caption-side: top; text-align: left; font-size: 9pt; color: #333;
  font-weight: bold; margin-bottom: 1mm; }
figure { margin: 3mm 0 5mm 0; page-break-inside: avoid; }
figure img { width: 100%; max-height: 120mm; object-fit: contain; }
.gap { border-left: 3pt solid #b86e00; background: #fff4e0; padding: 2mm 3mm; margin: 2mm 0;
       color: #6b3a00; font-weight: bold; }
p.note { font-size: 8.5pt; color: #555; }
"""


def to_html(doc: Document) -> str:
    e = escape
    parts = [
        f'<!DOCTYPE html><html lang="{e(doc.lang)}"><head><meta charset="utf-8">',
        f"<title>{e(doc.title)} – {e(doc.project.title)}</title>",
        '<meta name="author" content="Vejviser">',
        f'<meta name="description" content="{e(doc.title)}">',
        f"<style>{_css(doc)}</style></head><body>",
        '<section class="titlepage">',
        f'<h1 class="title">{e(doc.title)}</h1>',
        f'<p class="subtitle">{e(doc.project.title)}</p>',
        _facts(
            (
                (doc.labels["department"], doc.project.department),
                (doc.labels["region"], doc.project.region),
                (doc.labels["version"], str(doc.version)),
                (doc.labels["date"], doc.date),
            )
        ),
        f'<p class="small">{e(doc.labels["generated"])}</p></section>',
        f'<nav class="toc"><h2>{e(doc.labels["contents"])}</h2><ol>',
        *(f'<li><a href="#s-{e(s.id)}">{e(s.heading)}</a></li>' for s in doc.sections),
        "</ol></nav>",
    ]
    for section in doc.sections:
        parts.append(f'<section id="s-{e(section.id)}"><h1>{e(section.heading)}</h1>')
        parts.append(f'<p class="question">{e(section.question)}</p>')
        parts.extend(_block(block) for block in section.blocks)
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _css(doc: Document) -> str:
    """The stylesheet with the footer's text (project · document · "Page") as a CSS string."""
    footer = " ".join(f"{doc.project.title} · {doc.title} · {doc.labels['page']}".split()) + " "
    quoted = '"' + footer.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ") + '"'
    return CSS.replace("FOOTER", quoted)


def _facts(rows: tuple[tuple[str, str], ...]) -> str:
    body = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table class="facts"><tbody>{body}</tbody></table>'


def _block(block: Block) -> str:
    e = escape
    if isinstance(block, Paragraph):
        css = ' class="note"' if block.kind == "note" else ""
        return f"<p{css}>{e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Facts):
        return _facts(block.rows)
    if isinstance(block, Table):
        caption = f"<caption>{e(block.caption)}</caption>" if block.caption else ""
        head = "".join(f"<th>{e(h)}</th>" for h in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.rows
        )
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Figure):
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        return (
            f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{e(block.caption)}">'
            f"<figcaption>{e(block.caption)}</figcaption></figure>"
        )
    if isinstance(block, Gap):
        return f'<p class="gap" role="note">⚠ {e(block.text)}</p>'
    raise TypeError(f"unknown block {block!r}")
