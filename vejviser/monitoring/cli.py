"""``vejviser monitor …``: control charts and monthly sample sizes from the terminal.

A thin shell over :mod:`vejviser.monitoring.core`. Bad input (a missing column, a target
outside (0, 1), an empty file, a CPR-looking column) prints the core's message in Danish
and English on stderr and exits with code 2.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from vejviser.cli_options import FORMAT
from vejviser.kernel.i18n import cli_lang, message, translate
from vejviser.monitoring.core.errors import MonitoringInputError

CHARTS = ("cusum", "p", "ewma", "xmr")


@click.group(name="monitor", context_settings={"help_option_names": ["-h", "--help"]})
def monitor() -> None:
    """Monitor an AI product in operation: control charts designed for your volume."""


@contextmanager
def _input_errors() -> Iterator[None]:
    try:
        yield
    except MonitoringInputError as exc:
        click.echo(exc.message.text("da"), err=True)
        click.echo(exc.message.text("en"), err=True)
        raise SystemExit(2) from None


def _plain(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@monitor.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--chart", type=click.Choice(CHARTS), required=True, help="Which control chart to run."
)
@click.option(
    "--target",
    type=float,
    required=True,
    help="cusum/p: the expected rate of correct outcomes (0–1); ewma/xmr: the target value.",
)
@click.option(
    "--shift",
    type=float,
    default=None,
    help="The drop to detect, e.g. 0.1 for 0.9 → 0.8 (cusum: required; p: default 10 % "
    "of the target; ewma: default one standard deviation).",
)
@click.option(
    "--arl0",
    type=float,
    default=None,
    help="In-control average run length: cases (cusum, default 1000) or periods (ewma, "
    "default 370).",
)
@click.option("--laney", is_flag=True, help="p: Laney p′ limits for over-dispersion.")
@click.option(
    "--sd",
    type=float,
    default=None,
    help="ewma: the process standard deviation (default: MR̄/1.128).",
)
@click.option("--lam", type=float, default=0.2, show_default=True, help="ewma: λ.")
@FORMAT
@click.option("--lang", type=click.Choice(["da", "en"]), default=None, help="Language of the text.")
def check(
    file: Path,
    chart: str,
    target: float,
    shift: float | None,
    arl0: float | None,
    laney: bool,
    sd: float | None,
    lam: float,
    fmt: str,
    lang: str | None,
) -> None:
    """Run a control chart over FILE (CSV).

    cusum: a column `outcome` (1 = correct, 0 = error) in time order. p: columns
    `period,n,successes`. ewma and xmr: columns `period,value`.
    """
    from vejviser.monitoring.core import charts, cusum, io

    language = cli_lang(lang)
    with _input_errors():
        if chart in ("cusum", "p"):
            cusum.check_rate(target)
        elif not math.isfinite(target):
            raise MonitoringInputError(message("The target must be a finite number."))
        if not file.is_file():
            raise MonitoringInputError(message("The file could not be read."))
        table = io.read_table(file)
        if chart == "cusum":
            if shift is None:
                raise MonitoringInputError(message("The CUSUM needs --shift, the drop to detect."))
            result = cusum.cusum_chart(io.read_outcomes(table), target, shift, arl0 or 1000.0)
        elif chart == "p":
            counts = io.read_counts(table)
            result = charts.p_chart(
                counts.periods, counts.n, counts.successes, target, shift, laney=laney
            )
        else:
            periods, values = io.read_values(table)
            if chart == "ewma":
                sigma = sd if sd is not None else _sd_from_moving_range(values)
                result = charts.ewma_chart(
                    periods, values, target, sigma, lam=lam, arl0=arl0 or 370.0, shift=shift
                )
            else:
                result = charts.xmr_chart(periods, values, centre=target)
    data: dict[str, Any] = result.to_dict()
    data["design"] = [m.text(language) for m in result.design]
    if chart == "cusum":
        data.pop("limits")
        data["limit"] = _plain(result.points[0].upper) if result.points else None
        data["statistic"] = [p.value for p in result.points]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in data["design"]:
        click.echo(line)
    first = result.first_signal
    if first is None:
        click.echo(translate("No signal.", language))
    else:
        click.echo(
            translate(
                "Signal at row {row} ({count} signals in all).",
                language,
                row=first,
                count=len(result.signals),
            )
        )


def _sd_from_moving_range(values: list[float]) -> float:
    if len(values) < 2:
        raise MonitoringInputError(
            message("Give --sd: the standard deviation cannot be estimated from one value.")
        )
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    sigma = sum(ranges) / len(ranges) / 1.128
    return sigma if sigma > 0 else 1.0


@monitor.command()
@click.option("--target", type=float, required=True, help="Baseline rate of correct outcomes.")
@click.option("--shift", type=float, required=True, help="The drop to detect, e.g. 0.1.")
@click.option(
    "--within",
    type=float,
    default=3.0,
    show_default=True,
    help="Months within which the drop should be caught on average.",
)
@click.option(
    "--false-alarm-months",
    type=float,
    default=24.0,
    show_default=True,
    help="A false alarm at most about this often (months).",
)
@FORMAT
@click.option("--lang", type=click.Choice(["da", "en"]), default=None, help="Language of the text.")
def cases(
    target: float,
    shift: float,
    within: float,
    false_alarm_months: float,
    fmt: str,
    lang: str | None,
) -> None:
    """How many audited cases a month catch the drop within --within months."""
    from vejviser.monitoring.core.sample_size import cases_needed

    language = cli_lang(lang)
    with _input_errors():
        plan = cases_needed(target, shift, within, false_alarm_months)
    if plan is None:
        data: dict[str, Any] = {"cases_per_month": None}
        lines = [translate("Not even 1000 cases a month catch this drop in time.", language)]
    else:
        data = {
            "cases_per_month": plan.n,
            "months_to_detect": plan.months_to_detect,
            "months_to_false_alarm": plan.months_to_false_alarm,
            "power_one_month": plan.power_one_month,
        }
        lines = [m.text(language) for m in plan.words()]
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in lines:
            click.echo(line)
