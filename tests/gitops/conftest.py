"""Fixtures: the spec-validating Argo Workflows stand-in (server/intheflow/gitops/standin.py).

Every test that uses `argo` fails at teardown if any request or response broke the published
swagger, so a client that sends what the real server would reject cannot pass.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from intheflow.gitops.rest import Endpoint
from intheflow.gitops.standin import ArgoCDStandIn, ArgoWorkflowsStandIn, KubernetesStandIn
from intheflow.gitops.workflows import WorkflowsClient

TOKEN = "test-token-7f3a"


@pytest.fixture
def argo() -> Iterator[ArgoWorkflowsStandIn]:
    server = ArgoWorkflowsStandIn(token=TOKEN)
    server.start()
    try:
        yield server
    finally:
        server.stop()
    assert server.violations == [], "requests/responses off the Argo spec"


@pytest.fixture
def workflows(argo: ArgoWorkflowsStandIn) -> WorkflowsClient:
    endpoint = Endpoint(
        argo.url,
        "Argo Workflows server",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=5.0,
        backoff=0.01,
    )
    return WorkflowsClient(endpoint, "argo")


@pytest.fixture
def argocd() -> Iterator[ArgoCDStandIn]:
    server = ArgoCDStandIn(token=TOKEN)
    server.start()
    try:
        yield server
    finally:
        server.stop()
    assert server.violations == [], "requests/responses off the Argo CD spec"


@pytest.fixture
def kube(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KubernetesStandIn]:
    server = KubernetesStandIn()
    server.start()
    try:
        yield server
    finally:
        server.stop()
    assert server.violations == [], "requests off the Kubernetes/Rollouts contract"
