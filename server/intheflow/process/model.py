"""The process model: one plain-data shape for BPMN XML and the LLM-friendly JSON form.

Both `bpmn.py` (XML with BPMNDI) and `jsonform.py` convert to and from these Structs, so a
round trip through either form is lossless for everything modelled here. Source lines are kept
outside the model (in `Parsed.lines`) so that equality ignores where an element was written.
"""

from __future__ import annotations

import enum
from typing import Annotated

import msgspec


class NodeType(enum.StrEnum):
    START_EVENT = "startEvent"
    END_EVENT = "endEvent"
    INTERMEDIATE_CATCH_EVENT = "intermediateCatchEvent"
    INTERMEDIATE_THROW_EVENT = "intermediateThrowEvent"
    BOUNDARY_EVENT = "boundaryEvent"
    TASK = "task"
    SERVICE_TASK = "serviceTask"
    USER_TASK = "userTask"
    BUSINESS_RULE_TASK = "businessRuleTask"
    SCRIPT_TASK = "scriptTask"
    SEND_TASK = "sendTask"
    RECEIVE_TASK = "receiveTask"
    MANUAL_TASK = "manualTask"
    EXCLUSIVE_GATEWAY = "exclusiveGateway"
    PARALLEL_GATEWAY = "parallelGateway"
    INCLUSIVE_GATEWAY = "inclusiveGateway"
    EVENT_BASED_GATEWAY = "eventBasedGateway"
    SUB_PROCESS = "subProcess"
    CALL_ACTIVITY = "callActivity"


GATEWAYS = frozenset(
    {
        NodeType.EXCLUSIVE_GATEWAY,
        NodeType.PARALLEL_GATEWAY,
        NodeType.INCLUSIVE_GATEWAY,
        NodeType.EVENT_BASED_GATEWAY,
    }
)
EVENTS = frozenset(
    {
        NodeType.START_EVENT,
        NodeType.END_EVENT,
        NodeType.INTERMEDIATE_CATCH_EVENT,
        NodeType.INTERMEDIATE_THROW_EVENT,
        NodeType.BOUNDARY_EVENT,
    }
)


class EventKind(enum.StrEnum):
    """The event definition inside an event element (none for a plain start/end)."""

    TIMER = "timer"
    ERROR = "error"
    MESSAGE = "message"
    SIGNAL = "signal"
    ESCALATION = "escalation"
    TERMINATE = "terminate"
    COMPENSATE = "compensate"


class TimerKind(enum.StrEnum):
    DURATION = "timeDuration"
    DATE = "timeDate"
    CYCLE = "timeCycle"


class Timer(msgspec.Struct, frozen=True, omit_defaults=True):
    kind: TimerKind
    value: str  # ISO-8601: PT48H, 2026-12-01T10:00:00Z, R3/PT10M


def _d(text: str) -> msgspec.Meta:
    # Field descriptions end up in the JSON Schema, where LLMs and editors read them.
    return msgspec.Meta(description=text)


class MultiInstance(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A multi-instance activity: the task runs once per element of a collection."""

    collection: Annotated[
        str, _d("The list to iterate: a variable name or an expression (${items}, = items)")
    ]
    element: Annotated[str, _d("The variable each run sees its element as")] = ""
    sequential: Annotated[bool, _d("One after another (true) or in parallel (false)")] = False
    output_collection: Annotated[str, _d("Variable that receives one result per element")] = ""
    output_element: Annotated[
        str, _d("Each run's result: a variable it outputs or an expression; default: its outputs")
    ] = ""


class Node(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A flow node. Fields that do not apply to a type stay at their defaults."""

    id: Annotated[str, _d("Unique id in the file (BPMN element id)")]
    type: Annotated[NodeType, _d("The BPMN element type")]
    name: str = ""
    function: Annotated[
        str | None,
        _d("Service/send task: the registered function that does the work (camunda:topic)"),
    ] = None
    compensation: Annotated[
        str | None, _d("Service task: the function that undoes it when a later step fails")
    ] = None
    retries: Annotated[int | None, _d("Service task: retries with backoff before an incident")] = (
        None
    )
    decision: Annotated[
        str | None,
        _d("Business-rule task: a DMN decision id or rule-set name (camunda:decisionRef)"),
    ] = None
    result_variable: Annotated[str | None, _d("Business-rule task: where the result goes")] = None
    assignee: Annotated[str | None, _d("User task: who should do it")] = None
    candidate_groups: str | None = None
    form_key: str | None = None
    called_element: Annotated[str | None, _d("Call activity: the id of the called process")] = None
    default: Annotated[
        str | None, _d("Exclusive/inclusive gateway: id of the flow taken when no condition holds")
    ] = None
    event: Annotated[EventKind | None, _d("The event definition of an event node")] = None
    timer: Annotated[Timer | None, _d("Timer events: ISO-8601 duration, date or cycle")] = None
    error_ref: Annotated[str | None, _d("Error events: id of an entry in `errors`")] = None
    message_ref: Annotated[str | None, _d("Message events: id of an entry in `messages`")] = None
    escalation_ref: Annotated[
        str | None, _d("Escalation events: id of an entry in `escalations`")
    ] = None
    attached_to: Annotated[str | None, _d("Boundary event: the id of the task it sits on")] = None
    cancel_activity: Annotated[bool, _d("Boundary event: interrupting (true) or not (false)")] = (
        True
    )
    inputs: Annotated[
        dict[str, str], _d("Input parameters: variable name → value or ${expression}")
    ] = {}
    outputs: Annotated[
        dict[str, str], _d("Output parameters: variable name → value or ${expression}")
    ] = {}
    documentation: str = ""
    body: Annotated[ProcessBody | None, _d("Sub-process: its own nodes and flows")] = None
    multi: Annotated[
        MultiInstance | None, _d("Service/send task: run once per element of a collection")
    ] = None


class Flow(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A sequence flow from `source` to `target` (node ids)."""

    id: str
    source: str
    target: str
    name: str = ""
    condition: Annotated[
        str | None,
        _d(
            "When the flow may be taken: ${approved} (JUEL), = amount > 100 (FEEL) or a "
            'rule-engine expression such as amount > 100 and country == "FR"'
        ),
    ] = None
    condition_language: str | None = None


class ProcessBody(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    nodes: list[Node] = []
    flows: list[Flow] = []


class Process(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    name: str = ""
    executable: bool = True
    nodes: list[Node] = []
    flows: list[Flow] = []
    documentation: str = ""


class Message(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    name: str = ""


class Error(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    name: str = ""
    code: str = ""


class Escalation(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    name: str = ""
    code: str = ""


class Bounds(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    x: float
    y: float
    width: float
    height: float


class Point(msgspec.Struct, frozen=True, array_like=True):
    x: float
    y: float


class Shape(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    element: str
    bounds: Bounds
    expanded: bool | None = None
    marker_visible: bool | None = None
    label: Bounds | None = None


class Edge(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    element: str
    waypoints: list[Point] = []
    label: Bounds | None = None


class Diagram(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    id: str
    plane: str
    element: str  # the process (or collaboration) the plane shows
    shapes: list[Shape] = []
    edges: list[Edge] = []


class Definitions(msgspec.Struct, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """A whole model file: the unit both forms convert."""

    id: str
    processes: list[Process] = []
    messages: list[Message] = []
    errors: list[Error] = []
    escalations: list[Escalation] = []
    diagrams: list[Diagram] = []
    target_namespace: str = "http://bpmn.io/schema/bpmn"
    exporter: str = ""
    exporter_version: str = ""

    def process(self, pid: str | None = None) -> Process | None:
        for p in self.processes:
            if pid is None or p.id == pid:
                return p
        return None


def walk_nodes(body: Process | ProcessBody) -> list[Node]:
    """Every node of a process, sub-process bodies included (depth first, document order)."""
    out: list[Node] = []
    for node in body.nodes:
        out.append(node)
        if node.body is not None:
            out.extend(walk_nodes(node.body))
    return out


def walk_flows(body: Process | ProcessBody) -> list[Flow]:
    out = list(body.flows)
    for node in body.nodes:
        if node.body is not None:
            out.extend(walk_flows(node.body))
    return out
