"""Demo section: CI pipelines for the example services, submitted to Argo, healed by AI + rules.

With ARGO_SERVER set, the pipelines are validated and created on that server. Without it the
section runs against the local stand-in (gitops/standin.py: real HTTP, every request and response
validated against the published Argo swagger) and a scripted model, and says so in its heading.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from intheflow.gitops import settings
from intheflow.gitops.advisor import OpenAIChat
from intheflow.gitops.catalog import read_services
from intheflow.gitops.heal import Healer
from intheflow.gitops.pipeline import generate, validate
from intheflow.gitops.policy import load_policy
from intheflow.gitops.standin import ArgoWorkflowsStandIn, Run, ScriptedChatServer, StepRun
from intheflow.gitops.workflows import WorkflowsClient, summarize

ORDER = 80

_TIMEOUT_LOG = (
    "tests/test_service.py::test_refund_large_batch\n"
    "E   Failed: Timeout >900.0s\n"
    "FAILED tests/test_service.py::test_refund_large_batch - Failed: Timeout >900.0s\n"
)


def _slow_tests(run: Run) -> list[StepRun]:
    """The stand-in's scenario: unit tests need more than the default 900 s."""
    tasks = [
        t
        for t in ("build", "unit-tests", "semgrep", "rule-checks", "transpile-verify")
        if t in _tasks(run.workflow)
    ]
    out = []
    for task in tasks:
        if task == "unit-tests" and int(run.parameters.get("test-timeout", "0")) < 1800:
            out.append(StepRun(task, "Failed", _TIMEOUT_LOG, "Error (exit code 1)"))
            break
        out.append(StepRun(task, "Succeeded", f"{task}: ok\n"))
    return out


def _tasks(workflow: dict[str, Any]) -> list[str]:
    spec = workflow.get("spec", {})
    for t in spec.get("templates", []):
        if t.get("name") == spec.get("entrypoint"):
            return [task["name"] for task in (t.get("dag") or {}).get("tasks", [])]
    return []


def section(ctx: Any) -> None:
    services, problems = read_services(ctx.workspace)
    configured = settings.argo_workflows({})
    label = (
        "Argo server " + configured[0].base_url
        if configured
        else ("STAND-IN Argo server (no ARGO_SERVER set; spec-validated local double)")
    )
    ctx.heading(f"GitOps: CI pipelines on {label}")
    for problem in problems:
        ctx.line(f"  catalog problem: {problem}")
    pipelines = [generate(s) for s in services]
    rows = []
    for p in pipelines:
        problems_ = validate(p.workflow)
        rows.append(
            (
                p.service.name,
                p.service.language,
                " → ".join(p.steps),
                "valid" if not problems_ else f"INVALID: {problems_[0]}",
            )
        )
    ctx.table(["service", "language", "pipeline", "Argo + Kubernetes schemas"], rows)
    if any(r[3] != "valid" for r in rows):
        raise AssertionError("a generated pipeline does not validate")
    if configured:
        client = WorkflowsClient(*configured)
        for p in pipelines:
            created = client.create(p.workflow)
            ctx.line(f"  submitted {created['metadata']['name']} for {p.service.name}")
        return
    _stand_in_run(ctx, pipelines)


def _stand_in_run(ctx: Any, pipelines: list[Any]) -> None:
    argo = ArgoWorkflowsStandIn(token="demo", executor=_slow_tests)
    chat = ScriptedChatServer(
        [
            json.dumps(
                {
                    "diagnosis": "test_refund_large_batch exceeds the 900 s test timeout",
                    "kind": "parameters",
                    "parameters": {"test-args": "--deselect tests/test_service.py"},
                }
            ),
            json.dumps(
                {
                    "diagnosis": "the refund batch test is slow but correct; allow it 30 min",
                    "kind": "parameters",
                    "parameters": {"test-timeout": "1800"},
                }
            ),
        ]
    )
    argo.start()
    chat.start()
    try:
        client = WorkflowsClient(*_endpoint(argo))
        target = next((p for p in pipelines if p.service.name == "payments-api"), pipelines[0])
        created = client.create(target.workflow)
        name = created["metadata"]["name"]
        summary = summarize(client.get(name))
        ctx.line(f"  submitted {name} for {target.service.name}: {summary.phase}")
        for step in summary.nodes:
            if step.type == "Pod":
                ctx.line(f"    {step.display_name:<14} {step.phase}")
        ctx.line("  self-healing (SCRIPTED model stands in for the AI; the policy rules are real):")
        with tempfile.TemporaryDirectory() as records:
            healer = Healer(
                client,
                OpenAIChat(chat.url),
                load_policy(ctx.workspace),
                Path(records),
                max_attempts=3,
            )
            record = healer.heal(name)
        ctx.table(
            ["#", "proposed fix", "policy", "result"],
            [
                (
                    a.number,
                    ", ".join(
                        f"{k}={v}" for k, v in ((a.fix or {}).get("parameters") or {}).items()
                    )
                    or (a.fix or {}).get("kind", "-"),
                    "refused: " + "; ".join(a.rules) if a.outcome == "refused" else "allowed",
                    f"{a.result_workflow} {a.result_phase}".strip() or a.outcome,
                )
                for a in record.attempts
            ],
        )
        ctx.line(f"  final: {record.final_workflow} {record.final_phase}")
        if argo.violations:
            raise AssertionError(f"requests off the Argo spec: {argo.violations}")
        if record.final_phase != "Succeeded":
            raise AssertionError("the self-healing loop did not recover the pipeline")
    finally:
        argo.stop()
        chat.stop()


def _endpoint(argo: ArgoWorkflowsStandIn) -> tuple[Any, str]:
    found = settings.argo_workflows(
        {"gitops": {"argo": {"url": argo.url, "token": "demo", "namespace": "argo"}}}, env={}
    )
    assert found is not None
    return found
