"""intheflow/graphQuery: run a Cypher query on the workspace's knowledge graph."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import msgspec
from pygls.exceptions import JsonRpcInvalidParams

from intheflow.graph.cypher import CypherError
from intheflow.lsp.index_state import get_state
from intheflow.protocol import from_wire, to_wire
from intheflow.protocol.graph import GraphQueryParams, GraphQueryResult

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

METHOD = "intheflow/graphQuery"


def register(server: IntheflowServer) -> None:
    @server.feature(METHOD)
    async def graph_query(ls: IntheflowServer, params: Any) -> Any:
        try:
            p = from_wire(GraphQueryParams, params)
        except msgspec.ValidationError as exc:
            raise JsonRpcInvalidParams(f"{METHOD}: {exc}") from exc
        store = get_state(ls).store
        try:
            result = await asyncio.to_thread(store.query, p.query, p.params)
        except CypherError as exc:
            raise JsonRpcInvalidParams(f"Cypher {exc}") from exc
        return to_wire(GraphQueryResult(columns=result.columns, rows=result.rows))
