"""Multi-instance service tasks: one function call per element of a collection, each its own
durable step with its own idempotency key; results gathered in the output collection. Other
multi-instance activities are refused with the element id and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intheflow.process.bpmn import read_bpmn, write_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import Registry, StepContext
from intheflow.process.model import Definitions, MultiInstance
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore
from intheflow.process.validate import Known, validate

FIXTURES = Path(__file__).parent / "fixtures"
EACH = (FIXTURES / "each.bpmn").read_text()
ANYTHING = Known(lambda _: True, lambda _: True)


def each_model(xml: str = EACH) -> Definitions:
    defs = read_bpmn(xml).definitions
    assert defs is not None
    return defs


class Cards:
    def __init__(self, fail_once_on: str = "") -> None:
        self.calls: list[tuple[str, str]] = []  # (card, idempotency key)
        self.fail_once_on = fail_once_on

    def registry(self) -> Registry:
        reg = Registry()

        @reg.register("charge_card")
        def charge_card(card: str, ctx: StepContext) -> dict[str, Any]:
            self.calls.append((card, ctx.idempotency_key))
            if card == self.fail_once_on:
                self.fail_once_on = ""
                raise ConnectionError("gateway hiccup")
            return {"charge_id": f"ch_{card}"}

        return reg


def run(tmp_path: Path, cards: Cards, variables: dict[str, Any]) -> tuple[Runtime, Any]:
    engine = Engine(cards.registry(), WorkspaceDecisions(), backoff=0.001)
    rt = Runtime(SQLiteStore(tmp_path / "each.db"), engine)
    return rt, rt.run(rt.start(each_model(), None, variables).id)


def test_one_call_per_element_each_its_own_step(tmp_path: Path) -> None:
    cards = Cards()
    rt, st = run(tmp_path, cards, {"cards": ["a", "b", "c"]})
    assert st.status == "completed"
    assert st.variables["charges"] == ["ch_a", "ch_b", "ch_c"]
    assert "card" not in st.variables and "charge_id" not in st.variables  # the runs' own
    assert [c for c, _ in cards.calls] == ["a", "b", "c"]
    assert len({key for _, key in cards.calls}) == 3  # a key per element
    runs = [e.event for e in rt.store.history(st.id) if e.event.node == "charge"]
    assert [e.detail["element"] for e in runs] == [0, 1, 2]
    rt.store.close()


def test_a_retried_element_does_not_rerun_the_others(tmp_path: Path) -> None:
    cards = Cards(fail_once_on="b")
    rt, st = run(tmp_path, cards, {"cards": ["a", "b", "c"]})
    assert st.status == "completed" and st.variables["charges"] == ["ch_a", "ch_b", "ch_c"]
    assert [c for c, _ in cards.calls] == ["a", "b", "b", "c"]
    assert cards.calls[1][1] == cards.calls[2][1]  # the retry keeps its idempotency key
    rt.store.close()


def test_an_empty_collection_runs_nothing_and_a_non_list_is_an_incident(tmp_path: Path) -> None:
    cards = Cards()
    rt, st = run(tmp_path, cards, {"cards": []})
    assert st.status == "completed" and st.variables["charges"] == [] and cards.calls == []
    st = rt.run(rt.start(each_model(), None, {"cards": "a,b"}).id)
    assert st.status == "incident" and "is not a list" in (st.incident or {})["error"]
    rt.store.close()


ZEEBE_LOOP = """<bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="= cards" inputElement="card"
            outputCollection="charges" outputElement="= charge_id" />
        </bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>"""


def test_zeebe_loop_characteristics_are_read_and_camunda_written_back() -> None:
    camunda_loop = EACH[
        EACH.index("<bpmn:multiInstanceLoopCharacteristics") : EACH.index(
            "</bpmn:multiInstanceLoopCharacteristics>"
        )
        + len("</bpmn:multiInstanceLoopCharacteristics>")
    ]
    zeebe = EACH.replace(camunda_loop, ZEEBE_LOOP).replace(
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
        'xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"',
    )
    node = next(n for n in each_model(zeebe).processes[0].nodes if n.id == "charge")
    assert node.multi == MultiInstance("= cards", "card", False, "charges", "= charge_id")
    cards = Cards()  # parallel (not sequential): the calls still run one per step, in order
    rt = Runtime(SQLiteStore(":memory:"), Engine(cards.registry(), WorkspaceDecisions()))
    st = rt.run(rt.start(each_model(zeebe), None, {"cards": ["x", "y"]}).id)
    assert st.variables["charges"] == ["ch_x", "ch_y"] and len(cards.calls) == 2
    camunda = next(n for n in each_model().processes[0].nodes if n.id == "charge")
    assert camunda.multi == MultiInstance("${cards}", "card", True, "charges", "charge_id")
    again = read_bpmn(write_bpmn(each_model())).definitions
    assert again is not None and again == each_model()


def test_other_multi_instance_activities_are_refused(tmp_path: Path) -> None:
    xml = EACH.replace(
        '<bpmn:serviceTask id="charge" name="Charge each card" camunda:type="external" '
        'camunda:topic="charge_card">',
        '<bpmn:userTask id="charge" name="Approve each card">',
    ).replace("</bpmn:serviceTask>", "</bpmn:userTask>")
    found = [p for p in validate(read_bpmn(xml), ANYTHING) if p.code == "bpmn-not-executed"]
    assert [(p.element, p.line + 1) for p in found] == [("charge", 5)]
    assert "multi-instance userTask" in found[0].message
    # a model that skipped validation stops with an incident rather than running it once
    rt = Runtime(SQLiteStore(tmp_path / "u.db"), Engine(Registry(), WorkspaceDecisions()))
    st = rt.run(rt.start(each_model(xml), None, {"cards": ["a"]}).id)
    assert st.status == "incident" and "multi-instance" in (st.incident or {})["error"]
    rt.store.close()
