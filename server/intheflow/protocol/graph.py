"""Wire types of the knowledge-graph methods: `intheflow/graphQuery` and `intheflow/explain`.

Positions on the wire are LSP positions (0-based line, UTF-16 character), converted by the LSP
layer like any other request.
"""

from __future__ import annotations

from typing import Any

import msgspec


class GraphQueryParams(msgspec.Struct, rename="camel", omit_defaults=True):
    query: str
    params: dict[str, Any] = {}


class GraphQueryResult(msgspec.Struct, rename="camel"):
    columns: list[str]
    rows: list[list[Any]]


class TextDocumentId(msgspec.Struct, rename="camel"):
    uri: str


class WirePosition(msgspec.Struct, rename="camel"):
    line: int
    character: int


class WireRange(msgspec.Struct, rename="camel"):
    start: WirePosition
    end: WirePosition


class ExplainParams(msgspec.Struct, rename="camel", omit_defaults=True):
    text_document: TextDocumentId
    position: WirePosition
    depth: int = 1


class GraphNode(msgspec.Struct, rename="camel", omit_defaults=True):
    id: str
    label: str
    name: str
    props: dict[str, Any] = {}
    source: str = ""


class GraphEdge(msgspec.Struct, rename="camel", omit_defaults=True):
    src: str
    dst: str
    type: str
    props: dict[str, Any] = {}


class ExplainResult(msgspec.Struct, rename="camel", omit_defaults=True):
    found: bool
    markdown: str = ""
    node: GraphNode | None = None
    neighbours: list[GraphNode] = []
    edges: list[GraphEdge] = []
    range: WireRange | None = None
