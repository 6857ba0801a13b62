"""Alerts that start a triage: Prometheus Alertmanager webhook payloads (version 4) and SigNoz
alert webhooks (SigNoz's alert manager sends the same shape, with labels such as `ruleId`).

Bad input never raises out of `parse_alert_text`: it returns problems with line and column.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SERVICE_LABELS = ("service", "service_name", "service.name", "job", "app", "application")


@dataclass(frozen=True)
class Alert:
    name: str
    service: str
    severity: str
    status: str
    starts_at: datetime
    summary: str
    source: str  # "alertmanager" | "signoz"
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AlertProblem:
    line: int
    column: int
    message: str


def _time(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_alert_text(text: str) -> tuple[list[Alert], list[AlertProblem]]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [AlertProblem(exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")]
    return parse_alert(payload)


def parse_alert(payload: Any) -> tuple[list[Alert], list[AlertProblem]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("alerts"), list):
        return [], [AlertProblem(1, 1, "not an Alertmanager/SigNoz webhook: no `alerts` list")]
    common = payload.get("commonLabels") or {}
    alerts, problems = [], []
    for index, raw in enumerate(payload["alerts"]):
        if not isinstance(raw, dict):
            problems.append(AlertProblem(1, 1, f"alerts[{index}] is not an object"))
            continue
        labels = {str(k): str(v) for k, v in {**common, **(raw.get("labels") or {})}.items()}
        service = next((labels[k] for k in SERVICE_LABELS if labels.get(k)), "")
        if not service:
            problems.append(
                AlertProblem(
                    1, 1, f"alerts[{index}] has no service label ({', '.join(SERVICE_LABELS)})"
                )
            )
            continue
        starts = _time(raw.get("startsAt"))
        if starts is None:
            problems.append(AlertProblem(1, 1, f"alerts[{index}].startsAt is not an RFC 3339 time"))
            continue
        annotations = raw.get("annotations") or {}
        alerts.append(
            Alert(
                name=labels.get("alertname", "alert"),
                service=service,
                severity=labels.get("severity", ""),
                status=str(raw.get("status") or payload.get("status") or "firing"),
                starts_at=starts,
                summary=str(annotations.get("summary") or annotations.get("description") or ""),
                source="signoz" if "ruleId" in labels or "ruleSource" in labels else "alertmanager",
                labels=labels,
            )
        )
    return alerts, problems
