"""The `store` fixture: every graph test runs against SQLite (a temp file) and the real PostgreSQL
server (a private schema from `pg_url`; fails, not skips, when Postgres is down)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from intheflow.graph.model import Edge, GraphFacts, Node, Provenance
from intheflow.graph.store import GraphStore, open_store

from tests.conftest import PG_BASE


@pytest.fixture(scope="session")
def graph_pg_url() -> Iterator[str]:
    """One private schema on the real PostgreSQL server for the whole session (migrated once;
    each test clears it). Fails, not skips, when the server is unreachable."""
    import psycopg

    schema = f"g_{uuid.uuid4().hex[:12]}"
    try:
        conn = psycopg.connect(PG_BASE, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is required at {PG_BASE} and is unreachable: {exc}")
    with conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{PG_BASE}?options=-csearch_path%3D{schema}"
        finally:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "sqlite":
        url = str(tmp_path / ".intheflow" / "graph.db")
    else:
        url = request.getfixturevalue("graph_pg_url")
    s = open_store(url)
    s.clear()
    try:
        yield s
    finally:
        s.close()


def small_graph() -> GraphFacts:
    """Two services, an API, an owner, a term, code components; used by the Cypher tests."""

    def n(id: str, label: str, name: str, **props: object) -> Node:
        return Node(id=id, label=label, name=name, props=dict(props), provenance=Provenance("t"))

    def e(src: str, type: str, dst: str, **props: object) -> Edge:
        return Edge(src=src, dst=dst, type=type, props=dict(props), provenance=Provenance("t"))

    return GraphFacts(
        nodes=[
            n(
                "service:payments",
                "Service",
                "payments",
                lifecycle="production",
                tier=1,
                tags=["payments", "python"],
            ),
            n("service:ledger", "Service", "ledger", lifecycle="production", tier=2, tags=["go"]),
            n("service:notify", "Service", "notify", lifecycle="experimental", tier=3),
            n("owner:team-pay", "Owner", "team-pay"),
            n("owner:team-core", "Owner", "team-core"),
            n("api:payments-api", "API", "payments-api", type="openapi"),
            n("term:refunds", "Term", "Refunds"),
            n("component:pay/app.py", "CodeComponent", "app.py", kind="module", lines=120),
            n("component:pay/app.py#refund", "CodeComponent", "refund", kind="function", lines=30),
            n("component:pay/app.py#charge", "CodeComponent", "charge", kind="function", lines=45),
        ],
        edges=[
            e("owner:team-pay", "OWNS", "service:payments"),
            e("owner:team-core", "OWNS", "service:ledger"),
            e("owner:team-core", "OWNS", "service:notify"),
            e("service:payments", "PROVIDES_API", "api:payments-api"),
            e("service:notify", "CONSUMES_API", "api:payments-api"),
            e("service:payments", "DEPENDS_ON", "service:ledger"),
            e("service:ledger", "DEPENDS_ON", "service:notify"),
            e("service:payments", "CONTAINS", "component:pay/app.py"),
            e("component:pay/app.py", "CONTAINS", "component:pay/app.py#refund"),
            e("component:pay/app.py", "CONTAINS", "component:pay/app.py#charge"),
            e("component:pay/app.py#refund", "CALLS", "component:pay/app.py#charge"),
            e("component:pay/app.py#refund", "IMPLEMENTS", "term:refunds", confidence=0.9),
        ],
    )


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    store.upsert(small_graph())
    return store
