"""Durability: kill -9 a running engine at random points ≥ 100 times, resume, and get exactly the
state, event log and side effects of an uninterrupted run; PostgreSQL workers share instances
with FOR UPDATE SKIP LOCKED and take over a killed worker's work."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import Registry, StepContext
from intheflow.process.model import Definitions
from intheflow.process.runtime import Runtime
from intheflow.process.state import encode
from intheflow.process.store import PostgresStore, SQLiteStore, Store

FIXTURES = Path(__file__).parent / "fixtures"


def loop_model() -> Definitions:
    defs = read_bpmn((FIXTURES / "loop.bpmn").read_text()).definitions
    assert defs is not None
    return defs


def make_registry(ledger: Path) -> Registry:
    """`inc` has an external side effect: a payment-gateway-like ledger that de-duplicates on the
    idempotency key, and a log of every execution (to show re-executions did happen)."""
    reg = Registry()
    conns: dict[int, sqlite3.Connection] = {}  # one connection per process (never across fork)

    def connect() -> sqlite3.Connection:
        db = conns.get(os.getpid())
        if db is None:
            db = conns[os.getpid()] = sqlite3.connect(ledger, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS effects (key TEXT PRIMARY KEY, value INT)")
            db.execute("CREATE TABLE IF NOT EXISTS executions (key TEXT)")
        return db

    @reg.register("inc")
    def inc(i: int, ctx: StepContext) -> dict[str, Any]:
        db = connect()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO executions VALUES (?)", (ctx.idempotency_key,))
        db.execute("INSERT OR IGNORE INTO effects VALUES (?, ?)", (ctx.idempotency_key, i))
        db.execute("COMMIT")
        return {"i": i + 1}

    return reg


def runtime(store: Store, ledger: Path, worker: str | None = None) -> Runtime:
    return Runtime(store, Engine(make_registry(ledger), WorkspaceDecisions()), worker=worker)


def drive(db: Path, ledger: Path, ids: list[str], n: int) -> None:
    """Start or resume each instance in turn until all are done (what a restarted engine does)."""
    rt = runtime(SQLiteStore(db), ledger)
    defs = loop_model()
    for iid in ids:
        if rt.store.row(iid) is None:
            rt.start(defs, "loop", {"i": 0, "n": n}, instance_id=iid)
        rt.run(iid)


def log_of(store: Store, iid: str) -> list[bytes]:
    return [encode(e.event) for e in store.history(iid)]


def effects(ledger: Path) -> tuple[list[tuple[str, int]], int]:
    with sqlite3.connect(ledger) as db:
        rows = db.execute("SELECT key, value FROM effects ORDER BY key").fetchall()
        execs = db.execute("SELECT count(*) FROM executions").fetchone()[0]
    return rows, int(execs)


def test_kill_minus_9_at_random_points_then_resume_equals_uninterrupted_run(tmp_path: Path) -> None:
    ids = [f"crash-{k}" for k in range(4)]
    n = 400  # 800 steps per instance, 3,200 in all
    ref_db, ref_ledger = tmp_path / "ref.db", tmp_path / "ref-ledger.db"
    drive(ref_db, ref_ledger, ids, n)

    db, ledger = tmp_path / "crash.db", tmp_path / "crash-ledger.db"
    rng = random.Random(7)
    kills = 0
    started = time.monotonic()
    while kills < 110:
        pid = os.fork()
        if pid == 0:  # the child: an engine that resumes whatever is there
            try:
                drive(db, ledger, ids, n)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.012))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            kills += 1
        else:
            break  # the child finished everything before the kill landed
    assert kills >= 100, f"only {kills} kills landed before the work was done"
    assert time.monotonic() - started < 60
    drive(db, ledger, ids, n)  # the final resume, uninterrupted

    ref, got = SQLiteStore(ref_db), SQLiteStore(db)
    for iid in ids:
        want_state = runtime(ref, ref_ledger).state(iid)
        got_state = runtime(got, ledger).state(iid)
        assert got_state.status == "completed"
        assert encode(got_state) == encode(want_state)
        assert log_of(got, iid) == log_of(ref, iid)  # same events, same order, same keys
    ref_effects, ref_execs = effects(ref_ledger)
    got_effects, got_execs = effects(ledger)
    assert got_effects == ref_effects  # no step lost, none repeated
    assert ref_execs == len(ref_effects) == 4 * n
    # a kill between a function call and its commit re-runs the call: the key de-duplicates it
    assert got_execs >= len(got_effects)


def test_postgres_workers_share_instances_and_take_over_a_killed_worker(
    tmp_path: Path, pg_url: str
) -> None:
    ids = [f"pg-{k}" for k in range(6)]
    n = 30
    ledger = tmp_path / "pg-ledger.db"
    setup = runtime(PostgresStore(pg_url), ledger)
    for iid in ids:
        setup.start(loop_model(), "loop", {"i": 0, "n": n}, instance_id=iid)
    setup.store.close()

    def worker(name: str) -> int:
        pid = os.fork()
        if pid == 0:
            try:
                runtime(PostgresStore(pg_url), ledger, worker=name).work(idle_exit=True)
            finally:
                os._exit(0)
        return pid

    doomed = worker("worker-a")
    survivor = worker("worker-b")
    watch = PostgresStore(pg_url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # kill worker-a once it is really working
        row = watch.execute(
            "SELECT count(*) FROM process_events WHERE worker = 'worker-a'"
        ).fetchone()
        if row and row[0] >= 10:
            break
        time.sleep(0.01)
    watch.close()
    os.kill(doomed, signal.SIGKILL)
    os.waitpid(doomed, 0)
    _, status = os.waitpid(survivor, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    store = PostgresStore(pg_url)
    ref_db = tmp_path / "ref.db"
    drive(ref_db, tmp_path / "ref-ledger.db", ids, n)
    ref = SQLiteStore(ref_db)
    took_over = 0
    workers: set[str] = set()
    for iid in ids:
        state = runtime(store, ledger).state(iid)
        assert state.status == "completed" and state.variables["i"] == n
        assert log_of(store, iid) == log_of(ref, iid)
        by = [e.worker for e in store.history(iid) if e.event.kind != "started"]
        workers.update(w for w in by if w)
        if "worker-a" in by and by[-1] == "worker-b":
            took_over += 1
    assert workers == {"worker-a", "worker-b"}  # both shared the work
    assert took_over >= 1  # the survivor finished an instance the killed worker had started
    keys = store.execute("SELECT count(step), count(DISTINCT step) FROM process_events").fetchone()
    assert keys[0] == keys[1] == len(ids) * (2 * n + 2)
    got_effects, _ = effects(ledger)
    assert len(got_effects) == len(ids) * n
