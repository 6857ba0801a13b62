"""textDocument/references: call sites of the symbol under the cursor across the workspace."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import location_to_lsp, position_from_lsp
from intheflow.lsp.index_state import file_lines, get_state

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: IntheflowServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        doc = ls.document(params.text_document.uri)
        pos = position_from_lsp(params.position, doc.lines)
        include = params.context.include_declaration
        intel = get_state(ls).intel
        found = await asyncio.to_thread(intel.references, doc.path, doc.text, pos, include)
        lines: dict[str, list[str]] = {}
        out = []
        for loc in found:
            if loc.path not in lines:
                lines[loc.path] = file_lines(ls, loc.path)
            out.append(location_to_lsp(loc, lines[loc.path]))
        return out
