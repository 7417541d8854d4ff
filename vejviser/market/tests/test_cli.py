"""``vejviser tender evaluate``: the issue's YAML in, its JSON out, exit 2 naming the field."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vejviser.cli import main

YAML = """\
scale: 10
criteria:
  - {id: price, kind: price, weight: 30, model: linear, zero_at: 2.0}
  - {id: quality, kind: quality, weight: 50}
  - {id: implementation, kind: quality, weight: 20}
bids:
  - {id: A, price: 1200000, scores: {quality: 8, implementation: 6}}
  - {id: B, price: 1000000, scores: {quality: 6, implementation: 7}}
"""


def run(tmp_path, text, *args):
    path = tmp_path / "tender.yaml"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["tender", "evaluate", str(path), *args])


def test_json_has_points_totals_ranks_and_reversals(tmp_path):
    result = run(tmp_path, YAML, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    a, b = data["bids"]
    assert a == {
        "id": "A",
        "points": {"price": 8.0, "quality": 8.0, "implementation": 6.0},
        "total": pytest.approx(7.6),
        "rank": 1,
    }
    assert (b["id"], b["rank"], b["total"]) == ("B", 2, pytest.approx(7.4))
    up = [
        r
        for r in data["reversals"]
        if r["kind"] == "weight" and r["direction"] == "up" and r["criterion"] == "price"
    ]
    assert up[0]["threshold"] == pytest.approx(80 / 2.2)
    assert up[0]["new_winner"] == "B"


def test_text_output_in_danish_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("VEJVISER_LANG", raising=False)
    result = run(tmp_path, YAML)
    assert result.exit_code == 0
    assert "7,600" in result.output


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("weight: 20}", "weight: 25}", "criteria.weight"),
        ("model: linear", "model: cubic", "criteria[0].model"),
        ("quality: 8, implementation: 6", "quality: 8", "bids[0].scores.implementation"),
        ("price: 1000000", "price: -1000000", "bids[1].price"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, old, new, field):
    result = run(tmp_path, YAML.replace(old, new), "--format", "json")
    assert result.exit_code == 2
    assert field in result.output


def test_unreadable_or_broken_files_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["tender", "evaluate", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert run(tmp_path, "criteria: [\n").exit_code == 2
    assert run(tmp_path, "- just a list\n").exit_code == 2
