"""Grounded chat: retrieve workspace chunks, ask the model, stream the answer, cite sources.

Slash commands at the start of a question pick a task for the editor context:
  /explain  explain the selected code        /tests  write unit tests for it
  /docs     write its documentation          /fix    fix it (bugs, errors)
The retrieved chunks are numbered in the prompt; the answer ends with a "Sources" list of those
chunks (file, lines, graph node id), added by us so that every answer cites what it was given
even when a small model forgets to. Plain data in and out; the LSP layer streams the pieces.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from intheflow.ai.context import Snippet
from intheflow.ai.provider import CancelToken, GenerationRequest, Message
from intheflow.protocol.ai import ChatResult, Citation

if TYPE_CHECKING:
    from intheflow.ai.service import AIService

log = logging.getLogger(__name__)

COMMANDS: dict[str, str] = {
    "explain": "Explain what this code does, step by step, and how it fits in the workspace.",
    "tests": "Write unit tests for this code with the usual test framework of its language. "
    "Answer with one code block.",
    "docs": "Write documentation for this code: a docstring or doc comment for each function, "
    "then a short README section. Answer in Markdown.",
    "fix": "Find the bugs in this code and answer with the corrected code in one code block, "
    "then one sentence per change.",
}
SYSTEM = (
    "You are intheflow, a coding assistant inside the user's editor. Answer from the numbered "
    "workspace excerpts when they are relevant and cite them as [1], [2]. Be concise."
)
MAX_CONTEXT_CHARS = 2400
MAX_EXCERPT_CHARS = 700


@dataclass(frozen=True)
class ChatRequest:
    question: str
    path: str = ""
    text: str = ""
    language: str = ""
    start_line: int = 0
    end_line: int = 0
    selection: bool = False
    max_tokens: int = 320


def split_command(question: str) -> tuple[str, str]:
    q = question.strip()
    if q.startswith("/"):
        word, _, rest = q[1:].partition(" ")
        if word in COMMANDS:
            return word, rest.strip()
    return "", q


def build_messages(
    req: ChatRequest, command: str, rest: str, snippets: list[Snippet], root: Path | None
) -> tuple[Message, ...]:
    parts: list[str] = []
    if snippets:
        parts.append("Workspace excerpts:")
        for n, s in enumerate(snippets, 1):
            parts.append(
                f"[{n}] {s.path} line {s.start_line + 1} ({s.node_id})\n```\n"
                f"{s.text[:MAX_EXCERPT_CHARS]}\n```"
            )
    if req.text:
        where = _rel(req.path, root)
        label = "Selected code" if req.selection else "Current file"
        parts.append(
            f"{label} ({where}, {req.language or 'text'}):\n```\n"
            f"{req.text[:MAX_CONTEXT_CHARS]}\n```"
        )
    task = COMMANDS[command] if command else ""
    question = " ".join(p for p in (task, rest) if p) or "Explain this code."
    parts.append(f"Question: {question}")
    return (Message("system", SYSTEM), Message("user", "\n\n".join(parts)))


def _rel(path: str, root: Path | None) -> str:
    if root is not None and path:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path


def answer(
    svc: AIService,
    req: ChatRequest,
    cancel: CancelToken,
    on_piece: Callable[[str], None] = lambda _p: None,
) -> ChatResult:
    command, rest = split_command(req.question)
    status = svc.status()
    if not status.available:
        text = f"The AI is unavailable: {status.detail}"
        on_piece(text)
        return ChatResult(text=text, available=False, command=command, finish="error")
    query = " ".join(p for p in (rest, req.text[:600]) if p) or req.question
    try:
        snippets = svc.retrieve(query, svc.settings.rag.top_k)
    except Exception:  # retrieval trouble degrades to an ungrounded answer, never a crash
        log.exception("chat retrieval failed")
        snippets = []
    messages = build_messages(req, command, rest, snippets, svc.root)
    gen = GenerationRequest(
        messages=messages,
        max_tokens=req.max_tokens,
        temperature=0.0,
        stop=("<end_of_turn>",),
        deadline_s=svc.settings.request_deadline_s,
    )
    pieces: list[str] = []
    finish = "error"
    error = ""
    for chunk in svc.provider.stream(gen, cancel):
        if chunk.text:
            pieces.append(chunk.text)
            on_piece(chunk.text)
        if chunk.finish:
            finish, error = chunk.finish, chunk.error or ""
    citations = [
        Citation(
            path=s.path,
            start_line=s.start_line,
            end_line=s.start_line + max(0, s.text.count("\n")),
            node_id=s.node_id,
            score=round(s.score, 4),
        )
        for s in snippets
    ]
    if citations and finish != "cancelled":
        sources = "\n\nSources:\n" + "".join(
            f"[{n}] {c.path}:{c.start_line + 1}-{c.end_line + 1} ({c.node_id})\n"
            for n, c in enumerate(citations, 1)
        )
        pieces.append(sources)
        on_piece(sources)
    if error:
        note = f"\n\n(the model stopped: {error})"
        pieces.append(note)
        on_piece(note)
    return ChatResult(text="".join(pieces), command=command, finish=finish, citations=citations)
