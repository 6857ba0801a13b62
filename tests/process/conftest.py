"""Fixtures for the process tests: the example model, a runtime on a private SQLite file, and a
scripted OpenAI-compatible server over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.model import Definitions
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore

REPO = Path(__file__).resolve().parents[2]
PROCESSES = REPO / "examples" / "payments" / "processes"
FIXTURES = Path(__file__).parent / "fixtures"
GOOD_CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="session")
def charge_model() -> Definitions:
    defs = read_bpmn((PROCESSES / "charge-a-card.bpmn").read_text()).definitions
    assert defs is not None
    return defs


@pytest.fixture(scope="session")
def decisions() -> WorkspaceDecisions:
    ev = WorkspaceDecisions.load(PROCESSES)
    assert ev.problems == []
    return ev


@pytest.fixture
def runtime(tmp_path: Path, decisions: WorkspaceDecisions) -> Iterator[Runtime]:
    rt = Runtime(SQLiteStore(tmp_path / "p.db"), Engine(builtins, decisions, backoff=0.001))
    yield rt
    rt.store.close()


class ScriptedAI:
    """An OpenAI-compatible /v1/chat/completions server answering from a Python function: a
    server-sent-event stream when the request says `stream` (the AI layer's remote provider
    does), one JSON completion otherwise. `delay` holds every answer back (deadline and
    cancellation tests); the first `fail_first` requests get HTTP 503 (retry tests)."""

    def __init__(self, answer: Callable[[dict[str, Any]], str]) -> None:
        self.answer = answer
        self.requests: list[dict[str, Any]] = []
        self.delay = 0.0
        self.fail_first = 0
        ai = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                ai.requests.append(body)
                if self.path != "/v1/chat/completions":
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if len(ai.requests) <= ai.fail_first:
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                content = ai.answer(body)
                time.sleep(ai.delay)
                if body.get("stream"):
                    self._stream(content)
                else:
                    self._reply(content)

            def _reply(self, content: str) -> None:
                message = {"role": "assistant", "content": content}
                data = json.dumps(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, content: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [content[i : i + 7] for i in range(0, len(content), 7)]
                try:
                    for piece in pieces:
                        event = {"choices": [{"index": 0, "delta": {"content": piece}}]}
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (deadline, cancellation)
                self.close_connection = True

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def scripted_ai_class() -> type[ScriptedAI]:
    return ScriptedAI


@pytest.fixture
def scripted_ai() -> Iterator[Callable[[Callable[[dict[str, Any]], str]], ScriptedAI]]:
    servers: list[ScriptedAI] = []

    def make(answer: Callable[[dict[str, Any]], str]) -> ScriptedAI:
        s = ScriptedAI(answer)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.close()
