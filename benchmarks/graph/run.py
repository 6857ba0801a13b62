"""Knowledge-graph benchmark: Cypher query latency on a generated 20k-node graph, SQLite and
PostgreSQL, against the same query hand-written in SQL (the peer) in the same run; plus the
latency of `replace_source` for one file (the per-edit incremental update).

Writes benchmarks/results/graph.md. Run from the repo root: python benchmarks/graph/run.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "server"))

from intheflow.graph.model import Edge, GraphFacts, Node, Provenance  # noqa: E402
from intheflow.graph.store import GraphStore, open_store  # noqa: E402

PG_BASE = os.environ.get("INTHEFLOW_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SERVICES, FILES, FUNCS = 100, 1_900, 9  # 100 + 1,900 modules + 17,100 functions + terms/owners
RUNS = 60


def generate() -> dict[str, GraphFacts]:
    by_source: dict[str, GraphFacts] = {}
    catalog = GraphFacts(nodes=[], edges=[])
    for o in range(20):
        catalog.nodes.append(Node(f"owner:team-{o}", "Owner", f"team-{o}"))
    for t in range(50):
        catalog.nodes.append(Node(f"term:t{t}", "Term", f"Term {t}"))
    for s in range(SERVICES):
        sid = f"service:svc-{s}"
        catalog.nodes.append(
            Node(sid, "Service", f"svc-{s}", {"tier": s % 3, "tags": [f"tag{s % 7}"]})
        )
        catalog.edges.append(Edge(f"owner:team-{s % 20}", sid, "OWNS"))
        if s:
            catalog.edges.append(Edge(sid, f"service:svc-{(s * 7) % s}", "DEPENDS_ON"))
    by_source["catalog-info.yaml"] = catalog
    for f in range(FILES):
        rel = f"svc-{f % SERVICES}/mod{f}.py"
        by_source[rel] = file_facts(rel, f)
    return by_source


def file_facts(rel: str, f: int) -> GraphFacts:
    prov = Provenance(rel)
    mod = f"component:{rel}"
    facts = GraphFacts(
        nodes=[
            Node(mod, "CodeComponent", f"mod{f}", {"kind": "module", "lines": 100 + f % 50}, prov)
        ],
        edges=[Edge(mod, f"service:svc-{f % SERVICES}", "PART_OF", {}, prov)],
    )
    for i in range(FUNCS):
        fid = f"{mod}#f{i}"
        facts.nodes.append(
            Node(
                fid, "CodeComponent", f"f{i}_{f}", {"kind": "function", "lines": (f + i) % 60}, prov
            )
        )
        facts.edges.append(Edge(mod, fid, "CONTAINS", {}, prov))
        if i:
            facts.edges.append(Edge(fid, f"{mod}#f{i - 1}", "CALLS", {}, prov))
        if (f + i) % 11 == 0:
            facts.edges.append(
                Edge(fid, f"term:t{(f + i) % 50}", "IMPLEMENTS", {"confidence": 0.7}, prov)
            )
    return facts


QUERIES: list[tuple[str, str, str, list[Any]]] = [
    (
        "point lookup by name",
        "MATCH (c:CodeComponent {name: 'f3_1234'}) RETURN c.id",
        "SELECT id FROM nodes WHERE label = ? AND name = ?",
        ["CodeComponent", "f3_1234"],
    ),
    (
        "1 hop: owner → services",
        "MATCH (o:Owner {name: 'team-3'})-[:OWNS]->(s:Service) RETURN s.name",
        "SELECT s.name FROM nodes o JOIN edges r ON r.src = o.id AND r.type = ? "
        "JOIN nodes s ON s.id = r.dst AND s.label = ? WHERE o.label = ? AND o.name = ?",
        ["OWNS", "Service", "Owner", "team-3"],
    ),
    (
        "2 hops + property filter",
        "MATCH (s:Service {name: 'svc-42'})<-[:PART_OF]-(m)-[:CONTAINS]->(f) "
        "WHERE f.lines > 25 RETURN f.name",
        "SELECT f.name FROM nodes s JOIN edges r1 ON r1.dst = s.id AND r1.type = ? "
        "JOIN edges r2 ON r2.src = r1.src AND r2.type = ? JOIN nodes f ON f.id = r2.dst "
        "WHERE s.label = ? AND s.name = ? AND json_extract(f.props, '$.lines') > ?",
        ["PART_OF", "CONTAINS", "Service", "svc-42", 25],
    ),
    (
        "aggregate: components per term",
        "MATCH (c)-[:IMPLEMENTS]->(t:Term) RETURN t.name, count(c) AS n ORDER BY n DESC LIMIT 5",
        "SELECT t.name, count(*) AS n FROM edges r JOIN nodes t ON t.id = r.dst AND t.label = ? "
        "JOIN nodes c ON c.id = r.src WHERE r.type = ? GROUP BY t.name ORDER BY n DESC LIMIT 5",
        ["Term", "IMPLEMENTS"],
    ),
    (
        "variable length *1..3",
        "MATCH (a:Service {name: 'svc-98'})-[:DEPENDS_ON*1..3]->(b) RETURN DISTINCT b.name",
        "WITH RECURSIVE p(id, d) AS (SELECT id, 0 FROM nodes WHERE label = ? AND name = ? "
        "UNION ALL SELECT e.dst, p.d + 1 FROM p JOIN edges e ON e.src = p.id AND e.type = ? "
        "WHERE p.d < 3) SELECT DISTINCT n.name FROM p JOIN nodes n ON n.id = p.id WHERE p.d >= 1",
        ["Service", "svc-98", "DEPENDS_ON"],
    ),
]


def timed(fn: Callable[[], Any], runs: int = RUNS) -> tuple[float, float]:
    fn()  # warm up (statement caches, pages)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def load(store: GraphStore, by_source: dict[str, GraphFacts]) -> float:
    started = time.perf_counter()
    with store.transaction():
        for source, facts in by_source.items():
            store.replace_source(source, facts)
    return time.perf_counter() - started


def main() -> int:
    import psycopg

    by_source = generate()
    n_nodes = sum(len(f.nodes) for f in by_source.values())
    n_edges = sum(len(f.edges) for f in by_source.values())
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(PG_BASE, autocommit=True)
    admin.execute(f'CREATE SCHEMA "{schema}"')
    tmp = tempfile.mkdtemp()
    stores = {
        "SQLite": open_store(Path(tmp) / "graph.db"),
        "PostgreSQL": open_store(f"{PG_BASE}?options=-csearch_path%3D{schema}"),
    }
    rows = []
    loads = {}
    bulk = {}
    edits = {}
    try:
        for name, store in stores.items():
            loads[name] = load(store, by_source)
            started = time.perf_counter()
            store.replace_sources(by_source)
            bulk[name] = time.perf_counter() - started
            if name == "PostgreSQL":
                store.sql("ANALYZE nodes")
                store.sql("ANALYZE edges")
            edit = file_facts("svc-5/mod5.py", 5)
            edits[name] = timed(lambda s=store, e=edit: s.replace_source("svc-5/mod5.py", e))
        for label, cypher, sql, params in QUERIES:
            counts = {n: len(s.query(cypher).rows) for n, s in stores.items()}
            assert len(set(counts.values())) == 1, (label, counts)
            lite = timed(lambda c=cypher: stores["SQLite"].query(c))
            pg = timed(lambda c=cypher: stores["PostgreSQL"].query(c))
            peer = timed(lambda q=sql, p=params: stores["SQLite"].sql(q, p)) if sql else None
            rows.append((label, counts["SQLite"], lite, pg, peer))
    finally:
        for store in stores.values():
            store.close()
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()

    out = [
        "## Knowledge graph (graph/)\n",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}, "
        f"PostgreSQL 15 on 127.0.0.1. Graph: {n_nodes:,} nodes, {n_edges:,} edges in "
        f"{len(by_source):,} sources. {RUNS} runs per query after one warm-up; times in ms.\n",
        f"Full write of the graph: one `replace_source` per source in one transaction: SQLite "
        f"{loads['SQLite']:.1f} s, PostgreSQL {loads['PostgreSQL']:.1f} s; `replace_sources` "
        f"(batched): SQLite {bulk['SQLite']:.1f} s, PostgreSQL {bulk['PostgreSQL']:.1f} s.\n",
        f"Incremental update (`replace_source` of one file, 10 nodes / 19 edges): SQLite p50 "
        f"{edits['SQLite'][0]:.2f} / p95 {edits['SQLite'][1]:.2f}; PostgreSQL p50 "
        f"{edits['PostgreSQL'][0]:.2f} / p95 {edits['PostgreSQL'][1]:.2f}.\n",
        "Peer: the same query written by hand in SQL on the same SQLite store (ratio = Cypher "
        "p50 / hand-written p50; includes compiling the Cypher on every run; the parse is "
        "cached).\n",
        "| query | rows | SQLite p50 | SQLite p95 | Postgres p50 | Postgres p95 | "
        "hand SQL p50 | Cypher/SQL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, n, lite, pg, peer in rows:
        ratio = f"{lite[0] / peer[0]:.2f}×" if peer else "–"
        peer_txt = f"{peer[0]:.2f}" if peer else "–"
        out.append(
            f"| {label} | {n} | {lite[0]:.2f} | {lite[1]:.2f} | {pg[0]:.2f} | {pg[1]:.2f} | "
            f"{peer_txt} | {ratio} |"
        )
    text = "\n".join(out) + "\n"
    dest = REPO / "benchmarks" / "results" / "graph.md"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
