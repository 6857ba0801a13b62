"""The durable runtime: the engine's steps, committed one transaction each.

`Runtime.run` drives one instance until it waits (user task, timer) or ends; `Runtime.work` is
the worker loop that claims any instance with work due (several processes may run it against
one PostgreSQL database). Process models are stored by content hash with the instance, so an
instance resumes on the model it started with even if the file changed since.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine, Graph
from intheflow.process.jsonform import read_json, to_json
from intheflow.process.model import Definitions
from intheflow.process.state import (
    Event,
    InstanceState,
    TokenUpdate,
    apply,
    due_at,
    new_state,
)
from intheflow.process.store import Conflict, Store

FINAL = frozenset({"completed", "incident", "compensated"})
# Steps that only move tokens by the model (events, gateways, decisions) are deterministic: a
# transaction holds any number of them and at most one function call.
_PURE_KINDS = frozenset({"step", "joined", "started"})


def _calls_function(events: list[Event]) -> bool:
    return any("function" in ev.detail for ev in events)


def _ends_batch(events: list[Event]) -> bool:
    # waits, retries, incidents, compensation, AI calls: commit before anything else happens
    return any(ev.kind not in _PURE_KINDS for ev in events)


def _row_of(state: InstanceState) -> tuple[str, float | None]:
    return state.status, due_at(state)


def new_instance_id(now: float) -> str:
    """Milliseconds then randomness: ids sort by creation, so a new instance's rows land at the
    right edge of the SQL indexes (the pages the previous commit wrote) rather than anywhere."""
    return f"{int(now * 1000):011x}{secrets.token_hex(3)}"


class RuntimeError_(Exception):
    """Bad request to the runtime (unknown instance, no such task); the CLI shows the message."""


class Runtime:
    def __init__(
        self,
        store: Store,
        engine: Engine,
        clock: Callable[[], float] = time.time,
        worker: str | None = None,
        snapshot_every: int = 64,
        batch: int = 32,
        decisions_from_source: bool = False,
    ) -> None:
        """decisions_from_source: take each instance's decisions and guards from the folder of
        the model file it was started from (workers serving many models)."""
        self.store = store
        self.engine = engine
        self.clock = clock
        self.worker = worker or f"{os.uname().nodename}:{os.getpid()}"
        self.snapshot_every = snapshot_every
        self.batch = max(1, batch)
        self._digests: dict[int, tuple[Definitions, str]] = {}
        self._states: dict[str, InstanceState] = {}
        self._models: dict[str, Definitions] = {}
        self._folder_decisions: dict[str, WorkspaceDecisions | None] = {}
        if decisions_from_source and engine.resolve is None:
            engine.resolve = self._decisions_of_model

    def _decisions_of_model(self, digest: str) -> WorkspaceDecisions | None:
        if digest not in self._folder_decisions:
            found = self.store.get_model(digest)
            folder = Path(found[0]).parent if found and found[0] else None
            self._folder_decisions[digest] = (
                WorkspaceDecisions.load(folder) if folder is not None and folder.is_dir() else None
            )
        return self._folder_decisions[digest]

    # -- models ----------------------------------------------------------------------------

    def add_model(self, defs: Definitions, source: str = "") -> str:
        known = self._digests.get(id(defs))
        if known is not None and known[0] is defs:
            return known[1]
        body = to_json(defs)
        digest = hashlib.sha256(body.encode()).hexdigest()[:32]
        if digest not in self._models:
            self.store.put_model(digest, source, body)
            self._models[digest] = defs
        self._digests[id(defs)] = (defs, digest)
        return digest

    def model(self, digest: str) -> Definitions:
        defs = self._models.get(digest)
        if defs is None:
            found = self.store.get_model(digest)
            if found is None:
                raise RuntimeError_(f"model {digest} is not in the store")
            parsed = read_json(found[1])
            if parsed.definitions is None:
                raise RuntimeError_(f"stored model {digest} cannot be read")
            defs = self._models[digest] = parsed.definitions
        return defs

    def graph(self, state: InstanceState) -> Graph:
        return self.engine.graph(state.model, lambda: self.model(state.model))

    # -- instances -------------------------------------------------------------------------

    def start(
        self,
        defs: Definitions,
        process: str | None = None,
        variables: Mapping[str, Any] | None = None,
        instance_id: str | None = None,
        source: str = "",
        run_first: bool = False,
    ) -> InstanceState:
        """Create an instance. With run_first, its first steps (up to the first outside effect)
        run in the same transaction."""
        proc = defs.process(process)
        if proc is None:
            known = ", ".join(p.id for p in defs.processes) or "none"
            raise RuntimeError_(f"no process {process!r} in the model (processes: {known})")
        digest = self.add_model(defs, source)
        now = self.clock()
        iid = instance_id or new_instance_id(now)
        state = new_state(iid, proc.id, digest)
        events = self.engine.start_events(self.graph(state), proc.id, dict(variables or {}))
        with self.store.transaction():
            if not self.store.create(state, now):
                raise RuntimeError_(f"instance {iid} already exists")
            if run_first:  # the start events and the first steps: one append
                self._run_batch(state, now, started=events)
            else:
                self._commit(state, events, now)
        return state

    def load(self, instance_id: str) -> InstanceState:
        snap, events = self.store.load(instance_id)
        if snap is None:
            row = self.store.row(instance_id)
            if row is None:
                raise RuntimeError_(f"no instance {instance_id!r}")
            snap = new_state(row.id, row.process, row.model)
        for ev in events:
            apply(snap, ev)
        self._states[instance_id] = snap
        return snap

    def state(self, instance_id: str) -> InstanceState:
        return self.load(instance_id)

    def _current(self, instance_id: str, seq: int) -> InstanceState:
        cached = self._states.get(instance_id)
        if cached is not None and cached.seq == seq:
            return cached
        return self.load(instance_id)

    def _commit(self, state: InstanceState, events: list[Event], now: float) -> None:
        """Inside a transaction: fold the events into `state` and write them."""
        before, row = state.seq, _row_of(state)
        try:
            for ev in events:
                apply(state, ev)
            self._write(before, row, state, events, now)
        except BaseException:
            self._states.pop(state.id, None)  # folded but not committed: reload next time
            raise
        self._states[state.id] = state

    def _write(
        self,
        before: int,
        row: tuple[str, float | None],
        state: InstanceState,
        events: list[Event],
        now: float,
    ) -> None:
        """`row`: the instance row's status and due time before these events (a function of the
        committed state, as every writer stores them)."""
        steps_before = state.steps - sum(1 for ev in events if ev.step)
        due = due_at(state)
        self.store.append(
            before, state.id, events, state, due, self.worker, now, row != (state.status, due)
        )
        crossed = state.steps // self.snapshot_every > steps_before // self.snapshot_every
        # a short instance that ended is cheaper to replay (< snapshot_every events) than to
        # snapshot in its last commit
        if crossed or (state.status in FINAL and state.steps >= self.snapshot_every):
            self.store.snapshot(state)

    def _run_batch(self, state: InstanceState, now: float, started: Sequence[Event] = ()) -> int:
        """Inside a transaction: run steps holding at most one function call (plus the
        deterministic steps around it), ending at a wait, a retry, an incident or an AI call,
        when nothing is runnable, or when the batch is full. Returns the steps run.
        `started`: a new instance's start events, written with the batch."""
        before, row = state.seq, _row_of(state)
        written: list[Event] = list(started)
        ran = 0
        called = False
        try:
            for ev in started:
                apply(state, ev)
            g = self.graph(state)
            while ran < self.batch:
                tok = self.engine.runnable(state, now)
                if tok is None or (called and self.engine.has_effect(g, tok)):
                    break
                events = self.engine.step(g, state, now, tok)
                if not events:
                    break
                for ev in events:
                    apply(state, ev)
                written.extend(events)
                ran += 1
                if _ends_batch(events):
                    break
                called = called or _calls_function(events)
            if written:
                self._write(before, row, state, written, now)
        except BaseException:
            self._states.pop(state.id, None)
            raise
        self._states[state.id] = state
        return ran

    def step(self, instance_id: str) -> int:
        """Run the next steps of this instance that are due, in one transaction (see
        _run_batch). Returns how many ran (0: nothing due)."""
        now = self.clock()
        with self.store.transaction():
            locked = self.store.lock_instance(instance_id)
            if locked is None:
                raise RuntimeError_(f"no instance {instance_id!r}")
            state = self._current(instance_id, locked[0])
            return self._run_batch(state, now)

    def run(
        self, instance_id: str, max_steps: int | None = None, wait_retries: bool = True
    ) -> InstanceState:
        """Step until the instance waits for a person or a timer, ends, or max_steps."""
        steps = 0
        ran = 1
        while max_steps is None or steps < max_steps:
            cached = self._states.get(instance_id)
            # skip the transaction when our own last commit left nothing to do
            if ran == 0 or cached is None or self.engine.runnable(cached, self.clock()):
                ran = self.step(instance_id)
                if ran:
                    steps += ran
                    continue
            ran = 0
            state = self._states.get(instance_id) or self.load(instance_id)
            due = due_at(state)
            # a retry with backoff is due soon: wait for it rather than return
            if wait_retries and state.status == "running" and due is not None:
                time.sleep(max(0.0, min(due - self.clock(), 1.0)))
                continue
            break
        return self._states.get(instance_id) or self.load(instance_id)

    def complete_task(
        self, instance_id: str, task: str, variables: Mapping[str, Any] | None = None
    ) -> InstanceState:
        now = self.clock()
        with self.store.transaction():
            locked = self.store.lock_instance(instance_id)
            if locked is None:
                raise RuntimeError_(f"no instance {instance_id!r}")
            state = self._current(instance_id, locked[0])
            result = self.engine.complete_task(self.graph(state), state, task, variables or {})
            if isinstance(result, str):
                raise RuntimeError_(result)
            self._commit(state, [result], now)
        return state

    def retry_incident(self, instance_id: str) -> InstanceState:
        """An operator fixed the cause: clear the incident and try the failed token again."""
        now = self.clock()
        with self.store.transaction():
            locked = self.store.lock_instance(instance_id)
            if locked is None:
                raise RuntimeError_(f"no instance {instance_id!r}")
            state = self._current(instance_id, locked[0])
            if state.status != "incident" or state.incident is None:
                raise RuntimeError_(f"instance {instance_id} has no open incident")
            tid = state.incident.get("token")
            update = [TokenUpdate(id=int(tid), status="ready", attempt=0)] if tid else []
            ev = Event(
                kind="incident_resolved",
                node=state.incident.get("node"),
                clear_incident=True,
                status="running",
                update=update,
            )
            self._commit(state, [ev], now)
        return state

    # -- workers ---------------------------------------------------------------------------

    def work_once(self) -> str | None:
        """Claim any instance with work due and run one step of it. Its id, or None if idle."""
        now = self.clock()
        with self.store.transaction():
            claimed = self.store.claim(now)
            if claimed is None:
                return None
            iid, seq = claimed
            state = self._current(iid, seq)
            if not self._run_batch(state, now):
                # nothing runnable after all (e.g. a stale due time): fix the row
                self.store.execute(
                    "UPDATE process_instances SET due_at = ? WHERE id = ?", (due_at(state), iid)
                )
        return iid

    def work(
        self,
        stop: Callable[[], bool] = lambda: False,
        idle_exit: bool = True,
        poll: float = 0.05,
    ) -> int:
        """The worker loop. Returns the number of steps this worker ran."""
        ran = 0
        while not stop():
            try:
                iid = self.work_once()
            except Conflict:
                continue
            if iid is not None:
                ran += 1
                continue
            if idle_exit and not self._pending():
                return ran
            time.sleep(poll)
        return ran

    def _pending(self, horizon: float = 5.0) -> bool:
        """Work due now or soon (a retry's backoff); a timer due in hours is not a reason to
        keep an idle-exit worker alive — `resume` runs it when it is due."""
        row = self.store.execute(
            "SELECT count(*) FROM process_instances WHERE status IN ('running', 'waiting') "
            "AND due_at IS NOT NULL AND due_at <= ?",
            (self.clock() + horizon,),
        ).fetchone()
        return bool(row and row[0])
