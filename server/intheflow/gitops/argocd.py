"""Argo CD REST client: applications, sync status and health, sync (dry-run first), resource tree.

Operations of specs/argo-cd.swagger.json: ApplicationService_List, _Get, _Sync, _ResourceTree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from intheflow.gitops.rest import Endpoint, request_json


@dataclass(frozen=True)
class AppSummary:
    name: str
    project: str
    sync: str  # Synced | OutOfSync | Unknown
    health: str  # Healthy | Progressing | Degraded | Suspended | Missing | Unknown
    revision: str
    repo: str
    path: str
    operation: str = ""  # phase of the last operation, if any
    operation_message: str = ""


@dataclass(frozen=True)
class TreeNode:
    kind: str
    name: str
    namespace: str
    health: str
    parents: list[str] = field(default_factory=list)  # "Kind/name"


@dataclass(frozen=True)
class SyncResult:
    dry_run: AppSummary
    synced: AppSummary | None  # None when the dry run failed and nothing was applied

    @property
    def ok(self) -> bool:
        return self.synced is not None and self.synced.operation == "Succeeded"


def summarize_app(app: dict[str, Any]) -> AppSummary:
    meta = app.get("metadata") or {}
    spec = app.get("spec") or {}
    status = app.get("status") or {}
    source = spec.get("source") or {}
    op = status.get("operationState") or {}
    return AppSummary(
        name=str(meta.get("name", "")),
        project=str(spec.get("project", "")),
        sync=str((status.get("sync") or {}).get("status", "Unknown")),
        health=str((status.get("health") or {}).get("status", "Unknown")),
        revision=str((status.get("sync") or {}).get("revision", "")),
        repo=str(source.get("repoURL", "")),
        path=str(source.get("path", "")),
        operation=str(op.get("phase", "")),
        operation_message=str(op.get("message", "")),
    )


class ArgoCDClient:
    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    def apps(self, selector: str | None = None, project: str | None = None) -> list[AppSummary]:
        query: dict[str, Any] = {}
        if selector:
            query["selector"] = selector
        if project:
            query["projects"] = [project]
        result = request_json(self.endpoint, "GET", "/api/v1/applications", query=query) or {}
        return [summarize_app(a) for a in result.get("items") or []]

    def get(self, name: str) -> dict[str, Any]:
        result: dict[str, Any] = request_json(
            self.endpoint, "GET", f"/api/v1/applications/{quote(name)}"
        )
        return result

    def sync(
        self,
        name: str,
        *,
        dry_run: bool,
        revision: str | None = None,
        prune: bool = False,
        manifests: list[str] | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"name": name, "dryRun": dry_run}
        if revision:
            body["revision"] = revision
        if prune:
            body["prune"] = True
        if manifests:
            body["manifests"] = manifests
        result: dict[str, Any] = request_json(
            self.endpoint, "POST", f"/api/v1/applications/{quote(name)}/sync", body=body
        )
        return result

    def sync_checked(
        self, name: str, *, revision: str | None = None, manifests: list[str] | None = None
    ) -> SyncResult:
        """Dry run first; the real sync only when the dry run's operation succeeded."""
        dry = summarize_app(self.sync(name, dry_run=True, revision=revision, manifests=manifests))
        if dry.operation not in ("Succeeded", "Running"):
            return SyncResult(dry, None)
        real = self.sync(name, dry_run=False, revision=revision, manifests=manifests)
        return SyncResult(dry, summarize_app(real))

    def resource_tree(self, name: str) -> list[TreeNode]:
        tree = (
            request_json(self.endpoint, "GET", f"/api/v1/applications/{quote(name)}/resource-tree")
            or {}
        )
        return [
            TreeNode(
                kind=str(n.get("kind", "")),
                name=str(n.get("name", "")),
                namespace=str(n.get("namespace", "")),
                health=str((n.get("health") or {}).get("status", "")),
                parents=[f"{p.get('kind')}/{p.get('name')}" for p in n.get("parentRefs") or []],
            )
            for n in tree.get("nodes") or []
        ]
