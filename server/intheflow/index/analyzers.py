"""Syntax errors as diagnostics, for open documents and `intheflow check`.

The indexer indexes broken code as far as tree-sitter recovers; this analyzer tells the user
where the parser had to recover, so an unindexed function is never a silent mystery.
"""

from __future__ import annotations

from pathlib import Path

from intheflow.analysis import AnalysisContext, Analyzer
from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.documents import Document, language_of
from intheflow.index.symbols import extract
from intheflow.index.syntax import SUPPORTED, parse

MAX_REPORTED = 5


class SyntaxAnalyzer:
    name = "index-syntax"

    def applies_to(self, path: Path) -> bool:
        return language_of(path) in SUPPORTED

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        # Runs on every keystroke: a bare parse (milliseconds) decides; the full extraction
        # (which locates the errors) only runs for broken files.
        parsed = parse(doc.language, doc.text)
        if parsed is None or not parsed.has_error:
            return []
        fi = extract(doc.path, doc.text, doc.language)
        return [
            Diagnostic(
                path=doc.path,
                range=problem.range,
                severity=Severity.WARNING,
                code="syntax-error",
                message=f"{problem.message}; symbols after this point may be missing "
                "from the index",
                source="intheflow.index",
            )
            for problem in fi.errors[:MAX_REPORTED]
        ]


def analyzers() -> list[Analyzer]:
    return [SyntaxAnalyzer()]
