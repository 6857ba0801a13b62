"""Argo Workflows REST client (the `/api/v1/workflows…` endpoints of argo-server).

Every method maps to one operation of the published swagger (specs/argo-workflows.swagger.json);
request bodies are the swagger's request messages (WorkflowCreateRequest, WorkflowSubmitRequest,
WorkflowRetryRequest…). Results are the server's JSON plus small summaries for display.
Errors are `rest.RemoteError` with the endpoint in the message.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from intheflow.gitops.rest import Endpoint, RemoteError, request_json, stream_json_lines

FINAL_PHASES = frozenset({"Succeeded", "Failed", "Error"})


@dataclass(frozen=True)
class NodeSummary:
    id: str
    name: str
    display_name: str
    type: str
    phase: str
    template: str
    message: str
    pod_name: str | None


@dataclass(frozen=True)
class WorkflowSummary:
    name: str
    namespace: str
    phase: str
    message: str
    started_at: str
    finished_at: str
    labels: dict[str, str] = field(default_factory=dict)
    nodes: list[NodeSummary] = field(default_factory=list)

    @property
    def failed_steps(self) -> list[NodeSummary]:
        return [n for n in self.nodes if n.type == "Pod" and n.phase in ("Failed", "Error")]


@dataclass(frozen=True)
class LogLine:
    pod_name: str
    content: str


def pod_name(workflow: str, node: dict[str, Any]) -> str | None:
    """The pod of a Pod node, with Argo's v2 pod names: `<workflow>-<template>-<node-id suffix>`."""
    if node.get("type") != "Pod":
        return None
    node_id = str(node.get("id", ""))
    suffix = node_id.rsplit("-", 1)[-1]
    template = node.get("templateName")
    if not template or not suffix or workflow == node_id:
        return node_id
    return f"{workflow}-{template}-{suffix}"


def summarize(wf: dict[str, Any]) -> WorkflowSummary:
    meta = wf.get("metadata", {})
    status = wf.get("status", {}) or {}
    name = str(meta.get("name", ""))
    nodes = [
        NodeSummary(
            id=str(n.get("id", key)),
            name=str(n.get("name", "")),
            display_name=str(n.get("displayName", n.get("name", ""))),
            type=str(n.get("type", "")),
            phase=str(n.get("phase", "")),
            template=str(n.get("templateName", "")),
            message=str(n.get("message", "")),
            pod_name=pod_name(name, n),
        )
        for key, n in sorted((status.get("nodes") or {}).items(), key=_node_order)
    ]
    return WorkflowSummary(
        name=name,
        namespace=str(meta.get("namespace", "")),
        phase=str(status.get("phase", "Pending") or "Pending"),
        message=str(status.get("message", "")),
        started_at=str(status.get("startedAt", "") or ""),
        finished_at=str(status.get("finishedAt", "") or ""),
        labels=dict(meta.get("labels") or {}),
        nodes=nodes,
    )


def _node_order(item: tuple[str, dict[str, Any]]) -> tuple[str, str]:
    return (str(item[1].get("startedAt") or "~"), item[0])


class WorkflowsClient:
    def __init__(self, endpoint: Endpoint, namespace: str) -> None:
        self.endpoint = endpoint
        self.namespace = namespace

    def _path(self, *parts: str) -> str:
        return "/".join([f"/api/v1/workflows/{quote(self.namespace)}", *map(quote, parts)])

    # --- reading -------------------------------------------------------------------------------
    def list(self, label_selector: str | None = None) -> list[WorkflowSummary]:
        query = {"listOptions.labelSelector": label_selector} if label_selector else None
        result = request_json(self.endpoint, "GET", self._path(), query=query) or {}
        return [summarize(wf) for wf in result.get("items") or []]

    def get(self, name: str) -> dict[str, Any]:
        result: dict[str, Any] = request_json(self.endpoint, "GET", self._path(name))
        return result

    def watch(
        self, name: str, *, deadline: float = 60.0, until_done: bool = True
    ) -> Iterator[tuple[str, WorkflowSummary]]:
        """Events of one workflow (`/api/v1/workflow-events`) until it ends or times out."""
        path = f"/api/v1/workflow-events/{quote(self.namespace)}"
        query = {"listOptions.fieldSelector": f"metadata.name={name}"}
        for message in stream_json_lines(
            self.endpoint, path, query=query, read_timeout=deadline, deadline=deadline
        ):
            if message.get("error"):
                raise RemoteError(
                    f"{self.endpoint.service}: watch of {name} failed: "
                    f"{message['error'].get('message', 'stream error')}",
                    path,
                )
            event = message.get("result") or {}
            summary = summarize(event.get("object") or {})
            yield str(event.get("type", "")), summary
            if until_done and summary.phase in FINAL_PHASES:
                return

    def logs(
        self,
        name: str,
        *,
        pod: str | None = None,
        container: str = "main",
        follow: bool = False,
        tail_lines: int | None = None,
        deadline: float = 30.0,
    ) -> Iterator[LogLine]:
        query: dict[str, Any] = {"logOptions.container": container}
        if pod:
            query["podName"] = pod
        if follow:
            query["logOptions.follow"] = True
        if tail_lines is not None:
            query["logOptions.tailLines"] = tail_lines
        for message in stream_json_lines(
            self.endpoint,
            self._path(name, "log"),
            query=query,
            read_timeout=deadline,
            deadline=deadline,
        ):
            if message.get("error"):
                raise RemoteError(
                    f"{self.endpoint.service}: logs of {name} failed: "
                    f"{message['error'].get('message', 'stream error')}",
                    self._path(name, "log"),
                )
            entry = message.get("result") or {}
            yield LogLine(str(entry.get("podName", "")), str(entry.get("content", "")))

    # --- writing -------------------------------------------------------------------------------
    def create(self, workflow: dict[str, Any], *, dry_run: bool = False) -> dict[str, Any]:
        body: dict[str, Any] = {"namespace": self.namespace, "workflow": workflow}
        if dry_run:
            body["serverDryRun"] = True
        result: dict[str, Any] = request_json(self.endpoint, "POST", self._path(), body=body)
        return result

    def submit_template(
        self,
        template: str,
        *,
        parameters: dict[str, str] | None = None,
        labels: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        opts: dict[str, Any] = {}
        if parameters:
            opts["parameters"] = [f"{k}={v}" for k, v in parameters.items()]
        if labels:
            opts["labels"] = ",".join(f"{k}={v}" for k, v in labels.items())
        body: dict[str, Any] = {
            "namespace": self.namespace,
            "resourceKind": "WorkflowTemplate",
            "resourceName": template,
        }
        if opts:
            body["submitOptions"] = opts
        result: dict[str, Any] = request_json(
            self.endpoint, "POST", self._path("submit"), body=body
        )
        return result

    def lint(self, workflow: dict[str, Any]) -> dict[str, Any]:
        body = {"namespace": self.namespace, "workflow": workflow}
        result: dict[str, Any] = request_json(self.endpoint, "POST", self._path("lint"), body=body)
        return result

    def retry(
        self,
        name: str,
        *,
        parameters: dict[str, str] | None = None,
        restart_successful: bool = False,
    ) -> dict[str, Any]:
        extra = {"restartSuccessful": True} if restart_successful else {}
        return self._act(name, "retry", parameters, extra)

    def resubmit(
        self, name: str, *, parameters: dict[str, str] | None = None, memoized: bool = False
    ) -> dict[str, Any]:
        return self._act(name, "resubmit", parameters, {"memoized": True} if memoized else {})

    def stop(self, name: str, *, message: str | None = None) -> dict[str, Any]:
        return self._act(name, "stop", None, {"message": message} if message else {})

    def terminate(self, name: str) -> dict[str, Any]:
        return self._act(name, "terminate", None, {})

    def _act(
        self, name: str, action: str, parameters: dict[str, str] | None, extra: dict[str, Any]
    ) -> dict[str, Any]:
        """PUT /api/v1/workflows/{ns}/{name}/{action}: the body every workflow action shares."""
        body: dict[str, Any] = {"name": name, "namespace": self.namespace, **extra}
        if parameters:
            body["parameters"] = [f"{k}={v}" for k, v in parameters.items()]
        result: dict[str, Any] = request_json(
            self.endpoint, "PUT", self._path(name, action), body=body
        )
        return result

    def create_template(self, template: dict[str, Any]) -> dict[str, Any]:
        body = {"namespace": self.namespace, "template": template}
        result: dict[str, Any] = request_json(
            self.endpoint, "POST", f"/api/v1/workflow-templates/{quote(self.namespace)}", body=body
        )
        return result
