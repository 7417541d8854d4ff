"""What a document was made from: a fingerprint per source key, its digest, and what
changed between two versions' inputs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass


def digest(inputs: Mapping[str, str]) -> str:
    """SHA-256 of the inputs (canonical JSON): the same inputs give the same digest."""
    text = json.dumps(dict(inputs), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class InputChange:
    source: str
    kind: str  # "added" | "removed" | "changed"


def changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[InputChange]:
    """Source keys whose fingerprint appeared, disappeared or changed, in key order."""
    out = []
    for key in sorted(set(before) | set(after)):
        if key not in before:
            out.append(InputChange(key, "added"))
        elif key not in after:
            out.append(InputChange(key, "removed"))
        elif before[key] != after[key]:
            out.append(InputChange(key, "changed"))
    return out


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]
