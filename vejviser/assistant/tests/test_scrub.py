"""Direct identifiers are removed before any text leaves the machine."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.scrub import scrub, strip_placeholders


def test_cpr_with_dash_is_removed() -> None:
    result = scrub("Patienten 010203-1234 har fået svar.")
    assert "010203-1234" not in result.text
    assert result.removed == {"cpr": 1}
    assert "[CPR]" in result.text


def test_cpr_without_dash_and_with_space() -> None:
    result = scrub("cpr 0102031234 og 311299 4321")
    assert result.removed == {"cpr": 2}
    assert "0102031234" not in result.text and "4321" not in result.text


def test_cpr_with_dots_or_a_typographic_hyphen_is_removed() -> None:
    """Issue 14: ``01.01.90-1234`` and ``010190‐1234`` (U+2010) passed the scrubber."""
    for cpr in ("01.01.90-1234", "010190\u20101234", "010190\u20131234", "010190\u22121234"):
        result = scrub(f"Patienten {cpr} har fået svar.")
        assert result.removed == {"cpr": 1}, cpr
        assert result.text == "Patienten [CPR] har fået svar."


def test_ten_digits_without_valid_date_are_kept() -> None:
    assert scrub("Sagsnummer 3213991234").text == "Sagsnummer 3213991234"
    assert scrub("Tallet 0000001234 er ikke et CPR").removed == {}


def test_longer_numbers_are_not_cpr() -> None:
    assert scrub("ID 01020312345").removed == {}


def test_phone_numbers_and_emails() -> None:
    result = scrub("Ring 12 34 56 78 eller +45 87654321, skriv til anne.hansen@rsyd.dk")
    assert result.removed == {"phone": 2, "email": 1}
    assert "anne.hansen" not in result.text
    assert "87654321" not in result.text


def test_figures_in_questions_survive() -> None:
    text = "850 patienter, 2.125 timer, 1,6 mio. kr., 20-51 %, art. 6, stk. 1 og 2026-27"
    assert scrub(text).text == text


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(min_value=0, max_value=9999),
    st.sampled_from(["-", "", " "]),
)
def test_every_valid_cpr_is_removed(date: dt.date, serial: int, sep: str) -> None:
    cpr = f"{date:%d%m%y}{sep}{serial:04d}"
    result = scrub(f"Se journal for {cpr} i dag")
    assert cpr not in result.text
    assert result.removed.get("cpr") == 1


def test_assistant_tells_the_user(assistant: Assistant) -> None:
    answer = assistant.ask("Hvornår er der krav om udbud for patient 010203-1234?")
    assert answer.removed == {"cpr": 1}
    assert "010203-1234" not in answer.text
    assert "fjernede" in answer.text and "CPR" in answer.text


def test_a_year_range_is_not_a_phone_number() -> None:
    # "2022-2025" has the phone pattern's eight digits; a blind review found the
    # assistant telling the user it had removed a phone number from such a question.
    question = "Hvad afsatte digitaliseringsstrategien 2022-2025 til AI?"
    assert scrub(question).text == question and not scrub(question).changed
    assert scrub("Ring på 2022-2599").removed == {"phone": 1}  # not two years
    assert scrub("Ring på 20 22 20 25").removed == {"phone": 1}


def test_the_word_labelling_a_removed_identifier_is_not_searched() -> None:
    assert strip_placeholders("Hvornår er der krav om udbud? Patient [CPR]") == (
        "Hvornår er der krav om udbud?"
    )
    assert strip_placeholders("Ring på tlf. [TELEFON] om DPIA") == "Ring på om DPIA"
    assert strip_placeholders("[CPR] og DPIA") == "og DPIA"
