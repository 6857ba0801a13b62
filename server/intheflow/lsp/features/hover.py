"""textDocument/hover: the symbol's signature and doc, its service and owner, business terms,
processes and rules from the knowledge graph (Markdown).

LSP allows one hover handler, so other features (COBOL data items, process models) add a
provider with `add_hover_provider`; providers that claim the document are asked first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import markup, position_from_lsp, range_to_lsp
from intheflow.lsp.index_state import get_state, supports_markdown

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


HoverFn = Callable[["IntheflowServer", lsp.HoverParams], Awaitable[lsp.Hover | None]]


@dataclass(frozen=True)
class HoverProvider:
    claims: Callable[[str], bool]  # by document URI
    provide: HoverFn
    exclusive: bool  # True: the general hover is not tried when this provider finds nothing


def add_hover_provider(
    server: IntheflowServer, claims: Callable[[str], bool], provide: HoverFn, *, exclusive: bool
) -> None:
    server.state.setdefault("hover_providers", []).append(HoverProvider(claims, provide, exclusive))


def register(server: IntheflowServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: IntheflowServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        provider: HoverProvider
        for provider in ls.state.get("hover_providers", []):
            if provider.claims(uri):
                found = await provider.provide(ls, params)
                if found is not None or provider.exclusive:
                    return found
        doc = ls.document(uri)
        lines = doc.lines
        pos = position_from_lsp(params.position, lines)
        info = await asyncio.to_thread(get_state(ls).intel.hover, doc.path, doc.text, pos)
        if info is None:
            return None
        contents = markup(info.markdown, supports_markdown(ls, "hover"))
        return lsp.Hover(contents=contents, range=range_to_lsp(info.range, lines))
