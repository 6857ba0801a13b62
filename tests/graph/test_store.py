from __future__ import annotations

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


def test_replace_source_repeatedly_on_a_bigger_graph(store: GraphStore) -> None:
    # Speed is measured in benchmarks/graph (one-file replace, 20k-node graph); here: the
    # same edit applied again and again leaves exactly one copy and the other sources alone.
    store.upsert(_facts("big.py", 500))
    facts = _facts("edit.py", 60)
    for _ in range(5):
        store.replace_source("edit.py", facts)
    assert store.counts().nodes == {"CodeComponent": 560}
    assert store.counts().edges == {"CALLS": 499 + 59}


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


def test_postgres_store_reconnects_after_the_server_drops_it(graph_pg_url: str) -> None:
    import psycopg

    store = open_store(graph_pg_url)
    try:
        store.clear()
        store.upsert(_facts("a.py", 2))
        pid = store.sql("SELECT pg_backend_pid()")[0][0]
        with psycopg.connect(graph_pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        with pytest.raises(psycopg.OperationalError):
            store.counts()  # the statement in flight fails…
        assert store.counts().nodes == {"CodeComponent": 2}  # …the next one reconnects
    finally:
        store.close()


def test_reads_do_not_take_the_sqlite_write_lock(tmp_path: Path) -> None:
    writer = open_store(tmp_path / "g.db")
    reader = open_store(tmp_path / "g.db")
    writer.upsert(_facts("a.py", 3))
    with writer.transaction():
        writer.upsert(_facts("b.py", 1))  # holds the write lock
        # A var-length query (WITH RECURSIVE) from another connection still reads.
        rows = reader.query("MATCH (a)-[:CALLS*1..2]->(b) RETURN count(*) AS n").rows
        assert rows == [[3]]
    writer.close()
    reader.close()


def test_timestamps_survive_replacement(store: GraphStore) -> None:
    import re

    store.replace_source("a.py", _facts("a.py", 2))
    first = store.timestamps("component:a.py#f0")
    assert first is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", first[0])
    store.replace_source("a.py", _facts("a.py", 2))
    again = store.timestamps("component:a.py#f0")
    assert again is not None and again[0] == first[0] and again[1] >= first[1]
    assert store.timestamps("nope") is None
    rows = store.query("MATCH (n {name: 'f0'}) RETURN n.created_at = $c AS same", {"c": first[0]})
    assert rows.rows == [[True]]


def test_migration_from_an_older_schema_keeps_the_data(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    for version, name, sql in migrations("sqlite"):
        if version > 3:
            break
        conn.executescript(sql)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
    old_stamp = "2026-01-02T03:04:05.000006Z#00000007"
    conn.execute(
        "INSERT INTO nodes (id, label, name, props, source, created_at, updated_at) "
        "VALUES ('service:a', 'Service', 'a', '{}', 'a.yaml', ?, ?)",
        (old_stamp, old_stamp),
    )
    conn.commit()
    conn.close()
    store = open_store(path)
    try:
        assert store.schema_version() == 4
        assert store.timestamps("service:a") == ("2026-01-02T03:04:05.000006Z",) * 2
        store.replace_source("a.yaml", GraphFacts(nodes=[Node("service:b", "Service", "b")]))
        assert [n.id for n in store.nodes()] == ["service:b"]  # the pre-migration row went
    finally:
        store.close()


def test_replace_sources_is_replace_source_for_each(store: GraphStore) -> None:
    store.upsert(_facts("gone.py", 2))
    store.replace_sources(
        {"a.py": _facts("a.py", 3), "gone.py": GraphFacts(), "b.py": _facts("b.py", 1)}
    )
    assert store.sources() == ["a.py", "b.py"]
    assert store.counts().nodes == {"CodeComponent": 4}
    store.replace_sources({"a.py": _facts("a.py", 1)})
    assert store.counts().nodes == {"CodeComponent": 2}
    assert store.counts().edges == {}
