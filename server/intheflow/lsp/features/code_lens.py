"""textDocument/codeLens: "implements ‹Term›" above each symbol with an IMPLEMENTS edge.

The lens command `intheflow.showTerm` carries the term and symbol node ids; clients that do not
know it just show the title."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import range_to_lsp
from intheflow.lsp.index_state import get_state

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

SHOW_TERM = "intheflow.showTerm"


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS, lsp.CodeLensOptions(resolve_provider=False))
    async def code_lens(ls: IntheflowServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        doc = ls.document(params.text_document.uri)
        lenses = await asyncio.to_thread(get_state(ls).intel.code_lenses, doc.path, doc.text)
        lines = doc.lines
        return [
            lsp.CodeLens(
                range=range_to_lsp(lens.range, lines),
                command=lsp.Command(
                    title=lens.title, command=SHOW_TERM, arguments=[lens.term, lens.symbol]
                ),
            )
            for lens in lenses
        ]
