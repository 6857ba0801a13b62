"""The self-healing loop with a scripted OpenAI-compatible model over real HTTP, and the policy."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.core.errors import UserError
from intheflow.gitops.advisor import OpenAIChat
from intheflow.gitops.catalog import Service
from intheflow.gitops.heal import Healer, load_records, record_path
from intheflow.gitops.pipeline import generate
from intheflow.gitops.policy import load_policy, parse_policy, quantity
from intheflow.gitops.standin import ArgoWorkflowsStandIn, Run, ScriptedChatServer, StepRun
from intheflow.gitops.workflows import WorkflowsClient

from .conftest import TOKEN

SLOW_LOG = "collected 212 items\n...\nFAILED tests/test_settle.py::test_batch - Timeout >900.0s\n"


def ledger(workspace: Path) -> Service:
    return Service(
        name="ledger",
        directory=workspace,
        relative=".",
        owner="group:core",
        system="",
        lifecycle="production",
        language="python",
        has_cobol=False,
        catalog_file=workspace / "catalog-info.yaml",
    )


def slow_tests(run: Run) -> list[StepRun]:
    """unit-tests time out unless the test timeout is at least 1800 s."""
    steps = [StepRun("build", "Succeeded", "built\n")]
    if int(run.parameters.get("test-timeout", "0")) < 1800:
        return [*steps, StepRun("unit-tests", "Failed", SLOW_LOG, "Error (exit code 1)")]
    return [*steps, *(StepRun(s, "Succeeded") for s in ("unit-tests", "semgrep", "rule-checks"))]


def answer(kind: str, **extra: object) -> str:
    return json.dumps(
        {"diagnosis": "the settlement test exceeds the timeout", "kind": kind, **extra}
    )


@pytest.fixture
def chat() -> Iterator[ScriptedChatServer]:
    server = ScriptedChatServer([])
    server.start()
    yield server
    server.stop()
    assert server.violations == []


def test_first_fix_fails_forbidden_fix_refused_then_success(
    tmp_path: Path,
    argo: ArgoWorkflowsStandIn,
    workflows: WorkflowsClient,
    chat: ScriptedChatServer,
) -> None:
    argo.executor = slow_tests
    chat.answers = [
        answer("parameters", parameters={"test-memory-limit": "2Gi"}),  # applied, still fails
        answer("parameters", parameters={"test-args": "--deselect tests/test_settle.py"}),
        answer("parameters", parameters={"test-memory-limit": "64Gi"}),  # past policy
        "```json\n" + answer("parameters", parameters={"test-timeout": "1800"}) + "\n```",
    ]
    failed = workflows.create(generate(ledger(tmp_path)).workflow)["metadata"]["name"]
    seen = []
    healer = Healer(
        workflows,
        OpenAIChat(chat.url),
        load_policy(tmp_path),
        tmp_path,
        max_attempts=5,
        on_attempt=seen.append,
    )
    record = healer.heal(failed)

    assert [a.outcome for a in record.attempts] == ["applied", "refused", "refused", "applied"]
    first, skip, memory, last = record.attempts
    assert first.result_phase == "Failed" and first.action == "resubmit"
    assert skip.rules == ["no-skipping-tests: fixes must not skip or deselect tests"]
    assert memory.rules == ["test-memory-within-policy: test memory limit may not exceed 4Gi"]
    assert last.result_phase == "Succeeded"
    assert record.final_phase == "Succeeded" and record.final_workflow == last.result_workflow
    assert seen == record.attempts
    # Refused fixes were never sent to Argo: three workflows exist (original + two resubmits).
    assert len(list(argo.stored())) == 3
    # The model saw the failing log and, later, why its earlier fixes were refused.
    prompt = json.loads(chat.requests[2]["messages"][1]["content"])
    assert "Timeout >900.0s" in prompt["log_tail"]
    assert prompt["earlier_attempts"][1]["refused_by"] == skip.rules
    # The record on disk is what the CLI and the panel show.
    saved = load_records(tmp_path, failed)
    assert saved[0].attempts == record.attempts


def test_bad_answers_are_recorded_not_raised(
    tmp_path: Path,
    argo: ArgoWorkflowsStandIn,
    workflows: WorkflowsClient,
    chat: ScriptedChatServer,
) -> None:
    argo.executor = slow_tests
    chat.answers = ["I think you should retry.", json.dumps({"kind": "reboot"})]
    failed = workflows.create(generate(ledger(tmp_path)).workflow)["metadata"]["name"]
    healer = Healer(workflows, OpenAIChat(chat.url), load_policy(), tmp_path, max_attempts=3)
    record = healer.heal(failed)
    assert [a.outcome for a in record.attempts] == [
        "invalid-proposal",
        "invalid-proposal",
        "model-error",
    ]
    assert "not a JSON object" in record.attempts[0].detail
    assert "'reboot' is not one of" in record.attempts[1].detail
    assert "HTTP 503" in record.attempts[2].detail  # the script ran out: endpoint error
    assert record.final_phase == "Failed"


def test_patch_fix_is_applied_to_the_workspace(
    tmp_path: Path,
    argo: ArgoWorkflowsStandIn,
    workflows: WorkflowsClient,
    chat: ScriptedChatServer,
) -> None:
    (tmp_path / "settings.py").write_text("TIMEOUT = 900\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    patch = "--- a/settings.py\n+++ b/settings.py\n@@ -1 +1 @@\n-TIMEOUT = 900\n+TIMEOUT = 1800\n"
    attempts = iter(["Failed", "Succeeded"])
    argo.executor = lambda run: [StepRun("unit-tests", next(attempts), SLOW_LOG)]
    chat.answers = [answer("patch", patch=patch)]
    failed = workflows.create(generate(ledger(tmp_path)).workflow)["metadata"]["name"]
    record = Healer(workflows, OpenAIChat(chat.url), load_policy(), tmp_path).heal(failed)
    assert record.attempts[0].action == "patch+resubmit"
    assert record.final_phase == "Succeeded"
    assert (tmp_path / "settings.py").read_text() == "TIMEOUT = 1800\n"


def test_cli_heal_and_attempts(
    tmp_path: Path,
    argo: ArgoWorkflowsStandIn,
    workflows: WorkflowsClient,
    chat: ScriptedChatServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argo.executor = slow_tests
    chat.answers = [
        answer("parameters", parameters={"test-args": "-k 'not settle'"}),
        answer("parameters", parameters={"test-timeout": "2400"}),
    ]
    failed = workflows.create(generate(ledger(tmp_path)).workflow)["metadata"]["name"]
    monkeypatch.setenv("ARGO_TOKEN", TOKEN)
    code = main(
        [
            "pipeline",
            "heal",
            failed,
            "--workspace",
            str(tmp_path),
            "--argo-server",
            argo.url,
            "--model-url",
            chat.url,
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "#1 unit-tests: parameters test-args=-k 'not settle' → refused [no-skipping-tests" in out
    assert out.strip().endswith("Succeeded")
    assert record_path(tmp_path, failed).is_file()
    assert main(["pipeline", "attempts", "--workspace", str(tmp_path)]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(failed) and "diagnosis: the settlement test exceeds" in shown
    assert main(["pipeline", "attempts", failed, "--workspace", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["attempts"][1]["result_phase"] == "Succeeded"


def test_policy_rules_and_quantities(tmp_path: Path) -> None:
    assert quantity("4Gi") == Decimal(4 * 2**30)
    assert quantity("500m") == Decimal("0.5")
    assert quantity("lots") is None
    policy = load_policy()
    assert policy.check_fix({"kind": "retry", "diagnosis": "x"}).allowed
    assert not policy.check_fix(
        {"kind": "parameters", "parameters": {"test-timeout": "7200"}}
    ).allowed
    assert policy.check_fix(
        {"kind": "parameters", "parameters": {"test-memory-limit": "3Gi"}}
    ).allowed
    assert not policy.check_fix(
        {"kind": "patch", "patch": "+++ b/t.py\n+@pytest.mark.skip\n+def test_x(): ..."}
    ).allowed
    assert not policy.check_rollout({"error_budget_remaining": -0.1}).allowed
    assert policy.check_rollout({"error_budget_remaining": 0.4}).allowed
    # A workspace may bring its own policy; a broken one is a located error.
    own = tmp_path / ".intheflow" / "policy"
    own.mkdir(parents=True)
    (own / "gitops.json").write_text('{"rules": [\n  {"id": "x"}\n}')
    with pytest.raises(UserError) as info:
        load_policy(tmp_path)
    assert info.value.line == 3 and str(info.value).startswith(str(own / "gitops.json"))
    # A rule the engine cannot compile is refused at load time, with its position.
    bad = '{"kind": "ruleset", "rules": [\n  {"id": "x", "if": "test_args >"}]}'
    with pytest.raises(UserError) as info:
        parse_policy(bad, "inline.json")
    assert info.value.line == 2 and "end of expression" in str(info.value)
    # The workspace's own ruleset replaces the defaults (and is evaluated by the rule engine).
    (own / "gitops.json").write_text(
        json.dumps(
            {
                "kind": "ruleset",
                "hitPolicy": "collect",
                "rules": [
                    {
                        "id": "no-retries",
                        "when": {"subject": '"fix"', "kind": '"retry"'},
                        "then": {
                            "rule": '"no-retries"',
                            "decision": '"forbid"',
                            "message": '"retries need a human"',
                        },
                    }
                ],
            }
        )
    )
    verdict = load_policy(tmp_path).check_fix({"kind": "retry", "diagnosis": "flaky"})
    assert not verdict.allowed and verdict.reasons == ["no-retries: retries need a human"]
