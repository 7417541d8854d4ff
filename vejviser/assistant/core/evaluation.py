"""Run a question set (the format of shared/eval/assistant_dev.yaml) through the
assistant and score it: a case passes when every ``must`` group has at least one of
its alternatives in the answer text (case-insensitive substring)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator
from ruamel.yaml import YAML

from vejviser.assistant.core.corpus import ContentError
from vejviser.assistant.core.engine import Assistant


class EvalCase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    q: str
    must: list[list[str]] = Field(default_factory=list)

    @field_validator("q", mode="before")
    @classmethod
    def _question_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value

    @field_validator("must", mode="before")
    @classmethod
    def _alternatives_text(cls, value: object) -> object:
        """YAML reads an unquoted 55 as a number; an alternative is always text."""
        if isinstance(value, list):
            return [
                [str(a) for a in group] if isinstance(group, list) else [str(group)]
                for group in value
            ]
        return value


_CASES = TypeAdapter(list[EvalCase])


@dataclass(frozen=True)
class CaseResult:
    id: str
    question: str
    answer: str
    sources: list[dict[str, str | None]]
    passed: bool
    missing: list[list[str]]
    latency_ms: float

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "sources": self.sources,
            "passed": self.passed,
            "latency_ms": round(self.latency_ms, 3),
        }


@dataclass(frozen=True)
class EvalReport:
    results: list[CaseResult]

    @property
    def pass_rate(self) -> float:
        return sum(r.passed for r in self.results) / len(self.results) if self.results else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(r.latency_ms for r in self.results) if self.results else 0.0

    @property
    def p95_ms(self) -> float:
        return percentile([r.latency_ms for r in self.results], 95)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def load_cases(path: Path) -> list[EvalCase]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = YAML(typ="safe", pure=True).load(handle)
        return _CASES.validate_python(data or [])
    except (OSError, ValidationError) as exc:
        raise ContentError(f"{path}: {exc}") from exc
    except Exception as exc:  # YAML syntax errors of several kinds
        raise ContentError(f"{path}: cannot read YAML: {exc}") from exc


def missing_groups(answer: str, must: list[list[str]]) -> list[list[str]]:
    low = answer.lower()
    return [group for group in must if not any(str(alt).lower() in low for alt in group)]


def run_eval(
    assistant: Assistant, cases: Sequence[EvalCase], *, use_llm: bool = True
) -> EvalReport:
    results = []
    for case in cases:
        answer = assistant.ask(case.q, use_llm=use_llm)
        missing = missing_groups(answer.text, case.must)
        results.append(
            CaseResult(
                id=case.id,
                question=case.q,
                answer=answer.text,
                sources=[c.as_dict() for c in answer.sources],
                passed=not missing,
                missing=missing,
                latency_ms=answer.latency_ms,
            )
        )
    return EvalReport(results=results)
