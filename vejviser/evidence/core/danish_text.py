"""Danish text normalisation for word error rate, and Danish number words.

Both the reference and the transcript are normalised the same way before words are
compared, so that only differences a reader would call errors count:

1. Unicode NFKC and lower case; acute accents dropped (``én`` → ``en``, ``idé`` →
   ``ide``), æ, ø and å kept.
2. CPR-looking numbers replaced by the word ``cprnummer`` (never compared digit by digit,
   never shown).
3. Numbers written as words: ``2`` → ``to``, ``24`` → ``fireogtyve``, ``1.500`` → ``tusind
   fem hundrede``, ``2,5`` → ``to komma fem``; ``%`` → ``procent``, ``°`` → ``grader``.
   Other separators split numbers (``14.30`` → ``fjorten tredive``).
4. Punctuation and hyphens become spaces; common abbreviations are written out
   (``mg`` → ``milligram``, ``mio`` → ``millioner``, ``ca`` → ``cirka``).
5. Spelled-out tens written apart are joined (``fire og tyve`` → ``fireogtyve``), and the
   numeral one and the articles are treated alike (``et``, ``én`` → ``en``; ``en
   hundrede`` → ``hundrede``), because a transcript's "1" cannot tell them apart.
"""

from __future__ import annotations

import re
import unicodedata

from vejviser.evidence.core.privacy import mask_cpr

UNITS = (
    "nul",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "syv",
    "otte",
    "ni",
    "ti",
    "elleve",
    "tolv",
    "tretten",
    "fjorten",
    "femten",
    "seksten",
    "sytten",
    "atten",
    "nitten",
)
TENS = {
    2: "tyve",
    3: "tredive",
    4: "fyrre",
    5: "halvtreds",
    6: "tres",
    7: "halvfjerds",
    8: "firs",
    9: "halvfems",
}
_TENS_WORDS = set(TENS.values())
_UNIT_WORDS = set(UNITS[1:10])
_ACUTE = str.maketrans("áéíóúý", "aeiouy")
_NUMBER = re.compile(r"(?<![\w])(\d{1,3}(?:\.\d{3})+(?!\d)|\d+)(?:,(\d+))?")
_SYMBOLS = {"%": " procent ", "°": " grader ", "&": " og ", "+": " plus "}
_ABBREVIATIONS = {
    "mg": "milligram",
    "g": "gram",
    "kg": "kilogram",
    "ml": "milliliter",
    "l": "liter",
    "mmol": "millimol",
    "mm": "millimeter",
    "cm": "centimeter",
    "mio": "millioner",
    "mia": "milliarder",
    "ca": "cirka",
    "pt": "patienten",
}
_NOT_WORD = re.compile(r"[^\w]+|_")


def _below_hundred(n: int) -> str:
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] if unit == 0 else f"{UNITS[unit]}og{TENS[tens]}"


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = "hundrede" if hundreds == 1 else f"{UNITS[hundreds]} hundrede"
    return head if rest == 0 else f"{head} og {_below_hundred(rest)}"


def number_words(n: int) -> str:
    """``n`` (0 ≤ n < 10⁹) in Danish words; larger numbers digit by digit."""
    if n < 0:
        return "minus " + number_words(-n)
    if n >= 1_000_000_000:
        return " ".join(UNITS[int(d)] for d in str(n))
    parts = []
    millions, rest = divmod(n, 1_000_000)
    if millions:
        parts.append("en million" if millions == 1 else f"{_below_thousand(millions)} millioner")
    thousands, rest = divmod(rest, 1000)
    if thousands:
        parts.append("tusind" if thousands == 1 else f"{_below_thousand(thousands)} tusind")
    if rest or not parts:
        parts.append(("og " if parts and rest < 100 else "") + _below_thousand(rest))
    return " ".join(parts)


def _spell(match: re.Match[str]) -> str:
    whole, fraction = match.group(1), match.group(2)
    words = number_words(int(whole.replace(".", "")))
    if fraction:
        if fraction.startswith("0") or len(fraction) > 3:
            tail = " ".join(UNITS[int(d)] for d in fraction)
        else:
            tail = number_words(int(fraction))
        words += " komma " + tail
    return f" {words} "


def normalise(text: str) -> tuple[list[str], int]:
    """The words of ``text`` after Danish normalisation, and how many CPR numbers were
    masked."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_ACUTE)
    text, masked = mask_cpr(text)
    for symbol, word in _SYMBOLS.items():
        text = text.replace(symbol, word)
    text = _NUMBER.sub(_spell, text)
    out: list[str] = []
    for raw in _NOT_WORD.sub(" ", text).split():
        word = _ABBREVIATIONS.get(raw, raw)
        if word == "et":
            word = "en"
        if word in _TENS_WORDS and len(out) >= 2 and out[-1] == "og" and out[-2] in _UNIT_WORDS:
            out[-2:] = [f"{out[-2]}og{word}"]
            continue
        if word in ("hundrede", "tusind") and out and out[-1] == "en":
            out[-1] = word
            continue
        out.append(word)
    return out, masked


def plain_words(text: str) -> tuple[list[str], int]:
    """Words split on white space only (no normalisation), CPR numbers still masked."""
    masked_text, masked = mask_cpr(text)
    return masked_text.split(), masked
