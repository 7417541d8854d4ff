"""Line numbers in parsed YAML (pure: no Django import).

Content files are parsed with ruamel.yaml's round-trip loader, which remembers where each
key and item stood; validation errors use that to name the file *and line*.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def line_of(node: Any, loc: Sequence[int | str]) -> int | None:
    """1-based line of the deepest node on ``loc`` that exists in the parsed YAML."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    line: int | None = node.lc.line + 1 if hasattr(node, "lc") else None
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line
