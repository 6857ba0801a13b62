"""Graph facts (BusinessProcess, IMPLEMENTS, HAS_RULE), the task hover and the demo section."""

from __future__ import annotations

import io
from pathlib import Path

from intheflow.commands.demo import DemoContext
from intheflow.graph.model import EdgeType, NodeLabel
from intheflow.process import demo
from intheflow.process.facts import facts
from intheflow.process.hover import hover

PROCESSES = Path(__file__).resolve().parents[2] / "examples" / "payments" / "processes"
MODEL = PROCESSES / "charge-a-card.bpmn"


def test_facts_link_the_process_to_its_code_and_rules(example_workspace: Path) -> None:
    f = facts(example_workspace)
    procs = [n for n in f.nodes if n.label == NodeLabel.BUSINESS_PROCESS]
    assert [p.id for p in procs] == ["process:charge_a_card"]  # BPMN and JSON form count once
    assert procs[0].props["decisions"] == ["payment_risk"]
    assert procs[0].provenance is not None and procs[0].provenance.source.endswith(".bpmn")
    implements = {(e.src, e.props["task"]) for e in f.edges if e.type == EdgeType.IMPLEMENTS}
    assert (
        "component:services/payments-api/payments_api/validation.py#validate_payment",
        "Task_validate",
    ) in implements
    rules = {e.dst for e in f.edges if e.type == EdgeType.HAS_RULE}
    assert "rule:processes/payment_risk.dmn#Rule_large" in rules
    assert "rule:processes/charge-a-card.guards.json#validate-before-charge" in rules


def test_facts_of_a_workspace_without_models_are_empty(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def charge():\n    pass\n")
    f = facts(tmp_path)
    assert f.nodes == [] and f.edges == []


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if needle in line)


def test_hover_on_a_service_task_shows_the_implementing_code() -> None:
    text = MODEL.read_text()
    info = hover(str(MODEL), text, _line(text, 'id="Task_charge"'))
    assert info is not None and info.element == "Task_charge"
    assert "charge(amount: float, card_number: str, currency: str)" in info.markdown
    assert "server/intheflow/process/functions.py:" in info.markdown
    assert "def charge(" in info.markdown  # the source itself
    assert "Compensated by `refund`" in info.markdown


def test_hover_on_business_rule_task_and_gateway_and_json_form() -> None:
    text = MODEL.read_text()
    rule = hover(str(MODEL), text, _line(text, 'id="Task_assess_risk"'))
    assert rule is not None and "Decision `payment_risk` (FIRST)" in rule.markdown
    assert "| Rule_large | >= 1000 |" in rule.markdown
    gw = hover(str(MODEL), text, _line(text, 'id="Gateway_risk"'))
    assert gw is not None and "`Flow_low_risk` → `Task_charge` when default" in gw.markdown
    assert hover(str(MODEL), text, 0) is None
    js = PROCESSES / "charge-a-card.process.json"
    jtext = js.read_text()
    info = hover(str(js), jtext, _line(jtext, '"id": "Task_review"'))
    assert info is not None and "Waits for a person: assignee risk-desk" in info.markdown
    assert "timer `PT48H` (48 h)" in info.markdown
    assert hover(str(MODEL), "<not xml", 0) is None


def test_demo_section_shows_a_rule_overriding_the_ai(example_workspace: Path) -> None:
    out = io.StringIO()
    demo.section(DemoContext(workspace=example_workspace, out=out))
    text = out.getvalue()
    assert "SCRIPTED orchestrator" in text
    assert "REDIRECT by rule review-risky-payments → Task_review" in text
    assert "1 override(s) of the AI" in text
