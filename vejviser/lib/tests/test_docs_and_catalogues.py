"""Docs and catalogues that must stay true: translations compiled, settings documented."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
LOCALE = ROOT / "vejviser" / "locale"


CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


def test_one_catalogue_per_language():
    """UI text lives in one place: no app keeps a catalogue of its own, and no script
    generates or overwrites the .po files."""
    others = [p for p in (ROOT / "vejviser").glob("*/locale") if p != LOCALE]
    assert others == []
    assert [p.name for p in CATALOGUES] == ["django.po", "django.po"]
    assert list((ROOT / "vejviser").glob("**/translate_da.py")) == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_po(po_path):
    from vejviser.kernel.catalogues import compile_catalogues

    compile_catalogues()
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {e.msgid: e.msgstr for e in mo}
    for entry in po.translated_entries():
        if not entry.msgid_plural:
            assert compiled.get(entry.msgid) == entry.msgstr, entry.msgid


def test_every_danish_string_is_translated():
    po = polib.pofile(str(LOCALE / "da" / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_every_environment_setting_is_documented():
    settings_src = (ROOT / "vejviser" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings_src))
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = sorted(n for n in names if f"`{n}`" not in docs)
    assert not missing, f"undocumented settings: {missing}"


def test_every_cli_command_is_documented():
    import click

    from vejviser.cli import main

    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    ctx = click.Context(main)
    names = []
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        subs = command.list_commands(ctx) if isinstance(command, click.Group) else None
        names += [f"{name} {sub}" for sub in subs] if subs else [name]
    missing = [n for n in names if f"vejviser {n}" not in docs]
    assert not missing, f"undocumented commands: {missing}"
