"""The instance row's indexed status and due time — what workers claim by — always equal those
of the committed state, also now that a commit leaves them alone when they did not change."""

from __future__ import annotations

from pathlib import Path

from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.runtime import Runtime
from intheflow.process.state import due_at
from intheflow.process.store import SQLiteStore

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
