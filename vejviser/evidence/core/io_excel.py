"""Reading the chosen columns of an Excel (xlsx) sheet with openpyxl, read-only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.io import (
    SAMPLE_ROWS,
    Progress,
    Table,
    categorical_from_values,
    check_columns,
    floats_from_values,
)
from vejviser.evidence.core.privacy import safe_value
from vejviser.kernel.i18n import message


def read_excel(
    path: Path,
    numeric: Sequence[str],
    categorical: Sequence[str],
    text: Sequence[str],
    drop: Sequence[str],
    sheet: str | None,
    progress: Progress | None,
) -> Table:
    import openpyxl  # type: ignore[import-untyped]

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise EvidenceInputError(
            "unreadable_file",
            message(
                "The file '{file}' could not be read: {reason}",
                file=path.name,
                reason=safe_value(type(exc).__name__),
            ),
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise EvidenceInputError(
                "missing_column",
                message(
                    "The column '{column}' is not in the file. The file's columns: {available}.",
                    column=safe_value(sheet),
                    available=", ".join(f"'{safe_value(s)}'" for s in workbook.sheetnames),
                ),
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        total = worksheet.max_row or 0
        rows = worksheet.iter_rows(values_only=True)
        header: list[str] = []
        for row in rows:
            if any(cell is not None and str(cell).strip() for cell in row):
                header = ["" if cell is None else str(cell).strip() for cell in row]
                break
        if not header:
            raise EvidenceInputError(
                "empty_file",
                message("The file '{file}' is empty: it has no data rows.", file=path.name),
            )
        wanted = [*numeric, *categorical, *text]
        position = {name: i for i, name in reversed(list(enumerate(header)))}
        values: dict[str, list[Any]] = {name: [] for name in header if name}
        sample_done = False
        count = 0
        for row in rows:
            if not any(cell is not None and str(cell).strip() for cell in row):
                continue
            count += 1
            if not sample_done:
                for name in values:
                    i = position[name]
                    values[name].append(row[i] if i < len(row) else None)
                if count >= SAMPLE_ROWS:
                    check_columns(header, wanted, values, drop)
                    values = {name: values[name] for name in wanted}
                    sample_done = True
                continue
            for name in wanted:
                i = position[name]
                values[name].append(row[i] if i < len(row) else None)
            if progress and count % 10_000 == 0:
                progress(count, total)
        if not sample_done:
            check_columns(header, wanted, values, drop)
    finally:
        workbook.close()
    if progress:
        progress(total, total)
    table = Table(rows=count, columns=[h for h in header if h])
    for name in numeric:
        table.numeric[name] = floats_from_values(values[name], name)
    for name in categorical:
        table.categorical[name] = categorical_from_values(values[name])
    for name in text:
        table.text[name] = [None if v is None else str(v) for v in values[name]]
    return table
