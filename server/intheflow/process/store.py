"""Durable storage of process instances: an append-only event log plus snapshots.

One schema, two back-ends: SQLite (the default, a file under .intheflow/) and PostgreSQL. Every
step is one transaction that (1) locks the instance row, (2) checks that the instance is still at
the sequence number the step was computed from, (3) appends the step's events — a step's event
carries its idempotency key in the column `step`, under a unique index, so a step can never be
recorded twice — and (4) moves the row's sequence, status and due time. A crash before the
commit loses nothing that was committed; the step is simply computed again, with the same
idempotency key.

With PostgreSQL several worker processes share the instances: each claims one with
`FOR UPDATE SKIP LOCKED`, so a row is worked on by one worker at a time and a killed worker's
transaction is rolled back and its instance taken over by the next claim.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec

from intheflow.process.checkpoint import Checkpointer
from intheflow.process.state import Event, InstanceState, decode_event, decode_state, encode

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS process_models (
        hash TEXT PRIMARY KEY, source TEXT NOT NULL, body TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS process_instances (
        id TEXT PRIMARY KEY, process TEXT NOT NULL, model TEXT NOT NULL, status TEXT NOT NULL,
        seq INTEGER NOT NULL, due_at DOUBLE PRECISION, owner TEXT,
        created DOUBLE PRECISION NOT NULL, updated DOUBLE PRECISION NOT NULL)""",
    """CREATE INDEX IF NOT EXISTS process_instances_due
        ON process_instances (status, due_at)""",
    """CREATE TABLE IF NOT EXISTS process_events (
        instance TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, node TEXT,
        step_key TEXT, worker TEXT, at DOUBLE PRECISION NOT NULL, body TEXT NOT NULL,
        step TEXT, PRIMARY KEY (instance, seq))""",
    """CREATE TABLE IF NOT EXISTS process_snapshots (
        instance TEXT PRIMARY KEY, seq INTEGER NOT NULL, body TEXT NOT NULL)""",
]


# a step's idempotency key is recorded once (the events around a step leave `step` NULL)
STEP_INDEX = (
    "CREATE UNIQUE INDEX IF NOT EXISTS process_events_step ON process_events (step) "
    "WHERE step IS NOT NULL"
)


class Conflict(Exception):
    """Another writer moved the instance first; reload and try again."""


class StoredEvent(msgspec.Struct, frozen=True):
    seq: int
    at: float
    worker: str | None
    event: Event


class InstanceRow(msgspec.Struct, frozen=True):
    id: str
    process: str
    model: str
    status: str
    seq: int
    due_at: float | None
    owner: str | None
    created: float
    updated: float


class Store:
    """The SQL both back-ends share; subclasses say how to connect and lock."""

    placeholder = "?"
    url = ""

    def __init__(self) -> None:
        self.conn: Any = None

    # -- plumbing --------------------------------------------------------------------------

    def q(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.q(sql), params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError

    def lock_instance(self, instance_id: str) -> tuple[int, str] | None:
        raise NotImplementedError

    def claim(self, now: float) -> tuple[str, int] | None:
        raise NotImplementedError

    def close(self) -> None:
        self.conn.close()

    def migrate(self) -> None:
        with self.transaction():
            for stmt in SCHEMA:
                self.execute(stmt)
            # `step`: a step's idempotency key (NULL for the events around it). Logs written
            # before it kept the keys in a table `process_steps`, which stays as it is.
            self.add_step_column()

    def add_step_column(self) -> None:
        """Add `step` and its unique index to a log that lacks them. Only then: DDL on a table
        other workers are writing takes locks that deadlock with theirs."""
        raise NotImplementedError

    # -- models ----------------------------------------------------------------------------

    def put_model(self, digest: str, source: str, body: str) -> None:
        with self.transaction():
            self.execute(
                "INSERT INTO process_models (hash, source, body) VALUES (?, ?, ?) "
                "ON CONFLICT (hash) DO NOTHING",
                (digest, source, body),
            )

    def get_model(self, digest: str) -> tuple[str, str] | None:
        row = self.execute(
            "SELECT source, body FROM process_models WHERE hash = ?", (digest,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    # -- instances -------------------------------------------------------------------------

    def create(self, state: InstanceState, now: float) -> bool:
        """Insert the instance row (inside the caller's transaction); False if the id is taken."""
        cur = self.execute(
            "INSERT INTO process_instances (id, process, model, status, seq, due_at, owner, "
            "created, updated) VALUES (?, ?, ?, ?, 0, NULL, NULL, ?, ?) "
            "ON CONFLICT (id) DO NOTHING",
            (state.id, state.process, state.model, state.status, now, now),
        )
        return bool(cur.rowcount == 1)

    def append(
        self,
        state_before_seq: int,
        instance_id: str,
        events: Sequence[Event],
        after: InstanceState,
        due_at: float | None,
        worker: str | None,
        now: float,
        status_or_due_changed: bool = True,
    ) -> None:
        """Append a step's events (inside the caller's transaction, after the row lock). The
        indexed status and due time are written only when they changed: an unchanged index
        entry still costs a page per commit."""
        rows = [
            (
                instance_id,
                state_before_seq + i + 1,
                ev.kind,
                ev.node,
                ev.key,
                worker,
                now,
                encode(ev).decode(),
                ev.key if ev.step else None,
            )
            for i, ev in enumerate(events)
        ]
        self.conn_executemany(
            "INSERT INTO process_events (instance, seq, kind, node, step_key, worker, at, body, "
            "step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if status_or_due_changed:
            self.execute(
                "UPDATE process_instances SET seq = ?, status = ?, due_at = ?, owner = ?, "
                "updated = ? WHERE id = ?",
                (after.seq, after.status, due_at, worker, now, instance_id),
            )
        else:
            self.execute(
                "UPDATE process_instances SET seq = ?, owner = ?, updated = ? WHERE id = ?",
                (after.seq, worker, now, instance_id),
            )

    def conn_executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if self.placeholder == "?":
            self.conn.executemany(sql, rows)
        else:
            with self.conn.cursor() as cur:
                cur.executemany(self.q(sql), rows)

    def snapshot(self, state: InstanceState) -> None:
        self.execute(
            "INSERT INTO process_snapshots (instance, seq, body) VALUES (?, ?, ?) "
            "ON CONFLICT (instance) DO UPDATE SET seq = excluded.seq, body = excluded.body",
            (state.id, state.seq, encode(state).decode()),
        )

    def load(self, instance_id: str) -> tuple[InstanceState | None, list[Event]]:
        snap = self.execute(
            "SELECT seq, body FROM process_snapshots WHERE instance = ?", (instance_id,)
        ).fetchone()
        since = 0 if snap is None else int(snap[0])
        rows = self.execute(
            "SELECT body FROM process_events WHERE instance = ? AND seq > ? ORDER BY seq",
            (instance_id, since),
        ).fetchall()
        state = None if snap is None else decode_state(snap[1])
        return state, [decode_event(r[0]) for r in rows]

    def row(self, instance_id: str) -> InstanceRow | None:
        r = self.execute(
            "SELECT id, process, model, status, seq, due_at, owner, created, updated "
            "FROM process_instances WHERE id = ?",
            (instance_id,),
        ).fetchone()
        return None if r is None else InstanceRow(*r)

    def instances(self, status: str | None = None) -> list[InstanceRow]:
        sql = (
            "SELECT id, process, model, status, seq, due_at, owner, created, updated "
            "FROM process_instances"
        )
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        return [InstanceRow(*r) for r in self.execute(sql + " ORDER BY created, id", params)]

    def history(self, instance_id: str) -> list[StoredEvent]:
        rows = self.execute(
            "SELECT seq, at, worker, body FROM process_events WHERE instance = ? ORDER BY seq",
            (instance_id,),
        ).fetchall()
        return [StoredEvent(r[0], r[1], r[2], decode_event(r[3])) for r in rows]


class SQLiteStore(Store):
    placeholder = "?"

    def __init__(self, path: Path | str) -> None:
        super().__init__()
        self.url = f"sqlite:///{path}"
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # autocommit off by hand: we issue BEGIN IMMEDIATE so a step owns the write lock
        # One thread at a time uses a store, but not always the one that opened it (workers run
        # steps in a thread pool), hence check_same_thread=False.
        self.conn = sqlite3.connect(
            str(path), isolation_level=None, timeout=30.0, check_same_thread=False
        )
        self.conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a commit survives a process crash (kill -9); only an OS crash or
        # power loss may drop the last transactions, never corrupt the log.
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self._checkpointer: Checkpointer | None = None
        self.migrate()
        if str(path) != ":memory:":
            self.conn.execute("PRAGMA wal_autocheckpoint=0")  # see checkpoint.py
            self._checkpointer = Checkpointer(path)

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        super().close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        if self._checkpointer is not None:
            self._checkpointer.committed()

    def add_step_column(self) -> None:
        columns = {r[1] for r in self.conn.execute("PRAGMA table_info(process_events)")}
        if "step" not in columns:
            self.conn.execute("ALTER TABLE process_events ADD COLUMN step TEXT")
        self.conn.execute(STEP_INDEX)

    def lock_instance(self, instance_id: str) -> tuple[int, str] | None:
        # BEGIN IMMEDIATE already holds the database write lock.
        r = self.conn.execute(
            "SELECT seq, status FROM process_instances WHERE id = ?", (instance_id,)
        ).fetchone()
        return None if r is None else (int(r[0]), str(r[1]))

    def claim(self, now: float) -> tuple[str, int] | None:
        r = self.conn.execute(
            "SELECT id, seq FROM process_instances WHERE status IN ('running', 'waiting') "
            "AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id LIMIT 1",
            (now,),
        ).fetchone()
        return None if r is None else (str(r[0]), int(r[1]))


class PostgresStore(Store):
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        super().__init__()
        import psycopg

        self.url = url
        self.conn = psycopg.connect(url, autocommit=True)
        self.migrate()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def add_step_column(self) -> None:
        column = self.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = 'process_events' AND column_name = 'step'"
        ).fetchone()
        if not column[0]:
            self.execute("ALTER TABLE process_events ADD COLUMN IF NOT EXISTS step TEXT")
        index = self.execute(
            "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname = 'process_events_step'"
        ).fetchone()
        if not index[0]:
            self.execute(STEP_INDEX)

    def lock_instance(self, instance_id: str) -> tuple[int, str] | None:
        r = self.execute(
            "SELECT seq, status FROM process_instances WHERE id = ? FOR UPDATE", (instance_id,)
        ).fetchone()
        return None if r is None else (int(r[0]), str(r[1]))

    def claim(self, now: float) -> tuple[str, int] | None:
        r = self.execute(
            "SELECT id, seq FROM process_instances WHERE status IN ('running', 'waiting') "
            "AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, id LIMIT 1 "
            "FOR UPDATE SKIP LOCKED",
            (now,),
        ).fetchone()
        return None if r is None else (str(r[0]), int(r[1]))


def open_store(url: str | None, default: Path) -> Store:
    """`postgresql://…` → PostgreSQL; `sqlite:///path`, a path or None → SQLite."""
    if url and url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(url)
    if url and url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite:///"))
    return SQLiteStore(url or default)


def now() -> float:
    return time.time()
