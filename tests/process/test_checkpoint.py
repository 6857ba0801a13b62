"""The SQLite store checkpoints its write-ahead log in a background thread, not in a commit."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

from intheflow.process.checkpoint import COMMITS_PER_CHECKPOINT
from intheflow.process.state import new_state
from intheflow.process.store import SQLiteStore


def rows_in_database_file(db: Path) -> int:
    """Instances in the main database file alone: `immutable=1` ignores the -wal file, so only
    checkpointed commits count (none, not even the schema, before the first checkpoint)."""
    with closing(sqlite3.connect(f"file:{db}?immutable=1", uri=True)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM process_instances").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def checkpoint_threads() -> int:
    return sum(t.name == "intheflow-wal-checkpoint" for t in threading.enumerate())


def test_commits_reach_the_database_file_without_automatic_checkpoints(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    store = SQLiteStore(db)
    assert store.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0  # no commit stalls
    commits = COMMITS_PER_CHECKPOINT + 10
    for k in range(commits):
        with store.transaction():
            assert store.create(new_state(f"i{k}", "p", "m"), now=1.0)
    deadline = time.monotonic() + 10
    while rows_in_database_file(db) < COMMITS_PER_CHECKPOINT and time.monotonic() < deadline:
        time.sleep(0.02)
    assert rows_in_database_file(db) >= COMMITS_PER_CHECKPOINT
    store.close()
    assert rows_in_database_file(db) == commits  # closing checkpoints the rest


def test_closing_the_store_stops_its_checkpoint_thread(tmp_path: Path) -> None:
    before = checkpoint_threads()
    store = SQLiteStore(tmp_path / "p.db")
    assert checkpoint_threads() == before + 1
    store.close()
    assert checkpoint_threads() == before


def test_a_taken_instance_id_is_refused(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "p.db")
    with store.transaction():
        assert store.create(new_state("same", "p", "m"), now=1.0)
        assert not store.create(new_state("same", "p", "m"), now=2.0)
    store.close()
