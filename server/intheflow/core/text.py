"""Positions and ranges in editor terms.

Lines are 0-based; `character` counts Unicode code points from the start of the line (Python string
indices). Only the LSP adapter converts to UTF-16 code units; the CLI adds 1 to both for humans.
"""

from __future__ import annotations

import msgspec


class Position(msgspec.Struct, frozen=True, order=True):
    line: int
    character: int


class Range(msgspec.Struct, frozen=True):
    start: Position
    end: Position

    @staticmethod
    def of(line: int, char: int, end_line: int | None = None, end_char: int | None = None) -> Range:
        return Range(
            Position(line, char),
            Position(
                line if end_line is None else end_line, char if end_char is None else end_char
            ),
        )

    @staticmethod
    def whole_line(line: int, text: str) -> Range:
        lines = text.splitlines()
        width = len(lines[line]) if 0 <= line < len(lines) else 0
        return Range(Position(line, 0), Position(line, width))

    def contains(self, pos: Position) -> bool:
        return self.start <= pos <= self.end


class Location(msgspec.Struct, frozen=True):
    path: str
    range: Range


def offset_to_position(text: str, offset: int) -> Position:
    """Code-point offset in `text` → Position."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(line, offset - line_start)


def position_to_offset(text: str, pos: Position) -> int:
    """Position → code-point offset, clamped to the text."""
    start = 0
    for _ in range(pos.line):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + pos.character, end)
