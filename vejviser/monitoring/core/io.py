"""Reading monitoring data from CSV: case-level outcomes or aggregates per period.

The file is read once, CPR-looking columns are refused before anything else is used
(:func:`vejviser.evidence.core.privacy.column_looks_like_cpr`), and only what the chart
needs is returned. Separator ``,`` or ``;`` (Danish spreadsheets); numbers as typed in
Danish or English (:func:`vejviser.kernel.inputs.parse_number`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from vejviser.evidence.core.privacy import column_looks_like_cpr
from vejviser.kernel.i18n import message
from vejviser.kernel.inputs import NumberError, parse_number

from .errors import MonitoringInputError

#: Rows sampled per column for the CPR check.
CPR_SAMPLE = 200


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[dict[str, str]]

    def column(self, name: str) -> list[str]:
        return [row.get(name, "") for row in self.rows]


def read_table(source: Path | str) -> Table:
    """A CSV file (path) or CSV text: header and rows, CPR columns refused."""
    if isinstance(source, Path):
        try:
            text = source.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = source.read_text(encoding="latin-1")
        except OSError:
            raise MonitoringInputError(message("The file could not be read.")) from None
    else:
        text = source
    if not text.strip():
        raise MonitoringInputError(message("The file is empty."))
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [c.strip() for c in (reader.fieldnames or []) if c is not None]
    rows = [
        {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        for row in reader
    ]
    for name in columns:
        if column_looks_like_cpr(name, [r.get(name, "") for r in rows[:CPR_SAMPLE]]):
            raise MonitoringInputError(
                message(
                    "The column '{column}' looks like CPR numbers. Remove it: only aggregates "
                    "may be used, and nothing with a CPR number is read.",
                    column=name[:40],
                )
            )
    if not rows:
        raise MonitoringInputError(message("The file is empty."))
    return Table(columns, rows)


def _need(table: Table, *names: str) -> None:
    missing = [n for n in names if n not in table.columns]
    if missing:
        raise MonitoringInputError(
            message(
                "The file needs the column(s) {missing}; it has {found}.",
                missing=", ".join(missing),
                found=", ".join(table.columns[:12]) or "–",
            )
        )


def _number(value: str, column: str, row: int) -> float:
    try:
        return parse_number(value, field=column)
    except NumberError:
        raise MonitoringInputError(
            message("Row {row}: '{column}' is not a number.", row=row, column=column)
        ) from None


def _whole(value: str, column: str, row: int) -> int:
    number = _number(value, column, row)
    if not number.is_integer() or number < 0:
        raise MonitoringInputError(
            message("Row {row}: '{column}' must be a whole number.", row=row, column=column)
        )
    return int(number)


def read_outcomes(table: Table, column: str = "outcome") -> list[int]:
    """Case-level outcomes in time order: 1 = correct, 0 = error."""
    _need(table, column)
    out = []
    for i, value in enumerate(table.column(column), start=2):
        number = _number(value, column, i)
        if number not in (0.0, 1.0):
            raise MonitoringInputError(
                message("Row {row}: an outcome must be 1 (correct) or 0 (error).", row=i)
            )
        out.append(int(number))
    return out


@dataclass(frozen=True)
class Counts:
    periods: list[str]
    n: list[int]
    successes: list[int]


def read_counts(table: Table) -> Counts:
    """Aggregates per period: ``period,n,successes``."""
    _need(table, "period", "n", "successes")
    periods, n, hits = [], [], []
    for i, row in enumerate(table.rows, start=2):
        periods.append(row["period"])
        n.append(_whole(row["n"], "n", i))
        hits.append(_whole(row["successes"], "successes", i))
        if n[-1] == 0 or hits[-1] > n[-1]:
            raise MonitoringInputError(
                message("Row {row}: n must be above 0 and successes at most n.", row=i)
            )
    return Counts(periods, n, hits)


def read_values(table: Table, column: str = "value") -> tuple[list[str], list[float]]:
    """A measure per period: ``period,value``."""
    _need(table, "period", column)
    values = [_number(v, column, i) for i, v in enumerate(table.column(column), start=2)]
    return table.column("period"), values
