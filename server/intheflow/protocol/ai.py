"""Wire types of the AI methods: `intheflow/chat` and `intheflow/aiStatus`.

Streamed chat pieces travel as `$/progress` with the request's `partialResultToken` (value
`ChatPiece`); the final `ChatResult` carries the whole answer and its citations.
"""

from __future__ import annotations

import msgspec


class ChatContext(msgspec.Struct, rename="camel", omit_defaults=True):
    uri: str
    text: str = ""
    language_id: str = ""
    start_line: int = 0
    end_line: int = 0
    selection: bool = False


class ChatParams(msgspec.Struct, rename="camel", omit_defaults=True):
    question: str
    context: ChatContext | None = None
    partial_result_token: str | int | None = None
    work_done_token: str | int | None = None


class Citation(msgspec.Struct, rename="camel", omit_defaults=True):
    path: str
    start_line: int
    end_line: int
    node_id: str = ""
    score: float = 0.0


class ChatResult(msgspec.Struct, rename="camel", omit_defaults=True):
    text: str
    available: bool = True
    command: str = ""
    finish: str = ""
    citations: list[Citation] = []


class ChatPiece(msgspec.Struct, rename="camel"):
    text: str


class AiStatusParams(msgspec.Struct, rename="camel", omit_defaults=True):
    wait_seconds: float = 0.0


class AiStatusResult(msgspec.Struct, rename="camel"):
    available: bool
    ready: bool
    provider: str
    detail: str
    load_seconds: float = 0.0
