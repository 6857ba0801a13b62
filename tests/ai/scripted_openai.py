"""A scripted OpenAI-compatible HTTP server on 127.0.0.1 for deterministic AI tests.

Real HTTP and real SSE framing; the answers are fixed per test. Each POST to /completions or
/chat/completions takes the next `Reply` from the script (the last one repeats when the script
runs out, unless `strict` is set, in which case the server answers 500 "script exhausted").
Every request body is recorded, so a test can assert what the client sent and how often.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str = ""
    status: int = 200
    pieces: list[str] | None = None  # default: the text split into words
    piece_delay_s: float = 0.0
    before_headers_s: float = 0.0  # simulate a slow or hung endpoint


@dataclass
class Script:
    replies: list[Reply] = field(default_factory=list)
    strict: bool = False
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def next_reply(self, body: dict[str, Any], headers: dict[str, str]) -> Reply | None:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            n = len(self.requests) - 1
            if n < len(self.replies):
                return self.replies[n]
            if self.strict or not self.replies:
                return None
            return self.replies[-1]


def _split(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        word += ch
        if ch in " \n":
            out.append(word)
            word = ""
    if word:
        out.append(word)
    return out


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            body = json.dumps({"data": [{"id": "scripted"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            reply = script.next_reply(body, dict(self.headers))
            if reply is None:
                reply = Reply(status=500, text="script exhausted")
            if reply.before_headers_s:
                time.sleep(reply.before_headers_s)
            if reply.status != 200:
                data = reply.text.encode()
                self.send_response(reply.status)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            chat = self.path.endswith("/chat/completions")
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for piece in reply.pieces if reply.pieces is not None else _split(reply.text):
                    choice = {"delta": {"content": piece}} if chat else {"text": piece}
                    event = {"choices": [{"index": 0, **choice, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.flush()
                    if reply.piece_delay_s:
                        time.sleep(reply.piece_delay_s)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client cancelled: exactly what some tests do
            self.close_connection = True

    return Handler


@contextmanager
def serve(script: Script) -> Iterator[str]:
    """Runs the server in a thread; yields its base URL (…/v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
