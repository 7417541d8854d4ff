"""``parse_date``: day first the Danish way (13.12.2026, 13-12-2026, 13/12/2026) or ISO;
a US date is never guessed."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil import parser as dateutil_parser  # type: ignore[import-untyped]
from hypothesis import given
from hypothesis import strategies as st

from vejviser.kernel import formatting
from vejviser.kernel.inputs import DateError, parse_date

DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


@pytest.mark.parametrize(
    "typed",
    ["13.12.2026", "13-12-2026", "13/12/2026", "2026-12-13", " 13.12.2026 ", "13.12.26"],
)
def test_a_date_typed_in_denmark_or_iso_is_read(typed):
    assert parse_date(typed) == dt.date(2026, 12, 13)


def test_single_digit_day_and_month_and_a_leap_day_by_hand():
    assert parse_date("1.2.2026") == dt.date(2026, 2, 1)
    assert parse_date("29.02.2028") == dt.date(2028, 2, 29)
    assert parse_date("03/04/2026") == dt.date(2026, 4, 3)  # day first, never US


@pytest.mark.parametrize(
    "typed",
    [
        "12/13/2026",
        "2026/12/13",
        "13.13.2026",
        "29.02.2027",
        "31.04.2026",
        "",
        "i morgen",
        "13.12",
        "2026-13-12",
        "13..12.2026",
    ],
)
def test_anything_else_is_refused_with_a_message_in_both_languages(typed):
    with pytest.raises(DateError) as caught:
        parse_date(typed)
    assert (
        caught.value.message.text("en") == "Enter the date as dd.mm.yyyy, for example 13.12.2026."
    )
    assert caught.value.message.text("da") == "Skriv datoen som dd.mm.åååå, fx 13.12.2026."


@given(DATES)
def test_every_date_round_trips_through_each_accepted_form(day):
    for text in (
        day.strftime("%d.%m.%Y"),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d/%m/%Y"),
        day.isoformat(),
        formatting.date(day, "da", "short"),
        formatting.date(day, "en", "short"),
    ):
        assert parse_date(text) == day


@given(DATES)
def test_agrees_with_dateutil_reading_day_first(day):
    text = day.strftime("%d/%m/%Y")
    assert parse_date(text) == dateutil_parser.parse(text, dayfirst=True).date()


@given(st.dates(min_value=dt.date(1000, 1, 13), max_value=dt.date(9999, 12, 31)))
def test_a_us_date_with_a_day_after_the_12th_is_refused(day):
    if day.day <= 12:
        day = day.replace(day=13)
    with pytest.raises(DateError):
        parse_date(day.strftime("%m/%d/%Y"))
