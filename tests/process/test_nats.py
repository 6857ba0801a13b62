"""Scale-out through NATS JetStream (the real server on 127.0.0.1:4222): two worker processes
share queued instances over one SQLite store; one is killed and its instance is taken over."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid
from pathlib import Path
from typing import Any

from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import Registry
from intheflow.process.nats_dispatch import NatsWorker, delete_stream, publish
from intheflow.process.runtime import Runtime
from intheflow.process.state import encode
from intheflow.process.store import SQLiteStore

FIXTURES = Path(__file__).parent / "fixtures"
URL = "nats://127.0.0.1:4222"


def _runtime(db: Path, worker: str | None = None) -> Runtime:
    reg = Registry()

    @reg.register("inc")
    def inc(i: int) -> dict[str, Any]:
        time.sleep(0.002)  # a little work, so the kill lands mid-instance
        return {"i": i + 1}

    return Runtime(SQLiteStore(db), Engine(reg, WorkspaceDecisions()), worker=worker, batch=1)


def wait_until_mid_instance(db: Path, ids: list[str], worker: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        view = _runtime(db)
        try:
            for iid in ids:
                by = [e.worker for e in view.store.history(iid)]
                if worker in by and view.state(iid).status != "completed":
                    return
        finally:
            view.store.close()
        time.sleep(0.005)
    raise AssertionError(f"{worker} was never seen inside an instance")


def test_nats_workers_share_instances_and_take_over_a_killed_worker(tmp_path: Path) -> None:
    defs = read_bpmn((FIXTURES / "loop.bpmn").read_text()).definitions
    assert defs is not None
    stream = f"T_{uuid.uuid4().hex[:8]}"
    subject = f"intheflow.test.{stream}"
    db, ref_db = tmp_path / "shared.db", tmp_path / "ref.db"
    ids = [f"nats-{k}" for k in range(6)]
    n = 120
    rt = _runtime(db)
    ref = _runtime(ref_db)
    for iid in ids:
        rt.start(defs, "loop", {"i": 0, "n": n}, instance_id=iid)
        ref.run(ref.start(defs, "loop", {"i": 0, "n": n}, instance_id=iid).id)
    rt.store.close()
    asyncio.run(publish(ids, URL, stream, subject))

    def worker(name: str) -> int:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                w = NatsWorker(_runtime(db, name), URL, stream, subject, ack_wait=1.0)
                asyncio.run(w.run(idle_exit=3.0))
                code = 0
            finally:
                os._exit(code)
        return pid

    try:
        doomed = worker("nats-a")
        survivor = worker("nats-b")
        # Kill nats-a while it is inside an instance (a fixed delay races a fast machine).
        wait_until_mid_instance(db, ids, "nats-a", timeout=20.0)
        os.kill(doomed, signal.SIGKILL)
        os.waitpid(doomed, 0)
        _, status = os.waitpid(survivor, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        asyncio.run(delete_stream(URL, stream))

    check = _runtime(db)
    workers: set[str] = set()
    took_over = 0
    for iid in ids:
        state = check.state(iid)
        trail = [(e.worker, e.event.kind) for e in check.store.history(iid)][-3:]
        assert state.status == "completed" and state.variables["i"] == n, (iid, trail)
        got = [encode(e.event) for e in check.store.history(iid)]
        want = [encode(e.event) for e in ref.store.history(iid)]
        assert got == want
        by = [e.worker for e in check.store.history(iid) if e.event.kind != "started"]
        workers.update(w for w in by if w)
        took_over += "nats-a" in by and by[-1] == "nats-b"
    assert workers == {"nats-a", "nats-b"}
    assert took_over >= 1
