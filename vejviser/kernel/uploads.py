"""Limits on an uploaded file, checked before anything parses it.

A small file can be expensive: an xlsx is a zip archive, and 1.9 MB of it may unpack to
645 MB of XML that takes a server minutes to read. :func:`check_upload` refuses, from
cheap facts only, a file that is too big, has too many rows, or (xlsx) unpacks to too
much or compresses suspiciously well:

- the size in bytes (known before the upload is read);
- for xlsx, the zip's central directory (the sum of the members' unpacked sizes and the
  overall compression ratio) and the row count the sheet declares in its first bytes;
- for CSV, the number of lines (counted in 1 MiB chunks, no parsing);
- for Parquet, the row count in the file's metadata.

Pure: no Django. The web layer makes :class:`UploadLimits` from the settings
(``VEJVISER_UPLOAD_*``, see docs/configuration.md) and shows the :class:`Message`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .i18n import Message, gettext_noop, message

MB = 1_000_000
_CHUNK = 1 << 20
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DECLARED_ROWS_BYTES = 4096


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int = 100 * MB
    max_rows: int = 2_000_000
    max_unpacked_bytes: int = 500 * MB
    max_ratio: float = 100.0


class UploadRefused(ValueError):
    """The file is over a limit; ``message`` says which, in the user's terms."""

    def __init__(self, msg: Message) -> None:
        self.message = msg
        super().__init__(msg.text("en"))


def _mb(n: float) -> float:
    """Megabytes to one decimal (three below 1 MB, so a small limit does not read 0)."""
    return round(n / MB, 1 if n >= MB else 3)


def check_size(size: int | None, limits: UploadLimits, name: str = "") -> None:
    """Refuse a file larger than ``max_bytes`` (call before reading it)."""
    if size is not None and size > limits.max_bytes:
        raise UploadRefused(
            message(
                gettext_noop("The file “{file}” is {size} MB; at most {limit} MB can be uploaded."),
                file=name,
                size=_mb(size),
                limit=_mb(limits.max_bytes),
            )
        )


def check_upload(path: Path, limits: UploadLimits) -> None:
    """Refuse the file at ``path`` if it is over a limit; never parses it."""
    check_size(path.stat().st_size, limits, path.name)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        rows = _check_zip(path, limits)
    elif suffix in {".csv", ".tsv", ".txt"}:
        rows = _count_lines(path) - 1  # the header
    elif suffix == ".parquet":
        rows = _parquet_rows(path)
    else:
        return
    if rows is not None and rows > limits.max_rows:
        raise UploadRefused(
            message(
                gettext_noop(
                    "The file “{file}” has {rows} rows; at most {limit} rows can be uploaded."
                ),
                file=path.name,
                rows=rows,
                limit=limits.max_rows,
            )
        )


def count_rows(path: Path) -> int | None:
    """The data rows of a table file, from the same cheap facts :func:`check_upload`
    uses (lines of a CSV, the row count an xlsx sheet or a Parquet file declares);
    ``None`` when the file does not say."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        return max(0, _count_lines(path) - 1)
    if suffix == ".parquet":
        return _parquet_rows(path)
    if suffix in {".xlsx", ".xlsm"}:
        try:
            return _check_zip(path, UploadLimits(max_unpacked_bytes=1 << 62, max_ratio=1e18))
        except UploadRefused:  # pragma: no cover - no limit to pass
            return None
    return None


def _check_zip(path: Path, limits: UploadLimits) -> int | None:
    """The zip directory's unpacked size and ratio; returns the rows the first sheet
    declares (``None`` if it declares none). A broken zip is left to the reader."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    with archive:
        members = archive.infolist()
        unpacked = sum(m.file_size for m in members)
        packed = max(1, sum(m.compress_size for m in members))
        if unpacked > limits.max_unpacked_bytes or unpacked / packed > limits.max_ratio:
            raise UploadRefused(
                message(
                    gettext_noop(
                        "The file “{file}” unpacks to {size} MB ({ratio} times its size); "
                        "at most {limit} MB unpacked can be read. Save it as CSV, or "
                        "upload fewer rows."
                    ),
                    file=path.name,
                    size=_mb(unpacked),
                    ratio=round(unpacked / packed),
                    limit=_mb(limits.max_unpacked_bytes),
                )
            )
        sheets = sorted(m.filename for m in members if _SHEET.match(m.filename))
        if not sheets:
            return None
        with archive.open(sheets[0]) as sheet:
            head = sheet.read(_DECLARED_ROWS_BYTES)
    found = _DIMENSION.search(head)
    if found is None or found.group(1) is None:
        return None
    return int(found.group(1)) - 1  # the header


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return count_lines(iter(lambda: fh.read(_CHUNK), b""))


def count_lines(chunks: Iterable[bytes]) -> int:
    """Lines in a text read in chunks (a last line without a newline counts)."""
    lines, last = 0, b"\n"
    for chunk in chunks:
        if chunk:
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (0 if last == b"\n" else 1)


def _parquet_rows(path: Path) -> int | None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:
        return None
