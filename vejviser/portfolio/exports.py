"""The portfolio as a table for machines and spreadsheets: JSON, CSV and XLSX.

Numbers stay plain machine numbers (no thousands separators); empty cells are empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from .core.rows import PortfolioRow

COLUMNS = (
    "pk",
    "title",
    "organisation",
    "track",
    "phase",
    "status",
    "next_step",
    "overdue",
    "steps_closed",
    "steps_total",
    "ai_act_tier",
    "mdr_class",
    "npv_p50",
    "hours_expected",
    "hours_realised",
    "validation",
    "monitoring",
    "open_alerts",
    "contract_end",
    "next_revalidation",
)


def records(rows: Sequence[PortfolioRow], *, iso_dates: bool = True) -> list[dict[str, Any]]:
    """The rows as plain values; dates as ISO text (``2027-06-01``) unless ``iso_dates``
    is off (XLSX keeps real dates)."""
    out = []
    for row in rows:
        data = asdict(row)
        out.append(
            {
                c: data[c].isoformat() if iso_dates and isinstance(data[c], date) else data[c]
                for c in COLUMNS
            }
        )
    return out


def to_csv(rows: Sequence[PortfolioRow]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records(rows):
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


def to_xlsx(rows: Sequence[PortfolioRow]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "Portfolio"
    sheet.append(list(COLUMNS))
    for record in records(rows, iso_dates=False):
        sheet.append([record[c] for c in COLUMNS])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
