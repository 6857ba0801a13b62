"""The hybrid engine on the charge-a-card example and the bpmn.io fixture: every path, retries,
incidents, compensation, timers, user tasks, AI proposals judged by rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from intheflow.process.ai import remote_orchestrator
from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import BpmnError, Registry, StepContext, builtins
from intheflow.process.model import Definitions
from intheflow.process.runtime import Runtime, RuntimeError_
from intheflow.process.store import SQLiteStore

FIXTURES = Path(__file__).parent / "fixtures"
PROCESSES = Path(__file__).resolve().parents[2] / "examples" / "payments" / "processes"
GOOD_CARD = "4111 1111 1111 1111"


def kinds(rt: Runtime, iid: str) -> list[tuple[str, str | None]]:
    return [(e.event.kind, e.event.node) for e in rt.store.history(iid)]


def nodes_run(rt: Runtime, iid: str) -> list[str]:
    return [e.event.node or "" for e in rt.store.history(iid) if e.event.step]


def test_low_risk_payment_is_validated_then_charged(
    runtime: Runtime, charge_model: Definitions
) -> None:
    st = runtime.run(
        runtime.start(charge_model, None, {"amount": 25.0, "card_number": GOOD_CARD}).id
    )
    assert st.status == "completed"
    assert st.variables["charge_id"].startswith("ch_")
    assert nodes_run(runtime, st.id) == [
        "StartEvent_payment_requested",
        "Task_validate",
        "Gateway_valid",
        "Task_assess_risk",
        "Gateway_risk",
        "Task_charge",
        "Task_send_receipt",
        "EndEvent_paid",
    ]
    decision = next(e for e in runtime.store.history(st.id) if e.event.node == "Task_assess_risk")
    # the audit trail names the DMN rule that fired
    assert decision.event.detail == {"decision": "payment_risk", "rule": "Rule_default"}
    assert decision.event.set == {"risk": "low"}


def test_invalid_card_is_never_charged(runtime: Runtime, charge_model: Definitions) -> None:
    st = runtime.run(runtime.start(charge_model, None, {"amount": 25.0, "card_number": "123"}).id)
    assert st.status == "completed"
    assert "Task_charge" not in nodes_run(runtime, st.id)
    assert st.variables["last_notification"] == "declined"


def test_large_payment_waits_for_review_and_completes_from_the_task(
    runtime: Runtime, charge_model: Definitions
) -> None:
    st = runtime.run(
        runtime.start(charge_model, None, {"amount": 5000, "card_number": GOOD_CARD}).id
    )
    assert st.status == "waiting"
    assert [t.node for t in st.tokens if t.status == "waiting"] == ["Task_review"]
    with pytest.raises(RuntimeError_, match="no waiting task 'Task_charge'"):
        runtime.complete_task(st.id, "Task_charge", {})
    runtime.complete_task(st.id, "Task_review", {"approved": True})
    st = runtime.run(st.id)
    assert st.status == "completed" and "charge_id" in st.variables
    assert st.tokens == []  # the boundary timer went with the task


def test_review_timer_fires_after_48_hours(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions
) -> None:
    clock = [1_000_000.0]
    rt = Runtime(
        SQLiteStore(tmp_path / "t.db"), Engine(builtins, decisions), clock=lambda: clock[0]
    )
    st = rt.run(rt.start(charge_model, None, {"amount": 5000, "card_number": GOOD_CARD}).id)
    assert st.status == "waiting"
    clock[0] += 47 * 3600
    assert rt.run(st.id).status == "waiting"
    clock[0] += 3600 + 1
    st = rt.run(st.id)
    assert st.status == "completed"
    assert ("timer_fired", "Event_review_timeout") in kinds(rt, st.id)
    assert "Task_charge" not in nodes_run(rt, st.id)


def test_declined_card_takes_the_error_boundary(
    runtime: Runtime, charge_model: Definitions
) -> None:
    card = "4000 0000 0000 0002"
    st = runtime.run(runtime.start(charge_model, None, {"amount": 10, "card_number": card}).id)
    assert st.status == "completed"
    caught = [e for e in runtime.store.history(st.id) if e.event.kind == "error_caught"]
    assert caught[0].event.detail["error"] == "CARD_DECLINED"
    assert st.variables["last_notification"] == "declined"


def _flaky_registry(fail_times: int, receipt_fails: bool = False) -> tuple[Registry, list[str]]:
    reg = Registry()
    calls: list[str] = []
    for spec_name in ("validate_payment", "charge", "refund"):
        spec = builtins.get(spec_name)
        assert spec is not None
        reg.add(spec.fn, spec_name)

    @reg.register("notify")
    def notify(template: str, ctx: StepContext) -> dict[str, Any]:
        calls.append(f"{template}:{ctx.attempt}")
        if receipt_fails or len(calls) <= fail_times:
            raise ConnectionError("mail relay down")
        return {"last_notification": template}

    return reg, calls


def test_failing_function_is_retried_with_backoff_then_succeeds(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions
) -> None:
    reg, calls = _flaky_registry(fail_times=2)
    rt = Runtime(SQLiteStore(tmp_path / "r.db"), Engine(reg, decisions, backoff=0.001))
    st = rt.run(rt.start(charge_model, None, {"amount": 25.0, "card_number": GOOD_CARD}).id)
    assert st.status == "completed"
    assert calls == ["receipt:1", "receipt:2", "receipt:3"]
    retries = [e.event.detail for e in rt.store.history(st.id) if e.event.kind == "retry_scheduled"]
    assert [r["attempt"] for r in retries] == [1, 2]
    assert retries[1]["delay"] == 2 * retries[0]["delay"]  # exponential backoff


def test_exhausted_retries_compensate_the_charge_and_open_an_incident(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions
) -> None:
    reg, _ = _flaky_registry(fail_times=0, receipt_fails=True)
    rt = Runtime(SQLiteStore(tmp_path / "c.db"), Engine(reg, decisions, backoff=0.001))
    st = rt.run(rt.start(charge_model, None, {"amount": 25.0, "card_number": GOOD_CARD}).id)
    assert st.status == "compensated"
    assert st.incident is not None and st.incident["node"] == "Task_send_receipt"
    assert "mail relay down" in st.incident["error"]
    assert st.variables["refund_id"].startswith("re_")
    comp = [e.event for e in rt.store.history(st.id) if e.event.kind == "compensated"]
    assert [(c.node, c.detail["function"]) for c in comp] == [("Task_charge", "refund")]
    # the instance is not lost: it is still there, with its incident, and can be retried
    assert rt.store.row(st.id) is not None and rt.state(st.id).status == "compensated"


def test_incident_on_bad_input_and_retry_after_fix(
    runtime: Runtime, charge_model: Definitions
) -> None:
    st = runtime.run(
        runtime.start(charge_model, None, {"amount": "lots", "card_number": GOOD_CARD}).id
    )
    assert st.status == "incident"
    assert "amount should be float" in (st.incident or {})["error"]
    with pytest.raises(RuntimeError_):
        runtime.start(charge_model, None, {}, instance_id=st.id)  # ids are unique
    # an operator cannot change variables through retry; the retry fails the same way
    assert runtime.run(runtime.retry_incident(st.id).id).status == "incident"


def test_order_fixture_runs_parallel_subprocess_call_activity_inclusive_and_timer(
    tmp_path: Path, charge_model: Definitions
) -> None:
    order = read_bpmn((FIXTURES / "order-bpmnio.bpmn").read_text()).definitions
    assert order is not None
    # one file holding both processes, so the call activity finds charge_a_card
    both = Definitions(
        id="both",
        processes=[*order.processes, *charge_model.processes],
        messages=order.messages,
        errors=charge_model.errors,
    )
    reg = Registry()
    for name in builtins.names():
        spec = builtins.get(name)
        assert spec is not None
        reg.add(spec.fn, name)
    # the send task names no function in the fixture: give it one by the task id convention
    both = _with_function(both, "Activity_email", "notify")
    clock = [0.0]
    rt = Runtime(
        SQLiteStore(tmp_path / "o.db"),
        Engine(reg, WorkspaceDecisions.load(PROCESSES)),
        clock=lambda: clock[0],
    )
    vars_ = {"amount": 30.0, "card_number": GOOD_CARD, "phone": "+33 6 00 00 00 00"}
    st = rt.run(rt.start(both, "Process_order", vars_).id)
    assert st.status == "waiting"  # the SMS branch waits one minute
    ran = nodes_run(rt, st.id)
    assert {"Activity_box", "Task_charge", "Gateway_join"} <= set(ran)
    joins = [i for i, n in enumerate(ran) if n == "Gateway_join"]
    assert len(joins) == 2  # the first branch parks, the second fires the join
    assert joins[1] > ran.index("Task_charge")  # the join waited for the called process
    clock[0] += 61
    st = rt.run(st.id)
    assert st.status == "completed"
    # inclusive gateway: the SMS condition holds, so the default (email) is not taken
    assert "Activity_email" not in nodes_run(rt, st.id)
    assert ("timer_fired", "Event_wait_sms") in kinds(rt, st.id)


def _with_function(defs: Definitions, node_id: str, fn: str) -> Definitions:
    import msgspec

    data = msgspec.to_builtins(defs)
    for proc in data["processes"]:
        for node in proc["nodes"]:
            if node["id"] == node_id:
                node["function"] = fn
    return msgspec.convert(data, Definitions)


# --- AI orchestrator over real HTTP ------------------------------------------------------------


def _ai_runtime(tmp_path: Path, decisions: WorkspaceDecisions, ai: Any) -> Runtime:
    return Runtime(
        SQLiteStore(tmp_path / "ai.db"),
        Engine(builtins, decisions, remote_orchestrator(ai.url, "scripted"), backoff=0.001),
    )


def _answer_for(choices: dict[str, str]) -> Any:
    def answer(body: dict[str, Any]) -> str:
        prompt = body["messages"][-1]["content"]
        for gateway, reply in choices.items():
            if f"Decision point {gateway} " in prompt:
                return reply
        return "{}"

    return answer


def test_ai_proposal_allowed_by_rules_is_followed_and_audited(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions, scripted_ai: Any
) -> None:
    ai = scripted_ai(
        _answer_for({"Gateway_valid": json.dumps({"next": "Task_assess_risk", "reason": "valid"})})
    )
    rt = _ai_runtime(tmp_path, decisions, ai)
    st = rt.run(rt.start(charge_model, None, {"amount": 20.0, "card_number": GOOD_CARD}).id)
    assert st.status == "completed"
    assert ai.requests and ai.requests[0]["response_format"] == {"type": "json_object"}
    hist = [e.event for e in rt.store.history(st.id)]
    prop = next(e for e in hist if e.kind == "ai_proposal")
    assert prop.detail["proposal"]["next"] == "Task_assess_risk"
    verdict = next(e for e in hist if e.kind == "rule_verdict")
    assert verdict.detail["outcome"] == "allow"
    moved = next(e for e in hist if e.kind == "step" and e.node == "Gateway_valid")
    assert moved.detail["by"] == "ai"


def test_rule_blocks_ai_that_skips_validation_and_records_the_rule(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions, scripted_ai: Any
) -> None:
    # an invalid card, and an AI that wants to go on to risk assessment anyway
    ai = scripted_ai(_answer_for({"Gateway_valid": '{"next": "Flow_valid"}'}))
    rt = _ai_runtime(tmp_path, decisions, ai)
    st = rt.run(rt.start(charge_model, None, {"amount": 20.0, "card_number": "42"}).id)
    hist = [e.event for e in rt.store.history(st.id)]
    verdict = next(e for e in hist if e.kind == "rule_verdict")
    assert verdict.detail["outcome"] == "block"
    assert verdict.detail["rule"] == "condition:Flow_valid"
    assert "Task_charge" not in nodes_run(rt, st.id) and st.status == "completed"


def test_guard_rule_redirects_ai_that_charges_a_risky_payment(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions, scripted_ai: Any
) -> None:
    ai = scripted_ai(
        _answer_for({"Gateway_risk": '{"next": "Task_charge", "reason": "customer is VIP"}'})
    )
    rt = _ai_runtime(tmp_path, decisions, ai)
    st = rt.run(rt.start(charge_model, None, {"amount": 5000.0, "card_number": GOOD_CARD}).id)
    hist = [e.event for e in rt.store.history(st.id)]
    verdict = next(e for e in hist if e.kind == "rule_verdict" and e.node == "Gateway_risk")
    assert verdict.detail["rule"] == "review-risky-payments"
    assert verdict.detail["outcome"] == "redirect" and verdict.detail["redirect"] == "Task_review"
    assert st.status == "waiting" and st.tokens[0].node == "Task_review"


def test_ai_may_not_change_the_amount(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions, scripted_ai: Any
) -> None:
    ai = scripted_ai(
        _answer_for({"Gateway_valid": '{"next": "Task_assess_risk", "inputs": {"amount": 1}}'})
    )
    rt = _ai_runtime(tmp_path, decisions, ai)
    st = rt.run(rt.start(charge_model, None, {"amount": 5000.0, "card_number": GOOD_CARD}).id)
    verdict = next(e.event for e in rt.store.history(st.id) if e.event.kind == "rule_verdict")
    assert verdict.detail["rule"] == "amount-is-fixed"
    assert st.variables["amount"] == 5000.0 and st.variables["risk"] == "review"


@pytest.mark.parametrize(
    "answer",
    [
        "I think you should charge the card.",
        '{"next": "Task_nowhere"}',
        '{"next": "Task_assess_risk", "extra": 1}',
        '{"next": "Task_assess_risk", "inputs": {"x": {"nested": true}}}',
        "[]",
    ],
)
def test_invalid_ai_answers_are_rejected_and_logged_and_rules_decide(
    tmp_path: Path,
    decisions: WorkspaceDecisions,
    charge_model: Definitions,
    scripted_ai: Any,
    answer: str,
) -> None:
    ai = scripted_ai(lambda body: answer)
    rt = _ai_runtime(tmp_path, decisions, ai)
    st = rt.run(rt.start(charge_model, None, {"amount": 20.0, "card_number": GOOD_CARD}).id)
    rejected = [e.event for e in rt.store.history(st.id) if e.event.kind == "ai_rejected"]
    assert len(rejected) == 2  # both decision points
    assert rejected[0].detail["raw"] == answer
    assert st.status == "completed" and "charge_id" in st.variables


def test_unreachable_ai_endpoint_falls_back_to_rules(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions
) -> None:
    rt = Runtime(
        SQLiteStore(tmp_path / "x.db"),
        Engine(builtins, decisions, remote_orchestrator("http://127.0.0.1:9", deadline_s=2)),
    )
    st = rt.run(rt.start(charge_model, None, {"amount": 20.0, "card_number": GOOD_CARD}).id)
    assert st.status == "completed"
    assert any(e.event.kind == "ai_unavailable" for e in rt.store.history(st.id))


def test_business_error_without_boundary_is_an_incident(
    tmp_path: Path, decisions: WorkspaceDecisions
) -> None:
    reg = Registry()

    @reg.register("boom")
    def boom() -> dict[str, Any]:
        raise BpmnError("NOPE")

    xml = (FIXTURES / "minimal-service.bpmn").read_text().replace("FUNCTION", "boom")
    defs = read_bpmn(xml).definitions
    assert defs is not None
    rt = Runtime(SQLiteStore(tmp_path / "b.db"), Engine(reg, decisions))
    st = rt.run(rt.start(defs).id)
    assert st.status == "incident" and "NOPE" in (st.incident or {})["error"]


def test_inclusive_split_and_join_wait_for_every_started_branch(runtime: Runtime) -> None:
    defs = read_bpmn((FIXTURES / "inclusive.bpmn").read_text()).definitions
    assert defs is not None
    # SMS and call branches start (conditions hold); the join waits for the person's call
    st = runtime.run(runtime.start(defs, None, {"phone": "+33", "amount": 5000}).id)
    assert st.status == "waiting"
    assert sorted(t.status for t in st.tokens) == ["parked-inclusive", "waiting"]
    st = runtime.run(runtime.complete_task(st.id, "call", {}).id)
    assert st.status == "completed"
    ran = nodes_run(runtime, st.id)
    assert ran.count("join") == 2 and ran[-1] == "end" and "email" not in ran
    # no condition holds: only the default branch runs, and the join passes at once
    st = runtime.run(runtime.start(defs, None, {"phone": None, "amount": 1}).id)
    assert st.status == "completed"
    assert [n for n in nodes_run(runtime, st.id) if n in ("email", "sms", "call")] == ["email"]


def test_non_interrupting_cycle_timer_reminds_three_times_then_stops(
    tmp_path: Path, decisions: WorkspaceDecisions
) -> None:
    defs = read_bpmn((FIXTURES / "reminders.bpmn").read_text()).definitions
    assert defs is not None
    clock = [0.0]
    rt = Runtime(
        SQLiteStore(tmp_path / "c.db"), Engine(builtins, decisions), clock=lambda: clock[0]
    )
    st = rt.run(rt.start(defs, None, {"template": "reminder"}).id)
    for hour in range(1, 6):
        clock[0] = hour * 3600 + 1
        st = rt.run(st.id)
        assert st.status == "waiting"  # the task is still open: the timer does not interrupt
    assert nodes_run(rt, st.id).count("nudge") == 3
    st = rt.run(rt.complete_task(st.id, "approve", {}).id)
    assert st.status == "completed" and st.tokens == []


def test_message_catch_event_waits_and_is_completed_by_message_name(runtime: Runtime) -> None:
    defs = read_bpmn((FIXTURES / "message.bpmn").read_text()).definitions
    assert defs is not None
    st = runtime.run(runtime.start(defs, None, {}).id)
    assert st.status == "waiting" and st.tokens[0].node == "settled"
    st = runtime.run(runtime.complete_task(st.id, "payment-settled", {"settled_at": "T1"}).id)
    assert st.status == "completed" and st.variables["settled_at"] == "T1"


def test_business_rule_task_resolves_a_ruleset_of_the_rule_engine_by_name(
    runtime: Runtime, decisions: WorkspaceDecisions
) -> None:
    # camunda:decisionRef="payment-risk" → examples/payments/rules/payment-risk.rules.json
    xml = (FIXTURES / "minimal-service.bpmn").read_text()
    xml = xml.replace(
        '<bpmn:serviceTask id="work" camunda:type="external" camunda:topic="FUNCTION" />',
        '<bpmn:businessRuleTask id="work" camunda:decisionRef="payment-risk" '
        'camunda:resultVariable="verdict" />',
    )
    defs = read_bpmn(xml).definitions
    assert defs is not None
    assert decisions.has_decision("payment-risk")
    inputs = {"amount": 50, "currency": "EUR", "country": "KP", "attempts": 0}
    st = runtime.run(runtime.start(defs, None, {**inputs, "customer": {"ageDays": 400}}).id)
    assert st.status == "completed"
    assert st.variables["verdict"] == {"decision": "block", "reason": "sanctioned country"}
    step = next(e for e in runtime.store.history(st.id) if e.event.node == "work")
    assert step.event.detail == {"decision": "payment-risk", "rule": "sanctioned-country"}
