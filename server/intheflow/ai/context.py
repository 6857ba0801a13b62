"""Prompt context for inline suggestions, within a token budget.

Order inside the prompt (most stable first, so that llama.cpp's prefix cache survives typing):
  1. a header with the signatures of symbols in scope (from the index) and top-k RAG snippets,
     chosen per *enclosing symbol*, not per keystroke;
  2. the prefix window, starting on a line that is a multiple of WINDOW_STEP, so typing forward
     only appends tokens;
  3. with FIM models: the suffix window after the FIM suffix token.
Tokens are estimated at 3.2 characters each (code tokenises densely), a safe side for budgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from intheflow.ai.settings import InlineSettings

log = logging.getLogger(__name__)

WINDOW_STEP = 16  # lines
CHARS_PER_TOKEN = 3.2
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
    here = fi.symbol_at(Position(line, 0))
    sigs = [s.signature for s in fi.symbols if s.signature and s.kind != "module"]
    return (here.qualname if here else ""), sigs


def build_inline_context(
    path: str,
    language: str,
    text: str,
    line: int,
    character: int,
    settings: InlineSettings,
    retrieve: Retrieve | None = None,
    header_cache: dict[str, tuple[str, tuple[Snippet, ...]]] | None = None,
) -> InlineContext:
    lines = text.split("\n")
    line = min(line, len(lines) - 1)
    current = lines[line]
    character = min(character, len(current))
    budget_chars = int(settings.budget_tokens * CHARS_PER_TOKEN)

    # Prefix window: aligned start so successive keystrokes share the prompt's beginning.
    start = max(0, line - settings.prefix_chars // 30)
    start -= start % WINDOW_STEP
    head = "\n".join([*lines[start:line], current[:character]])
    while len(head) > min(settings.prefix_chars, budget_chars) and start < line:
        start += WINDOW_STEP
        start = min(start, line)
        head = ("\n".join(lines[start:line]) + "\n" if line > start else "") + current[:character]
    tail = current[character:] + (
        "\n" + "\n".join(lines[line + 1 :]) if line + 1 < len(lines) else ""
    )
    tail = tail[: settings.suffix_chars]

    # Header: per enclosing symbol, cached, so it is byte-identical while typing inside it.
    scope, sigs = enclosing_scope(language, text, line)
    scope_key = f"{path}#{scope}#{start}"
    cached = header_cache.get(scope_key) if header_cache is not None else None
    if cached is None:
        room = budget_chars - len(head) - len(tail)
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
        header = "".join(parts) if parts else ""
        cached = (header, tuple(snippets))
        if header_cache is not None:
            if len(header_cache) > 64:
                header_cache.clear()
            header_cache[scope_key] = cached
    return InlineContext(
        header=cached[0], prefix=head, suffix=tail, scope_key=scope_key, snippets=cached[1]
    )
