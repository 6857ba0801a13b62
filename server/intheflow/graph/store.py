"""The graph store: one interface, two SQL backends (SQLite by default, PostgreSQL via psycopg 3).

    store = open_store(".intheflow/graph.db")          # or "postgresql://user@host/db"
    store.replace_source("services/api/app.py", facts)  # atomic, used on every edit
    store.query("MATCH (s:Service)-[:OWNS]-(o) RETURN s.name, o.name")

Both backends share every statement except a few dialect fragments (see `Dialect`), so they
behave identically; the same test suite runs against both. Nodes are keyed by their id (see
model.py); edges by (src, type, dst). Edges may point at nodes another source has not yet
contributed (e.g. IMPLEMENTS → a taxonomy term), so there are no foreign keys.
"""

from __future__ import annotations

import json
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from intheflow.graph.model import Edge, GraphFacts, Node, Provenance

DEFAULT_GRAPH_RELPATH = Path(".intheflow") / "graph.db"

_NODE_COLS = "id, label, name, props, source, start_line, start_col, end_line, end_col, commit_sha"
_READS = ("SELECT", "WITH", "EXPLAIN")
# Sorted keys: the same props always give the same JSON text (SQLite compares it as text).
_ENCODER = msgspec.json.Encoder(enc_hook=str, order="sorted")
_ANALYZE_AFTER_ROWS = 5_000
_ROWS_PER_INSERT = 500  # 13 parameters a row; below SQLite's and libpq's parameter limits
_EDGE_COLS = "src, dst, type, props, source, start_line, start_col, end_line, end_col, commit_sha"


class QueryResult(msgspec.Struct):
    """Rows of a Cypher query; nodes come back as dicts {id, label, name, props}."""

    columns: list[str]
    rows: list[list[Any]]
    stats: dict[str, int] = {}


class GraphCounts(msgspec.Struct):
    nodes: dict[str, int]
    edges: dict[str, int]


class StoreError(Exception):
    """The store cannot be opened or migrated (bad URL, unreachable server)."""


def default_graph_path(workspace: Path) -> Path:
    return workspace / DEFAULT_GRAPH_RELPATH


def open_store(url_or_path: str | Path) -> GraphStore:
    """`postgresql://…` (or `postgres://…`) opens PostgreSQL; anything else is a SQLite file path
    (`sqlite:///abs/path` and `:memory:` also work). Applies pending migrations."""
    text = str(url_or_path)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresStore(text)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite://") :]
    return SqliteStore(text)


class Dialect:
    """The SQL fragments that differ between the backends. Statements use `?` placeholders."""

    name = "sqlite"

    def json_param(self) -> str:
        return "?"

    def decode_json(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value


class PostgresDialect(Dialect):
    name = "postgres"

    def json_param(self) -> str:
        return "CAST(? AS jsonb)"

    def decode_json(self, value: Any) -> Any:
        return value  # psycopg decodes jsonb


def _now() -> str:
    """ISO-8601 UTC with microseconds (27 characters), comparable as text on both stores."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _batch() -> str:
    """Marks the rows of one write, so replace_source can tell its rows from older ones."""
    return uuid.uuid4().hex


def _prov_values(prov: Provenance | None) -> tuple[Any, ...]:
    if prov is None:
        return (None, None, None, None, None, None)
    return (
        prov.source,
        prov.start_line,
        prov.start_col,
        prov.end_line,
        prov.end_col,
        prov.commit,
    )


def _prov_from_row(row: Sequence[Any]) -> Provenance | None:
    source, start_line, start_col, end_line, end_col, commit = row
    if source is None and start_line is None and commit is None:
        return None
    return Provenance(
        source=source or "",
        start_line=start_line,
        start_col=start_col,
        end_line=end_line,
        end_col=end_col,
        commit=commit,
    )


class GraphStore(ABC):
    """The knowledge-graph store. Thread-safe: one connection guarded by a lock."""

    dialect: Dialect
    analyze_after_writes = True

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._depth = 0
        self._written = 0  # rows written since the last ANALYZE
        self._migrate()

    # --- backend hooks -------------------------------------------------------------------
    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement with `?` placeholders; return the rows (empty for writes)."""

    def _ensure_connection(self) -> None:
        """Before a transaction: reconnect if the server dropped us (Postgres restarts)."""
        return None

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    @abstractmethod
    def _lock_migrations(self) -> None:
        """Serialise concurrent migrators (Postgres: advisory lock; SQLite: BEGIN IMMEDIATE)."""

    @abstractmethod
    def close(self) -> None: ...

    # --- transactions and migrations -----------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit; nested uses join the outermost one."""
        with self._lock:
            if self._depth == 0:
                self._ensure_connection()
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._rollback()
                raise
            self._depth -= 1
            if self._depth == 0:
                self._commit()
                if self._written >= _ANALYZE_AFTER_ROWS and self.analyze_after_writes:
                    self._written = 0
                    self.analyze()

    def _migrate(self) -> None:
        with self.transaction():
            self._lock_migrations()
            self._execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in self._execute("SELECT version FROM schema_migrations")}
            for version, name, sql in migrations(self.dialect.name):
                if version in done:
                    continue
                for statement in _split_sql(sql):
                    self._execute(statement)
                self._execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )

    def analyze(self) -> None:
        """Refresh the planner's statistics. PostgreSQL runs it by itself after large writes;
        SQLite does not (see migrations/sqlite/003: its plans are better without)."""
        with self.transaction():
            for table in ("nodes", "edges"):
                self._execute(f"ANALYZE {table}")

    def schema_version(self) -> int:
        with self.transaction():
            rows = self._execute("SELECT max(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    # --- writes ----------------------------------------------------------------------------
    def upsert(self, facts: GraphFacts) -> None:
        """Insert or update nodes (by id) and edges (by src, type, dst)."""
        with self.transaction():
            self._write(facts, _batch())

    def replace_source(self, source: str, facts: GraphFacts) -> None:
        """Atomically make `facts` the only nodes/edges whose provenance source is `source`.
        Facts without provenance get `Provenance(source)`. Unchanged rows keep created_at."""
        facts = GraphFacts(
            nodes=[n if n.provenance else _with_source(n, source) for n in facts.nodes],
            edges=[e if e.provenance else _with_source(e, source) for e in facts.edges],
        )
        batch = _batch()
        stale = "source = ? AND (batch IS NULL OR batch <> ?)"
        with self.transaction():
            self._write(facts, batch)
            self._execute(f"DELETE FROM nodes WHERE {stale}", (source, batch))
            self._execute(f"DELETE FROM edges WHERE {stale}", (source, batch))

    def replace_sources(self, by_source: dict[str, GraphFacts]) -> None:
        """replace_source for many sources at once, in one transaction and a handful of
        statements (a full index: ~8x fewer statements than one replace_source per file)."""
        nodes: list[Node] = []
        edges: list[Edge] = []
        for source, facts in by_source.items():
            nodes.extend(n if n.provenance else _with_source(n, source) for n in facts.nodes)
            edges.extend(e if e.provenance else _with_source(e, source) for e in facts.edges)
        batch = _batch()
        sources = sorted(by_source)
        with self.transaction():
            self._write(GraphFacts(nodes=nodes, edges=edges), batch)
            for i in range(0, len(sources), _ROWS_PER_INSERT):
                chunk = sources[i : i + _ROWS_PER_INSERT]
                marks = ", ".join("?" for _ in chunk)
                stale = f"source IN ({marks}) AND (batch IS NULL OR batch <> ?)"
                self._execute(f"DELETE FROM nodes WHERE {stale}", (*chunk, batch))
                self._execute(f"DELETE FROM edges WHERE {stale}", (*chunk, batch))

    def delete_source(self, source: str) -> None:
        self.replace_source(source, GraphFacts())

    def clear(self) -> None:
        with self.transaction():
            self._execute("DELETE FROM edges")
            self._execute("DELETE FROM nodes")

    def _write(self, facts: GraphFacts, batch: str) -> None:
        now = _now()
        node_rows = [
            (n.id, n.label, n.name, _dumps(n.props), *_prov_values(n.provenance), now, now, batch)
            for n in _last_wins(facts.nodes, lambda n: n.id)
        ]
        edge_rows = [
            (e.src, e.dst, e.type, _dumps(e.props), *_prov_values(e.provenance), now, now, batch)
            for e in _last_wins(facts.edges, lambda e: (e.src, e.type, e.dst))
        ]
        self._insert_many(
            f"INSERT INTO nodes ({_NODE_COLS}, created_at, updated_at, batch) VALUES ",
            "ON CONFLICT (id) DO UPDATE SET label = excluded.label, name = excluded.name, "
            "props = excluded.props, source = excluded.source, "
            "start_line = excluded.start_line, start_col = excluded.start_col, "
            "end_line = excluded.end_line, end_col = excluded.end_col, "
            "commit_sha = excluded.commit_sha, updated_at = excluded.updated_at, "
            "batch = excluded.batch",
            node_rows,
        )
        self._insert_many(
            f"INSERT INTO edges ({_EDGE_COLS}, created_at, updated_at, batch) VALUES ",
            "ON CONFLICT (src, type, dst) DO UPDATE SET props = excluded.props, "
            "source = excluded.source, start_line = excluded.start_line, "
            "start_col = excluded.start_col, end_line = excluded.end_line, "
            "end_col = excluded.end_col, commit_sha = excluded.commit_sha, "
            "updated_at = excluded.updated_at, batch = excluded.batch",
            edge_rows,
        )
        self._written += len(node_rows) + len(edge_rows)

    def _insert_many(self, head: str, conflict: str, rows: list[tuple[Any, ...]]) -> None:
        """Multi-row INSERTs (one round trip per 500 rows; per-row executemany costs a round
        trip each on PostgreSQL, which made a one-file replace_source ~15 ms)."""
        jp = self.dialect.json_param()
        one = f"(?, ?, ?, {jp}, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        for i in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[i : i + _ROWS_PER_INSERT]
            values = ", ".join(one for _ in chunk)
            self._execute(f"{head}{values} {conflict}", [v for row in chunk for v in row])

    def delete_node(self, node_id: str, *, detach: bool = True) -> None:
        with self.transaction():
            if detach:
                self._execute("DELETE FROM edges WHERE src = ? OR dst = ?", (node_id, node_id))
            self._execute("DELETE FROM nodes WHERE id = ?", (node_id,))

    # --- reads -----------------------------------------------------------------------------
    def get_node(self, node_id: str) -> Node | None:
        with self.transaction():
            rows = self._execute(f"SELECT {_NODE_COLS} FROM nodes WHERE id = ?", (node_id,))
        return self._node(rows[0]) if rows else None

    def nodes(self, label: str | None = None) -> list[Node]:
        sql = f"SELECT {_NODE_COLS} FROM nodes"
        with self.transaction():
            if label is None:
                rows = self._execute(sql + " ORDER BY id")
            else:
                rows = self._execute(sql + " WHERE label = ? ORDER BY id", (label,))
        return [self._node(r) for r in rows]

    def edges(self, type: str | None = None) -> list[Edge]:
        sql = f"SELECT {_EDGE_COLS} FROM edges"
        order = " ORDER BY src, type, dst"
        with self.transaction():
            if type is None:
                rows = self._execute(sql + order)
            else:
                rows = self._execute(sql + " WHERE type = ?" + order, (type,))
        return [self._edge(r) for r in rows]

    def edges_of(self, node_id: str) -> list[Edge]:
        """Edges touching a node, in either direction."""
        with self.transaction():
            rows = self._execute(
                f"SELECT {_EDGE_COLS} FROM edges WHERE src = ? OR dst = ? ORDER BY src, type, dst",
                (node_id, node_id),
            )
        return [self._edge(r) for r in rows]

    def neighbourhood(self, node_id: str, depth: int = 1) -> GraphFacts:
        """The node, every node within `depth` hops (either direction) and the edges between."""
        seen: set[str] = {node_id}
        frontier = {node_id}
        edges: dict[tuple[str, str, str], Edge] = {}
        for _ in range(max(depth, 0)):
            if not frontier:
                break
            found: set[str] = set()
            for chunk in _chunks(sorted(frontier), 500):
                marks = ", ".join("?" for _ in chunk)
                with self.transaction():
                    rows = self._execute(
                        f"SELECT {_EDGE_COLS} FROM edges "
                        f"WHERE src IN ({marks}) OR dst IN ({marks})",
                        (*chunk, *chunk),
                    )
                for row in rows:
                    edge = self._edge(row)
                    edges[(edge.src, edge.type, edge.dst)] = edge
                    found.update((edge.src, edge.dst))
            frontier = found - seen
            seen |= found
        nodes = [n for n in (self.get_node(i) for i in sorted(seen)) if n is not None]
        return GraphFacts(nodes=nodes, edges=[edges[k] for k in sorted(edges)])

    def timestamps(self, node_id: str) -> tuple[str, str] | None:
        """(created_at, updated_at) of a node, ISO-8601 UTC; None if there is no such node."""
        with self.transaction():
            rows = self._execute(
                "SELECT created_at, updated_at FROM nodes WHERE id = ?", (node_id,)
            )
        return (str(rows[0][0]), str(rows[0][1])) if rows else None

    def counts(self) -> GraphCounts:
        with self.transaction():
            node_rows = self._execute("SELECT label, count(*) FROM nodes GROUP BY label")
            edge_rows = self._execute("SELECT type, count(*) FROM edges GROUP BY type")
        return GraphCounts(
            nodes={str(k): int(v) for k, v in sorted(node_rows)},
            edges={str(k): int(v) for k, v in sorted(edge_rows)},
        )

    def sources(self) -> list[str]:
        with self.transaction():
            rows = self._execute(
                "SELECT source FROM nodes WHERE source IS NOT NULL UNION "
                "SELECT source FROM edges WHERE source IS NOT NULL"
            )
        return sorted(str(r[0]) for r in rows)

    def export_facts(self) -> GraphFacts:
        return GraphFacts(nodes=self.nodes(), edges=self.edges())

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run a Cypher query (see docs/cypher.md). Raises CypherError on unsupported syntax."""
        from intheflow.graph.cypher import execute

        return execute(self, cypher, params or {})

    def sql(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run raw SQL with `?` placeholders (the Cypher executor's entry point)."""
        with self.transaction():
            return self._execute(sql, params)

    # --- row decoding ----------------------------------------------------------------------
    def _node(self, row: Sequence[Any]) -> Node:
        return Node(
            id=row[0],
            label=row[1],
            name=row[2],
            props=self.dialect.decode_json(row[3]),
            provenance=_prov_from_row(row[4:10]),
        )

    def _edge(self, row: Sequence[Any]) -> Edge:
        return Edge(
            src=row[0],
            dst=row[1],
            type=row[2],
            props=self.dialect.decode_json(row[3]),
            provenance=_prov_from_row(row[4:10]),
        )

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SqliteStore(GraphStore):
    analyze_after_writes = False

    def __init__(self, path: str) -> None:
        import sqlite3

        self.dialect = Dialect()
        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None + explicit BEGIN: we decide transactions (DDL included).
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite graph {path}: {exc}") from exc
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._in_tx = False
        super().__init__()

    def _begin(self) -> None:
        if not self._in_tx:
            self._conn.execute("BEGIN IMMEDIATE")
            self._in_tx = True

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        # Reads run outside a write transaction (WAL readers never block the writer).
        if not self._in_tx and not sql.lstrip()[:7].upper().startswith(_READS):
            self._begin()
        return list(self._conn.execute(sql, tuple(params)).fetchall())

    def _commit(self) -> None:
        if self._in_tx:
            self._conn.execute("COMMIT")
            self._in_tx = False

    def _rollback(self) -> None:
        if self._in_tx:
            self._conn.execute("ROLLBACK")
            self._in_tx = False

    def _lock_migrations(self) -> None:
        self._begin()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PostgresStore(GraphStore):
    def __init__(self, url: str) -> None:

        self.dialect = PostgresDialect()
        self.url = url
        self._conn = self._connect()
        super().__init__()

    def _connect(self) -> Any:
        import psycopg

        try:
            conn = psycopg.connect(self.url, connect_timeout=5)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL graph {self.url}: {exc}") from exc
        # The graph is derived from the workspace and rebuilt by `index`, so a commit need not
        # wait for the WAL flush (like SQLite's synchronous=NORMAL): a crash loses at most the
        # last few edits' facts, never consistency. It saves a WAL fsync on every edit.
        conn.execute("SET synchronous_commit TO off")
        conn.commit()
        return conn

    def _ensure_connection(self) -> None:
        if self._conn.closed or self._conn.broken:
            self._conn = self._connect()

    @staticmethod
    def _pg(sql: str) -> str:
        # Statements never embed literals (values are parameters), so `?` is always a placeholder.
        return sql.replace("%", "%%").replace("?", "%s")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(self._pg(sql), tuple(params))  # type: ignore[arg-type]
        return list(cur.fetchall()) if cur.description else []

    def _commit(self) -> None:
        self._conn.commit()

    def _rollback(self) -> None:
        self._conn.rollback()

    def _lock_migrations(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(4242001)")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def migrations(dialect: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) of `migrations/<dialect>/NNN_name.sql`, in order."""
    folder = resources.files("intheflow.graph") / "migrations" / dialect
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version, _, name = entry.name.removesuffix(".sql").partition("_")
            found.append((int(version), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def _split_sql(script: str) -> list[str]:
    lines = [ln for ln in script.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


_PLAIN = (str, int, bool)


def _dumps(props: dict[str, Any]) -> str:
    # A null property is no property, as in Cypher (and `n.x IS NULL` then means one thing).
    if not props:
        return "{}"
    present = {
        k: v if type(v) in _PLAIN else _canonical_number(v)
        for k, v in props.items()
        if v is not None
    }
    return _ENCODER.encode(present).decode()


def _canonical_number(value: Any) -> Any:
    """JSON has one number type: store 2.0 as 2, so that equality, DISTINCT and grouping agree
    between SQLite (compares JSON text) and PostgreSQL (compares jsonb numerically)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, list):
        return [_canonical_number(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical_number(v) for k, v in value.items()}
    return value


def _with_source(item: Any, source: str) -> Any:
    return msgspec.structs.replace(item, provenance=Provenance(source=source))


def _last_wins(items: list[Any], key: Any) -> list[Any]:
    """Deduplicate by key keeping the last (a batch may not touch the same row twice in PG)."""
    return list({key(i): i for i in items}.values())


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
