"""`intheflow demo` section: run "charge a card" on the example workspace, deterministically and
with an AI orchestrator whose proposal a rule overrides, and show the audit trail."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from intheflow.process.ai import (
    Orchestrator,
    ProposalRequest,
    ScriptedOrchestrator,
    remote_orchestrator,
)
from intheflow.process.decisions import WorkspaceDecisions
from intheflow.process.engine import Engine
from intheflow.process.functions import builtins
from intheflow.process.loader import known_for, read_model
from intheflow.process.runtime import Runtime
from intheflow.process.store import SQLiteStore
from intheflow.process.validate import validate

ORDER = 60
CARD = "4111 1111 1111 1111"


def _scripted() -> Orchestrator:
    def answer(request: ProposalRequest) -> str:
        # An over-eager assistant: skip the review and charge right away.
        if request.node == "Gateway_risk":
            return json.dumps({"next": "Task_charge", "reason": "returning customer, charge now"})
        return json.dumps({"next": request.options[0].target, "reason": "looks fine"})

    return ScriptedOrchestrator(
        answer, "SCRIPTED orchestrator (deterministic demo script; no model endpoint configured)"
    )


def _trail(ctx: Any, rt: Runtime, iid: str) -> None:
    rows = []
    for e in rt.store.history(iid):
        ev = e.event
        d = ev.detail
        if ev.kind == "ai_proposal":
            what = f"AI proposes {d['proposal']['next']}: {d['proposal'].get('reason', '')}"
        elif ev.kind == "rule_verdict":
            what = f"{d['outcome'].upper()} by rule {d.get('rule', '-')}" + (
                f" → {d['redirect']}" if d.get("redirect") else ""
            )
        elif ev.kind == "ai_rejected":
            what = f"AI answer rejected: {d.get('error')}"
        else:
            what = ", ".join(f"{k}={v}" for k, v in sorted(ev.set.items()))[:70]
        rows.append((e.seq, ev.kind, ev.node or "", what))
    ctx.table(["#", "event", "element", "what"], rows)


def section(ctx: Any) -> None:
    ctx.heading("Business process: charge a card (BPMN → durable hybrid engine)")
    folder = Path(ctx.workspace) / "processes"
    model = folder / "charge-a-card.bpmn"
    parsed = read_model(model)
    if parsed.definitions is None:
        raise RuntimeError(f"{model}: {parsed.problems[0].message}")
    decisions = WorkspaceDecisions.load(folder)
    problems = validate(parsed, known_for(folder, builtins, decisions))
    ctx.line(
        f"model {model.name}: {len(parsed.definitions.processes[0].nodes)} elements, "
        f"{len(problems)} validation problem(s); decisions: {', '.join(sorted(decisions.models))}; "
        f"guard rules: {sum(len(g.rule_ids) for g in decisions.guards.values())} "
        "(evaluated by the intheflow rule engine)"
    )
    db = Path(tempfile.mkdtemp(prefix="intheflow-demo-")) / "process.db"
    ctx.line(f"event log + snapshots: SQLite {db}")

    rt = Runtime(SQLiteStore(db), Engine(builtins, decisions))
    st = rt.run(
        rt.start(parsed.definitions, None, {"amount": 42.0, "card_number": CARD}, "demo-det").id
    )
    path = [e.event.node for e in rt.store.history(st.id) if e.event.step]
    ctx.line(f"\n1) deterministic (no AI), 42 EUR: {st.status}, {st.steps} steps")
    ctx.line("   " + " → ".join(p or "" for p in path))

    url = os.environ.get("INTHEFLOW_AI_URL")
    orch: Orchestrator = remote_orchestrator(url) if url else _scripted()
    ctx.line(f"\n2) hybrid, 2,500 EUR, orchestrator: {orch.label}")
    hybrid = Runtime(rt.store, Engine(builtins, decisions, orch))
    st = hybrid.run(
        hybrid.start(
            parsed.definitions, None, {"amount": 2500.0, "card_number": CARD}, "demo-ai"
        ).id
    )
    ctx.line(
        f"   after the AI step: {st.status}, waiting at "
        f"{[t.node for t in st.tokens if t.status == 'waiting']}"
    )
    st = hybrid.complete_task(st.id, "Task_review", {"approved": True})
    st = hybrid.run(st.id)
    ctx.line(
        f"   a person approves (complete-task Task_review approved=true): {st.status}, "
        f"charge {st.variables.get('charge_id')}"
    )
    ctx.line("\n   audit trail (the rule verdict overrides the AI proposal):")
    _trail(ctx, hybrid, st.id)
    verdicts = [
        e.event.detail for e in hybrid.store.history(st.id) if e.event.kind == "rule_verdict"
    ]
    overridden = [v for v in verdicts if v["outcome"] != "allow"]
    ctx.line(
        f"\n   {len(verdicts)} rule verdict(s), {len(overridden)} override(s) of the AI; "
        f"resume after a crash: intheflow process resume <id> --db {db}"
    )
    if not overridden and not url:
        raise RuntimeError("the scripted AI proposal should have been overridden by a rule")
    rt.store.close()
