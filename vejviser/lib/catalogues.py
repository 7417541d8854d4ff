"""Danish translation catalogues filled from a table and compiled with polib.

Each app with its own catalogue keeps a ``locale/translate_da.py`` holding a table
(msgid -> Danish; a list or tuple of forms for plural entries) and calls
:func:`run`. The table is the source of truth; entries not in it keep a hand-written
translation, and gettext's fuzzy guesses are never accepted. ``make messages`` runs
them all after extracting the strings.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import polib

Table = Mapping[str, str | Sequence[str]]


def apply_danish(locale_dir: Path, table: Table) -> list[str]:
    """Fill ``locale_dir/da`` from ``table``; returns the msgids still untranslated."""
    po_path = locale_dir / "da" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing: list[str] = []
    for entry in po:
        if entry.obsolete:
            continue
        text = table.get(entry.msgid)
        fuzzy = "fuzzy" in entry.flags
        if entry.msgid_plural:
            if text is not None and not isinstance(text, str):
                entry.msgstr_plural = dict(enumerate(text))
            elif fuzzy or not any(entry.msgstr_plural.values()):
                missing.append(entry.msgid)
                continue
        elif isinstance(text, str):
            entry.msgstr = text
        elif fuzzy or not entry.msgstr:
            missing.append(entry.msgid)
            continue
        if fuzzy:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.metadata["Language"] = "da"
    po.save()
    return missing


def compile_catalogues(locale_dir: Path) -> None:
    """Write the ``.mo`` file next to every ``.po`` file under ``locale_dir``."""
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def run(locale_dir: Path, table: Table) -> int:
    """Fill, compile and report; the exit code is 1 when a Danish translation is missing."""
    missing = apply_danish(locale_dir, table)
    compile_catalogues(locale_dir)
    if missing:
        print("No Danish translation for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0
