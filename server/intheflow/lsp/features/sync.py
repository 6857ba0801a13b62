"""Document sync and diagnostics: debounced per document, computed off the event loop, published
with the document version, cleared on close."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.analysis import analyze_document
from intheflow.lsp.convert import diagnostic_to_lsp

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

DEBOUNCE_SECONDS = 0.03

log = logging.getLogger(__name__)


def register(server: IntheflowServer) -> None:
    pending: dict[str, asyncio.Task[None]] = {}

    async def publish(ls: IntheflowServer, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        await ls.yield_to_interactive()  # a completion in flight answers first
        doc = ls.document(uri)
        diags = await asyncio.to_thread(analyze_document, doc, ls.ctx)
        current = ls.workspace.get_text_document(uri)
        if current.version != doc.version:
            return  # a newer edit is on its way; its own run will publish
        lines = doc.text.splitlines()
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri,
                version=doc.version,
                diagnostics=[diagnostic_to_lsp(d, lines) for d in diags],
            )
        )

    def notify(ls: IntheflowServer, uri: str, event: str) -> None:
        # Other capabilities (indexing) follow documents through listeners registered in
        # ls.state["document_listeners"]: callables (ls, uri, event) with event one of
        # open/change/save/close. A failing listener never breaks sync.
        for listener in ls.state.get("document_listeners", []):
            try:
                listener(ls, uri, event)
            except Exception:
                log.exception("document listener %r failed on %s", listener, uri)

    def schedule(ls: IntheflowServer, uri: str, delay: float) -> None:
        old = pending.pop(uri, None)
        if old is not None:
            old.cancel()
        pending[uri] = asyncio.ensure_future(publish(ls, uri, delay))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: IntheflowServer, params: lsp.DidOpenTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, 0.0)
        notify(ls, params.text_document.uri, "open")

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: IntheflowServer, params: lsp.DidChangeTextDocumentParams) -> None:
        schedule(ls, params.text_document.uri, DEBOUNCE_SECONDS)
        notify(ls, params.text_document.uri, "change")

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: IntheflowServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.ctx.invalidate()  # a saved rule file or taxonomy changes what other files mean
        schedule(ls, params.text_document.uri, 0.0)
        notify(ls, params.text_document.uri, "save")

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: IntheflowServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        notify(ls, uri, "close")
