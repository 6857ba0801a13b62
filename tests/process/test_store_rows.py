"""The instance row's indexed status and due time — what workers claim by — always equal those
of the committed state, also now that a commit leaves them alone when they did not change; a
step's key is unique in the log, also in logs written before the `step` column existed."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.runtime import Runtime
from intheflow.process.state import Event, due_at, new_state
from intheflow.process.store import PostgresStore, SQLiteStore

RACE = Path(__file__).parent / "fixtures" / "race.bpmn"


def test_row_status_and_due_follow_the_state_through_a_run(tmp_path: Path) -> None:
    clock = [1000.0]
    rt = Runtime(
        SQLiteStore(tmp_path / "r.db"),
        Engine(builtins, WorkspaceDecisions()),
        clock=lambda: clock[0],
        batch=1,  # one step per commit: every intermediate row is checked
    )
    defs = read_bpmn(RACE.read_text()).definitions
    assert defs is not None
    iid = rt.start(defs, None, {}).id
    seen = []
    while True:
        row = rt.store.row(iid)
        state = rt.state(iid)
        assert row is not None and (row.status, row.due_at) == (state.status, due_at(state))
        seen.append(row.status)
        if not rt.step(iid):
            if state.status == "completed":
                break
            clock[0] += 48 * 3600  # the race's timer comes due
    assert seen[0] == "running" and "waiting" in seen and seen[-1] == "completed"
    rt.store.close()


def test_a_log_written_before_the_step_column_opens_and_runs_on(tmp_path: Path) -> None:
    # the earlier layout: no `step` column; step keys in process_steps; the events around a
    # step share its key in step_key
    db = tmp_path / "old.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.executescript(
            """CREATE TABLE process_events (
                instance TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, node TEXT,
                step_key TEXT, worker TEXT, at DOUBLE PRECISION NOT NULL, body TEXT NOT NULL,
                PRIMARY KEY (instance, seq));
            CREATE TABLE process_steps (
                step_key TEXT PRIMARY KEY, instance TEXT NOT NULL, seq INTEGER NOT NULL);
            INSERT INTO process_events VALUES ('old', 1, 'rule_verdict', 'g', 'old/3', NULL, 1,
                '{"kind":"rule_verdict"}');
            INSERT INTO process_events VALUES ('old', 2, 'step', 'g', 'old/3', NULL, 1,
                '{"kind":"step"}');
            INSERT INTO process_steps VALUES ('old/3', 'old', 2);"""
        )
    rt = Runtime(SQLiteStore(db), Engine(builtins, WorkspaceDecisions()))
    defs = read_bpmn(RACE.read_text()).definitions
    assert defs is not None
    st = rt.run(rt.start(defs, None, {}).id)
    assert st.status == "waiting"
    steps = rt.store.execute("SELECT count(step) FROM process_events WHERE instance = ?", (st.id,))
    assert steps.fetchone()[0] == st.steps  # new steps carry their key in `step`
    rt.store.close()


def test_a_step_key_cannot_be_recorded_twice(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "k.db")
    event = Event(kind="step", node="n", key="i1/0", step=True)
    with store.transaction():
        assert store.create(new_state("i1", "p", "m"), now=1.0)
        store.append(0, "i1", [event], new_state("i1", "p", "m"), None, None, 1.0)
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.append(1, "i1", [event], new_state("i1", "p", "m"), None, None, 2.0)
    store.close()


def test_a_postgres_log_without_the_step_column_is_migrated(pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            """CREATE TABLE process_events (
                instance TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, node TEXT,
                step_key TEXT, worker TEXT, at DOUBLE PRECISION NOT NULL, body TEXT NOT NULL,
                PRIMARY KEY (instance, seq))"""
        )
        conn.execute(
            "INSERT INTO process_events VALUES ('old', 1, 'rule_verdict', 'g', 'old/3', NULL, 1, "
            "'{}'), ('old', 2, 'step', 'g', 'old/3', NULL, 1, '{}')"
        )
    store = PostgresStore(pg_url)
    event = Event(kind="step", node="n", key="i1/0", step=True)
    with store.transaction():
        assert store.create(new_state("i1", "p", "m"), now=1.0)
        store.append(0, "i1", [event], new_state("i1", "p", "m"), None, None, 1.0)
    with pytest.raises(psycopg.errors.UniqueViolation), store.transaction():
        store.append(1, "i1", [event], new_state("i1", "p", "m"), None, None, 2.0)
    store.close()
