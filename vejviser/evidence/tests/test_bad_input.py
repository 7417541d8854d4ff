"""Bad input a user will meet (issue 14): each was a 500 or stored patient-level text."""

from __future__ import annotations

import numpy as np
import pytest

from vejviser.evidence.core import plots
from vejviser.evidence.core.calibration import calibration
from vejviser.evidence.core.proportions import wilson_interval
from vejviser.evidence.models import ValidationRun

from .web import binary_data, upload, url


@pytest.mark.parametrize("n", [1, 7, 64, 199, 400, 1999])
def test_wilson_edges_are_exact(n):
    """wilson_interval(0, 199) gave a lower bound of about 1e-17, not 0."""
    assert wilson_interval(0, n)[0] == 0.0
    assert wilson_interval(n, n)[1] == 1.0
    low, high = wilson_interval(0, n)
    assert 0.0 == low <= high <= 1.0


@pytest.fixture
def alice(client, personas):
    client.force_login(personas.alice)
    return personas


def _no_events_in_a_bin():
    """400 cases: 199 scores in [0, 0,1) with no event (the issue's n), 1 in [0,9, 1]
    with an event, the rest in between with some."""
    rng = np.random.default_rng(1)
    low = rng.uniform(0.0, 0.099, 199)
    middle = rng.uniform(0.2, 0.8, 200)
    p = np.concatenate([low, middle, [0.95]])
    y = np.concatenate([np.zeros(199, bool), rng.random(200) < middle, [True]])
    return p, y


def test_calibration_plot_with_a_bin_of_no_or_only_events():
    """A bin with 0 (or all) events drew a negative error bar: matplotlib raised
    ``ValueError: 'yerr' must not contain negative values``."""
    p, y = _no_events_in_a_bin()
    calib = calibration(p, y)
    assert any(b.observed == 0.0 for b in calib.bins)
    assert any(b.observed == 1.0 for b in calib.bins)
    for b in calib.bins:
        assert 0.0 <= b.ci_low <= b.observed <= b.ci_high <= 1.0
    assert "<svg" in plots.calibration_svg(calib)


def test_upload_with_an_empty_calibration_bin_is_saved(client, alice):
    p, y = _no_events_in_a_bin()
    rows = ["score,outcome"] + [
        f"{s:.4f},{'ja' if o else 'nej'}" for s, o in zip(p, y, strict=True)
    ]
    data = binary_data(
        upload(None, "risk.csv", "\n".join(rows).encode()),  # type: ignore[arg-type]
        score="score",
        label="outcome",
        subgroups="",
        claim="",
    )
    response = client.post(url(alice.project, "new", kind="binary"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ValidationRun.objects.get().report["calibration"]["bins"]


MARKUP = r"$\undefinedmacro{x}$"


def test_subgroup_and_structure_names_with_math_markup_are_drawn_literally():
    """A name with matplotlib math markup broke the plot (ValueError from mathtext)."""
    from vejviser.evidence.core.binary import Subgroup, binary_report
    from vejviser.evidence.core.segmentation import segmentation_report

    rng = np.random.default_rng(0)
    labels = rng.random(300) < 0.3
    scores = np.clip(rng.normal(0.3 + 0.3 * labels, 0.2), 0, 1)
    groups = Subgroup(rng.integers(0, 2, 300), [MARKUP, "Odense"])
    report = binary_report(scores, labels, subgroups={"site $x^2$": groups})
    svg = plots.subgroups_svg(report)
    assert "undefinedmacro" in svg
    mask = np.zeros((6, 6, 6), dtype=bool)
    mask[1:4, 1:4, 1:4] = True
    cases = [("c1", {MARKUP: mask}, {MARKUP: mask}, (1.0, 1.0, 1.0))]
    assert "undefinedmacro" in plots.dice_boxplot_svg(segmentation_report(cases))


UNICODE_TEXT = "score\tudfald\tafdeling\n" + "".join(
    f"0,{i % 9 + 1}\t{'ja' if i % 3 == 0 else 'nej'}\tØre-næse-hals\n" for i in range(60)
)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_is_read_with_its_column_names(tmp_path, encoding):
    """Excel's "Unicode text" (UTF-16 with a byte-order mark, tab-separated) showed
    garbled column names ("ÿþs")."""
    from vejviser.evidence.core.io import read_table

    path = tmp_path / "eksport.txt"
    path.write_bytes(UNICODE_TEXT.encode(encoding))  # "utf-16" writes the BOM
    table = read_table(path, numeric=["score"], categorical=["udfald", "afdeling"])
    assert table.columns == ["score", "udfald", "afdeling"]
    assert table.rows == 60
    assert table.numeric["score"][:3].tolist() == [0.1, 0.2, 0.3]
    assert "Øre-næse-hals" in table.categorical["afdeling"].levels


def test_utf16_upload_gives_a_report(client, alice):
    data = binary_data(
        upload(None, "unicode.txt", UNICODE_TEXT.encode("utf-16")),  # type: ignore[arg-type]
        score="score",
        label="udfald",
        subgroups="afdeling",
        claim="",
    )
    response = client.post(url(alice.project, "new", kind="binary"), data)
    assert response.status_code == 302
    assert ValidationRun.objects.get().n == 60


def test_text_in_an_unknown_encoding_is_named(tmp_path):
    from vejviser.evidence.core.errors import EvidenceInputError
    from vejviser.evidence.core.io import read_table

    path = tmp_path / "eksport.csv"
    path.write_bytes(UNICODE_TEXT.encode("utf-32"))
    with pytest.raises(EvidenceInputError) as info:
        read_table(path, numeric=["score"])
    assert info.value.code == "bad_encoding" and "UTF-32" in info.value.message_en


def test_a_folder_of_utf16_text_files_is_read(tmp_path):
    from vejviser.evidence.core.transcripts import load_documents

    for folder, text in (("reference", "Patienten har feber"), ("hypothesis", "patienten har")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "k1.txt").write_bytes(text.encode("utf-16"))
    assert load_documents(tmp_path) == [("k1", "Patienten har feber", "patienten har")]
