"""Reading validation files: CSV, Excel (xlsx) and Parquet, only the chosen columns.

- CSV is read with pyarrow: multi-threaded in one go for ordinary files, and in a
  stream of record batches above ``STREAM_ABOVE_BYTES`` so that files larger than
  memory work (only the chosen columns are kept, as compact NumPy arrays). The
  delimiter (``,`` ``;`` tab ``|``), a decimal comma and a Windows-1252 encoding (common
  in Danish Excel exports) are detected from the first megabyte.
- Excel is read with openpyxl (read-only, first sheet unless named).
- Parquet is read with pyarrow in record batches.

Before any data is read, a sample of *every* column is checked for CPR numbers: such a
column is refused unless the caller drops it (it is then never read), and it can never
be one of the chosen columns. No value from a CPR-looking column appears in a message.
Everything wrong with the input raises :class:`.errors.EvidenceInputError`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.privacy import column_looks_like_cpr, safe_list, safe_value
from vejviser.kernel.i18n import message

#: CSV files larger than this are streamed in record batches.
STREAM_ABOVE_BYTES = 128 * 1024 * 1024
SAMPLE_BYTES = 1 << 20
SAMPLE_ROWS = 1000
BATCH_BYTES = 16 << 20
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")

#: ``progress(done, total)``: how far reading has come (bytes or rows).
Progress = Callable[[int, int], None]


@dataclass
class Categorical:
    """A column of categories: ``codes`` index ``levels``; -1 means missing."""

    codes: npt.NDArray[np.int32]
    levels: list[str]


@dataclass
class Table:
    """The chosen columns of a file, and what is known about the file."""

    rows: int
    columns: list[str]
    numeric: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict)
    categorical: dict[str, Categorical] = field(default_factory=dict)
    text: dict[str, list[str | None]] = field(default_factory=dict)
    file_format: str = ""


def file_format(path: Path) -> str:
    name = path.name.lower()
    for fmt, suffixes in (
        ("csv", CSV_SUFFIXES),
        ("xlsx", EXCEL_SUFFIXES),
        ("parquet", PARQUET_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return fmt
    raise EvidenceInputError(
        "unsupported_format",
        message(
            "The file type '{suffix}' is not supported. Use CSV, Excel (xlsx) or Parquet.",
            suffix=path.suffix or path.name,
        ),
    )


def read_table(
    path: str | Path,
    *,
    numeric: Sequence[str] = (),
    categorical: Sequence[str] = (),
    text: Sequence[str] = (),
    drop: Sequence[str] = (),
    sheet: str | None = None,
    progress: Progress | None = None,
) -> Table:
    """Read the ``numeric``, ``categorical`` and ``text`` columns of the file at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise EvidenceInputError(
            "file_not_found", message("The file '{file}' does not exist.", file=path.name)
        )
    fmt = file_format(path)
    wanted = [*numeric, *categorical, *text]
    seen: set[str] = set()
    for name in wanted:
        if name in seen:
            raise EvidenceInputError(
                "duplicate_column",
                message(
                    "The column '{column}' is chosen for more than one role.",
                    column=safe_value(name),
                ),
            )
        seen.add(name)
    if fmt == "csv":
        table = _read_csv(path, numeric, categorical, text, drop, progress)
    elif fmt == "parquet":
        table = _read_parquet(path, numeric, categorical, text, drop, progress)
    else:
        from vejviser.evidence.core.io_excel import read_excel

        table = read_excel(path, numeric, categorical, text, drop, sheet, progress)
    table.file_format = fmt
    if table.rows == 0:
        raise EvidenceInputError(
            "empty_file",
            message("The file '{file}' is empty: it has no data rows.", file=path.name),
        )
    return table


# --- shared checks ----------------------------------------------------------------------


def check_columns(
    columns: Sequence[str], wanted: Iterable[str], sample: dict[str, list[Any]], drop: Sequence[str]
) -> None:
    """Missing columns and CPR-looking columns, before any data is read."""
    available = ", ".join(f"'{safe_value(c)}'" for c in columns[:30])
    for name in wanted:
        if name not in columns:
            raise EvidenceInputError(
                "missing_column",
                message(
                    "The column '{column}' is not in the file. The file's columns: {available}.",
                    column=safe_value(name),
                    available=available,
                ),
            )
    wanted_set = set(wanted)
    for name in columns:
        if name in drop and name not in wanted_set:
            continue
        if column_looks_like_cpr(name, sample.get(name, [])):
            if name in wanted_set:
                raise EvidenceInputError(
                    "cpr_column_used",
                    message(
                        "The column '{column}' looks like Danish CPR numbers and cannot be "
                        "used in a validation.",
                        column=safe_value(name),
                    ),
                )
            raise EvidenceInputError(
                "cpr_column",
                message(
                    "The column '{column}' looks like Danish CPR numbers. Remove it from the "
                    "file, or say that it is to be dropped (--drop '{column}'). The values "
                    "are not shown.",
                    column=safe_value(name),
                ),
            )


class _Categories:
    """Collects categorical chunks into global codes."""

    def __init__(self) -> None:
        self.levels: list[str] = []
        self.index: dict[str, int] = {}
        self.parts: list[npt.NDArray[np.int32]] = []

    def code_of(self, value: str) -> int:
        code = self.index.get(value)
        if code is None:
            code = self.index[value] = len(self.levels)
            self.levels.append(value)
        return code

    def add_dictionary(self, chunk: pa.Array) -> None:
        if not pa.types.is_dictionary(chunk.type):
            chunk = pc.cast(chunk, pa.string()).dictionary_encode()
        dictionary = chunk.dictionary.to_pylist()
        lookup = np.array([self.code_of(_clean(v)) for v in dictionary] + [-1], dtype=np.int32)
        self.parts.append(lookup[_numpy(chunk.indices, -1)])

    def add_values(self, values: Iterable[object]) -> None:
        codes = [-1 if (s := _clean(v)) == "" else self.code_of(s) for v in values]
        self.parts.append(np.asarray(codes, dtype=np.int32))

    def result(self) -> Categorical:
        codes = np.concatenate(self.parts) if self.parts else np.zeros(0, dtype=np.int32)
        empty = self.index.get("")
        if empty is not None:  # blank strings count as missing
            codes = np.where(codes == empty, -1, codes).astype(np.int32)
        return Categorical(codes, self.levels)


def _numpy(array: pa.Array, fill: float) -> npt.NDArray[Any]:
    """A primitive Arrow array as NumPy, nulls replaced by ``fill``.

    Done on the buffers: Arrow's own conversion of arrays with nulls (and
    ``fill_null`` with a Python scalar) imports pandas, which costs most of a second."""
    if array.null_count == 0:
        plain: npt.NDArray[Any] = array.to_numpy(zero_copy_only=False)
        return plain
    validity, data = array.buffers()[:2]
    dtype = np.dtype(array.type.to_pandas_dtype())
    start, length = array.offset, len(array)
    values = np.frombuffer(data, dtype=dtype, count=start + length)[start:]
    bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
    valid = bits[start : start + length].astype(np.bool_)
    out = values.astype(np.result_type(dtype, np.asarray(fill).dtype))
    out[~valid] = fill
    return out


def _clean(value: object) -> str:
    """A category as text: trimmed, integral numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


# --- CSV --------------------------------------------------------------------------------


@dataclass
class _CsvLayout:
    columns: list[str]
    sample: dict[str, list[Any]]
    delimiter: str
    encoding: str
    decimal_point: str
    row_bytes: float  # average size of a data row in the sample, for progress


_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _wide_encoding(head: bytes, path: Path) -> str | None:
    """``"utf-16"`` for a file with a UTF-16 byte-order mark (what Excel's "Unicode text"
    writes, usually tab-separated), ``"utf-16-le"``/``"-be"`` for UTF-16 without one
    (every other byte zero), ``None`` for a byte encoding (UTF-8, Windows-1252). Other
    text with zero bytes (UTF-32, a binary file renamed .csv) is refused by name."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "UTF-32"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    elif b"\x00" not in head[:4096]:
        return None
    else:
        start = head[:4096]
        even, odd = start[0::2].count(0), start[1::2].count(0)
        if odd > len(start) // 4 and even == 0:
            return "utf-16-le"
        if even > len(start) // 4 and odd == 0:
            return "utf-16-be"
        encoding = "binary"
    raise EvidenceInputError(
        "bad_encoding",
        message(
            "The file '{file}' could not be read as text (its encoding looks like {encoding}). "
            "Save it from Excel as 'CSV UTF-8' or 'Unicode text', or as xlsx.",
            file=safe_value(path.name),
            encoding=encoding,
        ),
    )


def _csv_layout(path: Path, numeric: Sequence[str]) -> _CsvLayout:
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
        more = bool(handle.read(1))
    if not head.strip():
        raise EvidenceInputError(
            "empty_file",
            message("The file '{file}' is empty: it has no data rows.", file=path.name),
        )
    wide = _wide_encoding(head, path)
    if wide is not None:  # UTF-16 (Excel's "Unicode text"): the sample's cut line is dropped
        decoded, encoding = head[: len(head) // 2 * 2].decode(wide, errors="replace"), wide
        decoded = decoded.removeprefix("\ufeff")
    else:
        try:
            decoded, encoding = head.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as exc:
            if more and exc.start >= len(head) - 4:  # a character cut by the sample boundary
                decoded, encoding = head[: exc.start].decode("utf-8-sig"), "utf-8"
            else:
                decoded, encoding = head.decode("cp1252", errors="replace"), "cp1252"
    lines = decoded.splitlines()
    if more and lines:
        lines = lines[:-1]  # the last line may be cut
    header = lines[0] if lines else ""
    delimiter = max((",", ";", "\t", "|"), key=header.count)
    rows = list(csv.reader(io.StringIO("\n".join(lines[: SAMPLE_ROWS + 1])), delimiter=delimiter))
    columns = [c.strip() for c in rows[0]] if rows else []
    sample: dict[str, list[Any]] = {c: [] for c in columns}
    for row in rows[1:]:
        for name, value in zip(columns, row, strict=False):
            sample[name].append(value)
    decimal = "."
    if delimiter != ",":
        values = (v.strip() for name in numeric for v in sample.get(name, []))
        if any(_DECIMAL_COMMA.fullmatch(v) for v in values):
            decimal = ","
    body = lines[1 : SAMPLE_ROWS + 1]
    row_bytes = (sum(len(line) for line in body) + len(body)) / max(len(body), 1)
    return _CsvLayout(columns, sample, delimiter, encoding, decimal, row_bytes)


_CONVERSION = re.compile(r"column #(\d+): CSV conversion error to \w+: invalid value '(.*)'", re.S)


def _conversion_error(
    exc: Exception, layout: _CsvLayout, numeric: Sequence[str]
) -> EvidenceInputError:
    match = _CONVERSION.search(str(exc))
    if match:
        index = int(match.group(1))
        column = layout.columns[index] if index < len(layout.columns) else numeric[0]
        if column not in numeric and numeric:
            column = numeric[0]
        return EvidenceInputError(
            "non_numeric",
            message(
                "The column '{column}' must contain numbers, but contains '{value}'.",
                column=safe_value(column),
                value=safe_value(match.group(2)),
            ),
        )
    return EvidenceInputError(
        "unreadable_file",
        message(
            "The file '{file}' could not be read: {reason}",
            file="CSV",
            reason=safe_value(str(exc).splitlines()[0], 200),
        ),
    )


def _read_csv(
    path: Path,
    numeric: Sequence[str],
    categorical: Sequence[str],
    text: Sequence[str],
    drop: Sequence[str],
    progress: Progress | None,
) -> Table:
    import pyarrow.csv as pcsv  # type: ignore[import-untyped]

    layout = _csv_layout(path, numeric)
    check_columns(layout.columns, [*numeric, *categorical, *text], layout.sample, drop)
    types: dict[str, pa.DataType] = {name: pa.float64() for name in numeric}
    types.update({name: pa.dictionary(pa.int32(), pa.string()) for name in categorical})
    types.update({name: pa.string() for name in text})
    # The header as read above (trimmed, without a byte-order mark) names the columns.
    read_options = pcsv.ReadOptions(
        encoding=layout.encoding,
        block_size=BATCH_BYTES,
        column_names=layout.columns,
        skip_rows=1,
    )
    parse_options = pcsv.ParseOptions(delimiter=layout.delimiter, newlines_in_values=bool(text))
    convert_options = pcsv.ConvertOptions(
        include_columns=[*numeric, *categorical, *text],
        column_types=types,
        strings_can_be_null=True,
        decimal_point=layout.decimal_point,
    )
    size = path.stat().st_size
    try:
        if size <= STREAM_ABOVE_BYTES:
            table = pcsv.read_csv(
                path,
                read_options=read_options,
                parse_options=parse_options,
                convert_options=convert_options,
            )
            result = _collect(table.to_batches(), layout.columns, numeric, categorical, text)
        else:
            with pa.OSFile(str(path)) as source:
                reader = pcsv.open_csv(
                    source,
                    read_options=read_options,
                    parse_options=parse_options,
                    convert_options=convert_options,
                )
                result = _collect(
                    reader,
                    layout.columns,
                    numeric,
                    categorical,
                    text,
                    (lambda rows: progress(min(int(rows * layout.row_bytes), size), size))
                    if progress
                    else None,
                )
                if progress:
                    progress(size, size)
    except (pa.ArrowInvalid, pa.ArrowKeyError) as exc:
        raise _conversion_error(exc, layout, numeric) from None
    pa.default_memory_pool().release_unused()  # Arrow keeps freed blocks otherwise
    return result


def _collect(
    batches: Iterable[pa.RecordBatch],
    columns: list[str],
    numeric: Sequence[str],
    categorical: Sequence[str],
    text: Sequence[str],
    after_batch: Callable[[int], None] | None = None,
) -> Table:
    numbers: dict[str, list[npt.NDArray[np.float64]]] = {name: [] for name in numeric}
    categories = {name: _Categories() for name in categorical}
    texts: dict[str, list[str | None]] = {name: [] for name in text}
    rows = 0
    for batch in batches:
        rows += batch.num_rows
        for name in numeric:
            column = batch.column(name)
            if not pa.types.is_floating(column.type):
                column = _to_float(column, name)
            numbers[name].append(_numpy(column, np.nan).astype(np.float64, copy=False))
        for name in categorical:
            categories[name].add_dictionary(batch.column(name))
        for name in text:
            texts[name].extend(batch.column(name).to_pylist())
        if after_batch:
            after_batch(rows)
    return Table(
        rows=rows,
        columns=columns,
        numeric={k: np.concatenate(v) if v else np.zeros(0) for k, v in numbers.items()},
        categorical={k: v.result() for k, v in categories.items()},
        text=texts,
    )


def _to_float(column: pa.Array, name: str) -> pa.Array:
    if (
        pa.types.is_integer(column.type)
        or pa.types.is_decimal(column.type)
        or pa.types.is_null(column.type)
    ):
        return pc.cast(column, pa.float64())
    if pa.types.is_boolean(column.type):
        return pc.cast(pc.cast(column, pa.int8()), pa.float64())
    strings = pc.utf8_trim_whitespace(pc.cast(column, pa.string()))
    strings = pc.if_else(pc.equal(strings, ""), pa.scalar(None, pa.string()), strings)
    try:
        return pc.cast(strings, pa.float64())
    except pa.ArrowInvalid:
        for value in strings.to_pylist():
            if value is not None:
                try:
                    float(value)
                except ValueError:
                    raise EvidenceInputError(
                        "non_numeric",
                        message(
                            "The column '{column}' must contain numbers, but contains '{value}'.",
                            column=safe_value(name),
                            value=safe_value(value),
                        ),
                    ) from None
        raise


# --- Parquet ----------------------------------------------------------------------------


def _read_parquet(
    path: Path,
    numeric: Sequence[str],
    categorical: Sequence[str],
    text: Sequence[str],
    drop: Sequence[str],
    progress: Progress | None,
) -> Table:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise EvidenceInputError(
            "unreadable_file",
            message(
                "The file '{file}' could not be read: {reason}",
                file=path.name,
                reason=safe_value(str(exc), 200),
            ),
        ) from None
    columns = list(parquet.schema_arrow.names)
    sample: dict[str, list[Any]] = {}
    if parquet.metadata.num_rows:
        head = next(parquet.iter_batches(batch_size=SAMPLE_ROWS))
        sample = {name: head.column(name).to_pylist() for name in head.schema.names}
    check_columns(columns, [*numeric, *categorical, *text], sample, drop)
    total = parquet.metadata.num_rows
    batches = parquet.iter_batches(batch_size=1 << 18, columns=[*numeric, *categorical, *text])
    after = (lambda rows: progress(rows, total)) if progress else None
    return _collect(batches, columns, numeric, categorical, text, after)


def categorical_from_values(values: Iterable[object]) -> Categorical:
    """Codes and levels for plain Python values (used by the Excel reader)."""
    collector = _Categories()
    collector.add_values(values)
    return collector.result()


def floats_from_values(values: Sequence[object], name: str) -> npt.NDArray[np.float64]:
    """Numbers from plain Python values; blank is NaN, text that is no number an error."""
    out = np.empty(len(values), dtype=np.float64)
    for i, value in enumerate(values):
        if value is None or (isinstance(value, str) and not value.strip()):
            out[i] = np.nan
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[i] = float(value)
        else:
            try:
                out[i] = float(str(value).strip().replace(",", "."))
            except ValueError:
                raise EvidenceInputError(
                    "non_numeric",
                    message(
                        "The column '{column}' must contain numbers, but contains '{value}'.",
                        column=safe_value(name),
                        value=safe_value(value),
                    ),
                ) from None
    return out


def describe_classes(categorical: Categorical) -> list[tuple[str, int]]:
    """(level, count) for the levels that occur, most frequent first."""
    valid = categorical.codes[categorical.codes >= 0]
    counts = (
        np.bincount(valid, minlength=len(categorical.levels)) if valid.size else np.zeros(0, int)
    )
    pairs = [
        (level, int(c))
        for level, c in zip(categorical.levels, counts.tolist(), strict=False)
        if c > 0
    ]
    return sorted(pairs, key=lambda pair: -pair[1])


def classes_text(pairs: Sequence[tuple[str, int]]) -> str:
    return safe_list([level for level, _ in pairs])
