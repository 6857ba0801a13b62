"""The hybrid engine: one step of a process instance at a time, as events.

`Engine.step(state, now)` picks the first runnable token (lowest id: deterministic), executes its
node and returns the events that record what happened; it never mutates the state and never
raises on bad models or failing functions (those become incidents). The runtime appends the
events durably and folds them into the state (state.apply).

At a decision point (an exclusive gateway with several ways out) the AI orchestrator, when one
is configured, proposes the next step as JSON. The answer is checked against the proposal schema
(invalid → rejected and logged); the rule engine then judges it: guard rules first (allow, block,
redirect; the rule id is recorded), then the model's own conditions (a flow whose condition is
false, or the default flow while a condition holds, is blocked). A blocked proposal falls back to
the deterministic path, which the same rules judge. Without an orchestrator every decision is
deterministic: gateway conditions and rules only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonschema
import msgspec

from intheflow.process.ai import (
    AIError,
    Option,
    Orchestrator,
    Proposal,
    ProposalRequest,
    proposal_schema,
)
from intheflow.process.decisions import (
    ALLOW,
    DecisionError,
    DecisionEvaluator,
    Outcome,
    Verdict,
)
from intheflow.process.expressions import (
    ExpressionError,
    compile_condition,
    evaluate,
    parse_cycle,
    timer_due,
)
from intheflow.process.functions import (
    BpmnError,
    FunctionInputError,
    Registry,
    StepContext,
    call_with_timeout,
)
from intheflow.process.model import (
    Definitions,
    EventKind,
    Flow,
    MultiInstance,
    Node,
    NodeType,
    ProcessBody,
    TimerKind,
)
from intheflow.process.state import Done, Event, InstanceState, NewToken, Token, TokenUpdate
from intheflow.process.traced import RULE_FIELD

log = logging.getLogger(__name__)

_PASS_THROUGH = frozenset(
    {
        NodeType.START_EVENT,
        NodeType.INTERMEDIATE_THROW_EVENT,
        NodeType.TASK,
        NodeType.MANUAL_TASK,
        NodeType.SCRIPT_TASK,
    }
)
_WAITS = frozenset({NodeType.USER_TASK, NodeType.RECEIVE_TASK})
RACING = "racing"  # the token of an event-based gateway while its events race


@dataclass
class Graph:
    """An index of one model file for execution: every node of every process, sub-processes
    included, with its outgoing flows."""

    defs: Definitions
    nodes: dict[str, Node] = field(default_factory=dict)
    outgoing: dict[str, list[Flow]] = field(default_factory=dict)
    incoming: dict[str, int] = field(default_factory=dict)
    boundaries: dict[str, list[Node]] = field(default_factory=dict)
    start_of: dict[str, str] = field(default_factory=dict)
    error_codes: dict[str, str] = field(default_factory=dict)
    escalation_codes: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def build(defs: Definitions) -> Graph:
        g = Graph(defs)
        g.error_codes = {e.id: e.code for e in defs.errors}
        g.escalation_codes = {e.id: e.code or e.id for e in defs.escalations}
        for proc in defs.processes:
            g._index(proc.id, proc)
        return g

    def _index(self, container: str, body: ProcessBody | Any) -> None:
        for n in body.nodes:
            self.nodes[n.id] = n
            if n.type == NodeType.START_EVENT and container not in self.start_of:
                self.start_of[container] = n.id
            if n.type == NodeType.BOUNDARY_EVENT and n.attached_to:
                self.boundaries.setdefault(n.attached_to, []).append(n)
            if n.body is not None:
                self._index(n.id, n.body)
        for f in body.flows:
            self.outgoing.setdefault(f.source, []).append(f)
            self.incoming[f.target] = self.incoming.get(f.target, 0) + 1


@dataclass
class Engine:
    registry: Registry
    decisions: DecisionEvaluator
    orchestrator: Orchestrator | None = None
    backoff: float = 0.05  # seconds before the first retry; doubles each attempt
    default_retries: int = 3
    # Per-model decisions (a worker serves models from many folders): model key → evaluator.
    resolve: Callable[[str], DecisionEvaluator | None] | None = None
    _graphs: dict[str, Graph] = field(default_factory=dict)

    def _decisions(self, state: InstanceState) -> DecisionEvaluator:
        if self.resolve is not None:
            found = self.resolve(state.model)
            if found is not None:
                return found
        return self.decisions

    # -- models ---------------------------------------------------------------------------

    def graph(self, model_key: str, load: Callable[[], Definitions]) -> Graph:
        g = self._graphs.get(model_key)
        if g is None:
            g = self._graphs[model_key] = Graph.build(load())
        return g

    # -- scheduling ----------------------------------------------------------------------

    @staticmethod
    def runnable(state: InstanceState, now: float) -> Token | None:
        if state.status not in ("running", "waiting"):
            return None
        for t in state.tokens:
            if t.status == "ready" and (t.due is None or t.due <= now):
                return t
            if t.status == "timer" and t.due is not None and t.due <= now:
                return t
        # An inclusive join waits while other branches are alive; once none are, it fires.
        for t in state.tokens:
            if t.status == "parked-inclusive" and not any(
                o.status in ("ready", "waiting", "timer")
                and o.attached is None
                and o.stack[: len(t.stack)] == t.stack
                for o in state.tokens
            ):
                return t
        return None

    def has_effect(self, g: Graph, tok: Token) -> bool:
        """Would running this token call a function or the AI orchestrator?"""
        node = g.nodes.get(tok.node)
        if node is None or tok.status == "timer":
            return False
        if node.type in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
            return True
        return (
            self.orchestrator is not None
            and node.type == NodeType.EXCLUSIVE_GATEWAY
            and len(g.outgoing.get(node.id, [])) > 1
        )

    @staticmethod
    def next_due(state: InstanceState) -> float | None:
        dues = [t.due for t in state.tokens if t.status in ("ready", "timer") and t.due]
        return min(dues) if dues else None

    def start_events(self, g: Graph, process: str, variables: dict[str, Any]) -> list[Event]:
        start = g.start_of.get(process)
        if start is None:
            return [
                Event(
                    kind="incident",
                    status="incident",
                    incident={"node": process, "error": "the process has no start event"},
                )
            ]
        return [
            Event(
                kind="started",
                detail={"process": process},
                set=dict(variables),
                produce=[NewToken(node=start)],
            )
        ]

    # -- one step ------------------------------------------------------------------------

    def step(
        self, g: Graph, state: InstanceState, now: float, tok: Token | None = None
    ) -> list[Event]:
        """The events of running `tok` (default: the first runnable token)."""
        tok = tok or self.runnable(state, now)
        if tok is None:
            return []
        node = g.nodes.get(tok.node)
        key = f"{state.id}/{state.steps}"
        if node is None:
            return [self._incident(tok, f"no node {tok.node!r} in the model", key)]
        try:
            return self._execute(g, state, tok, node, key, now)
        except Exception as exc:  # a bug or a broken model must not lose the instance
            log.exception("step %s on %s failed", key, node.id)
            return [self._incident(tok, f"{type(exc).__name__}: {exc}", key)]

    def _execute(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str, now: float
    ) -> list[Event]:
        t = node.type
        if tok.status == "timer":
            return [self._fire_timer(g, state, tok, node, key)]
        if node.multi is not None and t not in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
            return [self._incident(tok, f"a multi-instance {t.value} is not executed", key)]
        if node.event == EventKind.ESCALATION and t in (
            NodeType.INTERMEDIATE_THROW_EVENT,
            NodeType.END_EVENT,
        ):
            return [self._escalate(g, state, tok, node, key)]
        if t in _PASS_THROUGH:
            return [self._leave(g, state, tok, node, key)]
        if t == NodeType.END_EVENT:
            return [self._end(g, state, tok, node, key)]
        if t in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
            return self._service(g, state, tok, node, key, now)
        if t == NodeType.BUSINESS_RULE_TASK:
            return [self._business_rule(g, state, tok, node, key)]
        if t in _WAITS or (
            t == NodeType.INTERMEDIATE_CATCH_EVENT and node.event != EventKind.TIMER
        ):
            return [self._wait(g, state, tok, node, key, now)]
        if t == NodeType.INTERMEDIATE_CATCH_EVENT:
            return [self._schedule_timer(tok, node, key, now)]
        if t == NodeType.BOUNDARY_EVENT:
            return [self._leave(g, state, tok, node, key)]
        if t in (NodeType.SUB_PROCESS, NodeType.CALL_ACTIVITY):
            return [self._enter(g, state, tok, node, key)]
        if t == NodeType.PARALLEL_GATEWAY:
            return [self._parallel(g, state, tok, node, key)]
        if t == NodeType.INCLUSIVE_GATEWAY:
            return self._inclusive(g, state, tok, node, key)
        if t == NodeType.EXCLUSIVE_GATEWAY:
            return self._exclusive(g, state, tok, node, key)
        if t == NodeType.EVENT_BASED_GATEWAY:
            return [self._event_gateway(g, tok, node, key, now)]
        return [self._incident(tok, f"{t.value} is not executable by this engine", key)]

    # -- moving tokens ---------------------------------------------------------------------

    def _consumed_with(self, state: InstanceState, tok: Token) -> list[int]:
        """The token plus the boundary-timer tokens attached to it. A token racing behind an
        event-based gateway ends the race: the gateway's token and every racer go."""
        gate = state.token(tok.attached) if tok.attached is not None else None
        if gate is not None and gate.status == RACING:
            return self._consumed_with(state, gate)
        return [tok.id] + [t.id for t in state.tokens if t.attached == tok.id]

    def _targets(self, flows: list[Flow], stack: list[str]) -> list[NewToken]:
        return [NewToken(node=f.target, stack=stack) for f in flows]

    def _move(
        self,
        state: InstanceState,
        tok: Token,
        node: Node,
        key: str,
        produce: list[NewToken],
        kind: str = "step",
        sets: dict[str, Any] | None = None,
        detail: dict[str, Any] | None = None,
        consume: list[int] | None = None,
        done: Done | None = None,
    ) -> Event:
        gone = consume if consume is not None else self._consumed_with(state, tok)
        left = len(state.tokens) - len(gone) + len(produce)
        return Event(
            kind=kind,
            node=node.id,
            key=key,
            detail=detail or {},
            set=sets or {},
            consume=gone,
            produce=produce,
            done=done,
            status="completed" if left == 0 else None,
            step=True,
        )

    def _leave(
        self,
        g: Graph,
        state: InstanceState,
        tok: Token,
        node: Node,
        key: str,
        sets: dict[str, Any] | None = None,
        detail: dict[str, Any] | None = None,
        done: Done | None = None,
        kind: str = "step",
    ) -> Event:
        flows = g.outgoing.get(node.id, [])
        if not flows:
            return self._end(g, state, tok, node, key, sets, detail, done, kind)
        if any(f.condition for f in flows):
            scope = {**state.variables, **(sets or {})}
            flows = [f for f in flows if not f.condition or _holds(f, scope)]
        return self._move(
            state, tok, node, key, self._targets(flows, tok.stack), kind, sets, detail, done=done
        )

    def _end(
        self,
        g: Graph,
        state: InstanceState,
        tok: Token,
        node: Node,
        key: str,
        sets: dict[str, Any] | None = None,
        detail: dict[str, Any] | None = None,
        done: Done | None = None,
        kind: str = "step",
    ) -> Event:
        consume = self._consumed_with(state, tok)
        scope = tok.stack
        if node.event == EventKind.TERMINATE:
            consume = [t.id for t in state.tokens if t.stack[: len(scope)] == scope]
        others = [
            t
            for t in state.tokens
            if t.id not in consume and t.stack[: len(scope)] == scope and t.attached is None
        ]
        produce: list[NewToken] = []
        if scope and not others:
            container = g.nodes[scope[-1]]
            consume += [t.id for t in state.tokens if t.stack[: len(scope)] == scope]
            outer = scope[:-1]
            flows = g.outgoing.get(container.id, [])
            produce = self._targets(flows, outer)
            # leaving the container also cancels the container's boundary timers
            consume += [
                t.id
                for t in state.tokens
                if t.attached is not None and g.nodes.get(t.node, node).attached_to == container.id
            ]
            consume = sorted(set(consume))
        return self._move(state, tok, node, key, produce, kind, sets, detail, consume, done)

    def _escalate(self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str) -> Event:
        """An escalation thrown at `node` goes to the innermost enclosing sub-process or call
        activity with a matching escalation boundary event. Interrupting: everything inside
        that container is cancelled and its boundary flow taken. Non-interrupting: the boundary
        flow starts beside it and the thrower goes on. Uncaught: the thrower just goes on."""
        code = g.escalation_codes.get(node.escalation_ref or "", node.escalation_ref)
        thrown = self._leave(g, state, tok, node, key)  # what happens without a catcher
        for depth in range(len(tok.stack), 0, -1):
            container = tok.stack[depth - 1]
            for b in g.boundaries.get(container, []):
                caught = g.escalation_codes.get(b.escalation_ref or "", b.escalation_ref)
                if b.event != EventKind.ESCALATION or (b.escalation_ref and caught != code):
                    continue
                detail = {"escalation": code, "boundary": b.id, "interrupting": b.cancel_activity}
                flow = self._targets(g.outgoing.get(b.id, []), tok.stack[: depth - 1])
                if not b.cancel_activity:
                    thrown.produce = [*thrown.produce, *flow]
                    thrown.status = None  # the boundary's path is alive
                    thrown.detail = {**thrown.detail, **detail}
                    return thrown
                inside = tok.stack[:depth]
                gone = {t.id for t in state.tokens if t.stack[:depth] == inside}
                gone |= {
                    t.id
                    for t in state.tokens
                    if t.attached is not None and g.nodes.get(t.node, node).attached_to == container
                }
                return self._move(
                    state,
                    tok,
                    node,
                    key,
                    flow,
                    "escalation_caught",
                    detail=detail,
                    consume=sorted(gone),
                )
        thrown.detail = {**thrown.detail, "escalation": code, "caught": False}
        return thrown

    def _enter(self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str) -> Event:
        inner = node.id if node.type == NodeType.SUB_PROCESS else (node.called_element or "")
        start = g.start_of.get(inner)
        if start is None:
            what = "sub-process" if node.type == NodeType.SUB_PROCESS else "called process"
            return self._incident(tok, f"{what} {inner!r} has no start event in this model", key)
        return self._move(
            state, tok, node, key, [NewToken(node=start, stack=[*tok.stack, node.id])]
        )

    # -- tasks ---------------------------------------------------------------------------

    def _inputs(self, node: Node, variables: dict[str, Any]) -> dict[str, Any]:
        if not node.inputs:
            return variables
        scope = dict(variables)
        for name, expr in node.inputs.items():
            scope[name] = _value(expr, variables)
        return scope

    def _service(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str, now: float
    ) -> list[Event]:
        fn = node.function or ""
        timeout: float | None = None
        if any(
            b.event == EventKind.TIMER and b.cancel_activity for b in g.boundaries.get(node.id, [])
        ):
            armed = [t for t in state.tokens if t.attached == tok.id and t.status == "timer"]
            if not armed:
                # the time-out's due time is committed before the call, so a crash cannot
                # restart the clock: after a resume past it the boundary flow is taken
                return [self._arm_timeouts(g, tok, node, key, now)]
            first = min(armed, key=lambda t: t.due or 0.0)
            timeout = (first.due or now) - now
            if timeout <= 0:
                return [self._time_out(g, state, first, key, fn, called=False)]
        scope = state.variables
        items: list[Any] | None = None
        if node.multi is not None:
            found = _collection(node.multi, state.variables)
            if isinstance(found, str):
                return [self._incident(tok, found, key)]
            items = found
            if not items:  # nothing to run: the task is done at once
                out_var = node.multi.output_collection
                sets: dict[str, Any] = {out_var: []} if out_var else {}
                return [
                    self._leave(g, state, tok, node, key, sets, {"function": fn, "elements": 0})
                ]
            if node.multi.element:
                scope = {**state.variables, node.multi.element: items[tok.index]}
        ctx = StepContext(state.id, node.id, key, tok.attempt + 1)
        try:
            if timeout is None:
                out = self.registry.call(fn, self._inputs(node, scope), ctx)
            else:
                finished = call_with_timeout(
                    self.registry, fn, self._inputs(node, scope), ctx, timeout
                )
                if finished is None:
                    return [self._time_out(g, state, first, key, fn, called=True)]
                out = finished
        except BpmnError as exc:
            return [self._business_error(g, state, tok, node, key, exc)]
        except FunctionInputError as exc:
            return [self._incident(tok, str(exc), key)]
        except Exception as exc:
            return self._failed(g, state, tok, node, key, now, f"{type(exc).__name__}: {exc}")
        for name, expr in node.outputs.items():
            out[name] = _value(expr, {**scope, **out})
        detail = {"function": fn, "attempt": tok.attempt + 1}
        if items is not None:
            return [
                self._next_element(node, tok, key, g, state, len(items), {**scope, **out}, detail)
            ]
        done = Done(node.id, node.compensation, key) if node.compensation else None
        return [self._leave(g, state, tok, node, key, out, detail, done)]

    def _next_element(
        self,
        node: Node,
        tok: Token,
        key: str,
        g: Graph,
        state: InstanceState,
        count: int,
        result_scope: dict[str, Any],
        detail: dict[str, Any],
    ) -> Event:
        """One element of a multi-instance task ran: collect its result, then run the next
        element (its own step and transaction) or leave the task after the last one. The runs'
        own outputs stay theirs: only the output collection reaches the instance."""
        m = node.multi
        assert m is not None
        detail = {**detail, "element": tok.index}
        sets: dict[str, Any] = {}
        if m.output_collection:
            so_far = state.variables.get(m.output_collection) if tok.index else []
            result = (
                result_scope.get(m.output_element, _value(m.output_element, result_scope))
                if m.output_element
                else {k: v for k, v in result_scope.items() if k not in state.variables}
            )
            sets[m.output_collection] = [*(so_far if isinstance(so_far, list) else []), result]
        if tok.index + 1 < count:
            return Event(
                kind="step",
                node=node.id,
                key=key,
                detail=detail,
                set=sets,
                update=[TokenUpdate(id=tok.id, status="ready", attempt=0, index=tok.index + 1)],
                step=True,
            )
        done = Done(node.id, node.compensation, key) if node.compensation else None
        return self._leave(g, state, tok, node, key, sets, detail, done)

    def _arm_timeouts(self, g: Graph, tok: Token, node: Node, key: str, now: float) -> Event:
        def armed(timers: list[NewToken]) -> Event:
            due = min(t.due or now for t in timers)
            return Event(
                kind="timeout_armed", node=node.id, key=key, detail={"due": due}, produce=timers
            )

        return self._with_timers(g, tok, node, key, now, armed, interrupting_only=True)

    def _time_out(
        self, g: Graph, state: InstanceState, timer: Token, key: str, fn: str, called: bool
    ) -> Event:
        """The boundary timer fires: the task is cancelled; a call still running is abandoned
        (its result, whenever it comes, is never read)."""
        boundary = g.nodes[timer.node]
        ev = self._fire_timer(g, state, timer, boundary, key)
        ev.detail["timed_out"] = {"function": fn, "abandoned": called}
        return ev

    def _business_error(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str, exc: BpmnError
    ) -> Event:
        for b in g.boundaries.get(node.id, []):
            if b.event != EventKind.ERROR:
                continue
            code = g.error_codes.get(b.error_ref or "", b.error_ref)
            if b.error_ref is None or code == exc.code:
                detail = {"error": exc.code, "message": str(exc), "boundary": b.id}
                flows = g.outgoing.get(b.id, [])
                return self._move(
                    state,
                    tok,
                    node,
                    key,
                    self._targets(flows, tok.stack),
                    "error_caught",
                    detail=detail,
                )
        return self._incident(tok, f"business error {exc.code} not caught: {exc}", key)

    def _failed(
        self,
        g: Graph,
        state: InstanceState,
        tok: Token,
        node: Node,
        key: str,
        now: float,
        error: str,
    ) -> list[Event]:
        retries = node.retries if node.retries is not None else self.default_retries
        attempt = tok.attempt + 1
        if attempt <= retries:
            delay = self.backoff * (2 ** (attempt - 1))
            return [
                Event(
                    kind="retry_scheduled",
                    node=node.id,
                    key=key,
                    detail={"attempt": attempt, "error": error, "delay": delay},
                    update=[
                        TokenUpdate(id=tok.id, status="ready", due=now + delay, attempt=attempt)
                    ],
                )
            ]
        events = self._compensate(state, key)
        status = "compensated" if events else "incident"
        events.append(
            Event(
                kind="incident",
                node=node.id,
                key=key,
                detail={"attempts": attempt, "error": error},
                status=status,
                incident={"node": node.id, "token": tok.id, "error": error, "attempts": attempt},
            )
        )
        return events

    def _compensate(self, state: InstanceState, key: str) -> list[Event]:
        """Undo completed steps, newest first, with their compensation functions."""
        events = []
        scope = dict(state.variables)
        for done in reversed(state.done):
            ctx = StepContext(state.id, done.node, f"{done.key}/compensate", 1)
            try:
                out = self.registry.call(done.compensation, scope, ctx)
                error = None
            except Exception as exc:
                out, error = {}, f"{type(exc).__name__}: {exc}"
            scope.update(out)
            detail: dict[str, Any] = {"function": done.compensation, "of": done.key}
            if error:
                detail["error"] = error
            events.append(
                Event(
                    kind="compensated", node=done.node, key=key, detail=detail, set=out, undo=True
                )
            )
        return events

    def _business_rule(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str
    ) -> Event:
        ref = node.decision or ""
        try:
            result = self._decisions(state).evaluate(ref, self._inputs(node, state.variables))
        except DecisionError as exc:
            return self._incident(tok, str(exc), key)
        fired = result.pop(RULE_FIELD, None)
        if node.result_variable:
            sets = {
                node.result_variable: next(iter(result.values())) if len(result) == 1 else result
            }
        else:
            sets = result
        detail = {"decision": ref} | ({"rule": fired} if fired else {})
        return self._leave(g, state, tok, node, key, sets, detail)

    def _boundary_timers(
        self, g: Graph, tok: Token, node: Node, now: float, interrupting_only: bool = False
    ) -> list[NewToken] | str:
        """Timer tokens for the node's boundary timers, attached to `tok`; a str is the error."""
        timers: list[NewToken] = []
        for b in g.boundaries.get(node.id, []):
            if b.event != EventKind.TIMER or b.timer is None:
                continue
            if interrupting_only and not b.cancel_activity:
                continue
            every: float | None = None
            repeat: int | None = None
            try:
                due = timer_due(b.timer.kind.value, b.timer.value, now)
                if b.timer.kind == TimerKind.CYCLE and not b.cancel_activity:
                    reps, every = parse_cycle(b.timer.value)
                    repeat = None if reps is None else reps - 1
            except ExpressionError as exc:
                return f"{b.id}: {exc}"
            timers.append(
                NewToken(
                    node=b.id,
                    stack=tok.stack,
                    status="timer",
                    due=due,
                    attached=tok.id,
                    every=every,
                    repeat=repeat,
                )
            )
        return timers

    def _with_timers(
        self,
        g: Graph,
        tok: Token,
        node: Node,
        key: str,
        now: float,
        event: Callable[[list[NewToken]], Event],
        interrupting_only: bool = False,
    ) -> Event:
        """`event(timers)` with the node's boundary timers, or an incident for a bad timer."""
        timers = self._boundary_timers(g, tok, node, now, interrupting_only)
        return self._incident(tok, timers, key) if isinstance(timers, str) else event(timers)

    def _wait(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str, now: float
    ) -> Event:
        detail: dict[str, Any] = {"token": tok.id}
        if node.assignee:
            detail["assignee"] = node.assignee
        waiting = [TokenUpdate(id=tok.id, status="waiting")]

        def wait(timers: list[NewToken]) -> Event:
            return Event(
                "task_waiting", node.id, key, detail, update=waiting, produce=timers, step=True
            )

        return self._with_timers(g, tok, node, key, now, wait)

    def complete_task(
        self, g: Graph, state: InstanceState, task: str, variables: Mapping[str, Any]
    ) -> Event | str:
        """Finish a waiting user task, receive task or message catch event, named by node id,
        token number or (for messages) the message's name. A str is the error."""
        names = {m.id: m.name for m in g.defs.messages}
        for tok in state.tokens:
            if tok.status != "waiting":
                continue
            waiting_for = g.nodes[tok.node].message_ref if tok.node in g.nodes else None
            message = names.get(waiting_for or "")
            if task in (tok.node, str(tok.id)) or (message and task == message):
                node = g.nodes[tok.node]
                key = f"{state.id}/{state.steps}"
                return self._leave(
                    g,
                    state,
                    tok,
                    node,
                    key,
                    dict(variables),
                    {"by": "complete-task"},
                    kind="task_completed",
                )
        waiting = [t.node for t in state.tokens if t.status == "waiting"]
        return f"no waiting task {task!r} (waiting: {', '.join(waiting) or 'none'})"

    def _schedule_timer(self, tok: Token, node: Node, key: str, now: float) -> Event:
        if node.timer is None:
            return self._incident(tok, "timer event without a time", key)
        try:
            due = timer_due(node.timer.kind.value, node.timer.value, now)
        except ExpressionError as exc:
            return self._incident(tok, str(exc), key)
        return Event(
            kind="timer_scheduled",
            node=node.id,
            key=key,
            detail={"due": due},
            update=[TokenUpdate(id=tok.id, status="timer", due=due)],
            step=True,
        )

    def _fire_timer(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str
    ) -> Event:
        if tok.attached is None:  # an intermediate timer catch event
            return self._leave(g, state, tok, node, key, kind="timer_fired")
        flows = g.outgoing.get(node.id, [])
        consume = [tok.id]
        produce = self._targets(flows, tok.stack)
        if node.cancel_activity:
            task = state.token(tok.attached)
            if task is not None:
                consume = self._consumed_with(state, task)
        elif tok.every and (tok.repeat is None or tok.repeat > 0) and tok.due is not None:
            # a cycle: schedule the next firing from this one's due time (no drift)
            produce.append(
                NewToken(
                    node=tok.node,
                    stack=tok.stack,
                    status="timer",
                    due=tok.due + tok.every,
                    attached=tok.attached,
                    every=tok.every,
                    repeat=None if tok.repeat is None else tok.repeat - 1,
                )
            )
        return self._move(
            state,
            tok,
            node,
            key,
            produce,
            "timer_fired",
            detail={"interrupting": node.cancel_activity},
            consume=consume,
        )

    # -- gateways --------------------------------------------------------------------------

    def _event_gateway(self, g: Graph, tok: Token, node: Node, key: str, now: float) -> Event:
        """The gateway's token waits ("racing") while one token per outgoing event waits for
        it: a message (or receive task) for complete-task, a timer for its due time. The first
        to happen takes its flow and consumes the gateway's token and the other racers."""
        racers: list[NewToken] = []
        for f in g.outgoing.get(node.id, []):
            target = g.nodes.get(f.target)
            if target is not None and target.event == EventKind.TIMER and target.timer:
                try:
                    due = timer_due(target.timer.kind.value, target.timer.value, now)
                except ExpressionError as exc:
                    return self._incident(tok, f"{target.id}: {exc}", key)
                racers.append(
                    NewToken(
                        node=target.id, stack=tok.stack, status="timer", due=due, attached=tok.id
                    )
                )
            elif target is not None and (
                target.type == NodeType.RECEIVE_TASK or target.event == EventKind.MESSAGE
            ):
                racers.append(
                    NewToken(node=target.id, stack=tok.stack, status="waiting", attached=tok.id)
                )
            else:
                return self._incident(
                    tok, f"{f.target}: an event-based gateway leads to messages or timers", key
                )
        return Event(
            kind="step",
            node=node.id,
            key=key,
            detail={"racing": [r.node for r in racers]},
            update=[TokenUpdate(id=tok.id, status=RACING)],
            produce=racers,
            step=True,
        )

    def _parallel(self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str) -> Event:
        need = g.incoming.get(node.id, 0)
        if need > 1:
            parked = [
                t.id
                for t in state.tokens
                if t.node == node.id and t.status == "parked" and t.stack == tok.stack
            ]
            if len(parked) + 1 < need:
                return self._park(tok, node, key)
            return self._move(
                state,
                tok,
                node,
                key,
                self._targets(g.outgoing.get(node.id, []), tok.stack),
                consume=[*parked[: need - 1], tok.id],
            )
        return self._leave(g, state, tok, node, key)

    def _park(self, tok: Token, node: Node, key: str, status: str = "parked") -> Event:
        return Event(
            kind="joined",
            node=node.id,
            key=key,
            update=[TokenUpdate(id=tok.id, status=status)],
            step=True,
        )

    def _inclusive(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str
    ) -> list[Event]:
        joined: list[int] = []
        if g.incoming.get(node.id, 0) > 1:
            alive = [
                t
                for t in state.tokens
                if t.id != tok.id
                and t.node != node.id
                and t.status in ("ready", "waiting", "timer")
                and t.stack[: len(tok.stack)] == tok.stack
                and t.attached is None
            ]
            if alive:  # another branch may still arrive here
                return [self._park(tok, node, key, "parked-inclusive")]
            joined = [
                t.id
                for t in state.tokens
                if t.node == node.id and t.id != tok.id and t.status == "parked-inclusive"
            ]
        flows = g.outgoing.get(node.id, [])
        scope = state.variables
        chosen = [
            f for f in flows if f.id != node.default and (not f.condition or _holds(f, scope))
        ]
        if not chosen:
            chosen = [f for f in flows if f.id == node.default]
        if not chosen:
            return [self._incident(tok, "no outgoing flow's condition holds and no default", key)]
        allowed = []
        for f in chosen:
            verdict = self._judge(state, node, f, {}, g, by_conditions=True)
            if verdict.outcome == Outcome.ALLOW:
                allowed.append(f)
        if not allowed:
            return [self._incident(tok, "rules block every flow out of the gateway", key)]
        return [
            self._move(
                state, tok, node, key, self._targets(allowed, tok.stack), consume=[*joined, tok.id]
            )
        ]

    def _deterministic(
        self, node: Node, flows: list[Flow], scope: Mapping[str, Any]
    ) -> Flow | None:
        for f in flows:
            if f.id != node.default and f.condition and _holds(f, scope):
                return f
        for f in flows:
            if f.id != node.default and not f.condition:
                return f
        for f in flows:
            if f.id == node.default:
                return f
        return None

    def _judge(
        self,
        state: InstanceState,
        node: Node,
        flow: Flow,
        inputs: dict[str, Any],
        g: Graph,
        by_conditions: bool = False,
    ) -> Verdict:
        """by_conditions: the flow was chosen by the gateway's own conditions on this very
        state, so only the guard rules are left to judge it."""
        # Rules judge the proposal against the facts: the instance's own variables, with the
        # proposal's values apart (`inputs`, and `sets`: the names it wants to set, so a rule
        # can refuse a name even when the proposed value is null).
        scope = state.variables
        step = {
            **scope,
            "target": flow.target,
            "flow": flow.id,
            "gateway": node.id,
            "inputs": inputs,
            "sets": sorted(inputs),
        }
        verdict = self._decisions(state).judge(state.process, step)
        if verdict.outcome != Outcome.ALLOW or by_conditions:
            return verdict
        if flow.condition and not _holds(flow, scope):
            return Verdict(Outcome.BLOCK, f"condition:{flow.id}", reason="its condition is false")
        if flow.id == node.default:
            others = [f for f in g.outgoing.get(node.id, []) if f.id != flow.id and f.condition]
            if any(_holds(f, scope) for f in others):
                return Verdict(
                    Outcome.BLOCK,
                    f"default:{flow.id}",
                    reason="the default flow is only taken when no condition holds",
                )
        return ALLOW

    def _exclusive(
        self, g: Graph, state: InstanceState, tok: Token, node: Node, key: str
    ) -> list[Event]:
        flows = g.outgoing.get(node.id, [])
        if len(flows) <= 1:
            return [self._leave(g, state, tok, node, key)]
        events: list[Event] = []
        if self.orchestrator is not None:
            picked = self._ask_ai(g, state, tok, node, flows, key, events)
            if picked is not None:
                return [*events, picked]
        chosen = self._deterministic(node, flows, state.variables)
        if chosen is None:
            return [
                *events,
                self._incident(tok, "no outgoing flow's condition holds and no default", key),
            ]
        verdict = self._judge(state, node, chosen, {}, g, by_conditions=True)
        detail: dict[str, Any] = {"flow": chosen.id, "by": "model"}
        if verdict.outcome != Outcome.ALLOW:
            events.append(self._verdict_event(node, key, "model", chosen, verdict))
        if verdict.outcome == Outcome.BLOCK:
            return [*events, self._incident(tok, f"rule {verdict.rule} blocks the only path", key)]
        if verdict.outcome == Outcome.REDIRECT:
            return [*events, self._redirect(g, state, tok, node, key, verdict, {})]
        return [
            *events,
            self._move(state, tok, node, key, [NewToken(chosen.target, tok.stack)], detail=detail),
        ]

    def _verdict_event(
        self, node: Node, key: str, source: str, flow: Flow, verdict: Verdict
    ) -> Event:
        d: dict[str, Any] = {
            "source": source,
            "proposed": flow.target,
            "flow": flow.id,
            "outcome": verdict.outcome.value,
        }
        if verdict.rule:
            d["rule"] = verdict.rule
        if verdict.target:
            d["redirect"] = verdict.target
        if verdict.reason:
            d["reason"] = verdict.reason
        return Event(kind="rule_verdict", node=node.id, key=key, detail=d)

    def _redirect(
        self,
        g: Graph,
        state: InstanceState,
        tok: Token,
        node: Node,
        key: str,
        verdict: Verdict,
        inputs: dict[str, Any],
    ) -> Event:
        target = verdict.target or ""
        if target not in g.nodes:
            return self._incident(
                tok, f"rule {verdict.rule} redirects to unknown node {target!r}", key
            )
        return self._move(
            state,
            tok,
            node,
            key,
            [NewToken(target, tok.stack)],
            sets=inputs,
            detail={"redirected_by": verdict.rule, "to": target},
        )

    def _ask_ai(
        self,
        g: Graph,
        state: InstanceState,
        tok: Token,
        node: Node,
        flows: list[Flow],
        key: str,
        events: list[Event],
    ) -> Event | None:
        assert self.orchestrator is not None
        options = [Option(f.id, f.target, f.name, f.condition) for f in flows]
        request = ProposalRequest(
            process=state.process,
            instance=state.id,
            node=node.id,
            node_name=node.name,
            options=options,
            variables=state.variables,
        )
        try:
            raw = self.orchestrator.propose(request)
        except AIError as exc:
            events.append(
                Event(kind="ai_unavailable", node=node.id, key=key, detail={"error": str(exc)})
            )
            return None
        proposal, error = parse_proposal(raw, options)
        record: dict[str, Any] = {"orchestrator": self.orchestrator.label, "raw": raw[:2000]}
        if proposal is None:
            record["error"] = error
            events.append(Event(kind="ai_rejected", node=node.id, key=key, detail=record))
            log.warning("AI proposal at %s rejected: %s", node.id, error)
            return None
        record["proposal"] = msgspec.to_builtins(proposal)
        events.append(Event(kind="ai_proposal", node=node.id, key=key, detail=record))
        flow = next(f for f in flows if proposal.next in (f.id, f.target))
        inputs = dict(proposal.inputs)
        verdict = self._judge(state, node, flow, inputs, g)
        events.append(self._verdict_event(node, key, "ai", flow, verdict))
        if verdict.outcome == Outcome.ALLOW:
            return self._move(
                state,
                tok,
                node,
                key,
                [NewToken(flow.target, tok.stack)],
                sets=inputs,
                detail={"flow": flow.id, "by": "ai"},
            )
        if verdict.outcome == Outcome.REDIRECT:
            return self._redirect(g, state, tok, node, key, verdict, {})
        return None

    # -- incidents -------------------------------------------------------------------------

    def _incident(self, tok: Token, error: str, key: str) -> Event:
        return Event(
            kind="incident",
            node=tok.node,
            key=key,
            detail={"error": error},
            status="incident",
            incident={"node": tok.node, "token": tok.id, "error": error},
        )


def parse_proposal(raw: str, options: list[Option]) -> tuple[Proposal | None, str]:
    """Schema-check a model answer. (None, why) when it is not acceptable."""
    text = raw.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except ValueError as exc:
        return None, f"not JSON: {exc}"
    try:
        jsonschema.validate(data, proposal_schema(options))
    except jsonschema.ValidationError as exc:
        return None, f"does not match the proposal schema: {exc.message}"
    try:
        return msgspec.convert(data, Proposal), ""
    except msgspec.ValidationError as exc:
        return None, f"does not match the proposal schema: {exc}"


def _holds(flow: Flow, scope: Mapping[str, Any]) -> bool:
    try:
        return evaluate(flow.condition or "", scope, flow.condition_language)
    except ExpressionError:
        return False


def _collection(m: MultiInstance, variables: Mapping[str, Any]) -> list[Any] | str:
    """The list a multi-instance task iterates (a str is the error)."""
    expr = m.collection.strip()
    value = variables.get(expr) if expr.isidentifier() else _value(expr, variables)
    if not isinstance(value, list):
        return f"multi-instance collection {m.collection!r} is not a list: {value!r}"
    return value


def _value(expr: str, scope: Mapping[str, Any]) -> Any:
    s = expr.strip()
    if s.startswith(("${", "#{")) or s.startswith("="):
        try:
            return compile_condition(s)(scope)
        except (ExpressionError, TypeError, ZeroDivisionError):
            return None
    return expr
