"""From an uploaded table to monthly aggregates (the cases themselves are not kept).

Accepted layouts (a ``period`` or ``date`` column, ``YYYY-MM`` or ``YYYY-MM-DD``):

- case by case, a share: ``period,outcome`` with outcome 1 (the event counted, e.g.
  correct) or 0, in time order — counted per month, and for a CUSUM metric the chart is
  run over the cases, continuing from the statistic stored at the last month's end;
- case by case, a measure: ``period,value`` with several rows per month — the mean and n;
- monthly counts: ``period,n,successes``;
- monthly values: ``period,value`` (one row per month, optionally ``n``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vejviser.kernel.i18n import message

from .cusum import CusumDesign
from .errors import MonitoringInputError
from .io import Table, _need, _number, _whole

_PERIOD = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[T ].*)?\s*$")


@dataclass(frozen=True)
class Aggregate:
    period: str  # "YYYY-MM"
    n: int | None = None
    successes: int | None = None
    value: float | None = None
    cusum: float | None = None
    cusum_signal: bool = False


def month_of(text: str, row: int) -> str:
    match = _PERIOD.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise MonitoringInputError(
            message("Row {row}: the period must be a month as YYYY-MM (or a date).", row=row)
        )
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def _periods(table: Table) -> list[str]:
    column = "period" if "period" in table.columns else "date"
    _need(table, column)
    return [month_of(v, i) for i, v in enumerate(table.column(column), start=2)]


def aggregate(
    table: Table,
    kind: str,
    *,
    higher_is_better: bool = True,
    design: CusumDesign | None = None,
    cusum_start: float = 0.0,
) -> list[Aggregate]:
    """Monthly aggregates of ``table`` for a metric of ``kind`` (proportion, continuous,
    kpi), in month order."""
    periods = _periods(table)
    if kind == "proportion":
        if "outcome" in table.columns:
            return _outcomes(table, periods, higher_is_better, design, cusum_start)
        _need(table, "n", "successes")
        out = []
        for i, (period, row) in enumerate(zip(periods, table.rows, strict=True), start=2):
            n, hits = _whole(row["n"], "n", i), _whole(row["successes"], "successes", i)
            if n == 0 or hits > n:
                raise MonitoringInputError(
                    message("Row {row}: n must be above 0 and successes at most n.", row=i)
                )
            out.append(Aggregate(period, n, hits))
        return _unique(out)
    _need(table, "value")
    values = [_number(v, "value", i) for i, v in enumerate(table.column("value"), start=2)]
    if "n" in table.columns:
        cases = [_whole(v, "n", i) for i, v in enumerate(table.column("n"), start=2)]
        return _unique(
            [Aggregate(p, c, None, v) for p, c, v in zip(periods, cases, values, strict=True)]
        )
    sums: dict[str, list[float]] = {}
    for period, value in zip(periods, values, strict=True):
        sums.setdefault(period, []).append(value)
    return [
        Aggregate(p, len(v), None, sum(v) / len(v) if kind == "continuous" else sum(v))
        for p, v in sorted(sums.items())
    ]


def _unique(rows: list[Aggregate]) -> list[Aggregate]:
    seen = [r.period for r in rows]
    if len(set(seen)) != len(seen):
        raise MonitoringInputError(message("Each month may appear only once in a monthly file."))
    return sorted(rows, key=lambda r: r.period)


def _outcomes(
    table: Table,
    periods: list[str],
    higher_is_better: bool,
    design: CusumDesign | None,
    cusum_start: float,
) -> list[Aggregate]:
    counts: dict[str, list[int]] = {}
    state = round(cusum_start * design.scale) if design else 0
    last: dict[str, float] = {}
    signalled: set[str] = set()
    previous = ""
    for i, (period, value) in enumerate(
        zip(periods, table.column("outcome"), strict=True), start=2
    ):
        number = _number(value, "outcome", i)
        if number not in (0.0, 1.0):
            raise MonitoringInputError(
                message("Row {row}: an outcome must be 1 (correct) or 0 (error).", row=i)
            )
        if period < previous:
            raise MonitoringInputError(
                message("Row {row}: the cases must be in time order.", row=i)
            )
        previous = period
        event = int(number)
        n_hits = counts.setdefault(period, [0, 0])
        n_hits[0] += 1
        n_hits[1] += event
        if design is not None:
            good = event if higher_is_better else 1 - event
            state = max(state + (-design.down if good else design.up), 0)
            if state >= design.limit:
                signalled.add(period)
                state = 0
            last[period] = state / design.scale
    return [
        Aggregate(p, c[0], c[1], None, last.get(p), p in signalled)
        for p, c in sorted(counts.items())
    ]
