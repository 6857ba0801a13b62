"""BPMN XML ↔ model ↔ JSON: real modeller files load, round trips are lossless, bad input is
reported with element id and line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st
from intheflow.process.bpmn import read_bpmn, write_bpmn
from intheflow.process.jsonform import process_schema, read_json, to_json
from intheflow.process.model import (
    Bounds,
    Definitions,
    Diagram,
    Edge,
    Error,
    Escalation,
    EventKind,
    Flow,
    Message,
    MultiInstance,
    Node,
    NodeType,
    Point,
    Process,
    ProcessBody,
    Shape,
    Timer,
    TimerKind,
)

REPO = Path(__file__).resolve().parents[2]
PROCESSES = REPO / "examples" / "payments" / "processes"
FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = REPO / "shared" / "schemas" / "formats" / "process.schema.json"


def test_camunda_modeler_file_loads_with_camunda_attributes() -> None:
    parsed = read_bpmn((PROCESSES / "charge-a-card.bpmn").read_text())
    assert parsed.problems == []
    assert parsed.definitions is not None
    proc = parsed.definitions.processes[0]
    by_id = {n.id: n for n in proc.nodes}
    assert by_id["Task_charge"].function == "charge"
    assert by_id["Task_charge"].compensation == "refund"
    assert by_id["Task_charge"].retries == 3
    assert by_id["Task_assess_risk"].decision == "payment_risk"
    assert by_id["Task_review"].assignee == "risk-desk"
    assert by_id["Event_review_timeout"].timer == Timer(TimerKind.DURATION, "PT48H")
    assert by_id["Event_card_declined"].error_ref == "Error_card_declined"
    assert by_id["Gateway_risk"].default == "Flow_low_risk"
    flows = {f.id: f for f in proc.flows}
    assert flows["Flow_approved"].condition == "${approved}"
    text = (PROCESSES / "charge-a-card.bpmn").read_text().splitlines()
    assert (
        text[parsed.lines["Task_charge"]].strip().startswith('<bpmn:serviceTask id="Task_charge"')
    )


def test_bpmn_io_file_with_subprocess_call_activity_and_events_loads() -> None:
    parsed = read_bpmn((FIXTURES / "order-bpmnio.bpmn").read_text())
    assert parsed.definitions is not None
    assert [p.code for p in parsed.problems] == []
    nodes = {n.id: n for n in parsed.definitions.processes[0].nodes}
    assert nodes["StartEvent_1"].event == EventKind.MESSAGE
    assert nodes["Activity_bill"].called_element == "charge_a_card"
    assert nodes["Activity_pack"].body is not None
    assert [n.id for n in nodes["Activity_pack"].body.nodes] == [
        "Event_sub_start",
        "Activity_box",
        "Event_sub_end",
    ]
    flows = {f.id: f for f in parsed.definitions.processes[0].flows}
    assert flows["Flow_sms"].condition_language == "feel"
    shapes = {s.element: s for s in parsed.definitions.diagrams[0].shapes}
    assert shapes["Activity_pack"].expanded is True


def test_example_round_trips_through_bpmn_and_json_including_bpmndi() -> None:
    defs = read_bpmn((PROCESSES / "charge-a-card.bpmn").read_text()).definitions
    assert defs is not None
    again = read_bpmn(write_bpmn(defs)).definitions
    assert again == defs
    assert len(again.diagrams[0].shapes) == 14 and len(again.diagrams[0].edges) == 15
    assert read_json(to_json(defs)).definitions == defs


def test_committed_json_form_equals_the_bpmn_and_validates_against_the_schema() -> None:
    text = (PROCESSES / "charge-a-card.process.json").read_text()
    parsed = read_json(text)
    assert (
        parsed.definitions == read_bpmn((PROCESSES / "charge-a-card.bpmn").read_text()).definitions
    )
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(text))


def test_committed_schema_is_generated_from_the_model() -> None:
    assert json.loads(SCHEMA.read_text()) == process_schema()


def test_broken_xml_reports_line_and_column() -> None:
    parsed = read_bpmn('<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="x">\n  <oops>\n')
    assert parsed.definitions is None
    (p,) = parsed.problems
    assert p.code == "bpmn-xml" and p.line >= 2


def test_unknown_flow_element_is_an_error_with_its_id_and_line() -> None:
    text = (FIXTURES / "order-bpmnio.bpmn").read_text()
    text = text.replace(
        '<bpmn:sequenceFlow id="Flow_1"',
        '<bpmn:complexGateway id="Gateway_weird" />\n    <bpmn:sequenceFlow id="Flow_1"',
    )
    parsed = read_bpmn(text)
    bad = [p for p in parsed.problems if p.code == "bpmn-unknown-element"]
    assert bad and bad[0].element == "Gateway_weird"
    assert text.splitlines()[bad[0].line].strip().startswith("<bpmn:complexGateway")


def test_json_schema_errors_name_the_element_and_line() -> None:
    text = (PROCESSES / "charge-a-card.process.json").read_text()
    broken = text.replace('"type": "userTask"', '"type": "robotTask"')
    parsed = read_json(broken)
    assert parsed.definitions is None
    (p,) = parsed.problems
    assert p.element == "Task_review"
    assert '"Task_review"' in broken.splitlines()[p.line]
    assert read_json('{"id": "x", "processes": [').problems[0].code == "process-json"


# --- property test: generated models survive both forms unchanged --------------------------

_ident = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True)
_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    max_size=12,
).map(str.strip)
_coord = st.one_of(
    st.integers(-2000, 4000).map(float), st.floats(-2000, 4000, allow_nan=False).map(float)
)
_bounds = st.builds(Bounds, _coord, _coord, _coord, _coord)


_multi = st.builds(
    MultiInstance,
    collection=_ident | st.just("${items}"),
    element=st.just("") | _ident,
    sequential=st.booleans(),
    output_collection=st.just("") | _ident,
    output_element=st.just("") | _ident,
)


@st.composite
def _node(draw: st.DrawFn, nid: str, depth: int = 0) -> Node:
    ntype = draw(st.sampled_from([t for t in NodeType if t != NodeType.SUB_PROCESS or depth == 0]))
    kw: dict[str, object] = {"id": nid, "type": ntype, "name": draw(_text)}
    if ntype in (NodeType.SERVICE_TASK, NodeType.SEND_TASK):
        kw["function"] = draw(_ident)
        kw["compensation"] = draw(st.none() | _ident)
        kw["retries"] = draw(st.none() | st.integers(0, 9))
        kw["inputs"] = draw(st.dictionaries(_ident, _text, max_size=2))
        kw["multi"] = draw(st.none() | _multi)
    if ntype == NodeType.BUSINESS_RULE_TASK:
        kw["decision"] = draw(_ident)
        kw["result_variable"] = draw(st.none() | _ident)
    if ntype == NodeType.USER_TASK:
        kw["assignee"] = draw(st.none() | _ident)
        kw["form_key"] = draw(st.none() | _ident)
    if ntype == NodeType.CALL_ACTIVITY:
        kw["called_element"] = draw(_ident)
    if ntype in (NodeType.EXCLUSIVE_GATEWAY, NodeType.INCLUSIVE_GATEWAY):
        kw["default"] = draw(st.none() | _ident)
    if ntype in (
        NodeType.START_EVENT,
        NodeType.INTERMEDIATE_CATCH_EVENT,
        NodeType.BOUNDARY_EVENT,
        NodeType.END_EVENT,
    ):
        event = draw(st.none() | st.sampled_from(list(EventKind)))
        kw["event"] = event
        if event == EventKind.TIMER:
            kw["timer"] = Timer(
                draw(st.sampled_from(list(TimerKind))),
                draw(st.sampled_from(["PT48H", "P1D", "R3/PT10M", "2026-12-01T10:00:00Z"])),
            )
        if event == EventKind.ERROR:
            kw["error_ref"] = draw(_ident)
        if event == EventKind.MESSAGE:
            kw["message_ref"] = draw(_ident)
        if event == EventKind.ESCALATION:
            kw["escalation_ref"] = draw(st.none() | _ident)
    if ntype == NodeType.BOUNDARY_EVENT:
        kw["attached_to"] = draw(_ident)
        kw["cancel_activity"] = draw(st.booleans())
    if ntype == NodeType.SUB_PROCESS:
        children = [draw(_node(f"{nid}_c{i}", depth + 1)) for i in range(draw(st.integers(0, 3)))]
        inner = [c.id for c in children]
        flows = (
            [
                Flow(
                    id=f"{nid}_f{i}",
                    source=draw(st.sampled_from(inner)),
                    target=draw(st.sampled_from(inner)),
                    condition=draw(st.none() | st.just("${done}")),
                )
                for i in range(draw(st.integers(0, 3)))
            ]
            if inner
            else []
        )
        kw["body"] = ProcessBody(nodes=children, flows=flows)
    kw["documentation"] = draw(_text)
    return Node(**{k: v for k, v in kw.items() if v is not None})  # type: ignore[arg-type]


@st.composite
def _definitions(draw: st.DrawFn) -> Definitions:
    nodes = [draw(_node(f"N{i}")) for i in range(draw(st.integers(1, 6)))]
    ids = [n.id for n in nodes]
    flows = []
    for i in range(draw(st.integers(0, 6))):
        cond = draw(st.none() | st.sampled_from(["${approved}", "= amount > 100", "a < 3"]))
        flows.append(
            Flow(
                id=f"F{i}",
                source=draw(st.sampled_from(ids)),
                target=draw(st.sampled_from(ids)),
                name=draw(_text),
                condition=cond,
                # a language only means something on a condition
                condition_language=None if cond is None else draw(st.none() | st.just("feel")),
            )
        )
    proc = Process(
        id="P1", name=draw(_text), executable=draw(st.booleans()), nodes=nodes, flows=flows
    )
    shapes = [
        Shape(
            id=f"{n}_di",
            element=n,
            bounds=draw(_bounds),
            expanded=draw(st.none() | st.booleans()),
            label=draw(st.none() | _bounds),
        )
        for n in ids
    ]
    edges = [
        Edge(
            id=f"{f.id}_di",
            element=f.id,
            waypoints=draw(st.lists(st.builds(Point, _coord, _coord), max_size=4)),
            label=draw(st.none() | _bounds),
        )
        for f in flows
    ]
    return Definitions(
        id="Defs",
        processes=[proc],
        messages=draw(st.lists(st.builds(Message, _ident, _text), max_size=2)),
        errors=draw(st.lists(st.builds(Error, _ident, _text, _ident), max_size=2)),
        escalations=draw(st.lists(st.builds(Escalation, _ident, _text, _ident), max_size=2)),
        diagrams=[Diagram(id="D1", plane="Plane1", element="P1", shapes=shapes, edges=edges)],
        exporter=draw(_text),
    )


@settings(max_examples=80, deadline=None)
@given(_definitions())
def test_generated_models_round_trip_through_bpmn_and_json(defs: Definitions) -> None:
    via_xml = read_bpmn(write_bpmn(defs))
    assert via_xml.definitions == defs
    assert read_json(to_json(defs)).definitions == defs
    # and the cross conversions: BPMN → JSON → BPMN
    assert read_bpmn(write_bpmn(read_json(to_json(defs)).definitions or defs)).definitions == defs
