"""The CLI starts at once: listing the commands imports none of them, and no plotting or
data library is imported until a command needs it (timings: benchmarks/cli)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vejviser.cli import LAZY_COMMANDS, LAZY_HELP, main

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("matplotlib", "scipy", "pandas", "pyarrow", "numpy", "bm25s", "wordfreq", "django")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(list(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_importing_the_cli_imports_no_heavy_library() -> None:
    loaded = _modules_after("import vejviser.cli")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_help_lists_every_command_without_importing_them() -> None:
    code = (
        "from click.testing import CliRunner\nfrom vejviser.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\nassert r.exit_code == 0, r.output"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    assert not {m for m in loaded for c in LAZY_COMMANDS.values() if m == c.split(":")[0]}
    listed = CliRunner().invoke(main, ["--help"]).output
    for name in LAZY_COMMANDS:
        assert f"  {name} " in listed


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_lazy_help_is_the_commands_own(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert LAZY_HELP[name] == command.get_short_help_str(limit=10_000), name


def test_value_help_does_not_draw() -> None:
    loaded = _modules_after(
        "from click.testing import CliRunner\nfrom vejviser.cli import main\n"
        "CliRunner().invoke(main, ['value', '--help'])"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("matplotlib", "scipy", "pandas")}
