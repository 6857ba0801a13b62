"""workspace/symbol: fuzzy search over every indexed symbol."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import location_to_lsp, symbol_kind
from intheflow.lsp.index_state import file_lines, get_state

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.WORKSPACE_SYMBOL)
    async def workspace_symbols(
        ls: IntheflowServer, params: lsp.WorkspaceSymbolParams
    ) -> list[lsp.WorkspaceSymbol]:
        found = await asyncio.to_thread(get_state(ls).intel.workspace_symbols, params.query)
        lines: dict[str, list[str]] = {}
        out = []
        for s in found:
            path = s.location.path
            if path not in lines:
                lines[path] = file_lines(ls, path)
            out.append(
                lsp.WorkspaceSymbol(
                    name=s.name,
                    kind=symbol_kind(s.kind),
                    container_name=s.container or None,
                    location=location_to_lsp(s.location, lines[path]),
                )
            )
        return out
