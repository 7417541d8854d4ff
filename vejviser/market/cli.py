"""``vejviser tender …``: evaluate a tender from a YAML file (pure: no database).

The command calls the core and formats its result; it holds no logic of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vejviser.kernel.formatting import number
from vejviser.kernel.i18n import cli_lang, translate

from .core.tender import Evaluation, TenderError, evaluate, parse_tender

EXIT_BAD_INPUT = 2


class BadTender(click.ClickException):
    exit_code = EXIT_BAD_INPUT


def _read(path: Path, lang: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        with path.open(encoding="utf-8") as fh:
            return YAML(typ="safe").load(fh)
    except OSError as exc:
        raise BadTender(
            translate(
                "Cannot read {path}: {error}", lang, path=str(path), error=exc.strerror or str(exc)
            )
        ) from exc
    except (YAMLError, UnicodeDecodeError) as exc:
        raise BadTender(
            translate(
                "{path} is not valid YAML: {error}",
                lang,
                path=str(path),
                error=str(exc).splitlines()[0],
            )
        ) from exc


@click.group()
def tender() -> None:
    """Tender evaluation: points, ranking and what would reverse the winner."""


@tender.command("evaluate")
@click.argument("path", metavar="FILE.yaml", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Text for people, JSON for programs.",
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language of the text output (default: $VEJVISER_LANG or da).",
)
def evaluate_command(path: Path, fmt: str, lang: str | None) -> None:
    """Evaluate the bids in FILE.yaml (scale, criteria, bids) with its sensitivity.

    JSON: {"bids": [{"id", "points", "total", "rank"}], "winner", "reversals": [...]}.
    Bad input (weights not summing to 100, an unknown price model, a missing score, a
    price of 0 or below) gives a message naming the field and exit code 2.
    """
    language = cli_lang(lang)
    data = _read(path, language)
    try:
        model = parse_tender(data)
    except TenderError as exc:
        raise BadTender(exc.text(language)) from exc
    result = evaluate(model)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(_text(result, [c.id for c in model.criteria], language))


def _text(result: Evaluation, criteria: list[str], lang: str) -> str:
    head = [translate("Rank", lang), translate("Bid", lang), *criteria, translate("Total", lang)]
    rows = [
        [
            str(b.rank),
            b.id,
            *(number(b.points[c], lang, 2) for c in criteria),
            number(b.total, lang, 3),
        ]
        for b in sorted(result.bids, key=lambda b: b.rank)
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        for r in [head, *rows]
    ]
    lines.append("")
    if result.reversals:
        lines.append(
            translate("What would reverse the winner ({bid}):", lang, bid=result.winner or "-")
        )
        lines += [f"- {r.describe().text(lang)}" for r in result.reversals]
    else:
        lines.append(translate("No single weight or price-model change reverses the winner.", lang))
    return "\n".join(lines)
