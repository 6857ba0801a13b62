"""The Argo panel and triage requests over stdio against the spec-validating stand-ins, and the
server's Prometheus endpoint showing their latency."""

from __future__ import annotations

import json
import os
import socket
import sys
import urllib.request
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from intheflow.gitops.heal import Attempt, HealingRecord, save
from intheflow.gitops.standin import (
    ArgoCDStandIn,
    ArgoWorkflowsStandIn,
    KubernetesStandIn,
    Run,
    ScriptedChatServer,
    StepRun,
    application,
)
from intheflow.observe.standin import SigNozStandIn
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

TOKEN = "e2e-token"
# The server process inherits the environment; the SigNoz key is named by a setting.
os.environ["E2E_SIGNOZ_KEY"] = "sk"
SERVER_COMMAND = [sys.executable, "-m", "intheflow", "serve", "--stdio"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Backends:
    argo: ArgoWorkflowsStandIn
    argocd: ArgoCDStandIn
    kube: KubernetesStandIn
    signoz: SigNozStandIn
    chat: ScriptedChatServer
    kubeconfig: Path
    metrics_port: int


def _tests_fail(run: Run) -> list[StepRun]:
    return [
        StepRun("build", "Succeeded", "built\n"),
        StepRun("unit-tests", "Failed", "FAILED test_refund - AssertionError\n"),
    ]


@pytest.fixture
def backends(tmp_path: Path) -> Iterator[Backends]:
    argo = ArgoWorkflowsStandIn(token=TOKEN, executor=_tests_fail)
    argocd = ArgoCDStandIn(token=TOKEN)
    kube = KubernetesStandIn()
    signoz = SigNozStandIn(api_key="sk")
    chat = ScriptedChatServer([])
    for server in (argo, argocd, kube, signoz, chat):
        server.start()
    argocd.add(application("payments-api", repo="https://git.example.com/p.git", path="deploy"))
    kube.add(
        {
            "apiVersion": "argoproj.io/v1alpha1",
            "kind": "AnalysisRun",
            "metadata": {
                "name": "payments-api-7c9-1",
                "namespace": "payments",
                "ownerReferences": [
                    {
                        "apiVersion": "argoproj.io/v1alpha1",
                        "kind": "Rollout",
                        "name": "payments-api",
                        "uid": "u1",
                    }
                ],
            },
            "spec": {
                "metrics": [
                    {
                        "name": "success-rate",
                        "provider": {
                            "prometheus": {"address": "http://prom:9090", "query": "vector(1)"}
                        },
                    }
                ]
            },
            "status": {
                "phase": "Running",
                "metricResults": [
                    {
                        "name": "success-rate",
                        "phase": "Running",
                        "measurements": [
                            {
                                "phase": "Successful",
                                "value": "[0.999]",
                                "finishedAt": "2026-11-27T12:00:00Z",
                            }
                        ],
                    }
                ],
            },
        }
    )
    kubeconfig = tmp_path / "kubeconfig"
    kube.kubeconfig(kubeconfig)
    yield Backends(argo, argocd, kube, signoz, chat, kubeconfig, _free_port())
    for server in (argo, argocd, kube, signoz, chat):
        server.stop()
    assert argo.violations == [] and argocd.violations == [] and kube.violations == []
    assert signoz.violations == []


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def argo_client(
    lsp_client: LanguageClient,
    example_workspace: Path,
    backends: Backends,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[LanguageClient]:
    options = {
        "gitops": {
            "argo": {"url": backends.argo.url, "token": TOKEN, "namespace": "argo"},
            "argocd": {"url": backends.argocd.url, "token": TOKEN},
            "kubeconfig": str(backends.kubeconfig),
            "namespace": "payments",
        },
        "ai": {"provider": "remote", "remote": {"base_url": backends.chat.url}},
        "observe": {
            "metricsPort": backends.metrics_port,
            "signoz": {"url": backends.signoz.url, "apiKeyEnv": "E2E_SIGNOZ_KEY"},
        },
    }
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=example_workspace.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(example_workspace.as_uri(), "payments")],
            initialization_options=options,
        )
    )
    lsp_client.workspace_root = example_workspace  # type: ignore[attr-defined]
    yield lsp_client
    await lsp_client.shutdown_session()


async def request(client: LanguageClient, method: str, params: dict[str, Any]) -> Any:
    return await client.protocol.send_request_async(method, params)


def as_dict(value: Any) -> Any:
    """pygls returns unknown results as namedtuples; compare them as plain JSON."""
    from intheflow.protocol import plain

    return plain(value)


async def test_panel_requests_over_stdio(argo_client: LanguageClient, backends: Backends) -> None:
    from intheflow.gitops.catalog import read_services
    from intheflow.gitops.pipeline import generate
    from intheflow.gitops.rest import Endpoint
    from intheflow.gitops.workflows import WorkflowsClient

    root: Path = argo_client.workspace_root  # type: ignore[attr-defined]
    services = {s.name: s for s in read_services(root)[0]}
    direct = WorkflowsClient(
        Endpoint(backends.argo.url, "Argo", headers={"Authorization": f"Bearer {TOKEN}"}), "argo"
    )
    name = direct.create(generate(services["payments-api"]).workflow)["metadata"]["name"]

    listed = as_dict(
        await request(argo_client, "intheflow/argo.workflows", {"service": "payments-api"})
    )
    assert listed["configured"] is True
    [wf] = listed["workflows"]
    assert (wf["name"], wf["phase"], wf["service"]) == (name, "Failed", "payments-api")
    assert [s["name"] for s in wf["steps"]] == ["build", "unit-tests"]
    # The service of the file open in the editor picks the pipelines.
    gateway = root / "services" / "payments-api" / "payments_api" / "gateway.py"
    by_file = as_dict(
        await request(argo_client, "intheflow/argo.workflows", {"uri": gateway.as_uri()})
    )
    assert by_file["service"] == "payments-api" and len(by_file["workflows"]) == 1
    ledger_file = root / "services" / "ledger" / "ledger" / "posting.go"
    other = as_dict(
        await request(argo_client, "intheflow/argo.workflows", {"uri": ledger_file.as_uri()})
    )
    assert other == {"configured": True, "service": "ledger"}

    logs = as_dict(
        await request(argo_client, "intheflow/argo.logs", {"workflow": name, "step": "unit-tests"})
    )
    assert logs["lines"] == ["FAILED test_refund - AssertionError"]

    retried = as_dict(
        await request(
            argo_client, "intheflow/argo.workflowAction", {"workflow": name, "action": "retry"}
        )
    )
    assert retried == {"ok": True, "workflow": name, "phase": "Failed"}
    bad = as_dict(
        await request(
            argo_client, "intheflow/argo.workflowAction", {"workflow": name, "action": "explode"}
        )
    )
    assert bad["ok"] is False and "retry, resubmit, stop, terminate" in bad["error"]

    save(
        root,
        HealingRecord(
            workflow=name,
            started="2026-11-27T12:00:00Z",
            attempts=[
                Attempt(
                    number=1,
                    at="2026-11-27T12:01:00Z",
                    workflow=name,
                    step="unit-tests",
                    error_excerpt="",
                    outcome="refused",
                    fix={"kind": "parameters", "parameters": {"test-args": "--deselect t"}},
                    rules=["no-skipping-tests: no"],
                ),
            ],
            final_phase="Failed",
            final_workflow=name,
        ),
    )
    attempts = as_dict(await request(argo_client, "intheflow/argo.attempts", {}))
    [record] = attempts["records"]
    assert record["attempts"][0]["outcome"] == "refused"
    # (pygls' client turns keys that are not identifiers into _0, _1…; the value is what counts)
    assert list(record["attempts"][0]["parameters"].values()) == ["--deselect t"]

    apps = as_dict(await request(argo_client, "intheflow/argo.apps", {}))
    assert [(a["name"], a["sync"]) for a in apps["apps"]] == [("payments-api", "OutOfSync")]
    synced = as_dict(await request(argo_client, "intheflow/argo.sync", {"app": "payments-api"}))
    assert synced["dryRunPhase"] == "Succeeded" and synced["synced"] is True
    assert synced["sync"] == "Synced"

    runs = as_dict(await request(argo_client, "intheflow/argo.rollouts", {}))
    [run] = runs["runs"]
    assert (run["name"], run["rollout"], run["phase"]) == (
        "payments-api-7c9-1",
        "payments-api",
        "Running",
    )
    assert run["measurements"][0]["value"] == "[0.999]"
    aborted = as_dict(
        await request(
            argo_client, "intheflow/argo.rolloutAction", {"rollout": "missing", "action": "abort"}
        )
    )
    assert aborted["ok"] is False and "HTTP 404" in aborted["error"]

    # Every request above is timed per method on the Prometheus endpoint.
    url = f"http://127.0.0.1:{backends.metrics_port}/metrics"
    with urllib.request.urlopen(url, timeout=5) as response:
        text = response.read().decode()
    assert (
        'intheflow_lsp_request_duration_seconds_count{method="intheflow/argo.workflows"} 3.0'
        in text
    )
    assert 'method="intheflow/argo.workflowAction"} 2.0' in text


async def test_unreachable_server_and_bad_params_never_kill_the_server(
    argo_client: LanguageClient, backends: Backends
) -> None:
    backends.argo.stop()
    listed = as_dict(await request(argo_client, "intheflow/argo.workflows", {}))
    assert listed["configured"] is True and "unreachable" in listed["error"]
    assert TOKEN not in listed["error"]
    with pytest.raises(Exception, match="workflow"):
        await request(argo_client, "intheflow/argo.logs", {"step": "x"})  # no workflow
    apps = as_dict(await request(argo_client, "intheflow/argo.apps", {}))
    assert apps["configured"] is True  # the server still answers
    backends.argo.start()  # so teardown can stop it


async def test_triage_over_stdio(
    argo_client: LanguageClient, backends: Backends, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC)
    backends.signoz.add_log(
        int(now.timestamp() * 1000) - 30_000,
        "payments-api",
        "ERROR",
        'Traceback (most recent call last):\n  File "/app/payments_api/gateway.py", line 34, in '
        "charge\nTimeoutError: card gateway timed out\n",
    )
    alert = {
        "alerts": [
            {
                "labels": {"alertname": "HighErrorRate", "service": "payments-api"},
                "startsAt": now.isoformat(),
            }
        ]
    }
    backends.chat.answers = [json.dumps({"summary": "Gateway timeouts in charge()."})]
    result = as_dict(await request(argo_client, "intheflow/triage", {"alert": alert}))
    [report] = result["reports"]
    top = report["causes"][0]
    assert top["title"].startswith("TimeoutError in ")
    assert top["uri"].endswith("services/payments-api/payments_api/gateway.py")
    assert top["line"] == 33 and top["owner"] == "team-payments"
    assert report["owner"] == "team-payments"
    assert report["notes"] == ["Prometheus not configured: no metrics"]
    assert (report["summary"], report["summaryBy"]) == ("Gateway timeouts in charge().", "ai")
    bad = as_dict(await request(argo_client, "intheflow/triage", {"alert": {"nope": 1}}))
    assert "reports" not in bad and "no `alerts` list" in bad["errors"][0]
    json.dumps(result)


async def test_heal_from_the_panel(argo_client: LanguageClient, backends: Backends) -> None:
    from intheflow.gitops.catalog import read_services
    from intheflow.gitops.pipeline import generate
    from intheflow.gitops.rest import Endpoint
    from intheflow.gitops.workflows import WorkflowsClient

    def timeouts(run: Run) -> list[StepRun]:
        ok = int(run.parameters.get("test-timeout", "0")) >= 1800
        return [
            StepRun("build", "Succeeded"),
            StepRun("unit-tests", "Succeeded" if ok else "Failed", "Timeout >900.0s\n"),
        ]

    backends.argo.executor = timeouts
    backends.chat.answers = [
        json.dumps(
            {
                "diagnosis": "slow",
                "kind": "parameters",
                "parameters": {"test-args": "-k 'not slow'"},
            }
        ),
        json.dumps(
            {
                "diagnosis": "slow but correct",
                "kind": "parameters",
                "parameters": {"test-timeout": "1800"},
            }
        ),
    ]
    root: Path = argo_client.workspace_root  # type: ignore[attr-defined]
    services = {s.name: s for s in read_services(root)[0]}
    direct = WorkflowsClient(
        Endpoint(backends.argo.url, "Argo", headers={"Authorization": f"Bearer {TOKEN}"}), "argo"
    )
    name = direct.create(generate(services["ledger"]).workflow)["metadata"]["name"]
    result = as_dict(await request(argo_client, "intheflow/argo.heal", {"workflow": name}))
    assert result["ok"] is True
    outcomes = [a["outcome"] for a in result["record"]["attempts"]]
    assert outcomes == ["refused", "applied"]
    assert result["record"]["attempts"][0]["rules"][0].startswith("no-skipping-tests")
    # The same chain is what the panel's attempts view shows.
    attempts = as_dict(await request(argo_client, "intheflow/argo.attempts", {"workflow": name}))
    assert attempts["records"][0]["finalPhase"] == "Succeeded"
    bad = as_dict(
        await request(argo_client, "intheflow/argo.heal", {"workflow": name, "maxAttempts": 50})
    )
    assert bad == {"ok": False, "error": "maxAttempts must be between 1 and 10"}
