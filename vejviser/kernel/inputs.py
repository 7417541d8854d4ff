"""One policy for numbers and labels that users type or upload.

- :func:`parse_number` reads a number as a Dane or an Englishman types it
  (``1.234,5``, ``1234,5``, ``1,234.5``, ``1e6``) and refuses what is not a finite
  number (``nan``, ``inf``, ``1e400``) with a :class:`~vejviser.kernel.i18n.Message`, so
  no form, API or CLI ever stores a value JSON cannot hold.
- :func:`finite` checks a number already parsed (e.g. from JSON or a file).
- :func:`parse_date` reads a date as people in Denmark type it (``13.12.2026``,
  ``13-12-2026``, ``13/12/2026``) or ISO (``2026-12-13``); anything else, including a
  US ``12/13/2026``, is refused with a :class:`~vejviser.kernel.i18n.Message`.
- :func:`literal_label` makes any user text (a subgroup, a structure, a product name)
  safe to hand to a plot: it is always shown literally, never read as markup.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from .i18n import Message, message


class NumberError(ValueError):
    """A value that is not a finite number; ``.message`` says so in every language."""

    def __init__(self, msg: Message) -> None:
        self.message = msg
        super().__init__(msg.text("en"))


_DANISH_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_ENGLISH_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def finite(value: Any, *, field: str = "") -> float:
    """``value`` as a float, or :class:`NumberError` when it is not a finite number."""
    if isinstance(value, bool):
        raise NumberError(message("Enter a number, not true/false ({field}).", field=field))
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise NumberError(message("'{value}' is not a number.", value=str(value)[:40])) from None
    if not math.isfinite(number):
        raise NumberError(
            message(
                "'{value}' is not a finite number. Enter an ordinary number.", value=str(value)[:40]
            )
        )
    return number


def parse_number(text: str | float | int, *, field: str = "") -> float:
    """A typed number in Danish or English notation, finite, or :class:`NumberError`."""
    if isinstance(text, int | float):
        return finite(text, field=field)
    raw = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if not raw:
        raise NumberError(message("Enter a number."))
    if _DANISH_GROUPED.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif _ENGLISH_GROUPED.match(raw):
        raw = raw.replace(",", "")
    elif raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    return finite(raw, field=field)


class DateError(ValueError):
    """Text that is not a date as the forms take it; ``.message`` says how to type one."""

    def __init__(self, msg: Message) -> None:
        self.message = msg
        super().__init__(msg.text("en"))


#: Day first, the Danish way (13.12.2026, also with - or /, and 13.12.26), or ISO
#: (2026-12-13). A US date (month first) is never guessed: 12/13/2026 is refused, and
#: 03/04/2026 is the 3rd of April.
DATE_INPUT_FORMATS: tuple[str, ...] = ("%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%y", "%Y-%m-%d")


def parse_date(text: str) -> dt.date:
    """A typed date (:data:`DATE_INPUT_FORMATS`), or :class:`DateError`."""
    raw = str(text).strip()
    for pattern in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise DateError(message("Enter the date as dd.mm.yyyy, for example 13.12.2026."))


_MARKUP = str.maketrans({"$": r"\$"})


def literal_label(text: object, max_length: int = 80) -> str:
    """``text`` as a plot shows it literally: matplotlib's math markup (``$…$``) is
    escaped and over-long labels are shortened with an ellipsis."""
    label = " ".join(str(text).split())
    if len(label) > max_length:
        label = label[: max_length - 1] + "…"
    return label.translate(_MARKUP)
