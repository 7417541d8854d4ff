"""Remove direct identifiers (CPR numbers, phone numbers, e-mail addresses) from text.

Used on every question before it is searched, logged or sent anywhere, and on all text
before it leaves the machine (the LLM request). Reports what it removed so the user
can be told.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

# DDMMYY-XXXX, DDMMYY XXXX or DDMMYYXXXX, not part of a longer number.
CPR_RE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?![\d-])")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Danish numbers (8 digits, optionally grouped and with +45/0045) and other
# international numbers written with a leading + or 00.
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)45[\s-]?)?\d{2}(?:[\s-]?\d{2}){3}(?![\d-])"
    r"|(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s-]?\d(?:[\s-]?\d){6,11}(?![\d-])"
)
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

PLACEHOLDERS = {"cpr": "[CPR]", "phone": "[TELEFON]", "email": "[E-MAIL]"}


@dataclass(frozen=True)
class Scrubbed:
    text: str
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def is_cpr_date(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= DAYS_IN_MONTH[month - 1]


def scrub(text: str) -> Scrubbed:
    """Replace identifiers with placeholders; count what was removed by kind."""
    removed: Counter[str] = Counter()

    def _cpr(match: re.Match[str]) -> str:
        day, month = int(match.group(1)), int(match.group(2))
        if not is_cpr_date(day, month):
            return match.group(0)
        removed["cpr"] += 1
        return PLACEHOLDERS["cpr"]

    def _sub(kind: str) -> Callable[[re.Match[str]], str]:
        def replace(match: re.Match[str]) -> str:
            removed[kind] += 1
            return PLACEHOLDERS[kind]

        return replace

    out = EMAIL_RE.sub(_sub("email"), text)
    out = CPR_RE.sub(_cpr, out)
    out = PHONE_RE.sub(_sub("phone"), out)
    return Scrubbed(text=out, removed=dict(removed))


def contains_identifier(text: str) -> bool:
    return scrub(text).changed


def strip_placeholders(text: str) -> str:
    """The text without the placeholders :func:`scrub` put in."""
    for placeholder in PLACEHOLDERS.values():
        text = text.replace(placeholder, " ")
    return " ".join(text.split())
