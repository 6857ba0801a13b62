"""Prompt context for inline suggestions, within a token budget.

Order inside the prompt (most stable first, so that llama.cpp's prefix cache survives typing):
  1. a header with the signatures of symbols in scope (from the index) and top-k RAG snippets,
     chosen per *enclosing symbol*, not per keystroke;
  2. the prefix window, starting on a line that is a multiple of WINDOW_STEP, so typing forward
     only appends tokens;
  3. with FIM models: the suffix window after the FIM suffix token (its own `suffix_chars`).
Two budgets: a cold prompt (nothing of it in the model's KV cache) gets `cold_budget_tokens`, as
prefill time is linear in prompt tokens; while typing forward, the window start is kept and the
window grows up to `budget_tokens`, costing only the new tokens.
Tokens are estimated at 2.8 characters each: Gemma tokenises Python at 2.7-2.9 (measured on the
benchmark files: 819 characters = 300 tokens), so budgets hold in real tokens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from intheflow.ai.settings import InlineSettings

log = logging.getLogger(__name__)

WINDOW_STEP = 16  # lines
CHARS_PER_TOKEN = 2.8
COMMENT = {"python": "#", "cobol": "*>", "yaml": "#", "markdown": ""}


@dataclass(frozen=True)
class Snippet:
    path: str
    text: str
    node_id: str = ""
    start_line: int = 0
    score: float = 0.0


Retrieve = Callable[[str, int], list[Snippet]]


@dataclass(frozen=True)
class InlineContext:
    header: str  # signatures and snippets, as comments
    prefix: str  # the prefix window (ends at the cursor)
    suffix: str  # the suffix window (starts at the cursor)
    scope_key: str  # what the header was built for (cache key)
    snippets: tuple[Snippet, ...] = field(default_factory=tuple)
    start_line: int = 0  # first line of the prefix window
    cold: bool = True  # a new window start: the model has none of this prompt cached

    @property
    def prompt_prefix(self) -> str:
        return self.header + self.prefix


def tokens_of(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def _comment(language: str) -> str:
    return COMMENT.get(language, "//")


def enclosing_scope(language: str, text: str, line: int) -> tuple[str, list[str]]:
    """(qualified name of the innermost symbol at `line`, signatures of the file's symbols)."""
    try:
        from intheflow.core.text import Position
        from intheflow.index.symbols import extract
    except ImportError:  # the index is optional: without it, no signatures
        return "", []
    try:
        fi = extract("current", text, language)
    except Exception:  # the index must never break completion
        log.debug("symbol extraction failed", exc_info=True)
        return "", []
    # A blank line (e.g. after Enter at the end of a body) belongs to the code above it, so the
    # scope, and with it the cached prompt header, does not change while the user starts a line.
    lines = text.split("\n")
    while 0 < line < len(lines) and not lines[line].strip():
        line -= 1
    here = fi.symbol_at(Position(line, 0))
    sigs = [s.signature for s in fi.symbols if s.signature and s.kind != "module"]
    return (here.qualname if here else ""), sigs


def _window(lines: list[str], start: int, line: int, character: int) -> str:
    before = "\n".join(lines[start:line]) + "\n" if line > start else ""
    return before + lines[line][:character]


def _aligned_start(lines: list[str], line: int, character: int, limit: int) -> int:
    """The latest WINDOW_STEP-aligned start whose window ends at the cursor within `limit`."""
    start = max(0, line - limit // 30)
    start -= start % WINDOW_STEP
    while len(_window(lines, start, line, character)) > limit and start < line:
        start = min(start + WINDOW_STEP, line)
    return start


def build_inline_context(
    path: str,
    language: str,
    text: str,
    line: int,
    character: int,
    settings: InlineSettings,
    retrieve: Retrieve | None = None,
    header_cache: dict[str, tuple[str, tuple[Snippet, ...]]] | None = None,
    previous: InlineContext | None = None,
) -> InlineContext:
    """`previous`: the last context of this document whose prompt the model has in its cache.

    Its window start is kept while the header stays the same and the window fits the warm budget
    (typing forward then only appends tokens); otherwise the prompt is cold and a new start is
    chosen for the smaller cold budget, because prefill time grows with every prompt token.
    """
    lines = text.split("\n")
    line = min(line, len(lines) - 1)
    current = lines[line]
    character = min(character, len(current))
    warm_limit = min(settings.prefix_chars, int(settings.budget_tokens * CHARS_PER_TOKEN))
    cold_limit = min(settings.prefix_chars, int(settings.cold_budget_tokens * CHARS_PER_TOKEN))
    tail = current[character:] + (
        "\n" + "\n".join(lines[line + 1 :]) if line + 1 < len(lines) else ""
    )
    tail = tail[: settings.suffix_chars]

    scope, sigs = enclosing_scope(language, text, line)
    start = -1
    if previous is not None and previous.start_line <= line:
        head = _window(lines, previous.start_line, line, character)
        same_header = previous.scope_key == f"{path}#{scope}#{previous.start_line}"
        if same_header and len(previous.header) + len(head) <= warm_limit:
            start = previous.start_line
    cold = start < 0
    if cold:
        start = _aligned_start(lines, line, character, cold_limit)
        head = _window(lines, start, line, character)

    # Header: per enclosing symbol and window start, cached, so it is byte-identical while
    # typing inside it. Its room is what the cold budget leaves after the window.
    scope_key = f"{path}#{scope}#{start}"
    if not cold and previous is not None:
        cached: tuple[str, tuple[Snippet, ...]] | None = (previous.header, previous.snippets)
    else:
        cached = header_cache.get(scope_key) if header_cache is not None else None
    if cached is None:
        cached = _header(
            language, path, lines, line, head, sigs, cold_limit - len(head), settings, retrieve
        )
        if header_cache is not None:
            if len(header_cache) > 64:
                header_cache.clear()
            header_cache[scope_key] = cached
    return InlineContext(
        header=cached[0],
        prefix=head,
        suffix=tail,
        scope_key=scope_key,
        snippets=cached[1],
        start_line=start,
        cold=cold,
    )


def _header(
    language: str,
    path: str,
    lines: list[str],
    line: int,
    head: str,
    sigs: list[str],
    room: int,
    settings: InlineSettings,
    retrieve: Retrieve | None,
) -> tuple[str, tuple[Snippet, ...]]:
    """RAG snippets and the signatures of out-of-window symbols, as comments, within `room`."""
    c = _comment(language)
    parts: list[str] = []
    snippets: list[Snippet] = []
    if retrieve is not None and settings.rag_snippets and room > 200:
        query = "\n".join(lines[max(0, line - 8) : line + 1])
        try:
            found = retrieve(query, settings.rag_snippets + 2)
        except Exception:  # RAG trouble must not cost the suggestion
            log.debug("retrieval failed", exc_info=True)
            found = []
        for s in found:
            if PurePosixPath(s.path).name == PurePosixPath(path).name and s.path in path:
                continue  # the file itself is already in the window
            block = f"{c} From {s.path}:\n" + "".join(
                f"{c} {ln}\n" for ln in s.text.splitlines()[:12]
            )
            if len(block) > room // 2:
                continue
            parts.append(block)
            snippets.append(s)
            room -= len(block)
            if len(snippets) >= settings.rag_snippets:
                break
    out_of_window = [s for s in sigs if s.split("(")[0] not in head]
    if out_of_window and room > 100:
        block = f"{c} Symbols in this file:\n"
        for sig in out_of_window:
            entry = f"{c} {sig}\n"
            if len(block) + len(entry) > room:
                break
            block += entry
        parts.append(block)
    return "".join(parts), tuple(snippets)
