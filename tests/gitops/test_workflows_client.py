"""The Argo Workflows client against the spec-validating stand-in, and its failure modes."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from intheflow.gitops.rest import Endpoint, RemoteError
from intheflow.gitops.settings import argo_workflows
from intheflow.gitops.standin import ArgoWorkflowsStandIn, Run, StepRun
from intheflow.gitops.workflows import WorkflowsClient

from .conftest import TOKEN


def small_workflow(prefix: str = "ci-") -> dict[str, Any]:
    return {
        "metadata": {"generateName": prefix, "labels": {"intheflow.dev/service": "ledger"}},
        "spec": {
            "entrypoint": "main",
            "arguments": {"parameters": [{"name": "retries", "value": "0"}]},
            "templates": [
                {
                    "name": "main",
                    "dag": {
                        "tasks": [
                            {"name": "build", "template": "sh"},
                            {"name": "test", "template": "sh", "dependencies": ["build"]},
                        ]
                    },
                },
                {"name": "sh", "container": {"image": "python:3.11", "command": ["true"]}},
            ],
        },
    }


def test_create_get_list_watch_and_logs(workflows: WorkflowsClient) -> None:
    created = workflows.create(small_workflow())
    name = created["metadata"]["name"]
    assert name.startswith("ci-")
    assert workflows.get(name)["status"]["phase"] == "Succeeded"
    listed = workflows.list(label_selector="intheflow.dev/service=ledger")
    assert [w.name for w in listed] == [name]
    assert workflows.list(label_selector="intheflow.dev/service=other") == []
    events = list(workflows.watch(name, deadline=5))
    assert [(t, s.phase) for t, s in events] == [("ADDED", "Running"), ("MODIFIED", "Succeeded")]
    steps = [n.display_name for n in events[-1][1].nodes if n.type == "Pod"]
    assert sorted(steps) == ["build", "test"]
    lines = list(workflows.logs(name))
    assert {line.content for line in lines} == {"build: ok", "test: ok"}
    test_pod = next(n.pod_name for n in events[-1][1].nodes if n.display_name == "test")
    assert [line.content for line in workflows.logs(name, pod=test_pod)] == ["test: ok"]


def test_submit_from_workflow_template(workflows: WorkflowsClient) -> None:
    template = small_workflow()
    template["metadata"] = {"name": "ledger-ci"}
    workflows.create_template(template)
    wf = workflows.submit_template(
        "ledger-ci", parameters={"retries": "2"}, labels={"team": "payments"}
    )
    assert wf["spec"]["workflowTemplateRef"] == {"name": "ledger-ci"}
    assert wf["spec"]["arguments"]["parameters"] == [{"name": "retries", "value": "2"}]
    assert wf["metadata"]["labels"]["team"] == "payments"
    with pytest.raises(RemoteError, match=r"workflows/argo/submit returned HTTP 404"):
        workflows.submit_template("missing-template")


def test_lint_reports_broken_dag(workflows: WorkflowsClient) -> None:
    assert workflows.lint(small_workflow())["spec"]["entrypoint"] == "main"
    broken = small_workflow()
    broken["spec"]["templates"][0]["dag"]["tasks"][1]["dependencies"] = ["compile"]
    with pytest.raises(RemoteError, match="dependency 'compile' not defined"):
        workflows.lint(broken)


def test_retry_resubmit_stop_terminate(argo: ArgoWorkflowsStandIn, workflows: WorkflowsClient):
    def flaky(run: Run) -> list[StepRun]:
        if run.parameters.get("retries") == "0":
            return [StepRun("build", "Succeeded"), StepRun("test", "Failed", "boom\n")]
        return [StepRun("build", "Succeeded"), StepRun("test", "Succeeded")]

    argo.executor = flaky
    name = workflows.create(small_workflow())["metadata"]["name"]
    summary = workflows.list()[0]
    assert summary.phase == "Failed"
    assert [n.display_name for n in summary.failed_steps] == ["test"]
    retried = workflows.retry(name, parameters={"retries": "1"})
    assert retried["status"]["phase"] == "Succeeded"
    again = workflows.resubmit(name, parameters={"retries": "0"})
    assert again["metadata"]["name"].startswith(f"{name}-")
    assert again["status"]["phase"] == "Failed"
    stopped = workflows.stop(again["metadata"]["name"], message="halt")
    assert stopped["status"]["phase"] == "Failed"
    assert workflows.terminate(name)["metadata"]["name"] == name


def test_stand_in_refuses_what_argo_would_refuse(argo: ArgoWorkflowsStandIn) -> None:
    """The contract check itself: an unknown field in a request body is a violation."""
    endpoint = Endpoint(argo.url, "Argo", headers={"Authorization": f"Bearer {TOKEN}"})
    client = WorkflowsClient(endpoint, "argo")
    wf = small_workflow()
    wf["spec"]["entryPoint"] = "main"  # misspelt: Argo's field is `entrypoint`
    with pytest.raises(RemoteError, match="HTTP 400"):
        client.create(wf)
    assert any("entryPoint" in v for v in argo.violations)
    argo.violations.clear()


def test_expired_token_names_endpoint_not_token(argo: ArgoWorkflowsStandIn) -> None:
    secret = "expired-secret-token-123"
    client = WorkflowsClient(
        Endpoint(argo.url, "Argo Workflows server", headers={"Authorization": f"Bearer {secret}"}),
        "argo",
    )
    with pytest.raises(RemoteError) as info:
        client.list()
    message = str(info.value)
    assert "HTTP 401" in message and "/api/v1/workflows/argo" in message and "expired" in message
    assert secret not in message
    assert info.value.status == 401


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_is_retried_then_reported() -> None:
    port = _free_port()
    client = WorkflowsClient(
        Endpoint(f"http://127.0.0.1:{port}", "Argo Workflows server", backoff=0.01, retries=3),
        "argo",
    )
    with pytest.raises(RemoteError, match=rf"unreachable at GET http://127.0.0.1:{port}/api"):
        client.list()


@pytest.fixture
def odd_server() -> Iterator[tuple[str, list[str]]]:
    """Answers 503 to the first GET, then 200; never answers /hang."""
    seen: list[str] = []

    class H(BaseHTTPRequestHandler):
        def log_message(self, *a: Any) -> None:
            return

        def do_GET(self) -> None:
            seen.append(self.path)
            if self.path.startswith("/hang"):
                time.sleep(3)
                return
            status = 503 if len(seen) == 1 else 200
            body = b'{"metadata": {}, "items": []}'
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_PUT(self) -> None:
            seen.append("PUT " + self.path)
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


def test_gets_retry_on_503_but_writes_do_not(odd_server: tuple[str, list[str]]) -> None:
    url, seen = odd_server
    client = WorkflowsClient(Endpoint(url, "Argo Workflows server", backoff=0.01), "argo")
    assert client.list() == []
    assert len(seen) == 2
    with pytest.raises(RemoteError, match=r"PUT .*/retry returned HTTP 503"):
        client.retry("wf-1")
    assert len([s for s in seen if s.startswith("PUT")]) == 1


def test_hard_timeout_never_hangs(odd_server: tuple[str, list[str]]) -> None:
    url, _ = odd_server
    endpoint = Endpoint(url + "/hang", "Argo Workflows server", timeout=0.3, retries=1)
    started = time.monotonic()
    with pytest.raises(RemoteError, match=r"unreachable|broke off"):
        WorkflowsClient(endpoint, "argo").list()
    assert time.monotonic() - started < 2


def test_settings_from_lsp_options_and_environment() -> None:
    assert argo_workflows({}, env={}) is None
    ep, ns = argo_workflows({}, env={"ARGO_SERVER": "argo.example:2746", "ARGO_TOKEN": "Bearer x"})
    assert ep.base_url == "https://argo.example:2746" and ns == "argo"
    assert ep.headers == {"Authorization": "Bearer x"}
    assert "Bearer x" not in repr(ep)
    ep, ns = argo_workflows(
        {
            "gitops": {
                "argo": {
                    "url": "http://a:1",
                    "token": "t",
                    "namespace": "ci",
                    "insecureSkipVerify": True,
                }
            }
        },
        env={},
    )
    assert (ep.base_url, ns, ep.insecure_skip_verify) == ("http://a:1", "ci", True)
    assert ep.headers == {"Authorization": "Bearer t"}


def test_tls_ca_file_and_insecure_skip_verify(tmp_path: Path) -> None:
    cert, key = tmp_path / "server.pem", tmp_path / "server.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server = ArgoWorkflowsStandIn(token=TOKEN)
    server.tls = (str(cert), str(key))
    url = server.start()
    try:
        assert url.startswith("https://")
        auth = {"Authorization": f"Bearer {TOKEN}"}
        trusted = Endpoint(url, "Argo Workflows server", headers=auth, ca_file=str(cert))
        assert WorkflowsClient(trusted, "argo").list() == []
        untrusted = Endpoint(url, "Argo Workflows server", headers=auth, retries=1)
        with pytest.raises(RemoteError, match="CERTIFICATE_VERIFY_FAILED"):
            WorkflowsClient(untrusted, "argo").list()
        insecure = Endpoint(url, "Argo Workflows server", headers=auth, insecure_skip_verify=True)
        assert WorkflowsClient(insecure, "argo").list() == []
    finally:
        server.stop()
    assert server.violations == []
