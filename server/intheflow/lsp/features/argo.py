"""The Argo panel's requests: pipelines (Argo Workflows), healing attempts, Argo CD applications
and Rollouts analysis. Each handler converts, runs the plain function of gitops/panel.py in a
worker thread (remote calls have hard timeouts) and converts back."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec
from pygls.exceptions import JsonRpcInvalidParams

from intheflow.gitops import panel
from intheflow.protocol import from_wire, to_wire
from intheflow.protocol import gitops as wire

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

# method → (params type, function of (server, params))
ROUTES: dict[str, tuple[type[Any], Callable[[Any, Any], Any]]] = {
    "intheflow/argo.workflows": (
        wire.WorkflowsParams,
        lambda ls, p: panel.list_workflows(ls.settings, p),
    ),
    "intheflow/argo.logs": (wire.LogsParams, lambda ls, p: panel.workflow_logs(ls.settings, p)),
    "intheflow/argo.workflowAction": (
        wire.WorkflowActionParams,
        lambda ls, p: panel.workflow_action(ls.settings, p),
    ),
    "intheflow/argo.attempts": (
        wire.AttemptsParams,
        lambda ls, p: panel.healing_attempts(ls.root, p),
    ),
    "intheflow/argo.heal": (
        wire.HealParams,
        lambda ls, p: panel.heal_workflow(ls.root, ls.settings, p),
    ),
    "intheflow/argo.apps": (wire.AppsParams, lambda ls, p: panel.list_apps(ls.settings, p)),
    "intheflow/argo.sync": (wire.SyncParams, lambda ls, p: panel.sync_app(ls.settings, p)),
    "intheflow/argo.rollouts": (
        wire.RolloutsParams,
        lambda ls, p: panel.list_rollout_runs(ls.settings, p),
    ),
    "intheflow/argo.rolloutAction": (
        wire.RolloutActionParams,
        lambda ls, p: panel.rollout_action(ls.settings, p),
    ),
}


def _handler(method: str, params_type: type[Any], run: Callable[[Any, Any], Any]) -> Any:
    async def handle(ls: IntheflowServer, params: Any) -> Any:
        try:
            p = from_wire(params_type, params)
        except msgspec.ValidationError as exc:
            raise JsonRpcInvalidParams(f"{method}: {exc}") from exc
        return to_wire(await asyncio.to_thread(run, ls, p))

    return handle


def register(server: IntheflowServer) -> None:
    for method, (params_type, run) in ROUTES.items():
        server.feature(method)(_handler(method, params_type, run))
