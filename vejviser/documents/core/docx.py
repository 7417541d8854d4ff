"""A document as an editable Word file (python-docx): real styles (Title, Heading 1/2,
Caption), a table of contents field, tables whose header row repeats on every page,
plots as PNG images, the page number in the footer and a title page."""

from __future__ import annotations

import io
from datetime import datetime

import cairosvg  # type: ignore[import-untyped]
from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from .model import Block, Bullets, Document, Facts, Figure, Gap, Paragraph, Table

FIGURE_WIDTH = Cm(15.5)
#: The settings that follow ``w:updateFields`` in the schema (ECMA-376 CT_Settings).
_AFTER_UPDATE_FIELDS = frozenset(
    [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
        "docId",
        "defaultImageDpi",
    ]
)
GAP_COLOUR = RGBColor(0x8A, 0x4B, 0x00)
NOTE_COLOUR = RGBColor(0x55, 0x55, 0x55)


def to_docx(doc: Document) -> bytes:
    word = new_docx()
    _styles(word, doc.lang)
    _properties(word, doc)
    _title_page(word, doc)
    _contents(word, doc)
    for section in doc.sections:
        word.add_heading(section.heading, level=1)
        question = word.add_paragraph()
        run = question.add_run(section.question)
        run.italic = True
        run.font.color.rgb = NOTE_COLOUR
        for block in section.blocks:
            _block(word, block)
    _footer(word, doc)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _styles(word: DocxDocument, lang: str) -> None:
    normal = word.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "da-DK" if lang == "da" else "en-GB")
    rpr.append(language)


def _properties(word: DocxDocument, doc: Document) -> None:
    props = word.core_properties
    props.title = f"{doc.title} – {doc.project.title}"
    props.subject = doc.title
    props.author = "Vejviser"
    props.language = "da-DK" if doc.lang == "da" else "en-GB"
    props.revision = max(doc.version, 1)
    generated = doc.meta.get("generated_at")
    if isinstance(generated, datetime):
        props.created = generated.replace(tzinfo=None)
        props.modified = generated.replace(tzinfo=None)


def _title_page(word: DocxDocument, doc: Document) -> None:
    for _ in range(4):
        word.add_paragraph()
    word.add_paragraph(doc.title, style="Title")
    word.add_paragraph(doc.project.title, style="Subtitle")
    labels = doc.labels
    rows = (
        (labels["department"], doc.project.department),
        (labels["region"], doc.project.region),
        (labels["version"], str(doc.version)),
        (labels["date"], doc.date),
    )
    _facts(word, rows)
    word.add_paragraph()
    note = word.add_paragraph()
    run = note.add_run(labels["generated"])
    run.font.size = Pt(9)
    run.font.color.rgb = NOTE_COLOUR
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(word: DocxDocument, doc: Document) -> None:
    """A TOC field over Heading 1–2; Word fills it on opening (updateFields)."""
    word.add_paragraph(doc.labels["contents"], style="TOC Heading")
    paragraph = word.add_paragraph()
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', doc.labels["toc_hint"])
    settings = word.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # the schema orders the settings: updateFields goes before the first of these
    later = next((c for c in settings if c.tag.split("}")[-1] in _AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(update)
    else:
        later.addprevious(update)
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field(paragraph: DocxParagraph, instruction: str, placeholder: str = "") -> None:
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _footer(word: DocxDocument, doc: Document) -> None:
    for section in word.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{doc.project.title} · {doc.title} · {doc.labels['page']} ")
        _field(paragraph, "PAGE", "1")
        for run in paragraph.runs:
            run.font.size = Pt(8)
        section.different_first_page_header_footer = True


def _block(word: DocxDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        paragraph = word.add_paragraph()
        run = paragraph.add_run(block.text)
        if block.kind == "note":
            run.font.size = Pt(8.5)
            run.font.color.rgb = NOTE_COLOUR
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Facts):
        _facts(word, block.rows)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Figure):
        png = cairosvg.svg2png(bytestring=block.svg.encode("utf-8"), dpi=150, scale=1.6)
        word.add_picture(io.BytesIO(png), width=FIGURE_WIDTH)
        word.add_paragraph(block.caption, style="Caption")
    elif isinstance(block, Gap):
        paragraph = word.add_paragraph()
        _shade(paragraph)
        run = paragraph.add_run("⚠ " + block.text)
        run.bold = True
        run.font.color.rgb = GAP_COLOUR


def _facts(word: DocxDocument, rows: tuple[tuple[str, str], ...]) -> None:
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
        for run in cells[0].paragraphs[0].runs:
            run.bold = True
        cells[0].width, cells[1].width = Cm(5), Cm(11)
    word.add_paragraph()


def _table(word: DocxDocument, block: Table) -> None:
    if block.caption:
        word.add_paragraph(block.caption, style="Caption")
    table = word.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(header.cells, block.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
        _shade_cell(cell._tc)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
    word.add_paragraph()


def _shade(paragraph: DocxParagraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "FFF4E0")
    p_pr.append(shading)


def _shade_cell(tc: object) -> None:
    tc_pr = tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "E8EEF4")
    tc_pr.append(shading)
