"""Canonical JSON: the one byte string a bundle's payload is signed as.

Keys sorted, no insignificant whitespace, UTF-8 (not ``\\u`` escapes), no NaN or
infinity (JSON has none; a payload with one is refused). Two equal payloads give the
same bytes, whatever the order their dictionaries were built in.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical(data: Any) -> bytes:
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def digest(data: Any) -> str:
    """``sha256:<hex>`` of the canonical bytes."""
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()
