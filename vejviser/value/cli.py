"""``vejviser value …``: business cases from the command line (the lead mounts ``value``).

Commands call the core and format its results; they hold no logic of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import click

from vejviser.cli import current_lang
from vejviser.kernel.formatting import integer, number, percent, percent_interval
from vejviser.kernel.i18n import Lang, translate
from vejviser.value.core import (
    DEFAULT_ITERATIONS,
    Case,
    CaseError,
    Problem,
    deterministic,
    load_case,
    monte_carlo,
    plots,
    report,
    scenarios,
    tornado,
)
from vejviser.value.core import export as export_core
from vejviser.value.core.diff import changes

EXIT_BAD_CASE = 2


class BadCase(click.ClickException):
    """A case that cannot be used: every problem in the CLI's language, exit code 2."""

    exit_code = EXIT_BAD_CASE

    def __init__(self, error: CaseError, lang: Lang) -> None:
        super().__init__(error.text(lang))
        self.error, self.lang = error, lang

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(translate("Invalid case:", self.lang), err=True)
        click.echo(self.error.text(self.lang), err=True)


def _load(path: Path, scenario: str | None, lang: Lang) -> Case:
    try:
        case = load_case(path)
    except CaseError as exc:
        raise BadCase(exc, lang) from exc
    if scenario is None:
        return case
    chosen = case.scenario(scenario)
    if chosen is None:
        known = ", ".join(s.id for s in case.scenarios) or "-"
        problem = Problem(("scenario",), "scenario_unknown", {"ref": scenario, "known": known})
        raise BadCase(CaseError([problem]), lang)
    return case.with_overrides(chosen.overrides)


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


_case_arg = click.argument("case_path", metavar="CASE.yaml", type=click.Path(path_type=Path))
_scenario_opt = click.option(
    "--scenario",
    default=None,
    help="Apply a scenario of the case (its input overrides) before computing.",
)
_format_opt = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Output format.",
)
_lang_opt = click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language of the text output and plots (default: the global --lang).",
)
_iterations_opt = click.option(
    "--iterations",
    "-n",
    type=click.IntRange(1, 10_000_000),
    default=DEFAULT_ITERATIONS,
    show_default=True,
    help="Monte Carlo iterations.",
)
_seed_opt = click.option(
    "--seed",
    type=click.IntRange(0),
    default=None,
    help="Random seed (reported in the output; the same seed gives the same result).",
)


@click.group(name="value", help="Business cases: hours freed, costs, NPV and their uncertainty.")
def value() -> None:
    pass


@value.command(
    name="deterministic", help="The case with every input at its expected figure, year by year."
)
@_case_arg
@_scenario_opt
@_format_opt
@_lang_opt
def deterministic_command(
    case_path: Path, scenario: str | None, fmt: str, lang: str | None
) -> None:
    shown = current_lang(lang)
    case = _load(case_path, scenario, shown)
    det = deterministic(case)
    bars = tornado(case)
    variants = scenarios(case) if scenario is None and case.scenarios else None
    data = report.deterministic_report(det, bars, variants)
    if fmt == "json":
        _emit_json(data)
        return
    _title(case, shown)
    _table(data, shown)
    _line(translate("Net present value (DKK)", shown), integer(data["npv"], shown))
    _line(translate("NPV, cash only (DKK)", shown), integer(data["npv_cash"], shown))
    _line(translate("Payback year", shown), _year(data["payback_year"], shown))
    _line(
        translate("Cost per hour freed (DKK)", shown),
        integer(data["cost_per_hour_freed"], shown),
    )
    _tornado(case, data["tornado"], shown)
    if data.get("scenarios"):
        click.echo(translate("Scenarios (net present value, DKK):", shown))
    for row in data.get("scenarios", []):
        click.echo(f"  {row['label'][shown]}: {integer(row['npv'], shown)}")


@value.command(
    name="simulate",
    help=(
        "Monte Carlo simulation of a case: NPV and hours freed with P5/P50/P95, "
        "P(NPV > 0), payback, tornado and scenarios."
    ),
)
@_case_arg
@_iterations_opt
@_seed_opt
@_scenario_opt
@_format_opt
@_lang_opt
def simulate_command(
    case_path: Path,
    iterations: int,
    seed: int | None,
    scenario: str | None,
    fmt: str,
    lang: str | None,
) -> None:
    shown = current_lang(lang)
    case = _load(case_path, scenario, shown)
    sim = monte_carlo(case, iterations, seed)
    variants = (
        scenarios(case, iterations, sim.seed) if scenario is None and case.scenarios else None
    )
    data = report.simulation_report(sim, deterministic(case), tornado(case), variants)
    if fmt == "json":
        _emit_json(data)
        return
    _title(case, shown)
    _line(
        translate("Iterations", shown),
        translate(
            "{iterations} (seed {seed})", shown, iterations=sim.iterations, seed=str(sim.seed)
        ),
    )
    _line(translate("Net present value (DKK)", shown), _summary(data["npv"], shown))
    low, high = data["prob_npv_positive_interval"]
    _line(
        translate("Probability of NPV > 0", shown),
        translate(
            # xgettext:no-python-format
            "{share} (Monte Carlo 95 % interval {interval})",
            shown,
            share=percent(data["prob_npv_positive"], shown),
            interval=percent_interval(low, high, shown),
        ),
    )
    _line(
        translate("Hours freed over the horizon", shown),
        _summary(data["hours_freed_total"], shown),
    )
    payback = data["payback_year"]
    _line(
        translate("Payback year", shown),
        " / ".join(_year(payback[k], shown) for k in ("p5", "p50", "p95")),
    )
    _tornado(case, data["tornado"], shown)
    if data.get("scenarios"):
        click.echo(translate("Scenarios (net present value, DKK):", shown))
    for row in data.get("scenarios", []):
        text = _summary(row["npv"], shown)
        prob = percent(row["prob_npv_positive"], shown)
        click.echo(f"  {row['label'][shown]}: {text}, P(NPV > 0) {prob}")


@value.command(
    name="export", help="Export the case's KPIs for monitoring or its weighted award criteria."
)
@_case_arg
@click.option(
    "--what", type=click.Choice(["kpis", "criteria"]), default="kpis", help="What to export."
)
@_iterations_opt
@_seed_opt
def export_command(case_path: Path, what: str, iterations: int, seed: int | None) -> None:
    case = _load(case_path, None, current_lang())
    det = deterministic(case)
    if what == "kpis":
        _emit_json(export_core.kpis(case, det, monte_carlo(case, iterations, seed)))
    else:
        _emit_json(export_core.award_criteria(case, det, tornado(case)))


@value.command(
    name="plot", help="Write the NPV histogram, tornado and cumulative cash flow as SVG files."
)
@_case_arg
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Folder to write the SVG files to.",
)
@_iterations_opt
@_seed_opt
@_scenario_opt
@_lang_opt
def plot_command(
    case_path: Path,
    out: Path,
    iterations: int,
    seed: int | None,
    scenario: str | None,
    lang: str | None,
) -> None:
    shown = current_lang(lang)
    case = _load(case_path, scenario, shown)
    det = deterministic(case)
    sim = monte_carlo(case, iterations, seed)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "npv-histogram.svg": plots.npv_histogram(sim, shown),
        "tornado.svg": plots.tornado_chart(case, tornado(case), det.npv, shown),
        "cashflow.svg": plots.cashflow_chart(det, sim, shown),
    }
    for name, svg in files.items():
        (out / name).write_text(svg, encoding="utf-8")
        click.echo(str(out / name))


@value.command(
    name="diff", help="What changed between two versions of a case (inputs, settings, lines)."
)
@click.argument("old_path", metavar="OLD.yaml", type=click.Path(path_type=Path))
@click.argument("new_path", metavar="NEW.yaml", type=click.Path(path_type=Path))
@_format_opt
def diff_command(old_path: Path, new_path: Path, fmt: str) -> None:
    lang = current_lang()
    found = changes(_load(old_path, None, lang), _load(new_path, None, lang))
    if fmt == "json":
        _emit_json([c.as_dict() for c in found])
        return
    for change in found:
        where = f"{change.section}.{change.id}"
        click.echo(f"{change.kind:8} {where}: {change.before} → {change.after}")


# --- text output ----------------------------------------------------------------------


def _title(case: Case, lang: Lang) -> None:
    click.echo(f"{case.title.get(lang)} ({case.id} v{case.version}, {case.stage})")


def _line(label: str, text: str) -> None:
    click.echo(f"{label}: {text}")


def _year(year: int | None, lang: Lang) -> str:
    return translate("not within the horizon", lang) if year is None else str(year)


def _summary(summary: dict[str, float], lang: Lang) -> str:
    return ", ".join(f"{k} {integer(summary[k], lang)}" for k in ("mean", "p5", "p50", "p95"))


def _table(data: dict[str, Any], lang: Lang) -> None:
    def whole(key: str) -> list[str]:
        return [integer(v, lang) for v in data[key]]

    rows = [
        (translate("Year", lang), [str(y) for y in data["years"]]),
        (translate("Hours freed", lang), whole("hours_freed_per_year")),
        (
            translate("Full-time equivalents", lang),
            [number(v, lang, 2) for v in data["fte_per_year"]],
        ),
        (translate("Value of time (DKK)", lang), whole("value_of_time_per_year")),
        (translate("Quality gains (DKK)", lang), whole("quality_value_per_year")),
        (translate("Costs (DKK)", lang), whole("costs_per_year")),
        (translate("Net (DKK)", lang), whole("net_per_year")),
        (translate("Cumulative (DKK)", lang), whole("cumulative_per_year")),
    ]
    width = max(len(label) for label, _ in rows)
    cell = max(len(c) for _, cells in rows for c in cells) + 2
    for label, cells in rows:
        click.echo(label.ljust(width) + "".join(c.rjust(cell) for c in cells))


def _tornado(case: Case, bars: list[dict[str, Any]], lang: Lang) -> None:
    click.echo(translate("Sensitivity (tornado):", lang))
    for bar in bars:
        name = case.inputs[bar["input"]].label.get(lang)
        low, high = integer(bar["low"], lang), integer(bar["high"], lang)
        click.echo(f"  {name}: {low} … {high}")
