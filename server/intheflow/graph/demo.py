"""Demo section: index the workspace into a knowledge graph (SQLite, a temporary file), show what it
holds, the taxonomy → code mapping with its evidence, and a few Cypher queries.

Shares the open store as `ctx.shared["graph_store"]` for later sections.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from intheflow.graph.store import GraphStore, open_store

ORDER = 10

QUERIES = [
    (
        "Who owns which services",
        "MATCH (o:Owner)-[:OWNS]->(s:Service) WHERE s.placeholder IS NULL "
        "RETURN o.name AS owner, collect(s.name) AS services ORDER BY owner",
    ),
    (
        "What payments-api depends on, up to 3 hops",
        "MATCH (s:Service {name: 'payments-api'})-[:DEPENDS_ON*1..3]->(d) "
        "RETURN DISTINCT d.id AS dependency ORDER BY dependency",
    ),
    (
        "Code implementing Refunds, most confident first",
        "MATCH (c:CodeComponent)-[i:IMPLEMENTS]->(t:Term {name: 'Refunds'}) "
        "RETURN c.qualname AS component, i.confidence AS confidence "
        "ORDER BY confidence DESC, component LIMIT 5",
    ),
]


def section(ctx: Any) -> None:
    from intheflow.index.indexer import Indexer

    ctx.heading("Knowledge graph and business taxonomy")
    folder = Path(tempfile.mkdtemp(prefix="intheflow-demo-"))
    store = open_store(folder / "graph.db")
    ctx.shared["graph_store"] = store
    atexit.register(shutil.rmtree, folder, True)  # the demo leaves nothing behind
    started = time.perf_counter()
    report = Indexer(ctx.workspace, store).index_workspace()
    ctx.line(
        f"indexed {report.files} files ({report.symbols} symbols) into {folder / 'graph.db'} "
        f"in {time.perf_counter() - started:.2f} s"
    )
    counts = store.counts()
    ctx.line()
    ctx.table(["node label", "count"], sorted(counts.nodes.items()))
    ctx.line()
    ctx.table(["edge type", "count"], sorted(counts.edges.items()))
    _taxonomy_table(ctx, store)
    for title, cypher in QUERIES:
        ctx.line()
        ctx.line(f"{title}:")
        ctx.line(f"  {cypher}")
        result = store.query(cypher)
        ctx.table(result.columns, [[_cell(v) for v in row] for row in result.rows])


def _taxonomy_table(ctx: Any, store: GraphStore) -> None:
    rows = store.query(
        "MATCH (t:Term) OPTIONAL MATCH (c:CodeComponent)-[i:IMPLEMENTS]->(t) "
        "RETURN t.name AS term, count(c) AS components, max(i.confidence) AS best "
        "ORDER BY components DESC, term"
    ).rows
    ctx.line()
    ctx.line("Business taxonomy → code (IMPLEMENTS edges, noisy-or confidence of the evidence):")
    table = []
    for term, n, best in rows:
        top = store.query(
            "MATCH (c:CodeComponent)-[i:IMPLEMENTS]->(t:Term {name: $t}) "
            "RETURN c.qualname, i.evidence ORDER BY i.confidence DESC, c.qualname LIMIT 1",
            {"t": term},
        ).rows
        example = f"{top[0][0]} ({top[0][1][0]})" if top else "-"
        table.append([term, n, f"{best:.2f}" if best is not None else "-", example])
    ctx.table(["term", "components", "best", "strongest match (first evidence)"], table)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return "null" if value is None else str(value)
