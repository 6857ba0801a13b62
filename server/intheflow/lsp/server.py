"""The language server object and its session state.

Execution model (see ARCHITECTURE.md): document sync handlers run on the event loop and only update
state; analysis, indexing, AI and verification run in worker threads on immutable inputs, and their
results are dropped when a newer edit has arrived.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
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
