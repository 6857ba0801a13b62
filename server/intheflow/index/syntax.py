"""tree-sitter parsers, one per language, created once per thread and reused.

`parse(language, text)` returns a `Parsed` (tree plus the source bytes) or None when the language
has no grammar here. Parsing never raises on bad code: tree-sitter builds an error-tolerant tree
and `Parsed.has_error` says whether it had to.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

import tree_sitter as ts

# Language id (core.documents.language_of) → (grammar module, function returning the grammar).
_GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "go": ("tree_sitter_go", "language"),
    "java": ("tree_sitter_java", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "typescriptreact": ("tree_sitter_typescript", "language_tsx"),
}

SUPPORTED = frozenset(_GRAMMARS)

# Parsers keep per-parse state, so each thread gets its own.
_local = threading.local()


@cache
def grammar(language: str) -> ts.Language | None:
    spec = _GRAMMARS.get(language)
    if spec is None:
        return None
    import importlib

    module = importlib.import_module(spec[0])
    raw: Any = getattr(module, spec[1])()
    return ts.Language(raw)


def _parser(language: str) -> ts.Parser | None:
    parsers: dict[str, ts.Parser] | None = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = {}
        _local.parsers = parsers
    parser = parsers.get(language)
    if parser is None:
        lang = grammar(language)
        if lang is None:
            return None
        parser = ts.Parser(lang)
        parsers[language] = parser
    return parser


@dataclass(frozen=True)
class Parsed:
    language: str
    tree: ts.Tree
    source: bytes

    @property
    def root(self) -> ts.Node:
        return self.tree.root_node

    @property
    def has_error(self) -> bool:
        return self.tree.root_node.has_error

    def text(self, node: ts.Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def parse(language: str, text: str) -> Parsed | None:
    parser = _parser(language)
    if parser is None:
        return None
    source = text.encode("utf-8")
    return Parsed(language, parser.parse(source), source)
