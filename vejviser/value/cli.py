"""``vejviser value …``: business cases from the command line (the lead mounts ``value``).

Commands call the core and format its results; they hold no logic of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import click

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
from vejviser.value.core.messages import CLI_HELP, Lang, label
from vejviser.value.core.plots import number

EXIT_BAD_CASE = 2


class BadCase(click.ClickException):
    """A case that cannot be used: every problem in Danish and English, exit code 2."""

    exit_code = EXIT_BAD_CASE

    def __init__(self, error: CaseError) -> None:
        super().__init__(error.text())
        self.error = error

    def show(self, file: IO[Any] | None = None) -> None:
        heading = f"{label('case_invalid', 'da')} / {label('case_invalid', 'en')}:"
        click.echo(heading, err=True)
        click.echo(self.error.text(), err=True)


def _load(path: Path, scenario: str | None) -> Case:
    try:
        case = load_case(path)
    except CaseError as exc:
        raise BadCase(exc) from exc
    if scenario is None:
        return case
    chosen = case.scenario(scenario)
    if chosen is None:
        known = ", ".join(s.id for s in case.scenarios) or "-"
        problem = Problem(("scenario",), "scenario_unknown", {"ref": scenario, "known": known})
        raise BadCase(CaseError([problem]))
    return case.with_overrides(chosen.overrides)


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


_case_arg = click.argument("case_path", metavar="CASE.yaml", type=click.Path(path_type=Path))
_scenario_opt = click.option("--scenario", default=None, help=CLI_HELP["scenario"])
_format_opt = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help=CLI_HELP["format"],
)
_lang_opt = click.option(
    "--lang", type=click.Choice(["da", "en"]), default="da", help=CLI_HELP["lang"]
)
_iterations_opt = click.option(
    "--iterations",
    "-n",
    type=click.IntRange(1, 10_000_000),
    default=DEFAULT_ITERATIONS,
    show_default=True,
    help=CLI_HELP["iterations"],
)
_seed_opt = click.option("--seed", type=click.IntRange(0), default=None, help=CLI_HELP["seed"])


@click.group(name="value", help=CLI_HELP["group"])
def value() -> None:
    pass


@value.command(name="deterministic", help=CLI_HELP["deterministic"])
@_case_arg
@_scenario_opt
@_format_opt
@_lang_opt
def deterministic_command(case_path: Path, scenario: str | None, fmt: str, lang: Lang) -> None:
    case = _load(case_path, scenario)
    det = deterministic(case)
    bars = tornado(case)
    variants = scenarios(case) if scenario is None and case.scenarios else None
    data = report.deterministic_report(det, bars, variants)
    if fmt == "json":
        _emit_json(data)
        return
    _title(case, lang)
    _table(data, lang)
    _line("npv", number(data["npv"], lang), lang)
    _line("npv_cash", number(data["npv_cash"], lang), lang)
    _line("payback_year", _year(data["payback_year"], lang), lang)
    cost = data["cost_per_hour_freed"]
    _line("cost_per_hour", number(cost, lang) if cost is not None else "-", lang)
    _tornado(case, data["tornado"], lang)
    if data.get("scenarios"):
        click.echo(f"{label('scenarios', lang)} ({label('npv', lang)}):")
    for row in data.get("scenarios", []):
        click.echo(f"  {row['label'][lang]}: {number(row['npv'], lang)}")


@value.command(name="simulate", help=CLI_HELP["simulate"])
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
    lang: Lang,
) -> None:
    case = _load(case_path, scenario)
    sim = monte_carlo(case, iterations, seed)
    variants = (
        scenarios(case, iterations, sim.seed) if scenario is None and case.scenarios else None
    )
    data = report.simulation_report(sim, deterministic(case), tornado(case), variants)
    if fmt == "json":
        _emit_json(data)
        return
    _title(case, lang)
    _line("iterations", f"{number(sim.iterations, lang)} (seed {sim.seed})", lang)
    _line("npv", _summary(data["npv"], lang), lang)
    _line("prob_npv_positive", _percent(data["prob_npv_positive"], lang), lang)
    _line("hours_freed_total", _summary(data["hours_freed_total"], lang), lang)
    payback = data["payback_year"]
    _line("payback_year", " / ".join(_year(payback[k], lang) for k in ("p5", "p50", "p95")), lang)
    _tornado(case, data["tornado"], lang)
    if data.get("scenarios"):
        click.echo(f"{label('scenarios', lang)} ({label('npv', lang)}):")
    for row in data.get("scenarios", []):
        text = _summary(row["npv"], lang)
        click.echo(
            f"  {row['label'][lang]}: {text}, P(NPV > 0) {_percent(row['prob_npv_positive'], lang)}"
        )


@value.command(name="export", help=CLI_HELP["export"])
@_case_arg
@click.option(
    "--what", type=click.Choice(["kpis", "criteria"]), default="kpis", help=CLI_HELP["what"]
)
@_iterations_opt
@_seed_opt
def export_command(case_path: Path, what: str, iterations: int, seed: int | None) -> None:
    case = _load(case_path, None)
    det = deterministic(case)
    if what == "kpis":
        _emit_json(export_core.kpis(case, det, monte_carlo(case, iterations, seed)))
    else:
        _emit_json(export_core.award_criteria(case, det, tornado(case)))


@value.command(name="plot", help=CLI_HELP["plot"])
@_case_arg
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help=CLI_HELP["out"],
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
    lang: Lang,
) -> None:
    case = _load(case_path, scenario)
    det = deterministic(case)
    sim = monte_carlo(case, iterations, seed)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "npv-histogram.svg": plots.npv_histogram(sim, lang),
        "tornado.svg": plots.tornado_chart(case, tornado(case), det.npv, lang),
        "cashflow.svg": plots.cashflow_chart(det, sim, lang),
    }
    for name, svg in files.items():
        (out / name).write_text(svg, encoding="utf-8")
        click.echo(str(out / name))


@value.command(name="diff", help=CLI_HELP["diff"])
@click.argument("old_path", metavar="OLD.yaml", type=click.Path(path_type=Path))
@click.argument("new_path", metavar="NEW.yaml", type=click.Path(path_type=Path))
@_format_opt
def diff_command(old_path: Path, new_path: Path, fmt: str) -> None:
    found = changes(_load(old_path, None), _load(new_path, None))
    if fmt == "json":
        _emit_json([c.as_dict() for c in found])
        return
    for change in found:
        where = f"{change.section}.{change.id}"
        click.echo(f"{change.kind:8} {where}: {change.before} → {change.after}")


# --- text output ----------------------------------------------------------------------


def _title(case: Case, lang: Lang) -> None:
    click.echo(f"{case.title.get(lang)} ({case.id} v{case.version}, {case.stage})")


def _line(key: str, text: str, lang: Lang) -> None:
    click.echo(f"{label(key, lang)}: {text}")


def _year(year: int | None, lang: Lang) -> str:
    return label("never", lang) if year is None else str(year)


def _percent(share: float, lang: Lang) -> str:
    return f"{number(100 * share, lang, 1)} %"


def _summary(summary: dict[str, float], lang: Lang) -> str:
    parts = [f"{k} {number(summary[k], lang)}" for k in ("mean", "p5", "p50", "p95")]
    return ", ".join(parts)


def _table(data: dict[str, Any], lang: Lang) -> None:
    rows = [
        ("year", [str(y) for y in data["years"]]),
        ("hours_freed", [number(v, lang) for v in data["hours_freed_per_year"]]),
        ("fte", [number(v, lang, 2) for v in data["fte_per_year"]]),
        ("value_of_time", [number(v, lang) for v in data["value_of_time_per_year"]]),
        ("quality_value", [number(v, lang) for v in data["quality_value_per_year"]]),
        ("costs", [number(v, lang) for v in data["costs_per_year"]]),
        ("net", [number(v, lang) for v in data["net_per_year"]]),
        ("cumulative", [number(v, lang) for v in data["cumulative_per_year"]]),
    ]
    width = max(len(label(key, lang)) for key, _ in rows)
    cell = max(len(c) for _, cells in rows for c in cells) + 2
    for key, cells in rows:
        click.echo(label(key, lang).ljust(width) + "".join(c.rjust(cell) for c in cells))


def _tornado(case: Case, bars: list[dict[str, Any]], lang: Lang) -> None:
    click.echo(f"{label('tornado', lang)}:")
    for bar in bars:
        name = case.inputs[bar["input"]].label.get(lang)
        low, high = number(bar["low"], lang), number(bar["high"], lang)
        click.echo(f"  {name}: {low} … {high}")
