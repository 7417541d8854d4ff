"""docs/assessments.md shows the rules as they are in the content files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vejviser.assessments import core
from vejviser.assessments.cli import rules_table

DOCS = Path(__file__).resolve().parents[3] / "docs" / "assessments.md"


@pytest.mark.parametrize("name", [a.id for a in core.list_assessments()])
def test_rules_table_in_docs_is_current(name):
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(rf"<!-- rules:{name} -->\n(.*?)\n<!-- /rules:{name} -->", text, re.S)
    assert found, f"docs/assessments.md lacks the markers for {name}"
    assert found.group(1) == rules_table(core.get_questionnaire(name), "en"), (
        f"the rules of {name} changed: paste `vejviser assess {name} --rules --lang en` "
        f"between the rules:{name} markers in docs/assessments.md"
    )
