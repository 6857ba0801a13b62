"""Validation of a process model: every problem with its element id and source line.

Structure: flows that point nowhere, nodes no start event reaches, dead ends, loops with no way
out, exclusive/inclusive gateways with conditions but no default. Execution: conditions and
timers that cannot be read, service tasks naming no registered function, business-rule tasks
naming no decision, boundary events attached to nothing, unknown error/message references.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from intheflow.core.diagnostics import Severity
from intheflow.process.expressions import ExpressionError, check_condition, timer_due
from intheflow.process.model import (
    EventKind,
    Flow,
    Node,
    NodeType,
    Process,
    ProcessBody,
)
from intheflow.process.problems import NOT_EXECUTED, Parsed, Problem

_SPLITS = (NodeType.EXCLUSIVE_GATEWAY, NodeType.INCLUSIVE_GATEWAY)


@dataclass(frozen=True)
class Known:
    """What the model may refer to outside itself."""

    has_function: Callable[[str], bool]
    has_decision: Callable[[str], bool]
    processes: frozenset[str] = frozenset()  # process ids known in other model files


def not_executed(parsed: Parsed) -> list[Problem]:
    """What in a model this engine would not execute as drawn (`process run` refuses it)."""
    return [
        p for p in validate(parsed, Known(lambda _: True, lambda _: True)) if p.code == NOT_EXECUTED
    ]


def validate(parsed: Parsed, known: Known) -> list[Problem]:
    if parsed.definitions is None:
        return list(parsed.problems)
    defs = parsed.definitions
    out = list(parsed.problems)
    lines = parsed.lines
    errors = {e.id for e in defs.errors}
    messages = {m.id for m in defs.messages}
    escalations = {e.id for e in defs.escalations}
    local_processes = {p.id for p in defs.processes}

    def add(code: str, msg: str, eid: str | None, sev: Severity = Severity.ERROR) -> None:
        out.append(Problem(code, msg, eid, lines.get(eid or "", 0), 0, sev))

    def check_body(body: Process | ProcessBody, where: str) -> None:
        nodes = {n.id: n for n in body.nodes}
        outgoing: dict[str, list[Flow]] = {n: [] for n in nodes}
        incoming: dict[str, list[Flow]] = {n: [] for n in nodes}
        for f in body.flows:
            ok = True
            for end, ref in (("source", f.source), ("target", f.target)):
                if ref not in nodes:
                    add("flow-unknown-ref", f"sequence flow {f.id} has unknown {end} {ref!r}", f.id)
                    ok = False
            if ok:
                outgoing[f.source].append(f)
                incoming[f.target].append(f)
            if f.condition is not None:
                msg = check_condition(f.condition, f.condition_language)
                if msg:
                    add("condition-syntax", f"condition of {f.id}: {msg}", f.id)
        starts = [n for n in body.nodes if n.type == NodeType.START_EVENT]
        if not starts and body.nodes:
            add("no-start-event", f"{where} has no start event", _first_id(body, where))
        for n in body.nodes:
            check_node(n, nodes, outgoing, incoming)
        check_graph(body, nodes, outgoing, starts)
        for n in body.nodes:
            if n.body is not None:
                check_body(n.body, f"sub-process {n.id}")

    def check_node(
        n: Node,
        nodes: dict[str, Node],
        outgoing: dict[str, list[Flow]],
        incoming: dict[str, list[Flow]],
    ) -> None:
        outs = outgoing.get(n.id, [])
        if n.type in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
            if not n.function:
                add("service-task-no-function", f"{_label(n)} names no function", n.id)
            elif not known.has_function(n.function):
                add(
                    "service-task-unknown-function",
                    f"{_label(n)} names function {n.function!r}, which is not registered",
                    n.id,
                )
            if n.compensation and not known.has_function(n.compensation):
                add(
                    "unknown-compensation",
                    f"{_label(n)}: compensation {n.compensation!r} is not registered",
                    n.id,
                )
        if n.type == NodeType.BUSINESS_RULE_TASK:
            if not n.decision:
                add("business-rule-no-decision", f"{_label(n)} names no decision", n.id)
            elif not known.has_decision(n.decision):
                add(
                    "business-rule-unknown-decision",
                    f"{_label(n)} names decision {n.decision!r}: no DMN decision or rule set "
                    "with that id next to the model",
                    n.id,
                )
        if n.type == NodeType.CALL_ACTIVITY:
            called = n.called_element or ""
            if not called:
                add("call-activity-no-process", f"{_label(n)} names no process", n.id)
            elif called not in local_processes and called not in known.processes:
                add(
                    "call-activity-unknown-process",
                    f"{_label(n)} calls process {called!r}, not found in the workspace",
                    n.id,
                    Severity.WARNING,
                )
        if n.type == NodeType.BOUNDARY_EVENT and (not n.attached_to or n.attached_to not in nodes):
            add("boundary-unattached", f"boundary event {n.id} is attached to nothing", n.id)
        if n.multi is not None and n.type not in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
            add(
                NOT_EXECUTED,
                f"{n.id}: a multi-instance {n.type.value} is not executed by this engine "
                "(multi-instance service and send tasks are)",
                n.id,
            )
        if n.event == EventKind.ESCALATION and n.escalation_ref not in (None, *escalations):
            add(
                "unknown-escalation-ref",
                f"{n.id} refers to unknown escalation {n.escalation_ref!r}",
                n.id,
            )
        if (
            n.type == NodeType.BOUNDARY_EVENT
            and n.event == EventKind.ESCALATION
            and n.attached_to in nodes
            and nodes[n.attached_to].type not in (NodeType.SUB_PROCESS, NodeType.CALL_ACTIVITY)
        ):
            add(
                "escalation-boundary-host",
                f"escalation boundary {n.id} sits on {n.attached_to}: only a sub-process or a "
                "call activity can escalate, so it never fires",
                n.id,
                Severity.WARNING,
            )
        if n.event == EventKind.SIGNAL:
            add(
                NOT_EXECUTED,
                f"{n.id}: a signal event is not executed by this engine (no broadcast)",
                n.id,
            )
        if n.type == NodeType.EVENT_BASED_GATEWAY:
            for f in outs:
                target = nodes.get(f.target)
                if target is not None and not (
                    target.type == NodeType.RECEIVE_TASK
                    or (
                        target.type == NodeType.INTERMEDIATE_CATCH_EVENT
                        and target.event in (EventKind.MESSAGE, EventKind.TIMER)
                    )
                ):
                    add(
                        "event-gateway-target",
                        f"{_label(n)} leads to {f.target}: an event-based gateway leads to "
                        "message or timer catch events and receive tasks only",
                        n.id,
                    )
        host = nodes.get(n.attached_to or "")
        if (
            n.type == NodeType.BOUNDARY_EVENT
            and n.event == EventKind.TIMER
            and not n.cancel_activity
            and host is not None
            and host.type in (NodeType.SERVICE_TASK, NodeType.SEND_TASK)
        ):
            add(
                "timer-non-interrupting-on-function",
                f"non-interrupting timer {n.id} on {_label(host)}: functions run synchronously, "
                "so only an interrupting timer (a time-out of the call) is executed",
                n.id,
            )
        if n.event == EventKind.ERROR and n.error_ref and n.error_ref not in errors:
            add("unknown-error-ref", f"{n.id} refers to unknown error {n.error_ref!r}", n.id)
        if n.event == EventKind.MESSAGE and n.message_ref and n.message_ref not in messages:
            add("unknown-message-ref", f"{n.id} refers to unknown message {n.message_ref!r}", n.id)
        if n.event == EventKind.TIMER:
            if n.timer is None:
                add("timer-empty", f"timer event {n.id} has no time", n.id)
            else:
                try:
                    timer_due(n.timer.kind.value, n.timer.value, 0.0)
                except ExpressionError as exc:
                    add("timer-syntax", f"timer of {n.id}: {exc}", n.id)
        if n.type in _SPLITS and len(outs) > 1:
            ids = {f.id for f in outs}
            if n.default is None:
                if any(f.condition for f in outs):
                    add(
                        "gateway-no-default",
                        f"{_label(n)} has conditional flows but no default: an instance stops "
                        "with an incident when no condition holds",
                        n.id,
                        Severity.WARNING,
                    )
            elif n.default not in ids:
                add(
                    "gateway-bad-default", f"default flow {n.default!r} does not leave {n.id}", n.id
                )
            unconditioned = [f.id for f in outs if not f.condition and f.id != n.default]
            if n.type == NodeType.EXCLUSIVE_GATEWAY and len(unconditioned) > 1:
                add(
                    "gateway-ambiguous",
                    f"{_label(n)}: flows {', '.join(unconditioned)} have no condition; only the "
                    "first can ever be taken without an orchestrator",
                    n.id,
                    Severity.WARNING,
                )
        if n.default is not None and n.type not in _SPLITS:
            add("default-not-allowed", f"{n.type.value} {n.id} cannot have a default flow", n.id)
        if n.type == NodeType.START_EVENT and incoming.get(n.id):
            add("start-has-incoming", f"start event {n.id} has incoming flows", n.id)
        if n.type == NodeType.END_EVENT and outs:
            add("end-has-outgoing", f"end event {n.id} has outgoing flows", n.id)

    def check_graph(
        body: Process | ProcessBody,
        nodes: dict[str, Node],
        outgoing: dict[str, list[Flow]],
        starts: list[Node],
    ) -> None:
        attached: dict[str, list[str]] = {}
        for n in body.nodes:
            if n.type == NodeType.BOUNDARY_EVENT and n.attached_to:
                attached.setdefault(n.attached_to, []).append(n.id)
        succ = {
            nid: [f.target for f in outgoing.get(nid, [])] + attached.get(nid, []) for nid in nodes
        }
        reached = _reach([s.id for s in starts], succ)
        pred: dict[str, list[str]] = {nid: [] for nid in nodes}
        for nid, targets in succ.items():
            for t in targets:
                pred.setdefault(t, []).append(nid)
        ends = [
            nid
            for nid, n in nodes.items()
            if n.type == NodeType.END_EVENT
            or (not outgoing.get(nid) and n.type != NodeType.BOUNDARY_EVENT)
        ]
        can_end = _reach(ends, pred)
        for nid, n in nodes.items():
            if starts and nid not in reached:
                add("unreachable", f"{_label(n)} cannot be reached from a start event", nid)
                continue
            is_end = n.type == NodeType.END_EVENT
            if not is_end and not outgoing.get(nid) and n.type != NodeType.BOUNDARY_EVENT:
                add(
                    "dead-end",
                    f"{_label(n)} has no outgoing flow and is not an end event",
                    nid,
                    Severity.WARNING,
                )
            elif not is_end and nid not in can_end:
                add(
                    "cycle-without-exit",
                    f"{_label(n)} is in a loop with no way to an end event",
                    nid,
                )
            if n.type == NodeType.BOUNDARY_EVENT and not outgoing.get(nid):
                add("dead-end", f"boundary event {nid} has no outgoing flow", nid, Severity.WARNING)

    for proc in defs.processes:
        if proc.executable or proc.nodes:
            check_body(proc, f"process {proc.id}")
    return out


def _reach(seeds: list[str], succ: dict[str, list[str]]) -> set[str]:
    seen = set(seeds)
    todo = list(seeds)
    while todo:
        for nxt in succ.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _label(n: Node) -> str:
    return f"{n.type.value} {n.id}" + (f" ({n.name!r})" if n.name else "")


def _first_id(body: Process | ProcessBody, where: str) -> str | None:
    if isinstance(body, Process):
        return body.id
    return body.nodes[0].id if body.nodes else None
