"""A Cypher subset compiled to SQL for the SQLite and PostgreSQL stores (see docs/cypher.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from intheflow.graph.cypher.errors import CypherError

if TYPE_CHECKING:
    from intheflow.graph.store import GraphStore, QueryResult

__all__ = ["CypherError", "execute"]


def execute(store: GraphStore, text: str, params: dict[str, Any]) -> QueryResult:
    raise CypherError("the Cypher compiler is not available yet")
