"""The kernel stays pure, and the one formatter writes numbers the Danish way."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from vejviser.kernel import formatting as f
from vejviser.kernel.i18n import Message, cli_lang, translate


def test_kernel_imports_no_django():
    code = (
        "import sys, pkgutil, importlib, vejviser.kernel as k\n"
        "for m in pkgutil.iter_modules(k.__path__):\n"
        "    if m.name != 'tests': importlib.import_module('vejviser.kernel.' + m.name)\n"
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("value", "lang", "digits", "expected"),
    [
        (1234.5, "da", None, "1.234,5"),
        (1234.5, "en", None, "1,234.5"),
        (2125, "da", None, "2.125"),
        (0.5, "da", 2, "0,50"),
        (1234567.891, "da", 0, "1.234.568"),
        (float("nan"), "da", None, "–"),
        (float("inf"), "da", 2, "–"),
    ],
)
def test_number(value, lang, digits, expected):
    assert f.number(value, lang, digits) == expected


def test_percent_money_date_interval():
    assert f.percent(0.125) == "12,5\u00a0%"
    assert f.percent(0.125, "en") == "12.5%"
    assert f.money(1234567) == "1.234.567\u00a0kr."
    assert f.money(1234567, "en") == "DKK\u00a01,234,567"
    assert f.date(dt.date(2026, 12, 3)) == "3. december 2026"
    assert f.date(dt.date(2026, 12, 3), style="short") == "03.12.2026"
    assert f.date(dt.date(2026, 12, 3), "en") == "3 December 2026"
    assert f.interval(0.51, 0.98, digits=2) == "0,51–0,98"
    assert f.percent_interval(0.82, 0.915) == "82,0–91,5\u00a0%"


def test_messages_translate_through_the_catalogue():
    # "Name" is a UI string of the accounts app; the CLI reads the same .mo as the pages.
    assert translate("Name", "da") == "Navn"
    assert translate("Name", "en") == "Name"
    assert Message("Name").texts() == {"da": "Navn", "en": "Name"}


def test_numbers_in_message_parameters_are_formatted_for_the_language():
    assert translate("{n} rows", "da", n=1234.5) == "1.234,5 rows"


def test_cli_language(monkeypatch):
    monkeypatch.delenv("VEJVISER_LANG", raising=False)
    assert cli_lang() == "da"
    monkeypatch.setenv("VEJVISER_LANG", "en_GB.UTF-8")
    assert cli_lang() == "en"
    assert cli_lang("da") == "da"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234,5", 1234.5), ("1234,5", 1234.5), ("1,234.5", 1234.5), ("0.3", 0.3), ("1e6", 1e6),
     (" 2 000 ", 2000.0), ("−3", -3.0), (7, 7.0)],
)
def test_parse_number(text, expected):
    from vejviser.kernel.inputs import parse_number

    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e400", "", "abc", True])
def test_parse_number_refuses_what_is_not_a_finite_number(text):
    from vejviser.kernel.inputs import NumberError, parse_number

    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert info.value.message.text("da")


def test_literal_label_escapes_plot_markup():
    from vejviser.kernel.inputs import literal_label

    assert literal_label(r"$\undefinedmacro{x}$") == r"\$\undefinedmacro{x}\$"
    assert len(literal_label("x" * 500)) == 80


def test_a_po_edit_is_compiled_before_use(tmp_path):
    """A translator edits the .po; the next process start compiles it (no build step)."""
    import os
    import shutil

    from vejviser.kernel.catalogues import LOCALE_DIR, ensure_compiled

    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    po = tmp_path / "locale" / "da" / "LC_MESSAGES" / "django.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Navn"', 'msgstr "Navnet"', 1),
        encoding="utf-8",
    )
    mo = po.with_suffix(".mo")
    os.utime(mo, (1, 1))  # older than the edited .po
    ensure_compiled(tmp_path / "locale")
    import gettext

    tr = gettext.translation("django", tmp_path / "locale", languages=["da"])
    assert tr.gettext("Name") == "Navnet"
