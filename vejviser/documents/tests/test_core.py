"""The pure core: templates + record -> document with visible gaps, coverage, the inputs
digest, and the writers (DOCX read back with python-docx, PDF text with pypdf)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as read_docx
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from vejviser.documents.core.build import build, coverage
from vejviser.documents.core.content import SOURCE_KEYS, DocumentsContent, parse
from vejviser.documents.core.docx import to_docx
from vejviser.documents.core.html import to_html
from vejviser.documents.core.inputs import changes, digest
from vejviser.documents.core.model import (
    Facts,
    Figure,
    Gap,
    Member,
    Paragraph,
    Part,
    ProjectInfo,
    Record,
    Table,
    part_from_data,
)
from vejviser.documents.core.pdf import to_pdf
from vejviser.journey.content import read_folder

CONTENT = Path(__file__).resolve().parents[3] / "content"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
    '<rect x="10" y="10" width="80" height="50" fill="#17365d"/></svg>'
)


@pytest.fixture(scope="module")
def docs() -> DocumentsContent:
    return parse(read_folder("documents", CONTENT))


def _record(parts: dict[str, Part], narratives: dict[str, str] | None = None, lang="da") -> Record:
    info = ProjectInfo(
        "AI-indtegning",
        "Onkologi",
        "National",
        "Stråleterapi",
        "Ny idé",
        "Konceptualisering",
        (Member("Kliniker", "Mikkel Bech"),),
    )
    return Record(lang, info, parts, narratives or {}, {"project": "v1"})


def test_a_missing_part_is_a_visible_gap_never_an_empty_heading(docs):
    template = docs.template("mini-hta")
    record = _record({"project.summary": Part((Facts((("Projekt", "AI-indtegning"),)),))})
    doc = build(template, record, docs, version=1, date="3. december 2026")
    for section in doc.sections:
        assert section.blocks, section.id  # never empty
        gaps = [b for b in section.blocks if isinstance(b, Gap)]
        assert len(gaps) == len(section.missing)
    patient = next(s for s in doc.sections if s.id == "patient")
    assert patient.missing == ("narrative:patient-perspective",)
    assert "patientperspektiv" in patient.blocks[0].text  # type: ignore[union-attr]


def test_coverage_counts_ready_sections_and_names_what_fills_the_rest(docs):
    template = docs.template("mini-hta")
    parts = {
        "project.summary": Part((Paragraph("x"),)),
        "project.team": Part((Paragraph("x"),)),
    }
    cov = coverage(template, _record(parts, {"patient-perspective": "Kortere ventetid."}), docs)
    assert (cov.ready, cov.total) == (2, 6)  # introduction and patient
    assert cov.summary().text("da") in ("2 af 6 afsnit klar", "2 of 6 sections ready")
    regulation = next(s for s in cov.sections if s.id == "regulation")
    assert [(m.source, m.tool) for m in regulation.missing] == [
        ("assessment.mdr", "assessment:mdr"),
        ("assessment.ai-act", "assessment:ai-act"),
    ]
    organisation = next(s for s in cov.sections if s.id == "organisation")
    assert organisation.missing[0].tool == "narrative"


def test_a_capability_section_names_the_tool_that_fills_it(docs):
    cov = coverage(docs.template("evaluation-report"), _record({}), docs)
    scores = next(s for s in cov.sections if s.id == "scores")
    assert scores.missing[0].tool == "market:tender-evaluation"
    record = _record(
        {
            "section:tender-evaluation": part_from_data(
                {"blocks": [{"type": "table", "header": ["Tilbud", "Point"], "rows": [["A", 7.5]]}]}
            )
        }
    )
    assert next(
        s
        for s in coverage(docs.template("evaluation-report"), record, docs).sections
        if s.id == "scores"
    ).ready


def test_every_template_source_is_known_and_cites_known_documents(docs):
    from ruamel.yaml import YAML

    known = {
        s["id"] for s in YAML(typ="safe").load((CONTENT / "sources.yaml").read_text())["sources"]
    }
    for template in docs.templates.values():
        for ref in template.sources:
            assert ref.doc in known, (template.kind, ref.doc)
        for section in template.sections:
            assert section.sources, (template.kind, section.id)
            for ref in section.sources:
                assert ref.doc in known, (template.kind, section.id, ref.doc)
            for source in section.sources_from:
                assert source in SOURCE_KEYS or source.split(":")[0] in ("narrative", "section")
    for narrative in docs.narratives.values():
        assert all(ref.doc in known for ref in narrative.sources)


def test_a_template_with_an_unknown_source_is_refused():
    from vejviser.kernel.files import ContentErrors

    bad = {
        "kind": "x-doc",
        "tool": "document:dpia",
        "title": {"da": "x", "en": "x"},
        "purpose": {"da": "x", "en": "x"},
        "sources": [{"doc": "gdpr", "section": "x"}],
        "sections": [
            {
                "id": "a1",
                "title": {"da": "x", "en": "x"},
                "question": {"da": "x", "en": "x"},
                "from": ["nothing.here"],
                "sources": [{"doc": "gdpr", "section": "x"}],
            }
        ],
    }
    with pytest.raises(ContentErrors, match="tool must be"):
        parse({"x-doc.yaml": bad})
    bad["kind"], bad["tool"] = "dpia", "document:dpia"
    with pytest.raises(ContentErrors, match=r"unknown source 'nothing\.here'"):
        parse({"dpia.yaml": bad})


def test_inputs_digest_and_changes_by_hand():
    before = {"assessment.mdr": "run 1 v1", "narrative:ethics": "aa"}
    after = {"assessment.mdr": "run 2 v2", "validation": "7"}
    assert digest(before) == digest(dict(reversed(list(before.items()))))  # order-free
    assert digest(before) != digest(after)
    assert [(c.source, c.kind) for c in changes(before, after)] == [
        ("assessment.mdr", "changed"),
        ("narrative:ethics", "removed"),
        ("validation", "added"),
    ]
    assert changes(after, after) == []


@given(
    st.dictionaries(st.sampled_from(sorted(SOURCE_KEYS)), st.just(Part((Paragraph("x"),)))),
    st.sampled_from(["project-description", "mini-hta", "dpia", "validation-report", "model-card"]),
)
def test_property_every_section_is_ready_or_shows_a_gap_for_each_missing_part(parts, kind):
    docs = parse(read_folder("documents", CONTENT))
    template = docs.template(kind)
    record = _record(parts)
    cov = coverage(template, record, docs)
    doc = build(template, record, docs, version=1, date="d")
    assert cov.ready + len(cov.missing) == cov.total == len(doc.sections)
    for section, row in zip(doc.sections, cov.sections, strict=True):
        gaps = sum(isinstance(b, Gap) for b in section.blocks)
        assert gaps == len(row.missing)
        assert section.ready == row.ready


def _full_document(docs, lang="da"):
    parts = {
        "validation.data": Part((Facts((("Timer", "2.125"),)),)),
        "validation.metrics": Part(
            (Table(("Struktur", "Dice"), tuple((f"S{i}", "0,89 (0,83–0,94)") for i in range(60))),),
            "Fra: valideringskørsel 1",
        ),
        "validation.figures": Part((Figure(SVG, "Dice pr. struktur"),)),
    }
    return build(
        docs.template("validation-report"),
        _record(parts, lang=lang),
        docs,
        version=3,
        date="3. december 2026",
    )


def test_the_word_file_has_styles_toc_repeated_header_rows_images_and_page_numbers(docs):
    doc = _full_document(docs)
    word = read_docx(io.BytesIO(to_docx(doc)))
    styles = [p.style.name for p in word.paragraphs]
    assert "Title" in styles and "Heading 1" in styles
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == [
        s.heading for s in doc.sections
    ]
    xml = word.element.xml
    assert 'TOC \\o "1-2"' in xml
    assert "w:tblHeader" in xml
    assert len(word.inline_shapes) == 1  # the plot, as PNG
    footer = word.sections[0].footer._element.xml
    assert "PAGE" in footer
    text = "\n".join(p.text for p in word.paragraphs)
    assert "2.125" not in text  # facts are a table …
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "2.125" in cells and "0,89 (0,83–0,94)" in cells  # … with the figures
    assert word.core_properties.title.startswith(doc.title)


def test_the_pdf_is_tagged_pdfa_with_extractable_text(docs):
    doc = _full_document(docs, lang="en")
    reader = PdfReader(io.BytesIO(to_pdf(doc)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "0,89 (0,83–0,94)" in text and "2.125" in text
    assert doc.sections[0].heading in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert "/Metadata" in root  # XMP metadata (PDF/A)


def test_the_same_record_gives_the_same_text(docs):
    one, two = _full_document(docs), _full_document(docs)
    assert to_html(one) == to_html(two)
    texts = [
        "\n".join(p.text for p in read_docx(io.BytesIO(to_docx(d))).paragraphs) for d in (one, two)
    ]
    assert texts[0] == texts[1]


def test_html_escapes_what_the_project_wrote(docs):
    record = _record({}, {"intended-use": "<script>alert(1)</script> & co"})
    doc = build(docs.template("validation-report"), record, docs, version=1, date="d")
    html = to_html(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_block_type_is_refused():
    with pytest.raises(ValueError, match="unknown block type"):
        part_from_data({"blocks": [{"type": "video"}]})


def test_word_settings_keep_the_schema_order(docs):
    """Word refuses a file whose settings are out of order: updateFields before compat."""
    word = read_docx(io.BytesIO(to_docx(_full_document(docs))))
    names = [c.tag.split("}")[-1] for c in word.settings.element]
    assert names.index("updateFields") < names.index("compat")


def test_the_pdf_never_pulls_in_a_local_file(docs, tmp_path):
    secret = tmp_path / "secret.svg"  # WeasyPrint would draw this SVG's text into the PDF
    secret.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
        '<text x="5" y="20">TOPSECRET</text></svg>'
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="200" height="100"><image href="file://{secret}" width="200" height="100"/>'
        f'<text x="5" y="20">plot</text></svg>'
    )
    parts = {"validation.figures": Part((Figure(svg, "Figur"),))}
    doc = build(docs.template("validation-report"), _record(parts), docs, version=1, date="d")
    data = to_pdf(doc)
    assert b"TOPSECRET" not in data
    assert "TOPSECRET" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_word_file_never_pulls_in_a_local_file(docs, tmp_path):
    import cairosvg  # type: ignore[import-untyped]

    secret = tmp_path / "secret.svg"
    secret.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
        '<text x="5" y="20">TOPSECRET</text></svg>'
    )
    image = f'<image href="file://{secret}" width="200" height="100"/>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">{image}</svg>'
    parts = {"validation.figures": Part((Figure(svg, "Figur"),))}
    doc = build(docs.template("validation-report"), _record(parts), docs, version=1, date="d")
    word = read_docx(io.BytesIO(to_docx(doc)))
    blip = word.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    png = word.part.related_parts[blip.embed].blob
    empty = svg.replace(image, "")
    assert png == cairosvg.svg2png(bytestring=empty.encode(), dpi=150, scale=1.6)
