"""textDocument/hover on process models (.bpmn, .process.json): the task's implementing code,
decision table, timers and gateway conditions. Added as a provider of the general hover."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from intheflow.lsp.convert import markup
from intheflow.lsp.features.hover import add_hover_provider
from intheflow.lsp.index_state import supports_markdown
from intheflow.process.hover import hover as process_hover
from intheflow.process.loader import is_model_path

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer


def _is_model(uri: str) -> bool:
    return is_model_path(Path(uri))


async def process_model_hover(ls: IntheflowServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = ls.document(params.text_document.uri)
    info = await asyncio.to_thread(process_hover, doc.path, doc.text, params.position.line)
    if info is None:
        return None
    lines = doc.lines
    line_text = lines[info.line] if info.line < len(lines) else ""
    width = len(line_text.encode("utf-16-le")) // 2
    return lsp.Hover(
        contents=markup(info.markdown, supports_markdown(ls, "hover")),
        range=lsp.Range(lsp.Position(info.line, 0), lsp.Position(info.line, width)),
    )


def register(server: IntheflowServer) -> None:
    add_hover_provider(server, _is_model, process_model_hover, exclusive=True)
