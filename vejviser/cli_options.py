"""Options several CLI commands share (click only: importing this sets up nothing)."""

from __future__ import annotations

import click

from vejviser.kernel.i18n import cli_lang

#: ``--format text|json`` into the parameter ``fmt``.
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)

#: ``--lang da|en``; the command receives the language to use ($VEJVISER_LANG, else da).
LANG = click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    callback=lambda _ctx, _param, value: cli_lang(value),
    help="Language of messages and text output (default: $VEJVISER_LANG, else da).",
)
