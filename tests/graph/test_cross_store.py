"""Differential property test: the same random graph and the same queries give the same rows on
SQLite and on PostgreSQL (the promise of identical behaviour behind one interface)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intheflow.graph.model import Edge, GraphFacts, Node
from intheflow.graph.store import GraphStore, open_store

SCALARS = st.one_of(
    st.integers(-3, 3),
    st.sampled_from([0.5, -1.5, 2.0]),
    st.sampled_from(["", "a", "ab", "B", "é", "a b"]),
    st.booleans(),
    st.none(),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), SCALARS, max_size=2),
)
PROPS = st.dictionaries(st.sampled_from(["x", "y"]), VALUES, max_size=2)

QUERIES = [
    "MATCH (n:N) RETURN n.name, n.x ORDER BY n.x, n.name",
    "MATCH (n:N) RETURN n.name ORDER BY n.x DESC, n.y, n.name",
    "MATCH (n:N) WHERE n.x = n.y RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE n.x < n.y RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE n.x = $v OR n.y <> $v RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE n.x > $v RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE $v IN n.x RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE n.x IN [1, 'a', true, 0.5] RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE n.x STARTS WITH 'a' OR n.y CONTAINS 'b' RETURN n.name ORDER BY n.name",
    "MATCH (n:N) WHERE n.x IS NULL RETURN count(*) AS c",
    "MATCH (n:N) RETURN DISTINCT n.x AS x ORDER BY x",
    "MATCH (n:N) WHERE n.x = [1, 'a'] OR n.x = {a: 1} OR n.y = [] RETURN n.name ORDER BY n.name",
    "MATCH (n:N) RETURN n.x.a AS a, count(*) AS c ORDER BY a",
    "MATCH (n:N) RETURN min(n.x) AS lo, max(n.x) AS hi, count(n.x) AS c",
    "MATCH (n:N) RETURN n.y AS y, collect(n.x) AS xs ORDER BY y",
    "MATCH (n:N) RETURN size(n.x) AS s, n.name ORDER BY s, n.name",
    "MATCH (a:N)-[:R]->(b:N) RETURN a.name, b.name, a.x = b.x AS same ORDER BY a.name, b.name",
    "MATCH (a:N {name: 'n0'})-[:R*1..3]->(b) RETURN DISTINCT b.name ORDER BY b.name",
    "MATCH (a:N) OPTIONAL MATCH (a)-[:R]->(b:N) WHERE b.x > 0 RETURN a.name, b.name "
    "ORDER BY a.name, b.name",
]


@pytest.fixture
def both(tmp_path: Path, graph_pg_url: str) -> Iterator[list[GraphStore]]:
    stores = [open_store(tmp_path / "g.db"), open_store(graph_pg_url)]
    try:
        yield stores
    finally:
        for s in stores:
            s.close()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    props=st.lists(PROPS, min_size=1, max_size=6),
    links=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=8),
    probe=SCALARS,
)
def test_sqlite_and_postgres_agree(
    both: list[GraphStore], props: list[dict[str, Any]], links: list[tuple[int, int]], probe: Any
) -> None:
    nodes = [Node(f"n:{i}", "N", f"n{i}", p) for i, p in enumerate(props)]
    edges = [Edge(f"n:{a}", f"n:{b}", "R") for a, b in links if a < len(nodes) and b < len(nodes)]
    for store in both:
        store.clear()
        store.upsert(GraphFacts(nodes=nodes, edges=edges))
    for query in QUERIES:
        lite, pg = (store.query(query, {"v": probe}) for store in both)
        assert lite.columns == pg.columns, query
        assert _normal(lite.rows) == _normal(pg.rows), query


def _normal(value: Any) -> Any:
    """2.0 from SQLite and 2 from jsonb are the same JSON number."""
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
