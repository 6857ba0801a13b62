"""The AI orchestrator goes through the AI layer's provider interface: the remote provider's
retries, hard deadline and cancellation apply to proposals, over real HTTP."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from intheflow.process.ai import AIError, Option, ProposalRequest, remote_orchestrator
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.model import Definitions
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore

from .conftest import GOOD_CARD

REQUEST = ProposalRequest(
    process="p",
    instance="i1",
    node="Gateway_risk",
    node_name="Risky?",
    options=[Option(flow="Flow_a", target="Task_a"), Option(flow="Flow_b", target="Task_b")],
    variables={"amount": 20},
)
ANSWER = json.dumps({"next": "Task_a", "reason": "small amount"})


def test_a_proposal_is_the_streamed_answer_and_asks_for_json(scripted_ai: Any) -> None:
    ai = scripted_ai(lambda body: ANSWER)
    assert remote_orchestrator(ai.url, "m").propose(REQUEST) == ANSWER
    sent = ai.requests[0]
    assert sent["stream"] is True and sent["model"] == "m"
    assert sent["response_format"] == {"type": "json_object"}
    assert [m["role"] for m in sent["messages"]] == ["system", "user"]
    assert "Decision point Gateway_risk" in sent["messages"][1]["content"]


def test_the_providers_retries_cover_a_busy_endpoint(scripted_ai: Any) -> None:
    ai = scripted_ai(lambda body: ANSWER)
    ai.fail_first = 2  # two 503s, then the answer: within the provider's two retries
    assert remote_orchestrator(ai.url).propose(REQUEST) == ANSWER
    assert len(ai.requests) == 3


def test_the_deadline_ends_a_slow_proposal(scripted_ai: Any) -> None:
    ai = scripted_ai(lambda body: ANSWER)
    ai.delay = 5.0
    started = time.monotonic()
    with pytest.raises(AIError, match="deadline"):
        remote_orchestrator(ai.url, deadline_s=0.5).propose(REQUEST)
    assert time.monotonic() - started < 2.0


def test_cancelling_ends_a_proposal_in_flight(scripted_ai: Any) -> None:
    ai = scripted_ai(lambda body: ANSWER)
    ai.delay = 1.0
    orchestrator = remote_orchestrator(ai.url, deadline_s=30.0)
    threading.Timer(0.3, orchestrator.cancel.cancel).start()
    # the provider checks the token between stream pieces: the answer arriving after the
    # cancellation is dropped, never returned
    with pytest.raises(AIError, match="cancelled"):
        orchestrator.propose(REQUEST)
    requests = len(ai.requests)
    with pytest.raises(AIError, match="cancelled"):  # and no new call goes out
        orchestrator.propose(REQUEST)
    assert len(ai.requests) == requests


def test_a_late_model_leaves_the_decision_to_the_rules(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions, scripted_ai: Any
) -> None:
    ai = scripted_ai(lambda body: json.dumps({"next": "Task_charge"}))
    ai.delay = 3.0
    rt = Runtime(
        SQLiteStore(tmp_path / "p.db"),
        Engine(builtins, decisions, remote_orchestrator(ai.url, deadline_s=0.3)),
    )
    st = rt.run(rt.start(charge_model, None, {"amount": 20.0, "card_number": GOOD_CARD}).id)
    assert st.status == "completed"
    hist = [e.event for e in rt.store.history(st.id)]
    unavailable = [e for e in hist if e.kind == "ai_unavailable"]
    assert unavailable and "deadline" in unavailable[0].detail["error"]
    assert not any(e.kind == "ai_proposal" for e in hist)
    rt.store.close()


def test_the_local_model_proposes_and_the_rules_still_decide(
    tmp_path: Path, decisions: WorkspaceDecisions, charge_model: Definitions
) -> None:
    # The bundled model through the AI layer's local provider (one thread: the machine is
    # shared). Whatever it answers, a 2,500 EUR payment goes to a person before any charge.
    from intheflow.ai.local import LocalProvider
    from intheflow.ai.models import bundled_model_path
    from intheflow.ai.settings import AISettings
    from intheflow.process.ai import ProviderOrchestrator

    provider = LocalProvider(bundled_model_path(), AISettings(n_threads=1))
    assert provider.availability().ok
    local = ProviderOrchestrator(provider, deadline_s=120, max_tokens=48, label="local model")
    rt = Runtime(SQLiteStore(tmp_path / "p.db"), Engine(builtins, decisions, local))
    try:
        st = rt.run(rt.start(charge_model, None, {"amount": 2500.0, "card_number": GOOD_CARD}).id)
        hist = [e.event for e in rt.store.history(st.id)]
    finally:
        rt.store.close()
        provider.close()
    asked = [e for e in hist if e.kind in ("ai_proposal", "ai_rejected", "ai_unavailable")]
    assert asked and all(
        e.detail.get("orchestrator", "local model") == "local model" for e in asked
    )
    for i, e in enumerate(hist):  # a proposal never acts without a verdict right after it
        if e.kind == "ai_proposal":
            assert hist[i + 1].kind == "rule_verdict"
    assert st.status == "waiting"
    assert [t.node for t in st.tokens if t.status == "waiting"] == ["Task_review"]
    assert not any(e.node == "Task_charge" for e in hist if e.step)
