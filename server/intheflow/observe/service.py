"""`intheflow/triage` as a plain function: alert payload + settings in, wire result out.

Sources come from the LSP settings (`observe.prometheus.url`, `observe.signoz.url` with the key in
the environment variable named by `observe.signoz.apiKeyEnv`, default SIGNOZ_API_KEY) or the
environment (PROMETHEUS_URL, SIGNOZ_URL). Never raises on a bad payload.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from intheflow.gitops.advisor import from_settings
from intheflow.gitops.policy import load_policy
from intheflow.observe.alerts import parse_alert
from intheflow.observe.prometheus import PrometheusClient
from intheflow.observe.signoz import SigNozClient
from intheflow.observe.triage import CodeMap, TriageReport, triage
from intheflow.protocol import gitops as wire


def _prometheus(settings: Mapping[str, Any]) -> PrometheusClient | None:
    opts = ((settings.get("observe") or {}).get("prometheus") or {}) if settings else {}
    url = opts.get("url") or os.environ.get("PROMETHEUS_URL")
    return PrometheusClient(str(url)) if url else None


def triage_payload(
    root: Path, settings: Mapping[str, Any], payload: dict[str, Any]
) -> wire.TriageResult:
    alerts, problems = parse_alert(payload)
    errors = [p.message for p in problems]
    if not alerts:
        return wire.TriageResult(errors=errors)
    code = CodeMap.for_workspace(root)
    try:
        policy = load_policy(root)
    except Exception as exc:  # a broken workspace policy: report it, use the defaults
        errors.append(f"workspace policy ignored: {exc}")
        policy = load_policy()
    reports = [
        triage(
            alert,
            code=code,
            policy=policy,
            prometheus=_prometheus(settings),
            signoz=SigNozClient.from_settings(settings),
            model=from_settings(dict(settings)),
        )
        for alert in alerts
    ]
    return wire.TriageResult(reports=[_info(root, r) for r in reports], errors=errors)


def _info(root: Path, report: TriageReport) -> wire.TriageReportInfo:
    return wire.TriageReportInfo(
        alert=report.alert,
        service=report.service,
        summary=report.summary,
        summary_by=report.summary_by,
        severity=report.severity,
        started_at=report.started_at,
        owner=report.owner,
        notes=report.notes,
        causes=[
            wire.CauseInfo(
                rank=c.rank,
                title=c.title,
                score=c.score,
                component=c.component,
                uri=(root / c.file).resolve().as_uri() if c.file else "",
                line=max(c.line - 1, 0),
                owner=c.owner,
                rules=c.rules,
                evidence=[wire.EvidenceInfo(e.kind, e.text, e.ref) for e in c.evidence],
            )
            for c in report.causes
        ],
    )
