"""Fixtures shared by every test package.

Real components only: PostgreSQL on 127.0.0.1:5432 (database `test`) must be reachable, and a test
that needs it fails (not skips) when it is not.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "payments"
PG_BASE = os.environ.get("INTHEFLOW_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def example_workspace(tmp_path: Path) -> Path:
    """A private copy of examples/payments that a test may modify."""
    dest = tmp_path / "payments"
    shutil.copytree(EXAMPLES, dest, ignore=shutil.ignore_patterns(".intheflow"))
    return dest


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema on the real server, dropped afterwards. Fails if unreachable."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
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
