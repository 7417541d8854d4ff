"""Numbers on the business-case pages, CLI text and plots come from the one formatter
(``vejviser.kernel.formatting``); the scan for private formatters is
``vejviser/lib/tests/test_one_formatter.py``, for every app."""

from __future__ import annotations

from vejviser.kernel import formatting
from vejviser.value.display import spec_text


def test_an_input_spec_reads_as_danish_numbers():
    spec = {"value": 20000, "range": {"dist": "triangular", "low": 1.5, "mode": 2, "high": 1234.5}}
    assert spec_text(spec, "da") == "20.000 (1,5 / 2 – 1.234,5)"
    assert spec_text(spec, "en") == "20,000 (1.5 / 2 – 1,234.5)"
    assert spec_text(None, "da") == formatting.MISSING
