"""The indexing capability's server state (`server.state["index"]`): the Indexer, the graph store,
the code-intelligence façade and the jedi completer, created on first use.

The graph store is SQLite under `<root>/.intheflow/graph.db` unless initializationOptions
`{"graph": {"url": …}}` names another; if it cannot be opened the server logs why and keeps an
in-memory graph, so language features keep working.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from intheflow.graph.store import default_graph_path, open_store
from intheflow.index.indexer import Indexer
from intheflow.index.intel import CodeIntel
from intheflow.index.pycomplete import JediCompleter, source_roots

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

log = logging.getLogger(__name__)

KEY = "index"


@dataclass
class IndexState:
    indexer: Indexer
    intel: CodeIntel
    jedi: JediCompleter
    store: Any
    graph_target: str
    ready: threading.Event = field(default_factory=threading.Event)
    stopping: threading.Event = field(default_factory=threading.Event)
    versions: dict[str, int | None] = field(default_factory=dict)  # latest seen per uri

    def refresh_python_paths(self) -> None:
        with self.indexer.lock:
            files = [p for p, fi in self.indexer.index.files.items() if fi.language == "python"]
        self.jedi.set_paths(source_roots(self.indexer.root, files))


def graph_target(ls: IntheflowServer) -> str:
    graph = ls.settings.get("graph") if isinstance(ls.settings, dict) else None
    url = graph.get("url") if isinstance(graph, dict) else None
    return str(url) if url else str(default_graph_path(ls.root))


def get_state(ls: IntheflowServer) -> IndexState:
    state = ls.state.get(KEY)
    if isinstance(state, IndexState):
        return state
    target = graph_target(ls)
    try:
        store = open_store(target)
    except Exception as exc:
        log.warning("cannot open the graph %s (%s); using an in-memory graph", target, exc)
        store = open_store(":memory:")
        target = ":memory:"
    indexer = Indexer(ls.root, store)
    state = IndexState(
        indexer=indexer,
        intel=CodeIntel(indexer, store),
        jedi=JediCompleter(indexer.root),
        store=store,
        graph_target=target,
    )
    ls.state[KEY] = state
    return state


def file_lines(ls: IntheflowServer, path: str) -> list[str]:
    """Lines of a file for UTF-16 conversion: the open document's, else the file on disk."""
    from intheflow.lsp.convert import path_to_uri

    uri = path_to_uri(path)
    doc = ls.workspace.text_documents.get(uri)
    if doc is not None:
        source: str = doc.source
        return source.splitlines()
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
    except OSError:
        return []


def supports_markdown(ls: IntheflowServer, feature: str) -> bool | None:
    """Whether the client renders Markdown in hovers (`hover`) or completion docs; None when
    it declares no format at all (then send a plain string)."""
    caps = ls.client_capabilities
    td = caps.text_document if caps else None
    formats: Any = None
    if td is not None and feature == "hover" and td.hover is not None:
        formats = td.hover.content_format
    elif td is not None and feature == "completion" and td.completion is not None:
        item = td.completion.completion_item
        formats = item.documentation_format if item is not None else None
    if not formats:
        return None
    return "markdown" in [str(f.value if hasattr(f, "value") else f) for f in formats]
