"""textDocument/completion: jedi for Python (workspace as jedi's project), index symbols for
every other language. Runs off the event loop; a cancelled request returns RequestCancelled.

Clients that do not advertise `textDocument.inlineCompletion` (Neovim, Helix…) also get the AI
suggestion as one extra item, sorted last. It never delays the language items: it is appended
when the AI already has it for this position, else it is started in the background and the list
is marked incomplete, so the client's next request (its next keystroke) finds it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.ai.completion_items import AiCompletion, ai_completion_items
from intheflow.ai.inline import InlineRequest
from intheflow.core.documents import Document
from intheflow.core.text import Position
from intheflow.index.intel import CompletionList
from intheflow.lsp.convert import completion_kind, markup, position_from_lsp, position_to_lsp
from intheflow.lsp.features.chat import ai_session
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
        ai = _ai_completion(ls, doc, pos)
        return lsp.CompletionList(
            is_incomplete=result.incomplete or ai.pending,
            items=[
                lsp.CompletionItem(
                    label=item.label,
                    kind=completion_kind(item.kind),
                    detail=item.detail or None,
                    documentation=markup(item.documentation, md) if item.documentation else None,
                    sort_text=item.sort_text,
                )
                for item in result.items
            ]
            + _ai_items(ai, doc, pos),
        )


def _ai_completion(ls: IntheflowServer, doc: Document, pos: Position) -> AiCompletion:
    caps = ls.client_capabilities
    td = caps.text_document if caps else None
    if td is not None and td.inline_completion is not None:
        return AiCompletion()  # the client shows AI suggestions as ghost text instead
    req = InlineRequest(doc.path, doc.language, doc.text, pos.line, pos.character, doc.version)
    return ai_completion_items(ai_session(ls), req)


def _ai_items(ai: AiCompletion, doc: Document, pos: Position) -> list[lsp.CompletionItem]:
    lines = doc.lines
    end = position_to_lsp(pos, lines)
    return [
        lsp.CompletionItem(
            label=item.label,
            kind=lsp.CompletionItemKind.Text,
            detail=item.detail,
            sort_text="~ai",  # after every language item
            filter_text=item.insert_text.split("\n", 1)[0],
            insert_text_format=lsp.InsertTextFormat.PlainText,
            text_edit=lsp.TextEdit(
                range=lsp.Range(
                    start=position_to_lsp(Position(pos.line, item.word_start), lines), end=end
                ),
                new_text=item.insert_text,
            ),
        )
        for item in ai.items
    ]
