"""Numbers a person reads come from the one formatter (``vejviser.kernel.formatting``):
no app keeps a number formatter of its own (issue 14: there were seven)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
#: f"{x:,}", f"{x:.2f}", f"{x:g}", "%g", floatformat, a hand-made thousands separator
PRIVATE_FORMATTER = re.compile(
    "|".join(
        [
            r"\{[^{}]*:[0-9]*,[^{}]*\}",  # {x:,} {x:,.2f}
            r":,\.\{",  # {x:,.{digits}f}
            r"\{[^{}]*:\.?[0-9]*[fg]\}",  # {x:g} {x:.2f}
            r"%[.0-9]*g",
            r"floatformat|intcomma",
            r'\.replace\(",", "_"\)',  # swapping separators by hand
        ]
    )
)
#: Number formatting that no person reads as prose: machine numbers and rounding.
ALLOWED = {
    "value/exports.py": {"{float(value):.6g}", "{float(value):.0f}"},  # CSV cells
    "market/core/tender.py": {"{value:.10g}"},  # rounding away float noise, not display
    "market/core/content.py": {"{total:g}"},  # a content file error for the editor
    "market/models.py": {"{c['weight']:g}", "{self.value:g}"},  # __str__ for the admin
    "market/views/needs.py": {"{float(v):g}"},  # the weights as stored in the audit trail
    "assistant/cli.py": {"{report.median_ms:.2f}", "{report.p95_ms:.2f}"},  # eval timings
}
SOURCES = sorted(
    p
    for p in (ROOT / "vejviser").rglob("*")
    if p.suffix in {".py", ".html"}
    and not {"tests", "migrations", "kernel"} & set(p.relative_to(ROOT / "vejviser").parts)
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT / "vejviser")))
def test_no_private_number_formatter(path):
    found = set(PRIVATE_FORMATTER.findall(path.read_text(encoding="utf-8")))
    assert found <= ALLOWED.get(str(path.relative_to(ROOT / "vejviser")), set())
