"""Splits workspace files into retrieval chunks at syntax boundaries.

Code (Python, Go, Java, Rust, JS/TS, COBOL): one chunk per function/method/paragraph, one per
class header (its lines up to the first member that is chunked on its own), and the remaining
module-level lines (imports, constants) in runs. Symbols come from the index's tree-sitter
extractor (index/symbols.py; COBOL through its line scanner). Markdown: one chunk per section.
Other text files: fixed windows of lines. Every chunk carries the graph node id of the code
component it belongs to (graph/model.py: `component:<relpath>#<qualname>`), so a hit links back to
the knowledge graph.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from intheflow.core.documents import language_of
from intheflow.graph.model import component_id

MAX_CHUNK_LINES = 60
WINDOW_LINES = 40
CODE_LANGUAGES = frozenset(
    {"python", "go", "java", "rust", "javascript", "typescript", "typescriptreact", "cobol"}
)
TEXT_LANGUAGES = frozenset({"markdown", "yaml", "json", "plaintext", "bpmn", "dmn"})
TEXT_SUFFIXES = frozenset({".md", ".txt", ".yaml", ".yml", ".toml", ".json", ".sql", ".cpy"})


@dataclass(frozen=True)
class Chunk:
    path: str  # workspace-relative, "/" separated
    start_line: int  # 0-based, inclusive
    end_line: int  # 0-based, inclusive
    text: str
    node_id: str
    kind: str  # function, class, paragraph, module, section, text
    name: str = ""

    @property
    def key(self) -> str:
        raw = f"{self.path}\x00{self.start_line}\x00{self.text}"
        return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()

    def embedding_text(self) -> str:
        # The path and name help retrieval ("where is the ledger posted?").
        return f"{self.path} {self.name}\n{self.text}"


def chunk_file(relpath: str, text: str) -> list[Chunk]:
    language = language_of(relpath)
    lines = text.split("\n")
    if language in CODE_LANGUAGES:
        return _code_chunks(relpath, language, text, lines)
    if language == "markdown":
        return _markdown_chunks(relpath, lines)
    return _windows(relpath, lines, 0, len(lines) - 1, "text", component_id(relpath), "")


def _windows(
    relpath: str, lines: list[str], start: int, end: int, kind: str, node: str, name: str
) -> list[Chunk]:
    out: list[Chunk] = []
    for s in range(start, end + 1, MAX_CHUNK_LINES if kind != "text" else WINDOW_LINES):
        e = min(end, s + (MAX_CHUNK_LINES if kind != "text" else WINDOW_LINES) - 1)
        body = "\n".join(lines[s : e + 1])
        if body.strip():
            out.append(Chunk(relpath, s, e, body, node, kind, name))
    return out


def _code_chunks(relpath: str, language: str, text: str, lines: list[str]) -> list[Chunk]:
    from intheflow.index.symbols import CLASS_KINDS, extract

    try:
        fi = extract(relpath, text, language)
    except Exception:  # a broken file still gets plain windows
        return _windows(relpath, lines, 0, len(lines) - 1, "text", component_id(relpath), "")
    covered = [False] * len(lines)
    out: list[Chunk] = []
    symbols = [s for s in fi.symbols if s.kind != "program"]
    for sym in symbols:
        start, end = sym.range.start.line, min(sym.range.end.line, len(lines) - 1)
        children = [c for c in symbols if c.parent == sym.qualname and c.range.start.line > start]
        if sym.kind in CLASS_KINDS and children:
            end = min(c.range.start.line for c in children) - 1  # the class header only
        if end < start or all(covered[start : end + 1]):
            continue
        kind = "class" if sym.kind in CLASS_KINDS else sym.kind
        node = component_id(relpath, sym.qualname)
        out.extend(_windows(relpath, lines, start, end, kind, node, sym.qualname))
        for i in range(start, end + 1):
            covered[i] = True
    # Module-level runs (imports, constants, top-level code) not inside any chunk.
    run_start: int | None = None
    for i in range(len(lines) + 1):
        free = i < len(lines) and not covered[i]
        if free and run_start is None:
            run_start = i
        elif not free and run_start is not None:
            out.extend(
                _windows(relpath, lines, run_start, i - 1, "module", component_id(relpath), "")
            )
            run_start = None
    return sorted(out, key=lambda c: c.start_line)


_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def _markdown_chunks(relpath: str, lines: list[str]) -> list[Chunk]:
    out: list[Chunk] = []
    start, title = 0, ""
    in_fence = False
    for i, line in enumerate([*lines, "# end"]):
        if line.startswith("```"):
            in_fence = not in_fence
        m = _HEADING.match(line) if not in_fence else None
        if m and i > start:
            out.extend(
                _windows(relpath, lines, start, i - 1, "section", component_id(relpath), title)
            )
        if m:
            start, title = i, m.group(1).strip()
    return out
