"""Instance state and the events that change it.

The state of a process instance is a fold of its append-only event log: `apply(state, event)`
is the only function that changes a state, so replaying the log after a crash rebuilds exactly
the state that was committed. Each event carries a generic delta (variables to set, tokens to
consume/produce/update…) plus a kind and details for the audit trail.
"""

from __future__ import annotations

from typing import Any

import msgspec


class Token(msgspec.Struct, omit_defaults=True):
    id: int
    node: str
    # ready: runnable · waiting: a user task/receive task · timer: until `due`
    # parked: at a joining gateway
    status: str = "ready"
    stack: list[str] = []  # the sub-processes / call activities this token is inside
    due: float | None = None
    attempt: int = 0
    attached: int | None = None  # boundary timer tokens: the task token they belong to
    every: float | None = None  # cycle timers (R3/PT1H): seconds between firings
    repeat: int | None = None  # cycle timers: firings left after this one (None: unbounded)
    index: int = 0  # multi-instance task: the element it runs next


class Done(msgspec.Struct, frozen=True):
    """A completed service task, kept for compensation."""

    node: str
    compensation: str
    key: str


class InstanceState(msgspec.Struct, omit_defaults=True):
    id: str
    process: str
    model: str  # content hash of the stored model
    status: str = "running"  # running · waiting · completed · incident · compensated
    variables: dict[str, Any] = {}
    tokens: list[Token] = []
    next_token: int = 1
    seq: int = 0  # events applied
    steps: int = 0
    done: list[Done] = []
    incident: dict[str, Any] | None = None

    def token(self, tid: int) -> Token | None:
        for t in self.tokens:
            if t.id == tid:
                return t
        return None


class NewToken(msgspec.Struct, omit_defaults=True):
    node: str
    stack: list[str] = []
    status: str = "ready"
    due: float | None = None
    attached: int | None = None
    every: float | None = None
    repeat: int | None = None


class TokenUpdate(msgspec.Struct, omit_defaults=True):
    id: int
    status: str | None = None
    due: float | None = None
    attempt: int | None = None
    index: int | None = None


class Event(msgspec.Struct, omit_defaults=True):
    kind: str
    node: str | None = None
    key: str | None = None  # the step's idempotency key
    detail: dict[str, Any] = {}
    set: dict[str, Any] = {}
    consume: list[int] = []
    produce: list[NewToken] = []
    update: list[TokenUpdate] = []
    done: Done | None = None
    undo: bool = False  # remove the last Done (compensated)
    status: str | None = None
    incident: dict[str, Any] | None = None
    clear_incident: bool = False
    step: bool = False  # counts as one executed step


def apply(state: InstanceState, ev: Event) -> None:
    if ev.set:
        state.variables.update(ev.set)
    if ev.consume:
        gone = set(ev.consume)
        state.tokens = [t for t in state.tokens if t.id not in gone]
    for u in ev.update:
        tok = state.token(u.id)
        if tok is None:
            continue
        if u.status is not None:
            tok.status = u.status
        if u.due is not None or u.status == "ready":
            tok.due = u.due
        if u.attempt is not None:
            tok.attempt = u.attempt
        if u.index is not None:
            tok.index = u.index
    for nt in ev.produce:
        state.tokens.append(
            Token(
                id=state.next_token,
                node=nt.node,
                status=nt.status,
                stack=list(nt.stack),
                due=nt.due,
                attached=nt.attached,
                every=nt.every,
                repeat=nt.repeat,
            )
        )
        state.next_token += 1
    if ev.done is not None:
        state.done.append(ev.done)
    if ev.undo and state.done:
        state.done.pop()
    if ev.status is not None:
        state.status = ev.status
    if ev.incident is not None:
        state.incident = ev.incident
    if ev.clear_incident:
        state.incident = None
    if ev.step:
        state.steps += 1
    if state.status in ("running", "waiting"):
        ready = any(t.status == "ready" for t in state.tokens)
        state.status = "running" if ready else "waiting"
    state.seq += 1


def due_at(state: InstanceState) -> float | None:
    """When the instance next has work: 0 for now, a time for a timer or retry, None for never
    (finished, incident, or only waiting for a person)."""
    if state.status not in ("running", "waiting"):
        return None
    dues = [
        t.due or 0.0
        for t in state.tokens
        if t.status == "ready" or (t.status == "timer" and t.due is not None)
    ]
    return min(dues) if dues else None


def new_state(instance_id: str, process: str, model: str) -> InstanceState:
    return InstanceState(id=instance_id, process=process, model=model)


_enc = msgspec.json.Encoder()
_dec_state = msgspec.json.Decoder(InstanceState)
_dec_event = msgspec.json.Decoder(Event)


def encode(obj: Any) -> bytes:
    return _enc.encode(obj)


def decode_state(data: bytes | str) -> InstanceState:
    return _dec_state.decode(data)


def decode_event(data: bytes | str) -> Event:
    return _dec_event.decode(data)
