"""The language server object and its session state.

Execution model (see ARCHITECTURE.md): document sync handlers run on the event loop and only update
state; analysis, indexing, AI and verification run in worker threads on immutable inputs, and their
results are dropped when a newer edit has arrived.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import pkgutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pygls.lsp.server import LanguageServer

from intheflow import __version__
from intheflow.analysis import AnalysisContext
from intheflow.core.documents import Document
from intheflow.lsp.convert import uri_to_path

log = logging.getLogger(__name__)


class IntheflowServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("intheflow", __version__)
        self.root: Path = Path.cwd()
        self.settings: dict[str, Any] = {}
        self.ctx = AnalysisContext(root=self.root)
        # Capability-specific state (graph store, model provider…) keyed by capability name.
        self.state: dict[str, Any] = {}
        # Typing-critical requests (completion) in flight. Background work on edits (diagnostics,
        # re-indexing) waits for them, so it never competes with them for the GIL.
        self.interactive = 0
        self._interactive_ended = 0.0

    @contextlib.contextmanager
    def interactive_request(self) -> Iterator[None]:
        self.interactive += 1
        try:
            yield
        finally:
            self.interactive -= 1
            self._interactive_ended = time.monotonic()

    async def yield_to_interactive(self, quiet: float = 0.05, max_wait: float = 5.0) -> None:
        """Wait until no completion is in flight and none ended in the last `quiet` seconds: the
        next keystroke's request usually follows at once, and a started thread cannot be stopped."""
        deadline = time.monotonic() + max_wait
        while time.monotonic() < deadline:
            idle = time.monotonic() - self._interactive_ended
            if self.interactive <= 0 and idle >= quiet:
                return
            await asyncio.sleep(0.01)

    def configure(self, root: Path | None, settings: dict[str, Any]) -> None:
        if root is not None:
            self.root = root
        self.settings = settings
        self.ctx = AnalysisContext(root=self.root, settings=settings)

    def document(self, uri: str) -> Document:
        td = self.workspace.get_text_document(uri)
        return Document(path=uri_to_path(uri), text=td.source, version=td.version)

    def lines(self, uri: str) -> list[str]:
        return self.workspace.get_text_document(uri).source.splitlines()


def lsp_feature_modules() -> list[str]:
    import intheflow.lsp.features as features

    return sorted(f"{features.__name__}.{m.name}" for m in pkgutil.iter_modules(features.__path__))


def build_server() -> IntheflowServer:
    server = IntheflowServer()
    # One LSP concept per module in lsp/features/, each with register(server).
    for mod_name in lsp_feature_modules():
        importlib.import_module(mod_name).register(server)
    return server
