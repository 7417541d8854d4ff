"""A small client for an OpenAI-compatible chat endpoint (on-prem vLLM/Ollama or an
EU-hosted service), stdlib only.

The model gets the retrieved passages and the question as JSON *data* in the user
message; the rules live only in the system message. Every text is scrubbed of direct
identifiers before it is sent. Any failure raises :class:`LLMError`; the caller falls
back to the offline answer.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from vejviser.assistant.core.scrub import scrub

MAX_TIMEOUT = 10.0
CITATION_RE = re.compile(r"\[(\d+)\]")


class LLMError(RuntimeError):
    pass


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = MAX_TIMEOUT

    @classmethod
    def from_env(cls) -> LLMConfig | None:
        """``LLM_BASE_URL`` (e.g. ``http://127.0.0.1:8000/v1``), ``LLM_MODEL``,
        ``LLM_API_KEY`` (optional), ``LLM_TIMEOUT`` (seconds, capped at 10)."""
        base = os.environ.get("LLM_BASE_URL", "").strip()
        if not base:
            return None
        timeout = float(os.environ.get("LLM_TIMEOUT", MAX_TIMEOUT))
        return cls(
            base_url=base,
            model=os.environ.get("LLM_MODEL", "").strip() or "default",
            api_key=os.environ.get("LLM_API_KEY") or None,
            timeout=min(max(timeout, 0.1), MAX_TIMEOUT),
        )


@dataclass(frozen=True)
class PassageData:
    n: int
    title: str
    text: str
    source: str


def build_messages(
    system_prompt: str, question: str, passages: Sequence[PassageData], lang: str
) -> list[dict[str, str]]:
    """System rules + one user message holding only JSON data."""
    data = {
        "answer_language": "Danish" if lang == "da" else "English",
        "passages": [
            {"n": p.n, "title": p.title, "text": p.text, "source": p.source} for p in passages
        ],
        "question": question,
    }
    return [
        {"role": "system", "content": system_prompt},
        {"role": "user", "content": json.dumps(data, ensure_ascii=False)},
    ]


def chat(config: LLMConfig, messages: list[dict[str, str]]) -> str:
    """POST to ``{base_url}/chat/completions`` and return the reply text."""
    safe = [{"role": m["role"], "content": scrub(m["content"]).text} for m in messages]
    body = json.dumps(
        {"model": config.model, "messages": safe, "temperature": 0, "max_tokens": 500}
    ).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    url = config.base_url.rstrip("/") + "/chat/completions"
    if not url.startswith(("http://", "https://")):
        raise LLMError(f"LLM_BASE_URL must be http(s): {config.base_url!r}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310
            payload: Any = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise LLMError(f"LLM request failed: {exc}") from exc
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMError("LLM reply has no choices[0].message.content") from exc
    if not isinstance(content, str) or not content.strip():
        raise LLMError("LLM reply is empty")
    return content.strip()


def cited_numbers(text: str, available: int) -> list[int]:
    """Citation numbers in order of first use; raises if none or one is unknown."""
    numbers = list(dict.fromkeys(int(n) for n in CITATION_RE.findall(text)))
    if not numbers:
        raise LLMError("LLM answer cites no passage")
    bad = [n for n in numbers if not 1 <= n <= available]
    if bad:
        raise LLMError(f"LLM answer cites unknown passages {bad}")
    return numbers


def renumber(text: str, order: Sequence[int]) -> str:
    """Rewrite [n] so citations run 1, 2, … in order of first use."""
    mapping = {old: new for new, old in enumerate(order, 1)}
    return CITATION_RE.sub(lambda m: f"[{mapping[int(m.group(1))]}]", text)
