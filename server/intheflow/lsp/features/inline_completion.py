"""textDocument/inlineCompletion: AI suggestions as ghost text.

Registered WITH options, or pygls does not advertise `inlineCompletionProvider`. The handler is
thin: quick answers (typing forward into the last suggestion) return at once; otherwise it
builds the prompt context while it debounces, then awaits the inline engine in the AI worker
thread under a CancelToken that fires on `$/cancelRequest`, on a newer request or edit of the
same document, and at the hard deadline. While it runs it counts as an interactive request, so
diagnostics and re-indexing of the edit wait instead of sharing the cores with the model.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.ai.inline import InlineRequest, InlineResult
from intheflow.ai.provider import CancelToken
from intheflow.lsp.convert import position_from_lsp, position_to_lsp, uri_to_path
from intheflow.lsp.features.chat import ai_session

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def _items(result: InlineResult, pos: lsp.Position) -> lsp.InlineCompletionList | None:
    if not result.text:
        return None
    return lsp.InlineCompletionList(
        items=[
            lsp.InlineCompletionItem(insert_text=result.text, range=lsp.Range(start=pos, end=pos))
        ]
    )


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_INLINE_COMPLETION, lsp.InlineCompletionOptions())
    async def inline_completion(
        ls: IntheflowServer, params: lsp.InlineCompletionParams
    ) -> lsp.InlineCompletionList | None:
        svc = ai_session(ls)
        if not svc.settings.inline.enabled:
            return None
        uri = params.text_document.uri
        td = ls.workspace.get_text_document(uri)
        version = td.version
        text = td.source
        lines = text.split("\n")
        pos = position_from_lsp(params.position, lines)
        req = InlineRequest(
            path=uri_to_path(uri),
            language=ls.document(uri).language,
            text=text,
            line=pos.line,
            character=pos.character,
            version=version,
        )
        quick = svc.engine.quick(req)
        if quick is not None:
            return _items(quick, params.position)
        if not svc.ready:
            return None  # still loading, or unavailable: never wait for a model here

        def stale() -> bool:
            return ls.workspace.get_text_document(uri).version != version

        cancel = svc.engine.begin(uri, CancelToken(stale))  # cancels this document's previous one
        loop = asyncio.get_running_loop()
        with ls.interactive_request():  # diagnostics and re-indexing wait: the cores are ours
            # The context (signatures, RAG) is built while the debounce runs, not after it.
            preparing = loop.run_in_executor(None, svc.engine.prepare, req)
            if params.context.trigger_kind == lsp.InlineCompletionTriggerKind.Automatic:
                await asyncio.sleep(svc.settings.inline.debounce_ms / 1000)
            prepared = await preparing
            if cancel.cancelled:
                return None
            fut = loop.run_in_executor(svc.worker, svc.engine.suggest, req, cancel, prepared)
            deadline = svc.settings.inline.deadline_ms / 1000
            try:
                result = await asyncio.wait_for(asyncio.shield(fut), timeout=deadline)
            except asyncio.CancelledError:
                cancel.cancel()  # $/cancelRequest: the worker stops at its next check
                raise
            except TimeoutError:
                cancel.cancel()
                return None  # past the hard deadline nothing is shown
        if cancel.cancelled:
            return None
        return _items(result, position_to_lsp(pos, lines))
