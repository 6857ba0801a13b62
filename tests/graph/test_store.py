from __future__ import annotations

import time
from pathlib import Path

import pytest
from intheflow.graph.model import Edge, GraphFacts, Node, Provenance
from intheflow.graph.store import GraphStore, migrations, open_store


def _facts(source: str, n: int) -> GraphFacts:
    nodes = [
        Node(f"component:{source}#f{i}", "CodeComponent", f"f{i}", {"i": i}, Provenance(source, i))
        for i in range(n)
    ]
    edges = [
        Edge(nodes[i].id, nodes[i + 1].id, "CALLS", {}, Provenance(source)) for i in range(n - 1)
    ]
    return GraphFacts(nodes=nodes, edges=edges)


def test_upsert_and_read_back(store: GraphStore) -> None:
    facts = _facts("a.py", 3)
    store.upsert(facts)
    assert store.get_node("component:a.py#f1") == facts.nodes[1]
    assert store.get_node("nope") is None
    assert store.nodes("CodeComponent") == sorted(facts.nodes, key=lambda n: n.id)
    assert store.nodes("Service") == []
    assert store.edges("CALLS") == sorted(facts.edges, key=lambda e: (e.src, e.type, e.dst))
    assert store.counts().nodes == {"CodeComponent": 3}
    assert store.counts().edges == {"CALLS": 2}


def test_upsert_updates_props_in_place(store: GraphStore) -> None:
    store.upsert(GraphFacts(nodes=[Node("service:a", "Service", "a", {"tier": 1})]))
    store.upsert(GraphFacts(nodes=[Node("service:a", "Service", "a", {"tier": 2, "x": [1]})]))
    node = store.get_node("service:a")
    assert node is not None and node.props == {"tier": 2, "x": [1]}
    assert store.counts().nodes == {"Service": 1}


def test_replace_source_touches_only_that_source(store: GraphStore) -> None:
    store.upsert(_facts("a.py", 4))
    store.upsert(_facts("b.py", 2))
    store.replace_source("a.py", _facts("a.py", 2))
    assert [n.name for n in store.nodes() if n.provenance and n.provenance.source == "a.py"] == [
        "f0",
        "f1",
    ]
    assert store.counts().nodes == {"CodeComponent": 4}
    assert store.counts().edges == {"CALLS": 2}
    store.delete_source("b.py")
    assert store.counts().nodes == {"CodeComponent": 2}
    assert store.sources() == ["a.py"]


def test_replace_source_defaults_provenance_and_is_atomic(store: GraphStore) -> None:
    store.replace_source("x.py", GraphFacts(nodes=[Node("service:x", "Service", "x")]))
    node = store.get_node("service:x")
    assert node is not None and node.provenance == Provenance("x.py")
    # A NULL name violates the schema half-way through the write.
    broken = GraphFacts(
        nodes=[Node("service:y", "Service", "y"), Node("service:z", "Service", None)],  # type: ignore[arg-type]
    )
    with pytest.raises(Exception):  # noqa: B017 - sqlite3 and psycopg raise different classes
        store.replace_source("x.py", broken)
    # The failed replacement left the previous facts in place and wrote nothing.
    assert store.get_node("service:x") is not None
    assert store.get_node("service:y") is None
    store.upsert(GraphFacts(nodes=[Node("service:w", "Service", "w")]))  # still usable
    assert store.get_node("service:w") is not None


def test_replace_source_is_fast(store: GraphStore) -> None:
    store.upsert(_facts("big.py", 2000))
    facts = _facts("edit.py", 60)
    store.replace_source("edit.py", facts)
    start = time.perf_counter()
    for _ in range(10):
        store.replace_source("edit.py", facts)
    per_call_ms = (time.perf_counter() - start) * 100
    assert per_call_ms < 50, per_call_ms  # a few ms in practice; generous for a loaded CI box


def test_neighbourhood(store: GraphStore) -> None:
    store.upsert(_facts("a.py", 5))
    hood = store.neighbourhood("component:a.py#f2", 1)
    assert [n.name for n in hood.nodes] == ["f1", "f2", "f3"]
    assert len(hood.edges) == 2
    assert len(store.neighbourhood("component:a.py#f2", 2).nodes) == 5
    assert [n.name for n in store.neighbourhood("component:a.py#f0", 0).nodes] == ["f0"]


def test_migrations_are_versioned_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    first = open_store(path)
    first.upsert(_facts("a.py", 2))
    version = first.schema_version()
    first.close()
    assert version == max(v for v, _, _ in migrations("sqlite")) >= 1
    assert {v for v, _, _ in migrations("sqlite")} == {v for v, _, _ in migrations("postgres")}
    again = open_store(f"sqlite:///{path}")
    assert again.schema_version() == version
    assert again.counts().nodes == {"CodeComponent": 2}
    again.close()
