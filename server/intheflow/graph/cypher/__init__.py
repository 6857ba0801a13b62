"""A Cypher subset compiled to SQL for the SQLite and PostgreSQL stores (see docs/cypher.md).

Pipeline: lexer.py (tokens with positions) → parser.py (ast.py) → compiler.py (SQL for one
dialect, sqlgen.py) → executor.py (runs it on a GraphStore; write clauses go through the store).
"""

from __future__ import annotations

from intheflow.graph.cypher.errors import CypherError
from intheflow.graph.cypher.executor import execute
from intheflow.graph.cypher.parser import parse

__all__ = ["CypherError", "execute", "parse"]
