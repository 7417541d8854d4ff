"""The example cases shipped in ``content/value/cases/`` that a new business case starts from."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from vejviser.value.core import Case, load_case


def cases_dir() -> Path:
    return Path(settings.CONTENT_DIR) / "value" / "cases"


def shipped_cases() -> dict[str, Case]:
    """Template id (the file's stem) -> case, in file-name order; reloaded when edited."""
    paths = sorted(cases_dir().glob("*.yaml"))
    return _load(tuple((str(p), p.stat().st_mtime_ns) for p in paths))


@lru_cache(maxsize=4)
def _load(files: tuple[tuple[str, int], ...]) -> dict[str, Case]:
    return {Path(path).stem: load_case(path) for path, _mtime in files}


def template_data(template: str) -> dict[str, Any] | None:
    """A shipped case as form data, or ``None`` if there is no such template."""
    case = shipped_cases().get(template)
    return None if case is None else case.model_dump(mode="json", exclude_none=True)
