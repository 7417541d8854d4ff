"""CPR detection and redaction; the SVG plots."""

from __future__ import annotations

import numpy as np
import pytest

from vejviser.evidence.core import plots
from vejviser.evidence.core.binary import Subgroup, binary_report
from vejviser.evidence.core.privacy import (
    REDACTED,
    column_looks_like_cpr,
    contains_cpr,
    looks_like_cpr,
    mask_cpr,
    safe_value,
)
from vejviser.evidence.core.segmentation import segmentation_report


@pytest.mark.parametrize(
    "value",
    [
        "010190-1234",
        "0101901234",
        "290288 1234",
        101901234,
        3112991234.0,
        "01.01.90-1234",  # issue 14: missed before
        "010190\u20101234",  # a Unicode hyphen (Word, Excel): missed before
        "010190\u20111234",
        "010190\u20131234",
    ],
)
def test_cpr_numbers_are_recognised(value):
    assert looks_like_cpr(value)


@pytest.mark.parametrize(
    "value", ["320190-1234", "011390-1234", "300290-1234", "12345", "0.734", 42, None, True]
)
def test_other_values_are_not_cpr(value):
    assert not looks_like_cpr(value)


def test_columns_and_text():
    assert column_looks_like_cpr("pt", ["010190-1234", "020290-2345", ""])
    assert not column_looks_like_cpr("pt", ["010190-1234", "x", "y", "z"])
    assert column_looks_like_cpr("Personnummer", [])
    assert contains_cpr("ring til 010190-1234 i morgen")
    assert not contains_cpr("tlf 12345678")
    assert mask_cpr("a 0101901234 b 020290-2345") == ("a cprnummer b cprnummer", 2)
    assert safe_value("010190-1234") == REDACTED
    assert safe_value("kolonne med 0101901234") == REDACTED
    assert safe_value("x" * 100).endswith("…")


@pytest.fixture(scope="module")
def report():
    rng = np.random.default_rng(0)
    labels = rng.random(800) < 0.3
    scores = 1 / (1 + np.exp(-(rng.normal(size=800) + 1.5 * labels - 1)))
    site = rng.integers(0, 2, 800)
    return binary_report(scores, labels, subgroups={"site": Subgroup(site, ["Aarhus", "Odense"])})


def test_binary_plots_are_deterministic_svg(report):
    for draw in (
        lambda: plots.roc_svg(report.roc, report.auc, report.threshold),
        lambda: plots.calibration_svg(report.calibration),
        lambda: plots.subgroups_svg(report),
    ):
        svg = draw()
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert svg == draw()
    assert "Sensitivitet" in plots.roc_svg(report.roc, report.auc)
    assert "Sensitivity" in plots.roc_svg(report.roc, report.auc, lang="en")
    assert "Aarhus" in plots.subgroups_svg(report)


def test_dice_box_plot():
    mask = np.zeros((8, 8, 8), dtype=bool)
    mask[2:6, 2:6, 2:6] = True
    cases = [
        (f"c{i}", {"A": mask}, {"A": np.roll(mask, i, axis=0)}, (1.0, 1.0, 1.0)) for i in range(3)
    ]
    svg = plots.dice_boxplot_svg(segmentation_report(cases))
    assert "<svg" in svg and "Dice" in svg


def test_plot_numbers_are_in_the_languages_format(report):
    """Tick labels and annotations go through the one formatter: a decimal comma in Danish."""
    danish = plots.calibration_svg(report.calibration, lang="da")
    english = plots.calibration_svg(report.calibration, lang="en")
    assert ">0,2<" in danish.replace(" ", "") and ">0,2<" not in english.replace(" ", "")
    assert ">0.2<" in english.replace(" ", "")
    assert "KI 0," in plots.roc_svg(report.roc, report.auc, lang="da")


def test_templates_use_the_one_formatter():
    from pathlib import Path

    folder = Path(plots.__file__).resolve().parents[1] / "templates"
    text = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))
    assert "floatformat" not in text and 'date:"Y-m-d"' not in text
