"""Remove direct identifiers (CPR numbers, phone numbers, e-mail addresses) from text.

Used on every question before it is searched, logged or sent anywhere, and on all text
before it leaves the machine (the LLM request). Reports what it removed so the user
can be told. CPR numbers are found by the one pattern shared with the uploads,
:mod:`vejviser.kernel.cpr`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vejviser.kernel import cpr

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Danish numbers (8 digits, optionally grouped and with +45/0045) and other
# international numbers written with a leading + or 00.
PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)45[\s-]?)?\d{2}(?:[\s-]?\d{2}){3}(?![\d-])"
    r"|(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s-]?\d(?:[\s-]?\d){6,11}(?![\d-])"
)

#: Two years joined by a hyphen ("2022-2025") match the phone pattern's 8 digits but are
#: a period, not a number to call.
YEAR_RANGE_RE = re.compile(r"(?:19|20)\d\d-(?:19|20)\d\d")

PLACEHOLDERS = {"cpr": "[CPR]", "phone": "[TELEFON]", "email": "[E-MAIL]", "name": "[NAVN]"}
#: Names shorter than this are not removed (initials would hit ordinary words).
MIN_NAME = 3


@dataclass(frozen=True)
class Scrubbed:
    text: str
    removed: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.removed)


def scrub(text: str) -> Scrubbed:
    """Replace identifiers with placeholders; count what was removed by kind."""
    removed: Counter[str] = Counter()

    def _sub(kind: str) -> Callable[[re.Match[str]], str]:
        def replace(match: re.Match[str]) -> str:
            removed[kind] += 1
            return PLACEHOLDERS[kind]

        return replace

    out = EMAIL_RE.sub(_sub("email"), text)
    out, cprs = cpr.scrub(out, PLACEHOLDERS["cpr"])  # the one CPR pattern (kernel)
    if cprs:
        removed["cpr"] += cprs
    out = PHONE_RE.sub(_phone(_sub("phone")), out)
    return Scrubbed(text=out, removed=dict(removed))


def _phone(replace: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
    """``replace`` for a phone number; a year range is left as written."""

    def phone(match: re.Match[str]) -> str:
        if YEAR_RANGE_RE.fullmatch(match.group(0)):
            return match.group(0)
        return replace(match)

    return phone


def contains_identifier(text: str) -> bool:
    return scrub(text).changed


#: A number or address placeholder with the one word before it ("Patient [CPR]", "tlf.
#: [TELEFON]"): that word labels the identifier that was removed, it is not what the
#: question is about. A name stands for itself ("Må [NAVN] se journalen?").
_LABELLED = re.compile(
    r"(?:[^\W\d][\w.:-]*\s+)?(?:"
    + "|".join(re.escape(PLACEHOLDERS[k]) for k in ("cpr", "phone", "email"))
    + ")"
)


def strip_placeholders(text: str) -> str:
    """The text without the placeholders :func:`scrub` put in, nor the word that labels
    each ("Hvornår er der krav om udbud? Patient [CPR]" is a question about tenders)."""
    text = _LABELLED.sub(" ", text)
    return " ".join(text.replace(PLACEHOLDERS["name"], " ").split())


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for whole-word, case-insensitive matches of ``names`` (users' first,
    last and user names); the longest first, so "Anna Berg" goes before "Anna"."""
    unique = sorted(
        {" ".join(n.split()) for n in names if len(" ".join(n.split())) >= MIN_NAME},
        key=len,
        reverse=True,
    )
    if not unique:
        return None
    body = "|".join(r"\s+".join(re.escape(part) for part in n.split()) for n in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def scrub_names(text: str, pattern: re.Pattern[str] | None) -> Scrubbed:
    """Replace the names of :func:`name_pattern` with ``[NAVN]`` (after :func:`scrub`:
    for text shown to someone other than its author, e.g. the content editors)."""
    first = scrub(text)
    if pattern is None:
        return first
    out, count = pattern.subn(PLACEHOLDERS["name"], first.text)
    removed = dict(first.removed)
    if count:
        removed["name"] = removed.get("name", 0) + count
    return Scrubbed(text=out, removed=removed)
