"""Shared pieces of the ``vejviser validate`` commands: options, errors, progress, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.kernel.i18n import cli_lang
from vejviser.kernel.inputs import NumberError, parse_number


class Number(click.FloatRange):
    """A finite number, typed with a decimal point or comma: ``nan`` and ``inf`` are
    refused with a message (exit code 2), as everywhere (``kernel.inputs.parse_number``)."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = parse_number(value)
        except NumberError as exc:
            self.fail(exc.message.text(cli_lang()), param, ctx)
        return super().convert(number, param, ctx)


CONFIDENCE = click.option(
    "--confidence",
    type=Number(0.5, 0.999),
    default=0.95,
    show_default=True,
    help="Confidence level of the intervals.",
)
DROP = click.option(
    "--drop",
    multiple=True,
    metavar="COL",
    help="A column to leave out unread (e.g. one holding CPR numbers).",
)
SHEET = click.option("--sheet", default=None, help="Excel sheet (default: the first).")
PLOTS = click.option(
    "--plots",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write SVG plots into this folder.",
)


@contextmanager
def input_errors(lang: str) -> Iterator[None]:
    """Bad input: its message once, in the command's language, and exit code 2."""
    try:
        yield
    except EvidenceInputError as exc:
        click.echo(exc.message.text(lang), err=True)
        raise SystemExit(2) from None


class Bar:
    """A click progress bar on stderr (a terminal only), opened on the first report of
    progress."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(max(done - self.done, 0))
        self.done = done

    def step(self, total: int) -> Callable[[str], None]:
        def advance(_: str) -> None:
            self(self.done + 1, total)

        return advance

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def emit(data: dict[str, Any], fmt: str, rendered: Callable[[], str]) -> None:
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(rendered())


def write_plots(folder: Path, plots: dict[str, Callable[[], str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, draw in plots.items():
        (folder / name).write_text(draw(), encoding="utf-8")
