"""textDocument/completion: jedi for Python (workspace as jedi's project), index symbols for
every other language. Runs off the event loop; a cancelled request returns RequestCancelled."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.index.intel import CompletionList
from intheflow.lsp.convert import completion_kind, markup, position_from_lsp
from intheflow.lsp.index_state import get_state, supports_markdown

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=["."], resolve_provider=False),
    )
    async def completion(ls: IntheflowServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        doc = ls.document(params.text_document.uri)
        pos = position_from_lsp(params.position, doc.lines)
        state = get_state(ls)
        result: CompletionList
        with ls.interactive_request():
            if doc.language == "python":
                future = state.jedi.submit(doc.path, doc.text, pos.line, pos.character)
                result = await asyncio.wrap_future(future)
            else:
                result = await asyncio.to_thread(state.intel.complete, doc.path, doc.text, pos)
        md = supports_markdown(ls, "completion")
        return lsp.CompletionList(
            is_incomplete=result.incomplete,
            items=[
                lsp.CompletionItem(
                    label=item.label,
                    kind=completion_kind(item.kind),
                    detail=item.detail or None,
                    documentation=markup(item.documentation, md) if item.documentation else None,
                    sort_text=item.sort_text,
                )
                for item in result.items
            ],
        )
