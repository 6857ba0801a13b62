"""The Indexer: walks a workspace, extracts every source file, and writes the knowledge graph.

    indexer = Indexer(root, store)
    report = indexer.index_workspace()           # full index: code + every capability's facts
    indexer.update_file("services/a.py", text)   # one edit: re-extract, replace that file's facts

Full indexing writes each file's facts with `replace_source(relpath, …)` inside one transaction,
adds the facts of every capability's `facts.py` and the taxonomy mapping, and drops the facts of
code files that no longer exist. Incremental updates re-resolve the edited file's calls and
imports against the current index (other files' edges into it are refreshed on their next edit or
the next full index: best effort, like any name-based call graph).

Never raises on bad input: unreadable, binary, invalid UTF-8 and huge files become `problems`
(warnings with a location); unparseable code is indexed as far as tree-sitter recovers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intheflow.core.diagnostics import Diagnostic
from intheflow.core.documents import LANGUAGE_BY_SUFFIX, language_of
from intheflow.core.workspace import iter_files, read_text
from intheflow.graph.model import GraphFacts
from intheflow.index.facts import file_facts
from intheflow.index.symbols import FileIndex, extract
from intheflow.index.syntax import SUPPORTED
from intheflow.index.workspace import CATALOG_FILE, WorkspaceIndex, find_services

log = logging.getLogger(__name__)

INDEXED_LANGUAGES = SUPPORTED | {"cobol"}
INDEXED_SUFFIXES = frozenset(
    s for s, lang in LANGUAGE_BY_SUFFIX.items() if lang in INDEXED_LANGUAGES
)

# progress(done, total, message); cancelled() → True stops the scan between files.
Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class IndexCancelled(Exception):
    pass


@dataclass
class IndexReport:
    files: int = 0
    symbols: int = 0
    syntax_errors: int = 0
    problems: list[Diagnostic] = field(default_factory=list)
    scan_seconds: float = 0.0
    write_seconds: float = 0.0
    contributors: list[str] = field(default_factory=list)  # capability facts merged in

    @property
    def files_per_second(self) -> float:
        total = self.scan_seconds + self.write_seconds
        return self.files / total if total > 0 else 0.0


class Indexer:
    """Owns a WorkspaceIndex and (optionally) a graph store; thread-safe."""

    def __init__(self, root: Path, store: Any = None) -> None:
        self.root = root.resolve()
        self.store = store  # a graph.store.GraphStore, or None for an in-memory index only
        self.index = WorkspaceIndex(self.root)
        self.lock = threading.RLock()

    def relpath(self, path: str | Path) -> str:
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return p.as_posix()

    # --- full index ------------------------------------------------------------------------
    def scan(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> IndexReport:
        """Extract every source file into the in-memory index (no graph writes)."""
        started = time.perf_counter()
        report = IndexReport()
        paths: list[Path] = []
        catalogs: list[Path] = []
        for p in iter_files(self.root):
            if p.name == CATALOG_FILE:
                catalogs.append(p)
            elif p.suffix.lower() in INDEXED_SUFFIXES:
                paths.append(p)
        fresh = WorkspaceIndex(self.root, services=find_services(self.root, catalogs))
        total = len(paths)
        for n, path in enumerate(paths):
            if cancelled is not None and cancelled():
                raise IndexCancelled()
            rel = self.relpath(path)
            if progress is not None and (n % 50 == 0 or n == total - 1):
                progress(n, total, rel)
            read = read_text(path)
            if read.problem is not None:
                report.problems.append(read.problem)
                continue
            assert read.text is not None
            fi = extract_safely(rel, read.text, language_of(path))
            fresh.put(fi)
            report.symbols += len(fi.symbols)
            report.syntax_errors += 1 if fi.errors else 0
        report.files = len(fresh.files)
        with self.lock:
            self.index = fresh
        report.scan_seconds = time.perf_counter() - started
        return report

    def code_facts(self) -> dict[str, GraphFacts]:
        with self.lock:
            return {rel: file_facts(fi, self.index) for rel, fi in self.index.files.items()}

    def index_workspace(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> IndexReport:
        report = self.scan(progress, cancelled)
        if self.store is None:
            return report
        started = time.perf_counter()
        by_source = self.code_facts()
        code_sources = set(by_source)
        for name, contributed in gather_capability_facts(self.root):
            report.contributors.append(name)
            merge_by_source(by_source, contributed, default_source=f"facts:{name}")
        taxonomy = taxonomy_facts(self.root, self.store, by_source)
        if taxonomy is not None:
            report.contributors.append("taxonomy")
            merge_by_source(by_source, taxonomy, default_source="taxonomy")
        if cancelled is not None and cancelled():
            raise IndexCancelled()
        with self.store.transaction():
            for source, facts in by_source.items():
                self.store.replace_source(source, facts)
            for source in self.store.sources():
                stale_code = Path(source).suffix.lower() in INDEXED_SUFFIXES
                if stale_code and source not in code_sources and source not in by_source:
                    self.store.delete_source(source)
        report.write_seconds = time.perf_counter() - started
        return report

    # --- incremental -----------------------------------------------------------------------
    def update_file(self, path: str | Path, text: str) -> FileIndex:
        """Re-index one file from its current text and replace its facts in the graph.

        A catalog-info.yaml or the taxonomy is a graph input, not code: its own facts replace
        the old ones (replacing them with empty code facts would drop its services)."""
        from intheflow.graph.facts import source_facts

        rel = self.relpath(path)
        graph_input = source_facts(self.root, rel, text)
        if graph_input is not None:
            if self.store is not None:
                self.store.replace_source(rel, graph_input)
            return FileIndex(path=rel, language=language_of(rel), module=rel)
        fi = extract_safely(rel, text, language_of(rel))
        with self.lock:
            self.index.put(fi)
            facts = file_facts(fi, self.index)
        if self.store is not None:
            self.store.replace_source(rel, facts)
        return fi

    def remove_file(self, path: str | Path) -> None:
        rel = self.relpath(path)
        with self.lock:
            self.index.remove(rel)
        if self.store is not None:
            self.store.delete_source(rel)


def extract_safely(relpath: str, text: str, language: str) -> FileIndex:
    """extract(), with a crash in an extractor turned into an empty index plus a log line."""
    try:
        return extract(relpath, text, language)
    except Exception:
        log.exception("indexing %s failed; indexed as an empty file", relpath)
        return FileIndex(path=relpath, language=language, module=relpath)


def gather_capability_facts(root: Path) -> list[tuple[str, GraphFacts]]:
    """Facts of every other capability's facts.py; one that fails is logged and skipped."""
    from intheflow.plugins import discover

    out: list[tuple[str, GraphFacts]] = []
    for mod in discover("facts"):
        if mod.__name__ == "intheflow.index.facts":
            continue  # the code facts are ours
        name = mod.__name__.split(".")[1]
        try:
            out.append((name, mod.facts(root)))
        except Exception:
            log.exception("facts of %s failed; its part of the graph is missing", name)
    return out


def merge_by_source(
    by_source: dict[str, GraphFacts], facts: GraphFacts, default_source: str
) -> None:
    for node in facts.nodes:
        src = node.provenance.source if node.provenance else default_source
        by_source.setdefault(src, GraphFacts(nodes=[], edges=[])).nodes.append(node)
    for edge in facts.edges:
        src = edge.provenance.source if edge.provenance else default_source
        by_source.setdefault(src, GraphFacts(nodes=[], edges=[])).edges.append(edge)


def taxonomy_facts(root: Path, store: Any, by_source: dict[str, GraphFacts]) -> GraphFacts | None:
    """IMPLEMENTS edges from the taxonomy mapper (graph/taxonomy.py) when it is available."""
    try:
        from intheflow.graph import taxonomy  # type: ignore[attr-defined]
    except ImportError:
        return None
    mapper = getattr(taxonomy, "map_workspace", None)
    if mapper is None:
        return None
    code = GraphFacts(nodes=[], edges=[])
    for facts in by_source.values():
        code.extend(facts)
    try:
        result: GraphFacts = mapper(root, code)
        return result
    except Exception:
        log.exception("the taxonomy mapper failed; no IMPLEMENTS edges this time")
        return None
