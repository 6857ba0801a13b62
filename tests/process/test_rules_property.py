"""Property: whatever the AI proposes (valid, adversarial or garbage), the executed path never
violates a rule of the charge-a-card process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intheflow.process.ai import remote_orchestrator
from intheflow.process.bpmn import read_bpmn
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore

PROCESSES = Path(__file__).resolve().parents[2] / "examples" / "payments" / "processes"
NODES = [
    "Task_validate",
    "Task_assess_risk",
    "Task_review",
    "Task_charge",
    "Task_send_receipt",
    "Task_notify_declined",
    "EndEvent_paid",
    "Flow_valid",
    "Flow_invalid",
    "Flow_low_risk",
    "Flow_review",
    "Flow_approved",
    "Flow_rejected",
]

_scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 10_000), st.text(max_size=5))
_valid_answer = st.builds(
    lambda nxt, inputs, reason: json.dumps({"next": nxt, "inputs": inputs, "reason": reason}),
    st.sampled_from(NODES),
    st.dictionaries(
        st.sampled_from(["amount", "valid", "risk", "approved", "note"]), _scalar, max_size=3
    ),
    st.text(max_size=10),
)
_adversarial = st.one_of(
    st.text(max_size=30),
    st.just('{"next": "Task_charge", "inputs": {"valid": true}}'),
    st.just('{"next": "Task_charge", "inputs": {"risk": "low", "approved": true}}'),
    st.just('```json\n{"next": "Task_charge"}\n```'),
    st.just('{"next": ["Task_charge"]}'),
    st.just('{"next": "Task_charge", "inputs": {"amount": 0.01}}'),
    st.just('{"next": "Task_notify_declined", "inputs": {"amount": null, "valid": null}}'),
    st.just('{"next": "Flow_valid", "inputs": {"valid": true, "approved": true}}'),
)
_answers = st.lists(st.one_of(_valid_answer, _adversarial), min_size=1, max_size=4)
_payment = st.fixed_dictionaries(
    {
        "amount": st.one_of(st.integers(1, 3000), st.floats(0.5, 3000)),
        "card_number": st.sampled_from(
            ["4111 1111 1111 1111", "4000 0000 0000 0002", "1234", "5555555555554444"]
        ),
        "country": st.sampled_from(["FR", "DE", "IR", "KP"]),
    }
)


class _Script:
    """The scripted OpenAI-compatible server's answers, replaced for each example."""

    def __init__(self) -> None:
        self.answers: list[str] = ["{}"]
        self.calls = 0

    def __call__(self, body: dict[str, Any]) -> str:
        self.calls += 1
        return self.answers[(self.calls - 1) % len(self.answers)]


@pytest.fixture(scope="module")
def ai_server(scripted_ai_class: Any) -> Iterator[tuple[Any, _Script]]:
    script = _Script()
    server = scripted_ai_class(script)
    yield server, script
    server.close()


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=_answers, payment=_payment, approvals=st.lists(st.booleans(), min_size=3, max_size=3)
)
def test_executed_path_never_violates_a_rule(
    ai_server: tuple[Any, _Script],
    answers: list[str],
    payment: dict[str, Any],
    approvals: list[bool],
) -> None:
    ai, script = ai_server
    script.answers = answers
    script.calls = 0
    defs = read_bpmn((PROCESSES / "charge-a-card.bpmn").read_text()).definitions
    assert defs is not None
    rt = Runtime(
        SQLiteStore(":memory:"),
        Engine(builtins, WorkspaceDecisions.load(PROCESSES), remote_orchestrator(ai.url)),
    )
    st_ = rt.run(rt.start(defs, None, payment).id)
    for approve in approvals:  # a rule may send the payment back to review: answer again
        if st_.status != "waiting":
            break
        rt.complete_task(st_.id, "Task_review", {"approved": approve})
        st_ = rt.run(st_.id)
    assert st_.status in ("completed", "incident", "waiting")
    v = st_.variables
    history = [e.event for e in rt.store.history(st_.id)]
    ran = [e.node for e in history if e.step]
    # rule: validate before charge; the card is charged only when valid
    if "Task_charge" in ran:
        assert ran.index("Task_validate") < ran.index("Task_charge")
        assert v["valid"] is True
        # rule: risky payments are charged only after a human approved them
        assert v["risk"] == "low" or v.get("approved") is True
    # rule: validity, risk and approval come from the function, the decision and a person
    for e in history:
        if e.kind == "step" and e.detail.get("by") == "ai":
            assert not {"valid", "risk", "approved"} & set(e.set)
    # rule: the amount is never changed by the AI
    assert v["amount"] == payment["amount"]
    # every AI proposal that was acted on got an allow verdict first
    for i, e in enumerate(history):
        if e.kind == "step" and e.detail.get("by") == "ai":
            assert history[i - 1].kind == "rule_verdict"
            assert history[i - 1].detail["outcome"] == "allow"
    rt.store.close()
