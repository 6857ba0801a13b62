"""A boundary timer on a service task is the function's time-out: past it the attempt is
abandoned and the boundary flow taken; the late result is never applied; the due time is
committed before the call, so a crash (kill -9) cannot restart the clock."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import Registry, StepContext
from intheflow.process.model import Definitions
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore
from intheflow.process.validate import Known, validate

FIXTURES = Path(__file__).parent / "fixtures"


def timeout_model(xml: str | None = None) -> Definitions:
    defs = read_bpmn(xml or (FIXTURES / "timeout.bpmn").read_text()).definitions
    assert defs is not None
    return defs


class Gateway:
    """A payment gateway that takes `seconds` to answer; records what happened."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.calls = 0
        self.finished = threading.Event()
        self.saw_abandoned = False

    def registry(self) -> Registry:
        reg = Registry()

        @reg.register("gateway")
        def gateway(ctx: StepContext) -> dict[str, Any]:
            self.calls += 1
            time.sleep(self.seconds)
            self.saw_abandoned = ctx.abandoned.is_set()
            self.finished.set()
            return {"charge_id": "ch_late"}

        return reg


def kinds(rt: Runtime, iid: str) -> list[str]:
    return [e.event.kind for e in rt.store.history(iid)]


def test_a_slow_function_is_abandoned_and_the_boundary_flow_taken(tmp_path: Path) -> None:
    gw = Gateway(seconds=1.5)
    rt = Runtime(SQLiteStore(tmp_path / "p.db"), Engine(gw.registry(), WorkspaceDecisions()))
    started = time.monotonic()
    st = rt.run(rt.start(timeout_model(), None, {}).id)
    assert time.monotonic() - started < 1.4  # did not wait for the gateway
    assert st.status == "completed" and st.tokens == []
    hist = [e.event for e in rt.store.history(st.id)]
    fired = next(e for e in hist if e.kind == "timer_fired")
    assert fired.node == "too_slow"
    assert fired.detail["timed_out"] == {"function": "gateway", "abandoned": True}
    assert [e.node for e in hist if e.step][-1] == "timed_out"
    # the gateway answers later: its result is never applied
    assert gw.finished.wait(5) and gw.saw_abandoned
    again = rt.state(st.id)
    assert "charge_id" not in again.variables and again.seq == st.seq
    rt.store.close()


def test_a_function_within_its_time_out_completes_normally(tmp_path: Path) -> None:
    gw = Gateway(seconds=0.0)
    rt = Runtime(SQLiteStore(tmp_path / "p.db"), Engine(gw.registry(), WorkspaceDecisions()))
    st = rt.run(rt.start(timeout_model(), None, {}).id)
    assert st.status == "completed" and st.variables["charge_id"] == "ch_late"
    assert "timer_fired" not in kinds(rt, st.id) and st.tokens == []
    armed = kinds(rt, st.id).index("timeout_armed")
    assert armed < kinds(rt, st.id).index("step", armed)  # committed before the call
    assert not gw.saw_abandoned
    rt.store.close()


def test_after_a_kill_past_the_due_time_the_function_is_not_called_again(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    marker = tmp_path / "inside-the-call"
    reg = Registry()

    @reg.register("gateway")
    def gateway() -> dict[str, Any]:
        marker.touch()
        time.sleep(30)  # killed long before this returns
        return {"charge_id": "ch_never"}

    rt = Runtime(SQLiteStore(db), Engine(reg, WorkspaceDecisions()))
    iid = rt.start(timeout_model(), None, {}).id  # only the start: nothing runs yet
    rt.store.close()
    pid = os.fork()
    if pid == 0:  # the child: a worker that dies inside the call
        try:
            child = Runtime(SQLiteStore(db), Engine(reg, WorkspaceDecisions()))
            child.run(iid)
        finally:
            os._exit(0)
    deadline = time.monotonic() + 20
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert marker.exists()
    marker.unlink()
    time.sleep(0.6)  # past the time-out's due time

    calls: list[str] = []
    after = Registry()

    @after.register("gateway")
    def gateway_again() -> dict[str, Any]:
        calls.append("called")
        return {"charge_id": "ch_after_crash"}

    resumed = Runtime(SQLiteStore(db), Engine(after, WorkspaceDecisions()))
    st = resumed.run(iid)
    assert st.status == "completed" and calls == []
    assert "charge_id" not in st.variables
    fired = next(e.event for e in resumed.store.history(iid) if e.event.kind == "timer_fired")
    assert fired.detail["timed_out"] == {"function": "gateway", "abandoned": False}
    resumed.store.close()


def test_a_non_interrupting_timer_on_a_service_task_is_refused(tmp_path: Path) -> None:
    xml = (
        (FIXTURES / "timeout.bpmn")
        .read_text()
        .replace('attachedToRef="charge">', 'cancelActivity="false" attachedToRef="charge">')
    )
    problems = validate(read_bpmn(xml), Known(lambda f: f == "gateway", lambda d: False))
    found = [p for p in problems if p.code == "timer-non-interrupting-on-function"]
    assert [(p.element, p.line + 1) for p in found] == [("too_slow", 6)]
    # the interrupting timer (a time-out) is valid
    assert (
        validate(
            read_bpmn(xml.replace('cancelActivity="false" ', "")),
            Known(lambda f: f == "gateway", lambda d: False),
        )
        == []
    )
