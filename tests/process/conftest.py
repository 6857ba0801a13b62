"""Fixtures for the process tests: the example model, a runtime on a private SQLite file, and a
scripted OpenAI-compatible server over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import threading
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
    """An OpenAI-compatible /v1/chat/completions server answering from a Python function."""

    def __init__(self, answer: Callable[[dict[str, Any]], str]) -> None:
        self.answer = answer
        self.requests: list[dict[str, Any]] = []
        ai = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                ai.requests.append(body)
                if self.path != "/v1/chat/completions":
                    self.send_response(404)
                    self.end_headers()
                    return
                content = ai.answer(body)
                data = json.dumps(
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": content},
                                "finish_reason": "stop",
                            }
                        ],
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
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
