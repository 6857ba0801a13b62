"""Errors and problems with a location: file, JSON path, 1-based line and column."""

from __future__ import annotations


class Location:
    def __init__(
        self, source: str = "", json_path: str = "", line: int = 0, column: int = 0
    ) -> None:
        self.source = source
        self.json_path = json_path
        self.line = line  # 1-based; 0 when unknown
        self.column = column

    def describe(self) -> str:
        where = self.source or "<input>"
        if self.line:
            where += f":{self.line}:{self.column}"
        if self.json_path:
            where += f" ({self.json_path})"
        return where

    def shifted(self, offset: int) -> Location:
        """The location `offset` characters further on the same line (inside a JSON string)."""
        if not self.line:
            return self
        return Location(self.source, self.json_path, self.line, self.column + offset)


class Problem:
    """A load-time finding: `error` makes a model unusable, `warning` does not."""

    def __init__(self, severity: str, code: str, message: str, location: Location) -> None:
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location.describe()}: {self.severity}: {self.message} [{self.code}]"


class RuleError(Exception):
    """Bad rule input (malformed JSON, a type error in an expression...), with its location."""

    def __init__(self, message: str, location: Location, code: str = "rule-error") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.code = code

    def __str__(self) -> str:
        return f"{self.location.describe()}: {self.message}"

    def problem(self) -> Problem:
        return Problem("error", self.code, self.message, self.location)


class EvalError(Exception):
    """An expression failed at run time (zen: a VM error). Tables treat it as "no match"."""
