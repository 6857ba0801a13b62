"""Event-based gateways run (a message and a timer race; the first wins, the other is
withdrawn); what the engine does not execute — signals, conditional events, multi-instance
activities without a collection — is refused with the element id and line, and `process run`
will not start it."""

from __future__ import annotations

from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.model import Definitions
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore
from intheflow.process.validate import Known, validate

FIXTURES = Path(__file__).parent / "fixtures"
RACE = (FIXTURES / "race.bpmn").read_text()
ANYTHING = Known(lambda _: True, lambda _: True)


def race_model() -> Definitions:
    defs = read_bpmn(RACE).definitions
    assert defs is not None
    return defs


def runtime(tmp_path: Path, clock: list[float]) -> Runtime:
    return Runtime(
        SQLiteStore(tmp_path / "race.db"),
        Engine(builtins, WorkspaceDecisions()),
        clock=lambda: clock[0],
    )


def path_of(rt: Runtime, iid: str) -> list[str]:
    return [e.event.node or "" for e in rt.store.history(iid) if e.event.step]


def test_the_message_wins_and_the_timer_is_withdrawn(tmp_path: Path) -> None:
    clock = [1000.0]
    rt = runtime(tmp_path, clock)
    st = rt.run(rt.start(race_model(), None, {}).id)
    assert st.status == "waiting"
    assert sorted(t.node for t in st.tokens) == ["expired", "paid", "race"]
    st = rt.complete_task(st.id, "payment-received", {"paid": True})  # by message name
    st = rt.run(st.id)
    assert st.status == "completed" and st.tokens == []
    clock[0] += 49 * 3600  # the timer's due time passes: nothing is left to fire
    st = rt.run(st.id)
    assert path_of(rt, st.id) == ["start", "race", "paid", "fulfilled"]
    rt.store.close()


def test_the_timer_wins_and_the_message_is_no_longer_awaited(tmp_path: Path) -> None:
    clock = [1000.0]
    rt = runtime(tmp_path, clock)
    iid = rt.run(rt.start(race_model(), None, {}).id).id
    clock[0] += 48 * 3600
    st = rt.run(iid)
    assert st.status == "completed"
    assert path_of(rt, iid) == ["start", "race", "expired", "cancelled"]
    with pytest.raises(Exception, match="no waiting task"):
        rt.complete_task(iid, "payment-received", {})
    rt.store.close()


def test_an_event_gateway_leading_to_a_task_is_refused() -> None:
    xml = RACE.replace(
        'targetRef="expired" />\n    <bpmn:sequenceFlow id="f3"',
        'targetRef="fulfilled" />\n    <bpmn:sequenceFlow id="f3"',
    )
    found = [p for p in validate(read_bpmn(xml), ANYTHING) if p.code == "event-gateway-target"]
    assert [(p.element, p.line + 1) for p in found] == [("race", 5)]
    assert [p for p in validate(read_bpmn(RACE), ANYTHING) if p.severity == "error"] == []


NOT_EXECUTED = [
    (
        '<bpmn:serviceTask id="charge" camunda:topic="charge">\n'
        '      <bpmn:multiInstanceLoopCharacteristics isSequential="true" />\n'
        "    </bpmn:serviceTask>",
        "charge",
        "multi-instance",
    ),
    (
        '<bpmn:intermediateCatchEvent id="charge">\n'
        '      <bpmn:conditionalEventDefinition id="C1" />\n'
        "    </bpmn:intermediateCatchEvent>",
        "charge",
        "conditional",
    ),
    (
        '<bpmn:intermediateCatchEvent id="charge">\n'
        '      <bpmn:signalEventDefinition id="S1" />\n'
        "    </bpmn:intermediateCatchEvent>",
        "charge",
        "signal",
    ),
]


def model_with(element: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    {element}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge" />
    <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.mark.parametrize(("element", "eid", "what"), NOT_EXECUTED)
def test_what_is_not_executed_is_refused_with_element_and_line(
    element: str, eid: str, what: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = [
        p
        for p in validate(read_bpmn(model_with(element)), ANYTHING)
        if p.code == "bpmn-not-executed"
    ]
    assert len(found) == 1 and found[0].element == eid and what in found[0].message
    assert found[0].line + 1 in (6, 7)  # the element, or its definition inside it
    model = tmp_path / "m.bpmn"
    model.write_text(model_with(element))
    db = str(tmp_path / "cli.db")
    assert main(["process", "run", str(model), "--db", db]) == 2
    err = capsys.readouterr().err
    assert f"m.bpmn:{found[0].line + 1}" in err and what in err
