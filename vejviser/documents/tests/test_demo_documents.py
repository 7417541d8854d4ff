"""Every kind renders for both demo projects, in both formats and both languages; the
files open (python-docx reads the DOCX, pypdf extracts the PDF's text) and hold the
project's own figures — the contouring case's 2,125 hours, its Dice values."""

from __future__ import annotations

import io

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from vejviser.documents.models import DocumentVersion
from vejviser.documents.render import content, record_for, render
from vejviser.documents.tools import KINDS
from vejviser.kernel import formatting
from vejviser.projects.access import ProjectAccess
from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project
from vejviser.value.models import CaseVersion

CONTOURING = "AI-indtegning af normalvæv ved strålebehandling"
SCRIBE = "Ambient scribe i almen praksis"


def docx_text(data: bytes) -> str:
    word = read_docx(io.BytesIO(data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _uses(kind: str, source: str) -> bool:
    template = content().template(kind)
    assert template is not None
    return any(source in s.sources_from for s in template.sections)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_renders_for_both_demo_projects_in_both_formats_and_languages(db, kind):
    load_demo(password="demo-password-123")
    template = content().template(kind)
    for title in (CONTOURING, SCRIBE):
        project = Project.objects.get(title=title)
        access = ProjectAccess(project, None, is_staff=True)
        case = CaseVersion.objects.filter(business_case__project=project).first()
        for lang in ("da", "en"):
            record = record_for(access, lang, template=template)
            expected = [project.title]
            if _uses(kind, "business-case.summary"):
                expected.append(formatting.number(case.hours_full_use, lang, 0))
            if title == CONTOURING and _uses(kind, "validation.metrics"):
                expected.append(formatting.number(0.885, lang, 2))  # Brainstem's mean Dice
            for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
                out = render(project, template, record, fmt, version=1)
                text = read(out.data)
                for figure in expected:
                    assert figure in text, (title, kind, lang, fmt, figure)
                for section in template.sections:
                    assert section.title.get(lang) in text, (kind, fmt, section.id)


def test_the_contouring_case_says_2125_hours_in_its_business_case(db):
    load_demo(password="demo-password-123")
    project = Project.objects.get(title=CONTOURING)
    access = ProjectAccess(project, None, is_staff=True)
    out = render(
        project, content().template("business-case"), record_for(access, "da"), "pdf", version=1
    )
    text = pdf_text(out.data)
    assert "2.125" in text
    assert "Tornado" in text  # the plot's caption (the plot itself is an image)


def test_the_demo_has_one_generated_version_and_loading_again_adds_none(db):
    from vejviser.documents.demo import load_demo_documents

    load_demo(password="demo-password-123")
    version = DocumentVersion.objects.get()
    assert (version.kind, version.fmt, version.number) == ("project-description", "docx", 1)
    assert load_demo_documents() == 0
    assert len(version.inputs_digest) == 64 and version.inputs["project"].startswith("v")
    assert version.sections_ready >= 5
