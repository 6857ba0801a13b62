"""intheflow/explain: the knowledge-graph neighbourhood of the symbol under the cursor."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import msgspec
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from intheflow.graph.model import Node
from intheflow.lsp.convert import position_from_lsp, range_to_lsp, uri_to_path
from intheflow.lsp.index_state import get_state
from intheflow.protocol import from_wire, to_wire
from intheflow.protocol.graph import (
    ExplainParams,
    ExplainResult,
    GraphEdge,
    GraphNode,
    WirePosition,
    WireRange,
)

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

METHOD = "intheflow/explain"


def _node(n: Node) -> GraphNode:
    return GraphNode(n.id, n.label, n.name, n.props, n.provenance.source if n.provenance else "")


def register(server: IntheflowServer) -> None:
    @server.feature(METHOD)
    async def explain(ls: IntheflowServer, params: Any) -> Any:
        try:
            p = from_wire(ExplainParams, params)
        except msgspec.ValidationError as exc:
            raise JsonRpcInvalidParams(f"{METHOD}: {exc}") from exc
        uri = p.text_document.uri
        doc = ls.document(uri)
        lines = doc.lines
        pos = position_from_lsp(lsp.Position(p.position.line, p.position.character), lines)
        intel = get_state(ls).intel
        found = await asyncio.to_thread(intel.explain, uri_to_path(uri), doc.text, pos, p.depth)
        if found is None:
            return to_wire(ExplainResult(found=False))
        r = range_to_lsp(found.range, lines)
        return to_wire(
            ExplainResult(
                found=True,
                markdown=found.markdown,
                node=_node(found.node),
                neighbours=[_node(n) for n in found.neighbours],
                edges=[GraphEdge(e.src, e.dst, e.type, e.props) for e in found.facts.edges],
                range=WireRange(
                    WirePosition(r.start.line, r.start.character),
                    WirePosition(r.end.line, r.end.character),
                ),
            )
        )
