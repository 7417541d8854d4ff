"""Reading validation files: formats, every bad-input case, CPR refusal, streaming."""

from __future__ import annotations

import numpy as np
import openpyxl  # type: ignore[import-untyped]
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from vejviser.evidence.core import io as evidence_io
from vejviser.evidence.core.errors import EvidenceInputError
from vejviser.evidence.core.inputs import read_binary, read_timing_groups, read_timing_paired

ROWS = [
    ("0.91", "1", "Aarhus", "K"),
    ("0.15", "0", "Odense", "M"),
    ("0.72", "1", "Aarhus", "M"),
    ("0.30", "0", "Odense", "K"),
    ("0.55", "0", "Aarhus", "K"),
    ("0.05", "0", "Odense", "M"),
]


def write_csv(path, rows=ROWS, header=("score", "label", "site", "sex"), sep=",", encoding="utf-8"):
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def read(path, **kw):
    options = {"score": "score", "label": "label", "positive": "1"}
    options.update(kw)
    return read_binary(path, **options)


def expect_error(code, call):
    with pytest.raises(EvidenceInputError) as info:
        call()
    assert info.value.code == code
    assert info.value.message_da and info.value.message_en
    return info.value


def test_csv_is_read(tmp_path):
    data = read(write_csv(tmp_path / "a.csv"), subgroups=["site", "sex"])
    assert data.scores.tolist() == [0.91, 0.15, 0.72, 0.30, 0.55, 0.05]
    assert data.labels.tolist() == [True, False, True, False, False, False]
    site = data.subgroups["site"]
    assert [site.levels[c] for c in site.codes] == [r[2] for r in ROWS]
    assert data.summary["rows_read"] == 6 and data.summary["excluded"] == {}
    assert data.summary["positive_label"] == "1" and data.summary["negative_label"] == "0"


def test_danish_excel_csv_with_semicolons_decimal_comma_and_cp1252(tmp_path):
    rows = [
        (s.replace(".", ","), "ja" if lab == "1" else "nej", site + "ø", sex)
        for s, lab, site, sex in ROWS
    ]
    path = write_csv(tmp_path / "dk.csv", rows, sep=";", encoding="cp1252")
    data = read(path, positive="ja", subgroups=["site"])
    assert data.scores.tolist() == [0.91, 0.15, 0.72, 0.30, 0.55, 0.05]
    assert data.subgroups["site"].levels == ["Aarhusø", "Odenseø"]


def test_tab_separated(tmp_path):
    data = read(write_csv(tmp_path / "t.tsv", sep="\t"))
    assert data.labels.sum() == 2


def test_xlsx_and_parquet_give_the_same_arrays(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["score", "label", "site", "sex"])
    for s, lab, site, sex in ROWS:
        sheet.append([float(s), int(lab), site, sex])
    book.save(tmp_path / "a.xlsx")
    table = pa.table(
        {
            "score": [float(r[0]) for r in ROWS],
            "label": [int(r[1]) for r in ROWS],
            "site": [r[2] for r in ROWS],
            "sex": [r[3] for r in ROWS],
        }
    )
    pq.write_table(table, tmp_path / "a.parquet")
    reference = read(write_csv(tmp_path / "a.csv"), subgroups=["site"])
    for name in ("a.xlsx", "a.parquet"):
        data = read(tmp_path / name, subgroups=["site"])
        assert np.array_equal(data.scores, reference.scores), name
        assert np.array_equal(data.labels, reference.labels), name
        assert data.subgroups["site"].levels == ["Aarhus", "Odense"], name


def test_numeric_labels_match_the_positive_value_numerically(tmp_path):
    rows = [(s, "1.0" if lab == "1" else "0.0", site, sex) for s, lab, site, sex in ROWS]
    assert read(write_csv(tmp_path / "a.csv", rows)).labels.sum() == 2


def test_missing_values_are_excluded_and_counted(tmp_path):
    rows = [
        *ROWS,
        ("", "1", "Aarhus", "K"),
        ("NaN", "0", "Odense", "M"),
        ("0.4", "", "", "K"),
        ("inf", "0", "Odense", "K"),
    ]
    data = read(write_csv(tmp_path / "a.csv", rows), subgroups=["site"])
    assert data.summary["excluded"] == {
        "missing_score": 2,
        "missing_label": 1,
        "non_finite_score": 1,
    }
    assert data.summary["rows_read"] == 10 and data.summary["rows_used"] == 6
    assert data.scores.size == data.labels.size == data.subgroups["site"].codes.size == 6


def test_missing_column(tmp_path):
    error = expect_error(
        "missing_column", lambda: read(write_csv(tmp_path / "a.csv"), score="risk")
    )
    assert "'risk'" in error.message_da and "'score'" in error.message_en


def test_non_numeric_score_names_column_and_value(tmp_path):
    rows = [*ROWS, ("høj", "1", "Aarhus", "K")]
    error = expect_error("non_numeric", lambda: read(write_csv(tmp_path / "a.csv", rows)))
    assert "'score'" in error.message_da and "'høj'" in error.message_en


def test_non_numeric_score_in_excel(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["score", "label"])
    book.active.append(["lav", 1])
    book.active.append([0.2, 0])
    book.save(tmp_path / "a.xlsx")
    expect_error("non_numeric", lambda: read(tmp_path / "a.xlsx"))


def test_labels_must_be_two_classes(tmp_path):
    rows = [*ROWS, ("0.5", "2", "Aarhus", "K")]
    error = expect_error(
        "labels_not_two_classes", lambda: read(write_csv(tmp_path / "a.csv", rows))
    )
    assert "3" in error.message_en


def test_one_class_only(tmp_path):
    rows = [(s, "1", site, sex) for s, _, site, sex in ROWS]
    expect_error("one_class_only", lambda: read(write_csv(tmp_path / "a.csv", rows)))


def test_one_class_left_after_exclusion(tmp_path):
    rows = [("0.3", "1", "a", "K"), ("0.4", "1", "a", "K"), ("", "0", "a", "K")]
    expect_error("one_class_only", lambda: read(write_csv(tmp_path / "a.csv", rows)))


def test_positive_value_not_found(tmp_path):
    error = expect_error(
        "positive_not_found", lambda: read(write_csv(tmp_path / "a.csv"), positive="ja")
    )
    assert "'ja'" in error.message_da


def test_empty_files(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    expect_error("empty_file", lambda: read(tmp_path / "empty.csv"))
    write_csv(tmp_path / "header.csv", rows=[])
    expect_error("empty_file", lambda: read(tmp_path / "header.csv"))


def test_no_rows_left(tmp_path):
    rows = [("", "1", "a", "K"), ("", "0", "a", "K")]
    expect_error("no_rows_left", lambda: read(write_csv(tmp_path / "a.csv", rows)))


def test_unsupported_and_missing_files(tmp_path):
    (tmp_path / "a.sav").write_text("x")
    expect_error("unsupported_format", lambda: read(tmp_path / "a.sav"))
    expect_error("file_not_found", lambda: read(tmp_path / "nope.csv"))


CPR_FORMS = ["010190-1234", "3112851235", "290200-4321"]


@pytest.mark.parametrize("cpr", CPR_FORMS)
def test_cpr_column_is_refused_without_echoing_it(tmp_path, cpr):
    rows = [(cpr, *r) for r in ROWS]
    path = write_csv(tmp_path / "a.csv", rows, header=("patient", "score", "label", "site", "sex"))
    error = expect_error("cpr_column", lambda: read(path))
    assert "'patient'" in error.message_da
    assert cpr not in str(error) and cpr.replace("-", "") not in str(error)
    assert read(path, drop=["patient"]).summary["dropped_columns"] == ["patient"]


def test_cpr_column_cannot_be_used_even_if_dropped(tmp_path):
    rows = [(s, lab, "010190-1234", sex) for s, lab, _, sex in ROWS]
    path = write_csv(tmp_path / "a.csv", rows)
    expect_error("cpr_column_used", lambda: read(path, subgroups=["site"], drop=["site"]))


def test_column_named_cpr_is_refused(tmp_path):
    rows = [("x", *r) for r in ROWS]
    expect_error(
        "cpr_column",
        lambda: read(
            write_csv(tmp_path / "a.csv", rows, header=("CPR_nr", "score", "label", "site", "sex"))
        ),
    )


def test_cpr_in_a_score_column_is_not_echoed(tmp_path):
    rows = [("0101901234", "1", "a", "K"), *ROWS, ("abc-010190-1234", "0", "a", "K")]
    path = write_csv(tmp_path / "a.csv", rows)
    with pytest.raises(EvidenceInputError) as info:
        read(path)
    assert "010190" not in str(info.value)


def test_cpr_numbers_stored_as_integers_in_parquet(tmp_path):
    table = pa.table({"pid": [101901234] * 4, "score": [0.1, 0.2, 0.8, 0.9], "label": [0, 0, 1, 1]})
    pq.write_table(table, tmp_path / "a.parquet")
    expect_error("cpr_column", lambda: read(tmp_path / "a.parquet"))


def test_too_many_subgroups(tmp_path):
    rows = [(f"0.{i:02d}", str(i % 2), f"site{i}", "K") for i in range(60)]
    expect_error(
        "too_many_subgroups", lambda: read(write_csv(tmp_path / "a.csv", rows), subgroups=["site"])
    )


def test_duplicate_roles(tmp_path):
    expect_error(
        "duplicate_column", lambda: read(write_csv(tmp_path / "a.csv"), subgroups=["label"])
    )


def test_streaming_gives_the_same_result_and_reports_progress(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    rows = [
        (f"{s:.5f}", str(int(s > 0.6)), ["a", "b", "c"][i % 3], "K")
        for i, s in enumerate(rng.random(30_000))
    ]
    rows[5] = ("", "1", "a", "K")
    path = write_csv(tmp_path / "big.csv", rows)
    whole = read(path, subgroups=["site"])
    monkeypatch.setattr(evidence_io, "STREAM_ABOVE_BYTES", 1000)
    monkeypatch.setattr(evidence_io, "BATCH_BYTES", 64 * 1024)
    seen = []
    streamed = read(
        path, subgroups=["site"], progress=lambda done, total: seen.append((done, total))
    )
    assert np.array_equal(whole.scores, streamed.scores)
    assert np.array_equal(whole.labels, streamed.labels)
    assert np.array_equal(whole.subgroups["site"].codes, streamed.subgroups["site"].codes)
    assert streamed.summary["excluded"] == {"missing_score": 1}
    assert len(seen) > 3 and seen[-1][0] == seen[-1][1] == path.stat().st_size


def test_timing_inputs(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(
        "id,foer,med,gruppe,tid\n1,10,7,foer,10\n2,12,,med,7\n3,9,6,med,6\n4,11,8,foer,11\n"
    )
    paired = read_timing_paired(path, before="foer", with_product="med")
    assert paired.before.tolist() == [10, 9, 11] and paired.summary["excluded"] == {
        "missing_time": 1
    }
    groups = read_timing_groups(
        path, time="tid", group="gruppe", before_value="foer", with_value="med"
    )
    assert groups.before.tolist() == [10, 11] and groups.with_product.tolist() == [7, 6]
    expect_error(
        "group_values",
        lambda: read_timing_groups(
            path, time="tid", group="gruppe", before_value="x", with_value="med"
        ),
    )
    path.write_text("foer,med\n10,-1\n9,6\n")
    expect_error(
        "negative_time", lambda: read_timing_paired(path, before="foer", with_product="med")
    )


def test_byte_order_mark_and_spaces_in_the_header(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes('\ufeff"score" ; label \n0,5;ja\n0,2;nej\n0,7;ja\n'.encode())
    data = read(path, positive="ja")
    assert data.scores.tolist() == [0.5, 0.2, 0.7]


def test_a_broken_row_is_reported_without_its_content(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("score,label\n0.5,1\n0.2,0,010190-1234\n0.7,1\n")
    error = expect_error("unreadable_file", lambda: read(path))
    assert "010190" not in str(error)
