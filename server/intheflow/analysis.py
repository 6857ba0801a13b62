"""The analyzer registry: one place where every capability plugs its diagnostics in.

An analyzer is a plain object with `name`, `applies_to(path)` and `analyze(doc, ctx)`; capability
packages offer theirs from `intheflow/<pkg>/analyzers.py` (see plugins.py). The `check`
CLI and the language server both run the same analyzers, so CI and the editor always agree.
Analyzers never raise on bad user input; an unexpected exception is turned into one internal-error
diagnostic for that file so one broken analyzer cannot take the others (or the server) down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from intheflow.core.diagnostics import Diagnostic, Severity
from intheflow.core.documents import Document
from intheflow.core.text import Range
from intheflow.core.workspace import iter_files, read_text
from intheflow.plugins import discover

log = logging.getLogger(__name__)


@dataclass
class AnalysisContext:
    """Workspace-wide inputs shared by analyzers (root, settings, a cache for loaded rule sets…)."""

    root: Path
    settings: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def invalidate(self, prefix: str = "") -> None:
        for key in [k for k in self.cache if k.startswith(prefix)]:
            del self.cache[key]


class Analyzer(Protocol):
    name: str

    def applies_to(self, path: Path) -> bool: ...

    def analyze(self, doc: Document, ctx: AnalysisContext) -> list[Diagnostic]: ...


_loaded: list[Analyzer] | None = None


def all_analyzers() -> list[Analyzer]:
    global _loaded
    if _loaded is None:
        found: list[Analyzer] = []
        for mod in discover("analyzers"):
            try:
                found.extend(mod.analyzers())
            except Exception:
                log.exception("analyzers of %s failed to load; its checks are off", mod.__name__)
        _loaded = found
    return _loaded


def analyze_document(
    doc: Document, ctx: AnalysisContext, analyzers: Iterable[Analyzer] | None = None
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    path = Path(doc.path)
    for analyzer in all_analyzers() if analyzers is None else analyzers:
        if not analyzer.applies_to(path):
            continue
        started = time.perf_counter()
        try:
            out.extend(analyzer.analyze(doc, ctx))
        except Exception as exc:  # never let one analyzer take the server down
            log.exception("analyzer %s failed on %s", analyzer.name, doc.path)
            out.append(
                Diagnostic(
                    path=doc.path,
                    range=Range.of(0, 0),
                    severity=Severity.WARNING,
                    code="internal-error",
                    message=f"{analyzer.name} failed on this file: {type(exc).__name__}: {exc}",
                )
            )
        log.debug(
            "%s on %s: %.1f ms", analyzer.name, doc.path, 1000 * (time.perf_counter() - started)
        )
    return sorted(out, key=Diagnostic.sort_key)


def analyze_tree(root: Path, ctx: AnalysisContext | None = None) -> list[Diagnostic]:
    """Run every analyzer over every file under root: the engine behind `intheflow check`."""
    ctx = ctx or AnalysisContext(root=root if root.is_dir() else root.parent)
    analyzers = all_analyzers()
    out: list[Diagnostic] = []
    for path in iter_files(root):
        wanted = [a for a in analyzers if a.applies_to(path)]
        if not wanted:
            continue
        read = read_text(path)
        if read.problem is not None:
            out.append(read.problem)
            continue
        assert read.text is not None
        out.extend(analyze_document(Document(path=str(path), text=read.text), ctx, wanted))
    return sorted(out, key=Diagnostic.sort_key)
