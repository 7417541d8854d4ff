"""Load a case from YAML or a dict, with every problem named by input, file and line."""

from __future__ import annotations

import contextlib
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from vejviser.value.core.checks import reference_problems
from vejviser.value.core.errors import CaseError, Path, Problem
from vejviser.value.core.schema import Case

Lines = dict[Path, int]


def _plain(node: Any, path: Path, lines: Lines) -> Any:
    """ruamel's round-trip nodes as plain Python, recording each key's line (1-based)."""
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key, value in node.items():
            key_path = (*path, key)
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                lines[key_path] = node.lc.key(key)[0] + 1
            out[key] = _plain(value, key_path, lines)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, value in enumerate(node):
            item_path = (*path, i)
            with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
                lines[item_path] = node.lc.item(i)[0] + 1
            items.append(_plain(value, item_path, lines))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _locate(data: Any, loc: tuple[Any, ...]) -> Path:
    """The part of a pydantic error location that exists in the data.

    Pydantic puts union tags and validator names into locations
    (``inputs.x.range.triangular.low``); those are skipped.
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            path.append(part)
        elif isinstance(node, dict | list):
            if not isinstance(part, str) or part in _PYDANTIC_TAGS:
                continue
            path.append(part)  # a missing key: name it, stop walking
            break
    return tuple(path)


_PYDANTIC_TAGS = {"triangular", "pert", "uniform", "normal", "[key]", "function-after"}


#: Where inside an input a problem of the input's own validator lies.
_RANGE_FIELDS = {"low", "mode", "high", "mean", "sd"}


def _refine(path: Path, kind: str, context: dict[str, object]) -> Path:
    """Point an input's own validation error at the field it is about."""
    if len(path) != 2 or path[0] != "inputs":
        return path
    field = context.get("field")
    if kind == "value_outside_range" or field == "value":
        return (*path, "value")
    if field in _RANGE_FIELDS:
        return (*path, "range", str(field))
    if kind == "value_mode_outside":
        return (*path, "range", "mode")
    if kind == "value_sd_not_positive":
        return (*path, "range", "sd")
    if kind == "value_low_above_high":
        return (*path, "range")
    return path


def _line(path: Path, lines: Lines) -> int | None:
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def parse_case(data: Any, file: str | None = None, lines: Lines | None = None) -> Case:
    """A validated case from plain data (as loaded from YAML or sent by a form)."""
    lines = lines or {}
    if not isinstance(data, dict):
        raise CaseError([Problem(path=(), kind="not_a_mapping", file=file, line=1)])
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            context = dict(err.get("ctx") or {})
            context.setdefault("msg", err["msg"])
            kind = str(err["type"])
            path = _refine(_locate(data, tuple(err["loc"])), kind, context)
            problems.append(Problem(path, kind, context, file=file, line=_line(path, lines)))
        raise CaseError(problems) from exc
    problems = [
        Problem(p.path, p.kind, p.context, file=file, line=_line(p.path, lines))
        for p in reference_problems(case)
    ]
    if problems:
        raise CaseError(problems)
    return case


def load_text(text: str, file: str | None = None) -> Case:
    yaml = YAML(typ="rt")
    try:
        node = yaml.load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = str(getattr(exc, "problem", None) or exc).strip()
        raise CaseError([Problem((), "yaml_syntax", {"detail": detail}, file, line)]) from exc
    lines: Lines = {}
    data = _plain(node, (), lines)
    return parse_case(data, file=file, lines=lines)


def load_case(path: str | FsPath) -> Case:
    """Load and validate a case file; raises :class:`CaseError` naming file and line."""
    path = FsPath(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError([Problem((), "file_unreadable", {"detail": str(exc)}, str(path))]) from exc
    return load_text(text, file=str(path))
