"""Wire types of the Argo panel and triage methods (`intheflow/argo.*`, `intheflow/triage`).

Remote failures (unreachable server, expired token, 4xx/5xx) are answered in `error` with the
endpoint named, never as an LSP error, so the panel can show them next to the data it has.
`configured` is false when no server is set up (settings `gitops.argo.url` / `gitops.argocd.url`,
or ARGO_SERVER / ARGOCD_SERVER; Kubernetes: `gitops.kubeconfig`).
"""

from __future__ import annotations

from typing import Any

import msgspec


class WorkflowsParams(msgspec.Struct, rename="camel", omit_defaults=True):
    service: str = ""
    # A document URI: list the pipelines of the service that file belongs to (nearest
    # catalog-info.yaml above it). Ignored when `service` is given.
    uri: str = ""


class StepInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    name: str
    phase: str
    message: str = ""
    pod_name: str = ""


class WorkflowInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    name: str
    phase: str
    service: str = ""
    message: str = ""
    started_at: str = ""
    finished_at: str = ""
    steps: list[StepInfo] = []


class WorkflowsResult(msgspec.Struct, rename="camel", omit_defaults=True):
    configured: bool
    service: str = ""  # the service the list is filtered on, if any
    workflows: list[WorkflowInfo] = []
    error: str = ""


class LogsParams(msgspec.Struct, rename="camel", omit_defaults=True):
    workflow: str
    step: str = ""
    tail_lines: int = 500


class LogsResult(msgspec.Struct, rename="camel", omit_defaults=True):
    configured: bool
    lines: list[str] = []
    error: str = ""


class WorkflowActionParams(msgspec.Struct, rename="camel", omit_defaults=True):
    workflow: str
    action: str  # retry | resubmit | stop | terminate


class WorkflowActionResult(msgspec.Struct, rename="camel", omit_defaults=True):
    ok: bool
    workflow: str = ""
    phase: str = ""
    error: str = ""


class AttemptsParams(msgspec.Struct, rename="camel", omit_defaults=True):
    workflow: str = ""


class AttemptInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    number: int
    at: str
    step: str
    outcome: str
    diagnosis: str = ""
    fix_kind: str = ""
    parameters: dict[str, str] = {}
    rules: list[str] = []
    action: str = ""
    result_workflow: str = ""
    result_phase: str = ""
    detail: str = ""


class HealingInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    workflow: str
    started: str
    final_phase: str = ""
    final_workflow: str = ""
    attempts: list[AttemptInfo] = []


class AttemptsResult(msgspec.Struct, rename="camel"):
    records: list[HealingInfo]


class HealParams(msgspec.Struct, rename="camel", omit_defaults=True):
    workflow: str
    max_attempts: int = 3


class HealResult(msgspec.Struct, rename="camel", omit_defaults=True):
    ok: bool  # the pipeline ended Succeeded
    record: HealingInfo | None = None
    error: str = ""  # no Argo server / no model configured, or the loop could not start


class AppsParams(msgspec.Struct, rename="camel", omit_defaults=True):
    selector: str = ""


class AppInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    name: str
    sync: str
    health: str
    project: str = ""
    revision: str = ""
    repo: str = ""
    path: str = ""
    operation: str = ""
    operation_message: str = ""


class AppsResult(msgspec.Struct, rename="camel", omit_defaults=True):
    configured: bool
    apps: list[AppInfo] = []
    error: str = ""


class SyncParams(msgspec.Struct, rename="camel", omit_defaults=True):
    app: str
    revision: str = ""
    dry_run_only: bool = False


class SyncResult(msgspec.Struct, rename="camel", omit_defaults=True):
    configured: bool
    dry_run_phase: str = ""
    dry_run_message: str = ""
    synced: bool = False
    sync: str = ""
    health: str = ""
    error: str = ""


class RolloutsParams(msgspec.Struct, rename="camel", omit_defaults=True):
    rollout: str = ""


class MeasurementInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    metric: str
    phase: str
    value: str = ""
    finished_at: str = ""


class AnalysisRunInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    name: str
    rollout: str
    phase: str
    message: str = ""
    measurements: list[MeasurementInfo] = []


class RolloutsResult(msgspec.Struct, rename="camel", omit_defaults=True):
    configured: bool
    runs: list[AnalysisRunInfo] = []
    error: str = ""


class RolloutActionParams(msgspec.Struct, rename="camel", omit_defaults=True):
    rollout: str
    action: str  # abort | promote


class RolloutActionResult(msgspec.Struct, rename="camel", omit_defaults=True):
    ok: bool
    error: str = ""


class TriageParams(msgspec.Struct, rename="camel", omit_defaults=True):
    alert: dict[str, Any]  # an Alertmanager or SigNoz webhook payload


class EvidenceInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    kind: str
    text: str
    ref: str = ""


class CauseInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    rank: int
    title: str
    score: float
    evidence: list[EvidenceInfo] = []
    component: str = ""
    uri: str = ""  # the file of the component, when known
    line: int = 0  # 0-based LSP line
    owner: str = ""
    rules: list[str] = []


class TriageReportInfo(msgspec.Struct, rename="camel", omit_defaults=True):
    alert: str
    service: str
    summary: str
    summary_by: str
    severity: str = ""
    started_at: str = ""
    owner: str = ""
    causes: list[CauseInfo] = []
    notes: list[str] = []


class TriageResult(msgspec.Struct, rename="camel", omit_defaults=True):
    reports: list[TriageReportInfo] = []
    errors: list[str] = []  # problems with the alert payload
