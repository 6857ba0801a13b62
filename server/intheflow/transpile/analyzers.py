"""COBOL syntax diagnostics for .cbl/.cob/.cpy, shared by `intheflow check` and the editor; plus
constructs the transpiler does not translate yet (information) and the last verification verdict."""

from __future__ import annotations

from pathlib import Path

from intheflow.analysis import AnalysisContext, Analyzer
from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.transpile.hover import parsed
from intheflow.transpile.verdicts import verdict_diagnostics

SUFFIXES = {".cbl", ".cob", ".cpy"}


class CobolSyntax:
    name = "cobol-syntax"

    def applies_to(self, path: Path) -> bool:
        return path.suffix.lower() in SUFFIXES

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        result = parsed(doc.text, doc.path)
        out: list[Diagnostic] = []
        seen: set[tuple[int, int, str]] = set()
        for p in result.problems:
            if p.path and Path(p.path) != Path(doc.path):
                continue  # problems inside a copybook are reported on the copybook
            key = (p.line, p.col, p.message)
            if key in seen:
                continue
            seen.add(key)
            unsupported = p.kind == "unsupported"
            out.append(
                Diagnostic(
                    path=doc.path,
                    range=Range.of(p.line, p.col, p.line, p.col + p.length),
                    severity=Severity.INFO if unsupported else Severity.ERROR,
                    code="cobol-unsupported" if unsupported else "cobol-syntax",
                    message=p.message if unsupported else f"syntax: {p.message}",
                    source="intheflow-cobol",
                )
            )
        out.extend(verdict_diagnostics(doc.path))
        return out


def analyzers() -> list[Analyzer]:
    return [CobolSyntax()]
