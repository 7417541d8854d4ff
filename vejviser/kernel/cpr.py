"""Danish CPR numbers: the one pattern every upload check and text scrubber uses.

A CPR number is ``DDMMYY`` and a four-digit serial, written ``010190-1234``,
``0101901234``, ``010190 1234``, with a typographic hyphen or dash (U+2010 hyphen,
U+2011 non-breaking hyphen, U+2012 figure dash, U+2013 en dash, U+2212 minus — what word
processors and Excel put in), or with the date dotted, ``01.01.90-1234``. The first six
digits must be a valid day and month (29 February is allowed: some year fits). Since
2007 the modulus-11 check no longer holds for every number, so it is not used. A CPR
number is never part of a longer number.

Pure: no Django, so cores (evidence uploads) and the assistant's scrubber share it.
"""

from __future__ import annotations

import re

DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: Hyphens and dashes accepted between the date and the serial.
DASHES = "-\u2010\u2011\u2012\u2013\u2212"

#: A CPR-looking number anywhere in a text; groups ``day`` and ``month`` for the date
#: check (:func:`is_cpr_date`). Not preceded or followed by another digit.
CPR_RE = re.compile(
    r"(?<!\d)"
    r"(?P<day>\d{2})(?P<dot>\.?)(?P<month>\d{2})(?P=dot)\d{2}"
    rf"(?:[{DASHES}]|\s)?"
    r"\d{4}"
    r"(?!\d)"
)


def is_cpr_date(day: int, month: int) -> bool:
    """True when ``day`` and ``month`` can start a CPR number."""
    return 1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month - 1]


def _valid(match: re.Match[str]) -> bool:
    return is_cpr_date(int(match.group("day")), int(match.group("month")))


def looks_like_cpr(text: str) -> bool:
    """True when ``text`` as a whole (surrounding spaces aside) is a CPR number."""
    match = CPR_RE.fullmatch(text.strip())
    return match is not None and _valid(match)


def contains_cpr(text: str) -> bool:
    """True when a CPR-looking number occurs anywhere in ``text``."""
    return any(_valid(m) for m in CPR_RE.finditer(text))


def scrub(text: str, replacement: str) -> tuple[str, int]:
    """``text`` with every CPR number replaced by ``replacement``, and how many."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if not _valid(match):
            return match.group(0)
        count += 1
        return replacement

    return CPR_RE.sub(replace, text), count
