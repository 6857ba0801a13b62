"""textDocument/documentSymbol: the outline of the open document (hierarchical)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.index.intel import DocSymbol
from intheflow.lsp.convert import range_to_lsp, symbol_kind
from intheflow.lsp.index_state import get_state

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def _to_lsp(s: DocSymbol, lines: list[str]) -> lsp.DocumentSymbol:
    return lsp.DocumentSymbol(
        name=s.name,
        kind=symbol_kind(s.kind),
        detail=s.detail or None,
        range=range_to_lsp(s.range, lines),
        selection_range=range_to_lsp(s.selection_range, lines),
        children=[_to_lsp(c, lines) for c in s.children] or None,
    )


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def document_symbols(
        ls: IntheflowServer, params: lsp.DocumentSymbolParams
    ) -> list[lsp.DocumentSymbol]:
        doc = ls.document(params.text_document.uri)
        found = await asyncio.to_thread(get_state(ls).intel.document_symbols, doc.path, doc.text)
        lines = doc.lines
        return [_to_lsp(s, lines) for s in found]
