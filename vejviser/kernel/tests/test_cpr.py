"""The one CPR pattern (uploads and the assistant's scrubber both use it)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vejviser.kernel.cpr import DASHES, contains_cpr, is_cpr_date, looks_like_cpr, scrub

SEPARATORS = ["", " ", "\u00a0", *DASHES]


@pytest.mark.parametrize(
    "text",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "01.01.90-1234",  # issue 14: missed
        "010190\u20101234",  # U+2010 hyphen: missed
        "010190\u20111234",  # non-breaking hyphen
        "010190\u20121234",  # figure dash
        "010190\u20131234",  # en dash
        "010190\u22121234",  # minus sign
        " 290288-1234 ",
        "31.12.99 1234",
    ],
)
def test_cpr_numbers_in_every_notation(text):
    assert looks_like_cpr(text)
    sentence = f"Patient {text.strip()}, set i dag"
    assert contains_cpr(sentence)
    assert scrub(sentence, "[CPR]") == ("Patient [CPR], set i dag", 1)


@pytest.mark.parametrize(
    "text",
    [
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "300290-1234",  # 30 February
        "01.0190-1234",  # one dot only
        "01020312345",  # part of a longer number
        "12345",
        "2026-27",
        "20-51 %",
        "tlf 12 34 56 78",
    ],
)
def test_other_numbers_are_not_cpr(text):
    assert not looks_like_cpr(text)
    assert not contains_cpr(text)
    assert scrub(text, "x") == (text, 0)


def test_date_check():
    assert is_cpr_date(29, 2) and not is_cpr_date(30, 2) and not is_cpr_date(1, 0)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(min_value=0, max_value=9999),
    st.sampled_from(SEPARATORS),
    st.booleans(),
)
def test_every_valid_cpr_is_found(date, serial, sep, dotted):
    written = f"{date:%d.%m.%y}" if dotted else f"{date:%d%m%y}"
    cpr = f"{written}{sep}{serial:04d}"
    assert looks_like_cpr(cpr)
    out, count = scrub(f"se {cpr} nu", "[CPR]")
    assert count == 1 and cpr not in out
