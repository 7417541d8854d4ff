"""The CLI shell: `ask` and `assistant eval`, via click's CliRunner, on the loaded
content (the test database) or, with --content-dir, on a folder's files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vejviser.assistant.cli import ask, assistant
from vejviser.journey.content import clear_cache


@pytest.fixture(autouse=True)
def _loaded(db: Any) -> None:
    clear_cache()


def test_ask_text_lists_sources() -> None:
    result = CliRunner().invoke(ask, ["Hvornår er der krav om udbud?"])
    assert result.exit_code == 0, result.output
    assert "1,6 mio" in result.output
    assert "Kilder:" in result.output and "[1] " in result.output


def test_ask_json() -> None:
    result = CliRunner().invoke(ask, ["What is OPI?", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"answer", "pointer", "sources", "latency_ms"}
    assert data["sources"] and set(data["sources"][0]) == {"title", "ref", "url"}


def test_ask_empty_question_exits_with_message() -> None:
    result = CliRunner().invoke(ask, [""])
    assert result.exit_code == 2
    assert "Skriv et spørgsmål" in result.output


def test_ask_content_dir_answers_from_those_files(tiny_content: Path) -> None:
    result = CliRunner().invoke(
        ask,
        ["Hvad er kravspecifikationen?", "--format", "json", "--content-dir", str(tiny_content)],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sources"][0]["title"] == "Guiden"


def test_ask_keeps_an_index_file_per_content_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vejviser.assistant.index import index_path
    from vejviser.journey.content import current

    monkeypatch.setenv("VEJVISER_CACHE_DIR", str(tmp_path))
    assert CliRunner().invoke(ask, ["Hvad er OPI?"]).exit_code == 0
    path = index_path(current()[1])
    assert path.is_file()
    clear_cache()  # a new process: reads the file instead of building the index
    path.write_bytes(b"not a pickle")  # a broken file is built anew, never trusted
    result = CliRunner().invoke(ask, ["Hvad er OPI?", "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["sources"]


def test_bad_content_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "assistant.yaml").write_text("max_question_chars: [", "utf-8")
    result = CliRunner().invoke(ask, ["Hvad er OPI?", "--content-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "assistant.yaml" in result.output


def _eval_file(tmp_path: Path) -> Path:
    path = tmp_path / "set.yaml"
    path.write_text(
        '- id: a\n  q: Hvornår er der krav om udbud?\n  must: [["1,6 mio", tærskel]]\n'
        "- id: b\n  q: Hvad er OPI?\n  must: [[findes-ikke-i-svaret]]\n",
        encoding="utf-8",
    )
    return path


def test_eval_text(tmp_path: Path) -> None:
    result = CliRunner().invoke(assistant, ["eval", str(_eval_file(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "[PASS] a" in result.output and "[FAIL] b" in result.output
    assert "pass rate 50.0%" in result.output and "p95" in result.output


def test_eval_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(assistant, ["eval", str(_eval_file(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["pass_rate"] == 0.5
    first = data["results"][0]
    assert set(first) == {"id", "question", "answer", "sources", "passed", "latency_ms"}
    assert first["passed"] is True and data["results"][1]["passed"] is False
