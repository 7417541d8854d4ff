"""Compile the gettext catalogues (``vejviser/locale/*/LC_MESSAGES/django.po``).

The ``.po`` files are the single source of UI text: translators edit them with any
standard tool (Poedit, Weblate, a text editor) and the build compiles them to ``.mo``
(``make install`` runs ``python -m vejviser.kernel.catalogues``), and every process checks
at start-up that no ``.po`` is newer than its ``.mo`` (Django in ``LibConfig.ready()``, the
CLI on its first translation), so a translator's edit shows after a restart without a
build step. Compiled files are not kept in git. Babel compiles, so GNU gettext's ``msgfmt``
is not needed; ``make messages`` (extraction) does need ``xgettext``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def compile_catalogues(locale_dir: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Write the ``.mo`` next to every ``.po`` that is newer; returns those written.

    Fuzzy entries are left out of the compiled catalogue (gettext's rule), so a guess
    never reaches a user.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parts[-3])
        tmp = mo_path.with_suffix(f".mo.{os.getpid()}.tmp")  # processes may race
        with tmp.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        tmp.replace(mo_path)
        written.append(mo_path)
    return written


def ensure_compiled(locale_dir: Path = LOCALE_DIR) -> None:
    """Compile stale catalogues; an install without write access keeps what it has."""
    with contextlib.suppress(OSError):
        compile_catalogues(locale_dir)


if __name__ == "__main__":
    for path in compile_catalogues(force="--force" in sys.argv):
        print(f"compiled {path}")
