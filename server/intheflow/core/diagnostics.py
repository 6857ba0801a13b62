"""Diagnostics and fixes as plain data, produced by every analyzer and rendered by the LSP adapter,
the `check` CLI (text, JSON, SARIF) and the extension."""

from __future__ import annotations

import enum

import msgspec

from intheflow.core.text import Location, Range


class Severity(enum.IntEnum):
    # Same numbering as LSP so the adapter conversion stays trivial.
    ERROR = 1
    WARNING = 2
    INFO = 3
    HINT = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @staticmethod
    def parse(text: str) -> Severity:
        try:
            return Severity[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning, info, hint)") from None


class TextEdit(msgspec.Struct, frozen=True):
    path: str
    range: Range
    new_text: str


class Fix(msgspec.Struct, frozen=True):
    """A quick-fix. Travels inside the LSP Diagnostic.data so code actions need no server cache."""

    title: str
    edits: list[TextEdit]
    preferred: bool = False


class RelatedInfo(msgspec.Struct, frozen=True):
    location: Location
    message: str


class Diagnostic(msgspec.Struct, frozen=True):
    path: str
    range: Range
    severity: Severity
    code: str
    message: str
    source: str = "intheflow"
    related: list[RelatedInfo] = []
    fixes: list[Fix] = []
    # Rule id, taxonomy term and similar facts for SARIF properties and hovers.
    properties: dict[str, str] = {}

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.range.start.line, self.range.start.character, self.code)
