"""Diagnostics for the graph's inputs, in `intheflow check` and the editor:

- `catalog-info.yaml`: invalid YAML or entity (error, at the offending line/column) and references
  (owner, system, dependsOn, providesApis, consumesApis) to entities no catalog file in the
  workspace declares (warning, on the reference).
- `taxonomy.yaml`: invalid YAML or taxonomy (error).
"""

from __future__ import annotations

import os
from pathlib import Path

from intheflow.analysis import AnalysisContext, Analyzer
from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.documents import Document
from intheflow.core.errors import UserError
from intheflow.core.text import Range
from intheflow.graph.backstage import (
    CATALOG_FILENAME,
    CatalogError,
    find_catalog_files,
    import_catalog_text,
)
from intheflow.graph.model import EdgeType, GraphFacts
from intheflow.graph.taxonomy import DEFAULT_TAXONOMY, TaxonomyError, parse_taxonomy

SOURCE = "intheflow-graph"


def _error_diagnostic(doc: Document, exc: UserError, code: str) -> Diagnostic:
    lines = doc.text.splitlines()
    # YAML reports an unexpected end of input on the line after the last one: keep it there.
    line = max(0, min((exc.line or 1) - 1, len(lines)))
    text = lines[line] if line < len(lines) else ""
    col = max(0, (exc.column or 1) - 1)
    end = max(col, len(text))
    return Diagnostic(
        path=doc.path,
        range=Range.of(line, min(col, end), line, end),
        severity=Severity.ERROR,
        code=code,
        message=exc.message,
        source=SOURCE,
    )


def _declared_ids(root: Path, skip: str) -> set[str]:
    """Entity node ids declared by the other catalog files of the workspace."""
    ids: set[str] = set()
    for path in find_catalog_files(root):
        if str(path) == skip or str(path.resolve()) == skip:
            continue
        try:
            facts = import_catalog_text(path.read_text(encoding="utf-8"), path.as_posix())
        except (CatalogError, OSError, UnicodeDecodeError):
            continue  # that file gets its own diagnostic
        ids.update(n.id for n in facts.nodes)
    return ids


def _catalog_stamp(root: Path) -> str:
    parts = []
    for path in find_catalog_files(root):
        try:
            parts.append(f"{path}:{os.stat(path).st_mtime_ns}")
        except OSError:
            continue
    return "|".join(parts)


class CatalogAnalyzer:
    name = "backstage-catalog"

    def applies_to(self, path: Path) -> bool:
        return path.name == CATALOG_FILENAME

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        try:
            facts = import_catalog_text(doc.text, doc.path)
        except CatalogError as exc:
            return [_error_diagnostic(doc, exc, "catalog/invalid")]
        root = ctx.root
        stamp = _catalog_stamp(root)
        key = f"graph.catalog-ids:{stamp}:{doc.path}"
        others: set[str] = ctx.cached(key, lambda: _declared_ids(root, doc.path))
        return self._unresolved(doc, facts, others | {n.id for n in facts.nodes})

    def _unresolved(self, doc: Document, facts: GraphFacts, declared: set[str]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        lines = doc.text.splitlines()
        starts = {n.id: (n.provenance.start_line or 0) if n.provenance else 0 for n in facts.nodes}
        for edge in facts.edges:
            # OWNS points from the referenced owner to the entity; the others from the entity.
            owns = edge.type == EdgeType.OWNS
            entity, other = (edge.dst, edge.src) if owns else (edge.src, edge.dst)
            if other in declared:
                continue
            ref = str(edge.props.get("ref", other))
            line, col = _find(lines, ref, starts.get(entity, 0))
            out.append(
                Diagnostic(
                    path=doc.path,
                    range=Range.of(line, col, line, col + len(ref)),
                    severity=Severity.WARNING,
                    code="catalog/unresolved-ref",
                    message=f"{ref!r} ({edge.type}) is not declared in any {CATALOG_FILENAME} "
                    "of the workspace",
                    source=SOURCE,
                )
            )
        return out


def _find(lines: list[str], needle: str, from_line: int) -> tuple[int, int]:
    for i in range(from_line, len(lines)):
        col = lines[i].find(needle)
        if col >= 0:
            return i, col
    return from_line, 0


class TaxonomyAnalyzer:
    name = "business-taxonomy"

    def applies_to(self, path: Path) -> bool:
        return path.name == DEFAULT_TAXONOMY

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]:
        try:
            parse_taxonomy(doc.text, doc.path)
        except TaxonomyError as exc:
            return [_error_diagnostic(doc, exc, "taxonomy/invalid")]
        return []


def analyzers() -> list[Analyzer]:
    return [CatalogAnalyzer(), TaxonomyAnalyzer()]
