"""A local OpenAI-compatible test server (127.0.0.1, free port) that records requests."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any


@dataclass
class FakeLLM:
    """What the fake server answers, and every request body it received."""

    reply: str = "Der kræves udbud over tærskelværdien på ca. 1,6 mio. kr. [1]"
    delay: float = 0.0
    status: int = 200
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)


def handler(fake: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            fake.requests.append(json.loads(self.rfile.read(length)))
            fake.headers.append(dict(self.headers))
            if fake.delay:
                time.sleep(fake.delay)
            body = json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": fake.reply}}]}
            )
            try:
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return Handler
