"""Errors of the Cypher pipeline, with a 1-based line and column into the query text."""

from __future__ import annotations


class CypherError(Exception):
    """Unsupported or invalid Cypher. `line`/`column` are 1-based positions in the query."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column
