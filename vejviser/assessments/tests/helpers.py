"""Small helpers shared by the assessment tests (no database, no Django)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from vejviser.assessments import core
from vejviser.assessments.core.loader import default_content_dir

TODAY = dt.date(2026, 11, 22)


def assess(name: str, on: dt.date = TODAY, **answers: Any) -> core.Result:
    return core.evaluate(name, answers, on)


def schedule(result: core.Result, milestone: str) -> dict[str, bool]:
    """``{regime: in_application}`` for one milestone of a result."""
    for m in result.application_dates:
        if m["id"] == milestone:
            return {d["regime"]: d["in_application"] for d in m["dates"]}
    raise AssertionError(f"{milestone} not in {[m['id'] for m in result.application_dates]}")


def copy_content(tmp_path: Path, only: str | None = None) -> Path:
    """A private copy of content/assessments to edit in a test; returns its directory.

    ``only`` ("mdr" or "mdr, gdpr") keeps just those in the index (loading is faster)."""
    target = tmp_path / "content" / "assessments"
    shutil.copytree(default_content_dir(), target)
    if only:
        index = target / "index.yaml"
        text = index.read_text(encoding="utf-8")
        start = text.index("assessments: [")
        end = text.index("]", start)
        index.write_text(f"{text[:start]}assessments: [{only}{text[end:]}", encoding="utf-8")
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) in a content file; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line
