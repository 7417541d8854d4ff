"""Numbers and dates in assessment results, forms and CLI text come from the one
formatter (``vejviser.kernel.formatting``); no module keeps a formatter of its own."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from vejviser.assessments import core
from vejviser.assessments.core.render import fmt
from vejviser.kernel import formatting

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
    assert not PRIVATE_FORMATTER.findall(path.read_text(encoding="utf-8"))


def test_values_in_a_result_read_as_danish_numbers_and_dates():
    a = core.get_questionnaire("procurement")
    assert fmt(1_644_638, "da", a) == "1.644.638"
    assert fmt(1_644_638, "en", a) == "1,644,638"
    assert fmt(2.5, "da", a) == "2,5"
    assert fmt(dt.date(2026, 12, 3), "da", a) == "3. december 2026"
    assert fmt(dt.date(2026, 12, 3), "en", a) == "3 December 2026"
    assert fmt(float("nan"), "da", a) == formatting.MISSING
