"""Escalation events: thrown inside a sub-process, caught by the sub-process's escalation
boundary event — interrupting (the sub-process is cancelled) or not (both paths go on);
uncaught, the thrower just goes on. Unknown references are refused with element and line."""

from __future__ import annotations

from pathlib import Path

from intheflow.process.bpmn import read_bpmn, write_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.model import Definitions, Escalation
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore
from intheflow.process.validate import Known, validate

XML = (Path(__file__).parent / "fixtures" / "escalation.bpmn").read_text()
ANYTHING = Known(lambda _: True, lambda _: True)


def model(xml: str = XML) -> Definitions:
    defs = read_bpmn(xml).definitions
    assert defs is not None
    return defs


def waiting(st: object) -> list[str]:
    return sorted(t.node for t in st.tokens if t.status == "waiting")  # type: ignore[attr-defined]


def runtime(tmp_path: Path) -> Runtime:
    return Runtime(SQLiteStore(tmp_path / "e.db"), Engine(builtins, WorkspaceDecisions()))


def test_an_interrupting_escalation_cancels_the_sub_process(tmp_path: Path) -> None:
    rt = runtime(tmp_path)
    st = rt.run(rt.start(model(), None, {}).id)
    assert waiting(st) == ["tell_customer"]  # "ship" never waits: the sub-process is gone
    caught = next(e.event for e in rt.store.history(st.id) if e.event.kind == "escalation_caught")
    assert caught.detail == {"escalation": "LATE", "boundary": "late", "interrupting": True}
    st = rt.complete_task(st.id, "tell_customer")
    assert rt.run(st.id).status == "completed"
    rt.store.close()


def test_a_non_interrupting_escalation_runs_both_paths(tmp_path: Path) -> None:
    rt = runtime(tmp_path)
    xml = XML.replace('attachedToRef="fulfil"', 'cancelActivity="false" attachedToRef="fulfil"')
    st = rt.run(rt.start(model(xml), None, {}).id)
    assert waiting(st) == ["ship", "tell_customer"]
    rt.complete_task(st.id, "ship")
    st = rt.run(st.id)
    assert st.status == "waiting" and waiting(st) == ["tell_customer"]  # left the sub-process
    rt.complete_task(st.id, "tell_customer")
    st = rt.run(st.id)
    assert st.status == "completed"
    path = [e.event.node for e in rt.store.history(st.id) if e.event.step]
    assert {"done", "told"} <= set(path)  # both paths reached their end
    rt.store.close()


def test_an_uncaught_escalation_lets_the_thrower_go_on(tmp_path: Path) -> None:
    rt = runtime(tmp_path)
    xml = XML.replace(
        'escalationRef="Escalation_late" />\n    </bpmn:boundaryEvent>',
        ('escalationRef="Escalation_other" />\n    </bpmn:boundaryEvent>'),
    ).replace(
        '<bpmn:escalation id="Escalation_late"',
        '<bpmn:escalation id="Escalation_other" escalationCode="OTHER" />\n'
        '  <bpmn:escalation id="Escalation_late"',
    )
    st = rt.run(rt.start(model(xml), None, {}).id)
    assert waiting(st) == ["ship"]
    thrown = next(e.event for e in rt.store.history(st.id) if e.event.node == "running_late")
    assert thrown.detail == {"escalation": "LATE", "caught": False}
    rt.store.close()


def test_escalations_round_trip_and_unknown_references_are_refused() -> None:
    defs = model()
    assert defs.escalations == [Escalation("Escalation_late", "Late", "LATE")]
    assert read_bpmn(write_bpmn(defs)).definitions == defs
    bad = XML.replace(
        'id="EscalationEventDefinition_late" escalationRef="Escalation_late"',
        'id="EscalationEventDefinition_late" escalationRef="Escalation_nope"',
    )
    found = [p for p in validate(read_bpmn(bad), ANYTHING) if p.code == "unknown-escalation-ref"]
    assert [(p.element, p.line + 1) for p in found] == [("running_late", 7)]
    on_task = XML.replace('attachedToRef="fulfil"', 'attachedToRef="tell_customer"')
    warned = [
        p.element
        for p in validate(read_bpmn(on_task), ANYTHING)
        if p.code == "escalation-boundary-host"
    ]
    assert warned == ["late"]
    assert [p for p in validate(read_bpmn(XML), ANYTHING) if p.severity == "error"] == []
