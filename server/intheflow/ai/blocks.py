"""Syntax decisions for inline suggestions, made with tree-sitter.

- `completion_mode`: a single line when the cursor is inside a line, a block when it sits on an
  empty line right after a block opener (`:` in Python, `{` elsewhere) or inside an empty body.
- `trim_to_block`: a block suggestion stops where the block ends (indentation back to the
  opener's level in Python, the closing brace in brace languages).
- `block_end`: while streaming, where the block ends once it is complete (it was closed, or its body
  ended with `return`/`raise`/`break`/`continue`, after which nothing at that level runs), so
  the model stops there instead of generating text that trimming would throw away.
- `introduces_errors`: the post-filter. A suggestion is dropped when inserting it adds tree-sitter
  ERROR/MISSING nodes to the document (the document may already be broken while typing, so only
  new errors count).
"""

from __future__ import annotations

from typing import Literal

import tree_sitter as ts

from intheflow.index.syntax import SUPPORTED, parse

Mode = Literal["line", "block"]

BLOCK_NODES = frozenset(
    {
        "block",
        "function_definition",
        "class_definition",
        "if_statement",
        "for_statement",
        "while_statement",
        "with_statement",
        "try_statement",
        "function_declaration",
        "method_declaration",
        "class_body",
        "function_item",
        "impl_item",
        "statement_block",
        "compound_statement",
        "ERROR",
    }
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def completion_mode(language: str, prefix: str, suffix: str) -> Mode:
    line_start = prefix.rfind("\n") + 1
    current = prefix[line_start:]
    rest_of_line = suffix.split("\n", 1)[0]
    if current.strip() or rest_of_line.strip():
        return "line"
    previous = prefix[:line_start].rstrip()
    opener = ":" if language == "python" else "{"
    if not previous.endswith(opener):
        return "line"
    parsed = parse(language, prefix + suffix) if language in SUPPORTED else None
    if parsed is None:
        return "block"
    # The node just before the cursor must belong to a block-bearing construct.
    offset = len(previous.encode("utf-8")) - 1
    node: ts.Node | None = parsed.root.descendant_for_byte_range(offset, offset + 1)
    while node is not None:
        if node.type in BLOCK_NODES:
            return "block"
        node = node.parent
    return "line"


def trim_to_block(language: str, prefix: str, suggestion: str) -> str:
    """Cuts a multi-line suggestion at the end of the block the cursor opened."""
    lines = suggestion.split("\n")
    if language == "python":
        line_start = prefix.rfind("\n") + 1
        opener_line = prefix[:line_start].rstrip("\n").rsplit("\n", 1)[-1]
        base = _indent(opener_line)
        first_indent = _indent(prefix[line_start:] + lines[0])
        kept: list[str] = []
        for i, line in enumerate(lines):
            width = first_indent if i == 0 else _indent(line)
            if line.strip() and width <= base:
                break
            kept.append(line)
        return "\n".join(kept).rstrip()
    depth = 1
    out = []
    for ch in suggestion:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break  # the user's (or the suffix's) closing brace ends the block
        out.append(ch)
    return "".join(out).rstrip()


TERMINAL_WORDS = frozenset({"return", "raise", "break", "continue"})


def block_end(language: str, prefix: str, text: str) -> int | None:
    """How much of a streamed `text` belongs to the block the cursor opened, once the block is
    complete (closed, or its body ended with a terminal statement); None while it may go on."""
    trimmed = trim_to_block(language, prefix, text)
    if len(trimmed) < len(text.rstrip()):
        return len(trimmed)  # the block was closed (dedent or closing brace)
    if language != "python":
        return None
    *complete, _ = text.split("\n")  # the last piece is a line still being generated
    line_start = prefix.rfind("\n") + 1
    body = _indent(prefix[line_start:] + text)
    depth = 0  # open brackets before each line: a terminal word inside them is not a statement
    offset = 0
    for i, line in enumerate(complete):
        offset += len(line) + 1
        width = body if i == 0 else _indent(line)
        words = line.split(None, 1)
        depth_after = depth + sum(line.count(c) for c in "([{") - sum(line.count(c) for c in ")]}")
        terminal = depth == 0 and width == body and words and words[0] in TERMINAL_WORDS
        if terminal and depth_after == 0 and not line.rstrip().endswith(("\\", ",")):
            return offset - 1  # up to the end of that line
        depth = depth_after
    return None


def _error_count(node: ts.Node) -> int:
    if not node.has_error:
        return 0
    n = 1 if node.is_error or node.is_missing else 0
    return n + sum(_error_count(c) for c in node.children)


def introduces_errors(language: str, prefix: str, suggestion: str, suffix: str) -> bool:
    """True when inserting the suggestion makes the document parse worse."""
    if language not in SUPPORTED:
        return False
    before = parse(language, prefix + suffix)
    after = parse(language, prefix + suggestion + suffix)
    if before is None or after is None:
        return False
    return _error_count(after.root) > _error_count(before.root)
