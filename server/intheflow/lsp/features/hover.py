"""textDocument/hover: the symbol's signature and doc, its service and owner, business terms,
processes and rules from the knowledge graph (Markdown)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import markup, position_from_lsp, range_to_lsp
from intheflow.lsp.index_state import get_state, supports_markdown

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: IntheflowServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.document(params.text_document.uri)
        lines = doc.lines
        pos = position_from_lsp(params.position, lines)
        info = await asyncio.to_thread(get_state(ls).intel.hover, doc.path, doc.text, pos)
        if info is None:
            return None
        contents = markup(info.markdown, supports_markdown(ls, "hover"))
        return lsp.Hover(contents=contents, range=range_to_lsp(info.range, lines))
