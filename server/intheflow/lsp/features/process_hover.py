"""textDocument/hover on process models (.bpmn, .process.json): the task's implementing code,
decision table, timers and gateway conditions.

pygls allows one hover handler; the general one lives in hover.py. This module chains in front
of it for process models and leaves every other document to it.
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from intheflow.lsp.convert import markup
from intheflow.process.hover import hover as process_hover
from intheflow.process.loader import is_model_path

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def _markdown_ok(ls: IntheflowServer) -> bool | None:
    caps = ls.client_capabilities
    td = caps.text_document if caps else None
    formats = td.hover.content_format if td is not None and td.hover is not None else None
    if not formats:
        return None
    return lsp.MarkupKind.Markdown in formats


def register(server: IntheflowServer) -> None:
    features: dict[str, Any] = server.protocol.fm.features
    previous = features.get(lsp.TEXT_DOCUMENT_HOVER)

    async def process_model_hover(ls: IntheflowServer, params: lsp.HoverParams) -> lsp.Hover | None:
        uri = params.text_document.uri
        doc = ls.document(uri)
        if not is_model_path(Path(doc.path)):
            return None
        info = await asyncio.to_thread(process_hover, doc.path, doc.text, params.position.line)
        if info is None:
            return None
        lines = doc.lines
        line_text = lines[info.line] if info.line < len(lines) else ""
        width = len(line_text.encode("utf-16-le")) // 2
        return lsp.Hover(
            contents=markup(info.markdown, _markdown_ok(ls)),
            range=lsp.Range(lsp.Position(info.line, 0), lsp.Position(info.line, width)),
        )

    if previous is None:
        server.feature(lsp.TEXT_DOCUMENT_HOVER)(process_model_hover)
        return

    async def chained(params: lsp.HoverParams) -> Any:
        uri = params.text_document.uri
        if is_model_path(Path(uri)):
            return await process_model_hover(server, params)
        result = previous(params)
        return await result if inspect.isawaitable(result) else result

    # Keep the general hover's registered options; only the handler is wrapped.
    features[lsp.TEXT_DOCUMENT_HOVER] = chained
