"""Workspace indexing: a full index at `initialized` (background thread, `$/progress` when the
client supports it) and a re-index of each open document on open/change/save (debounced, off
the event loop, dropped when a newer version has arrived)."""

from __future__ import annotations

import asyncio
import gc
import logging
import uuid
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.index.indexer import IndexCancelled
from intheflow.lsp.convert import uri_to_path
from intheflow.lsp.index_state import get_state

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

log = logging.getLogger(__name__)

# Long enough that typing bursts (and the completion requests they trigger) do not compete
# with re-indexing for the GIL; the graph only needs to be fresh once the user pauses.
REINDEX_DEBOUNCE_SECONDS = 0.4


def _supports_progress(ls: IntheflowServer) -> bool:
    caps = ls.client_capabilities
    return bool(caps and caps.window and caps.window.work_done_progress)


async def index_workspace(ls: IntheflowServer) -> None:
    state = get_state(ls)
    loop = asyncio.get_running_loop()
    token: str | None = None
    if _supports_progress(ls):
        token = f"intheflow/index/{uuid.uuid4().hex[:8]}"
        try:
            await ls.work_done_progress.create_async(token)
            ls.work_done_progress.begin(
                token,
                lsp.WorkDoneProgressBegin(
                    title="Indexing workspace", cancellable=False, percentage=0
                ),
            )
        except Exception:
            log.warning("client refused a progress token; indexing without progress")
            token = None

    def progress(done: int, total: int, message: str) -> None:
        if token is None:
            return
        pct = int(100 * done / total) if total else 100
        value = lsp.WorkDoneProgressReport(message=f"{done}/{total} {message}", percentage=pct)
        loop.call_soon_threadsafe(ls.work_done_progress.report, token, value)

    message = ""
    try:
        report = await asyncio.to_thread(
            state.indexer.index_workspace, progress, state.stopping.is_set
        )
        # The full index read files from disk: put back the live text of open documents.
        open_docs = [
            (uri_to_path(uri), doc.source)
            for uri, doc in list(ls.workspace.text_documents.items())
            if uri.startswith("file:")
        ]
        for path, text in open_docs:
            await asyncio.to_thread(state.indexer.update_file, path, text)
        state.refresh_python_paths()
        # Start-up objects (every capability's modules, the index) live as long as the server:
        # move them out of the collector's way so full collections during typing stay short.
        gc.collect()
        gc.freeze()
        message = f"{report.files} files, {report.symbols} symbols"
        log.info("indexed %s in %.2f s", message, report.scan_seconds + report.write_seconds)
    except IndexCancelled:
        message = "cancelled"
    except Exception as exc:  # the server keeps serving from whatever is indexed
        log.exception("workspace indexing failed")
        message = f"failed: {exc}"
    finally:
        state.ready.set()
        if token is not None:
            ls.work_done_progress.end(token, lsp.WorkDoneProgressEnd(message=message))


def register(server: IntheflowServer) -> None:
    pending: dict[str, asyncio.Task[None]] = {}

    background: set[asyncio.Task[None]] = set()

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: IntheflowServer, params: lsp.InitializedParams) -> None:
        task = asyncio.ensure_future(index_workspace(ls))
        background.add(task)  # keep a reference until it finishes
        task.add_done_callback(background.discard)

    async def reindex(ls: IntheflowServer, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        state = get_state(ls)
        await ls.yield_to_interactive()  # in-flight completions answer first
        doc = ls.workspace.get_text_document(uri)
        version, text = doc.version, doc.source

        def work() -> None:
            if state.versions.get(uri) != version:
                return  # stale: a newer edit is queued
            state.indexer.update_file(uri_to_path(uri), text)

        try:
            await asyncio.to_thread(work)
        except Exception:
            log.exception("re-indexing %s failed", uri)

    def on_document(ls: IntheflowServer, uri: str, event: str) -> None:
        if not uri.startswith("file:"):
            return
        state = get_state(ls)
        if event == "close":
            state.versions.pop(uri, None)
            state.intel.forget(uri_to_path(uri))
            return
        delay = REINDEX_DEBOUNCE_SECONDS if event == "change" else 0.0
        state.versions[uri] = ls.workspace.get_text_document(uri).version
        old = pending.pop(uri, None)
        if old is not None:
            old.cancel()
        pending[uri] = asyncio.ensure_future(reindex(ls, uri, delay))

    # sync.py owns the didOpen/didChange/didSave/didClose handlers and calls these listeners.
    server.state.setdefault("document_listeners", []).append(on_document)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: IntheflowServer, params: None) -> None:
        state = ls.state.get("index")
        if state is not None:
            state.stopping.set()
            state.jedi.close()
