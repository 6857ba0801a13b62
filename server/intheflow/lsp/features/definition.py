"""textDocument/definition: where the symbol under the cursor is defined (index-wide)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import location_to_lsp, position_from_lsp
from intheflow.lsp.index_state import file_lines, get_state

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: IntheflowServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        doc = ls.document(params.text_document.uri)
        pos = position_from_lsp(params.position, doc.lines)
        found = await asyncio.to_thread(get_state(ls).intel.definition, doc.path, doc.text, pos)
        return [location_to_lsp(loc, file_lines(ls, loc.path)) for loc in found]
