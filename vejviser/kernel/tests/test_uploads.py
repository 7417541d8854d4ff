"""Upload limits checked from cheap facts, before any parsing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vejviser.kernel.uploads import (
    MB,
    UploadLimits,
    UploadRefused,
    _count_lines,
    check_size,
    check_upload,
)


def zip_bomb_xlsx(path: Path, rows: int) -> Path:
    """A small xlsx whose sheet unpacks to ``rows`` rows of one repeated long string."""
    cell = '<c t="inlineStr"><is><t>{}</t></is></c>'.format("x" * 200)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet><dimension ref="A1:A{rows}"/><sheetData>'.encode())
            row = f"<row>{cell}</row>".encode()
            for _ in range(rows):
                sheet.write(row)
            sheet.write(b"</sheetData></worksheet>")
    return path


def test_an_xlsx_that_unpacks_too_far_is_refused_from_its_directory(tmp_path):
    path = zip_bomb_xlsx(tmp_path / "bomb.xlsx", rows=40_000)  # ~10 MB unpacked
    packed = path.stat().st_size
    assert packed < 200_000  # hand check: it is small on disk
    limits = UploadLimits(max_unpacked_bytes=5 * MB, max_ratio=1000)
    with pytest.raises(UploadRefused) as refused:
        check_upload(path, limits)
    assert "unpacks to" in str(refused.value)
    # and the compression ratio alone is enough
    with pytest.raises(UploadRefused):
        check_upload(path, UploadLimits(max_unpacked_bytes=100 * MB, max_ratio=20))


def test_the_rows_an_xlsx_declares_count(tmp_path):
    path = zip_bomb_xlsx(tmp_path / "rows.xlsx", rows=1_000)
    generous = UploadLimits(max_unpacked_bytes=100 * MB, max_ratio=10_000)
    check_upload(path, generous)
    with pytest.raises(UploadRefused, match="999 rows"):
        check_upload(
            path, UploadLimits(max_unpacked_bytes=100 * MB, max_ratio=10_000, max_rows=500)
        )


def test_a_real_workbook_passes_and_its_rows_are_read(tmp_path):
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    for n in range(11):
        book.active.append([n, n * 2])
    path = tmp_path / "ok.xlsx"
    book.save(path)
    check_upload(path, UploadLimits(max_rows=10))
    with pytest.raises(UploadRefused, match="10 rows"):
        check_upload(path, UploadLimits(max_rows=9))


def test_csv_rows_and_bytes(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n" + "1,2\n" * 10)
    check_upload(path, UploadLimits(max_rows=10))
    with pytest.raises(UploadRefused, match="10 rows"):
        check_upload(path, UploadLimits(max_rows=9))
    with pytest.raises(UploadRefused, match="at most"):
        check_upload(path, UploadLimits(max_bytes=20))


def test_parquet_rows_from_the_metadata(tmp_path):
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    path = tmp_path / "data.parquet"
    pq.write_table(pa.table({"a": list(range(50))}), path)
    check_upload(path, UploadLimits(max_rows=50))
    with pytest.raises(UploadRefused):
        check_upload(path, UploadLimits(max_rows=49))


def test_size_is_checked_before_reading():
    check_size(None, UploadLimits(max_bytes=1))  # unknown size: the file check decides
    with pytest.raises(UploadRefused) as refused:
        check_size(200 * MB, UploadLimits(), "big.csv")
    assert refused.value.message.text("da").startswith("Filen “big.csv” fylder 200 MB")


def test_a_broken_zip_is_left_to_the_reader(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    check_upload(path, UploadLimits())


@given(st.lists(st.binary(max_size=50).map(lambda b: b.replace(b"\n", b"")), max_size=30))
def test_line_count_agrees_with_splitlines(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("lines") / "x.csv"
    content = b"\n".join(lines)
    path.write_bytes(content)
    assert _count_lines(path) == len(content.split(b"\n")) - (
        1 if content.endswith(b"\n") or not content else 0
    )
