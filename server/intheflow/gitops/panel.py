"""What the Argo panel asks for, as plain functions: settings + params in, wire structs out.

The LSP handlers in lsp/features/argo.py and triage.py only convert and call these (in a worker
thread). Remote failures come back in `error` with the endpoint named; nothing here raises on a
bad server or bad input, so a request never takes the language server down.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from intheflow.gitops import settings as gitops_settings
from intheflow.gitops.argocd import ArgoCDClient
from intheflow.gitops.heal import HealingRecord, load_records
from intheflow.gitops.pipeline import dns_label
from intheflow.gitops.rest import RemoteError
from intheflow.gitops.workflows import WorkflowsClient, summarize
from intheflow.protocol import gitops as wire

WORKFLOW_ACTIONS = ("retry", "resubmit", "stop", "terminate")


def _workflows(settings: Mapping[str, Any]) -> WorkflowsClient | None:
    found = gitops_settings.argo_workflows(settings)
    return WorkflowsClient(*found) if found else None


def service_of_file(path: Path) -> str:
    """The Component of the nearest catalog-info.yaml above `path` ("" when there is none)."""
    for folder in [path, *path.parents] if path.is_dir() else path.parents:
        for name in ("catalog-info.yaml", "catalog-info.yml"):
            catalog = folder / name
            if not catalog.is_file():
                continue
            try:
                docs = list(yaml.safe_load_all(catalog.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                return ""
            for doc in docs:
                if isinstance(doc, dict) and doc.get("kind") == "Component":
                    return str((doc.get("metadata") or {}).get("name") or "")
    return ""


def list_workflows(settings: Mapping[str, Any], p: wire.WorkflowsParams) -> wire.WorkflowsResult:
    client = _workflows(settings)
    if client is None:
        return wire.WorkflowsResult(configured=False)
    service = p.service
    if not service and p.uri.startswith("file:"):
        from urllib.parse import unquote, urlsplit

        service = service_of_file(Path(unquote(urlsplit(p.uri).path)))
    selector = "intheflow.dev/pipeline=ci"
    if service:
        selector += f",intheflow.dev/service={dns_label(service)}"
    try:
        found = client.list(label_selector=selector)
    except RemoteError as exc:
        return wire.WorkflowsResult(configured=True, service=service, error=str(exc))
    return wire.WorkflowsResult(
        configured=True,
        service=service,
        workflows=[
            wire.WorkflowInfo(
                name=s.name,
                phase=s.phase,
                message=s.message,
                service=s.labels.get("intheflow.dev/service", ""),
                started_at=s.started_at,
                finished_at=s.finished_at,
                steps=[
                    wire.StepInfo(n.display_name, n.phase, n.message, n.pod_name or "")
                    for n in s.nodes
                    if n.type == "Pod"
                ],
            )
            for s in found
        ],
    )


def workflow_logs(settings: Mapping[str, Any], p: wire.LogsParams) -> wire.LogsResult:
    client = _workflows(settings)
    if client is None:
        return wire.LogsResult(configured=False)
    try:
        pod = None
        if p.step:
            summary = summarize(client.get(p.workflow))
            pods = [n.pod_name for n in summary.nodes if n.display_name == p.step]
            if not pods or not pods[0]:
                return wire.LogsResult(configured=True, error=f"no step {p.step!r} in {p.workflow}")
            pod = pods[0]
        lines = [
            line.content if pod else f"{line.pod_name}: {line.content}"
            for line in client.logs(p.workflow, pod=pod, deadline=20.0)
        ]
    except RemoteError as exc:
        return wire.LogsResult(configured=True, error=str(exc))
    return wire.LogsResult(configured=True, lines=lines[-p.tail_lines :] if p.tail_lines else lines)


def workflow_action(
    settings: Mapping[str, Any], p: wire.WorkflowActionParams
) -> wire.WorkflowActionResult:
    if p.action not in WORKFLOW_ACTIONS:
        return wire.WorkflowActionResult(
            ok=False, error=f"action must be one of {', '.join(WORKFLOW_ACTIONS)}"
        )
    client = _workflows(settings)
    if client is None:
        return wire.WorkflowActionResult(ok=False, error="no Argo Workflows server configured")
    try:
        wf = getattr(client, p.action)(p.workflow)
    except RemoteError as exc:
        return wire.WorkflowActionResult(ok=False, error=str(exc))
    s = summarize(wf)
    return wire.WorkflowActionResult(ok=True, workflow=s.name, phase=s.phase)


def heal_workflow(root: Path, settings: Mapping[str, Any], p: wire.HealParams) -> wire.HealResult:
    """Run the self-healing loop on a failed workflow (blocking: call it in a worker thread)."""
    from intheflow.core.errors import UserError
    from intheflow.gitops.advisor import from_settings
    from intheflow.gitops.heal import Healer
    from intheflow.gitops.policy import load_policy

    client = _workflows(settings)
    if client is None:
        return wire.HealResult(ok=False, error="no Argo Workflows server configured")
    model = from_settings(dict(settings))
    if model is None:
        return wire.HealResult(ok=False, error="no AI endpoint configured (ai.remote.base_url)")
    if not 1 <= p.max_attempts <= 10:
        return wire.HealResult(ok=False, error="maxAttempts must be between 1 and 10")
    try:
        policy = load_policy(root)
    except UserError as exc:
        return wire.HealResult(ok=False, error=f"policy: {exc}")
    record = Healer(client, model, policy, root, max_attempts=p.max_attempts).heal(p.workflow)
    return wire.HealResult(ok=record.final_phase == "Succeeded", record=_healing_info(record))


def _healing_info(r: HealingRecord) -> wire.HealingInfo:
    return wire.HealingInfo(
        workflow=r.workflow,
        started=r.started,
        final_phase=r.final_phase,
        final_workflow=r.final_workflow,
        attempts=[
            wire.AttemptInfo(
                number=a.number,
                at=a.at,
                step=a.step,
                outcome=a.outcome,
                diagnosis=a.diagnosis,
                fix_kind=str((a.fix or {}).get("kind", "")),
                parameters={
                    str(k): str(v) for k, v in ((a.fix or {}).get("parameters") or {}).items()
                },
                rules=a.rules,
                action=a.action,
                result_workflow=a.result_workflow,
                result_phase=a.result_phase,
                detail=a.detail,
            )
            for a in r.attempts
        ],
    )


def healing_attempts(root: Path, p: wire.AttemptsParams) -> wire.AttemptsResult:
    return wire.AttemptsResult(
        records=[_healing_info(r) for r in load_records(root, p.workflow or None)]
    )


def _argocd(settings: Mapping[str, Any]) -> ArgoCDClient | None:
    endpoint = gitops_settings.argo_cd(settings)
    return ArgoCDClient(endpoint) if endpoint else None


def list_apps(settings: Mapping[str, Any], p: wire.AppsParams) -> wire.AppsResult:
    client = _argocd(settings)
    if client is None:
        return wire.AppsResult(configured=False)
    try:
        apps = client.apps(selector=p.selector or None)
    except RemoteError as exc:
        return wire.AppsResult(configured=True, error=str(exc))
    return wire.AppsResult(
        configured=True,
        apps=[
            wire.AppInfo(
                name=a.name,
                sync=a.sync,
                health=a.health,
                project=a.project,
                revision=a.revision,
                repo=a.repo,
                path=a.path,
                operation=a.operation,
                operation_message=a.operation_message,
            )
            for a in apps
        ],
    )


def sync_app(settings: Mapping[str, Any], p: wire.SyncParams) -> wire.SyncResult:
    client = _argocd(settings)
    if client is None:
        return wire.SyncResult(configured=False)
    try:
        if p.dry_run_only:
            from intheflow.gitops.argocd import summarize_app

            dry = summarize_app(client.sync(p.app, dry_run=True, revision=p.revision or None))
            return wire.SyncResult(
                configured=True,
                dry_run_phase=dry.operation,
                dry_run_message=dry.operation_message,
                sync=dry.sync,
                health=dry.health,
            )
        result = client.sync_checked(p.app, revision=p.revision or None)
    except RemoteError as exc:
        return wire.SyncResult(configured=True, error=str(exc))
    out = wire.SyncResult(
        configured=True,
        dry_run_phase=result.dry_run.operation,
        dry_run_message=result.dry_run.operation_message,
        synced=result.ok,
    )
    if result.synced is not None:
        out.sync, out.health = result.synced.sync, result.synced.health
    return out


def _kube_settings(settings: Mapping[str, Any]) -> tuple[str | None, str] | None:
    opts = (settings.get("gitops") or {}) if settings else {}
    kubeconfig = opts.get("kubeconfig") or os.environ.get("KUBECONFIG")
    in_cluster = bool(os.environ.get("KUBERNETES_SERVICE_HOST"))
    if not kubeconfig and not in_cluster:
        return None
    return (str(kubeconfig) if kubeconfig else None), str(opts.get("namespace") or "default")


def list_rollout_runs(settings: Mapping[str, Any], p: wire.RolloutsParams) -> wire.RolloutsResult:
    found = _kube_settings(settings)
    if found is None:
        return wire.RolloutsResult(configured=False)
    try:
        from intheflow.gitops.rollouts import RolloutsClient

        runs = RolloutsClient.from_kubeconfig(found[0], namespace=found[1]).analysis_runs(
            p.rollout or None
        )
    except Exception as exc:  # kubernetes raises many types (config, API, urllib3)
        return wire.RolloutsResult(configured=True, error=_k8s_message(exc))
    return wire.RolloutsResult(
        configured=True,
        runs=[
            wire.AnalysisRunInfo(
                name=r.name,
                rollout=r.rollout,
                phase=r.phase,
                message=r.message,
                measurements=[
                    wire.MeasurementInfo(m.metric, m.phase, m.value, m.finished_at)
                    for m in r.measurements
                ],
            )
            for r in runs
        ],
    )


def rollout_action(
    settings: Mapping[str, Any], p: wire.RolloutActionParams
) -> wire.RolloutActionResult:
    if p.action not in ("abort", "promote"):
        return wire.RolloutActionResult(ok=False, error="action must be abort or promote")
    found = _kube_settings(settings)
    if found is None:
        return wire.RolloutActionResult(ok=False, error="no kubeconfig configured")
    try:
        from intheflow.gitops.rollouts import RolloutsClient

        client = RolloutsClient.from_kubeconfig(found[0], namespace=found[1])
        getattr(client, p.action)(p.rollout)
    except Exception as exc:
        return wire.RolloutActionResult(ok=False, error=_k8s_message(exc))
    return wire.RolloutActionResult(ok=True)


def _k8s_message(exc: Exception) -> str:
    status = getattr(exc, "status", None)
    reason = getattr(exc, "reason", None)
    if status:
        return f"Kubernetes API: HTTP {status} {reason or ''}".rstrip()
    return f"Kubernetes API: {type(exc).__name__}: {exc}"
