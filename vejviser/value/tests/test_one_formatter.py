"""Numbers on the business-case pages, CLI text and plots come from the one formatter
(``vejviser.kernel.formatting``); no module keeps a formatter of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vejviser.kernel import formatting
from vejviser.value.display import spec_text

APP = Path(__file__).resolve().parents[1]
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


@pytest.mark.parametrize(
    "path",
    [p for p in APP.rglob("*") if p.suffix in {".py", ".html"} and "tests" not in p.parts],
    ids=lambda p: str(p.relative_to(APP)),
)
def test_no_private_number_formatter(path):
    text = path.read_text(encoding="utf-8")
    if path.name == "exports.py":  # CSV keeps machine numbers (decimal mark by the sheet)
        text = text.replace('f"{float(value):.6g}"', "").replace('f"{float(value):.0f}"', "")
    assert not PRIVATE_FORMATTER.findall(text)


def test_an_input_spec_reads_as_danish_numbers():
    spec = {"value": 20000, "range": {"dist": "triangular", "low": 1.5, "mode": 2, "high": 1234.5}}
    assert spec_text(spec, "da") == "20.000 (1,5 / 2 – 1.234,5)"
    assert spec_text(spec, "en") == "20,000 (1.5 / 2 – 1,234.5)"
    assert spec_text(None, "da") == formatting.MISSING
