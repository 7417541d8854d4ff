"""Numbers and dates in assessment results, forms and CLI text come from the one
formatter (``vejviser.kernel.formatting``); the scan for private formatters is
``vejviser/lib/tests/test_one_formatter.py``, for every app."""

from __future__ import annotations

import datetime as dt

from vejviser.assessments import core
from vejviser.assessments.core.render import fmt
from vejviser.kernel import formatting


def test_values_in_a_result_read_as_danish_numbers_and_dates():
    a = core.get_questionnaire("procurement")
    assert fmt(1_644_638, "da", a) == "1.644.638"
    assert fmt(1_644_638, "en", a) == "1,644,638"
    assert fmt(2.5, "da", a) == "2,5"
    assert fmt(dt.date(2026, 12, 3), "da", a) == "3. december 2026"
    assert fmt(dt.date(2026, 12, 3), "en", a) == "3 December 2026"
    assert fmt(float("nan"), "da", a) == formatting.MISSING
