"""The CLI shell: `ask` and `assistant eval`, via click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vejviser.assistant.cli import REPO_CONTENT_DIR, ask, assistant
from vejviser.assistant.core.engine import reset_cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    reset_cache()


def test_ask_text_lists_sources() -> None:
    result = CliRunner().invoke(ask, ["Hvornår er der krav om udbud?"])
    assert result.exit_code == 0, result.output
    assert "1,6 mio" in result.output
    assert "Kilder:" in result.output and "[1] " in result.output


def test_ask_json() -> None:
    result = CliRunner().invoke(ask, ["What is OPI?", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"answer", "sources", "latency_ms"}
    assert data["sources"] and set(data["sources"][0]) == {"title", "ref", "url"}


def test_ask_empty_question_exits_with_message() -> None:
    result = CliRunner().invoke(ask, [""])
    assert result.exit_code == 2
    assert "Skriv et spørgsmål" in result.output


def test_ask_uses_content_dir_from_env(tiny_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEJVISER_CONTENT_DIR", str(tiny_content))
    result = CliRunner().invoke(ask, ["Hvad er kravspecifikationen?", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sources"][0]["title"] == "Guiden"


def test_bad_content_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "assistant.yaml").write_text("max_question_chars: [", "utf-8")
    result = CliRunner().invoke(ask, ["Hvad er OPI?", "--content-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "assistant.yaml" in result.output


def test_default_content_dir_is_the_repository() -> None:
    assert (REPO_CONTENT_DIR / "knowledge" / "assistant.yaml").is_file()


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
