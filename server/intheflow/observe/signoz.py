"""SigNoz query client: `POST /api/v5/query_range` with the `SIGNOZ-API-KEY` header.

Request shapes follow SigNoz's documented v5 payload (see specs/signoz-query-range-v5.schema.json
for the exact subset and where it comes from): builder queries over logs and traces, PromQL, and
ClickHouse SQL. The server wraps results as {"status": "success", "data": {"type", "data":
{"results": [...]}, "meta"}}.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from intheflow.gitops.rest import Endpoint, RemoteError, request_json


@dataclass(frozen=True)
class LogRecord:
    timestamp: str
    severity: str
    body: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SpanRecord:
    timestamp: str
    trace_id: str
    span_id: str
    name: str
    duration_ms: float
    status: str
    attributes: dict[str, Any] = field(default_factory=dict)


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class SigNozClient:
    def __init__(self, base_url: str, api_key: str = "", *, timeout: float = 15.0) -> None:
        headers = {"SIGNOZ-API-KEY": api_key} if api_key else {}
        self.endpoint = Endpoint(base_url, "SigNoz", headers=headers, timeout=timeout)

    @staticmethod
    def from_settings(
        settings: Mapping[str, Any], env: Mapping[str, str] | None = None
    ) -> SigNozClient | None:
        env = os.environ if env is None else env
        opts = (settings.get("observe") or {}).get("signoz") or {} if settings else {}
        url = opts.get("url") or env.get("SIGNOZ_URL")
        if not url:
            return None
        key = env.get(str(opts.get("apiKeyEnv") or "SIGNOZ_API_KEY"), "")
        return SigNozClient(str(url), key)

    def query_range(
        self, start_ms: int, end_ms: int, request_type: str, queries: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        body = {
            "schemaVersion": "v1",
            "start": start_ms,
            "end": end_ms,
            "requestType": request_type,
            "compositeQuery": {"queries": queries},
        }
        answer = request_json(self.endpoint, "POST", "/api/v5/query_range", body=body)
        if not isinstance(answer, dict) or answer.get("status") != "success":
            error = answer.get("error") if isinstance(answer, dict) else answer
            raise RemoteError(f"SigNoz: query_range failed: {error}", "POST /api/v5/query_range")
        results: list[dict[str, Any]] = ((answer.get("data") or {}).get("data") or {}).get(
            "results"
        ) or []
        return results

    def _rows(self, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [row for r in results for row in r.get("rows") or []]

    def error_logs(
        self, service: str, start_ms: int, end_ms: int, limit: int = 100
    ) -> list[LogRecord]:
        spec = {
            "name": "A",
            "signal": "logs",
            "filter": {
                "expression": f"service.name = {_quote(service)} AND "
                "severity_text IN ('ERROR', 'FATAL', 'CRITICAL')"
            },
            "order": [{"key": {"name": "timestamp"}, "direction": "desc"}],
            "limit": limit,
        }
        rows = self._rows(
            self.query_range(start_ms, end_ms, "raw", [{"type": "builder_query", "spec": spec}])
        )
        out = []
        for row in rows:
            data = row.get("data") or {}
            attributes = {
                **(data.get("attributes_string") or {}),
                **(data.get("resources_string") or {}),
            }
            out.append(
                LogRecord(
                    timestamp=str(row.get("timestamp", "")),
                    severity=str(data.get("severity_text", "")),
                    body=str(data.get("body", "")),
                    attributes=attributes,
                )
            )
        return out

    def slow_traces(
        self,
        service: str,
        start_ms: int,
        end_ms: int,
        min_duration_ms: float = 500,
        limit: int = 20,
    ) -> list[SpanRecord]:
        spec = {
            "name": "A",
            "signal": "traces",
            "filter": {
                "expression": f"service.name = {_quote(service)} AND "
                f"duration_nano > {int(min_duration_ms * 1_000_000)}"
            },
            "selectFields": [
                {"name": "name", "fieldContext": "span"},
                {"name": "duration_nano", "fieldContext": "span"},
                {"name": "trace_id", "fieldContext": "span"},
                {"name": "span_id", "fieldContext": "span"},
                {"name": "status_code_string", "fieldContext": "span"},
            ],
            "order": [{"key": {"name": "duration_nano"}, "direction": "desc"}],
            "limit": limit,
        }
        rows = self._rows(
            self.query_range(start_ms, end_ms, "raw", [{"type": "builder_query", "spec": spec}])
        )
        return [
            SpanRecord(
                timestamp=str(row.get("timestamp", "")),
                trace_id=str((row.get("data") or {}).get("trace_id", "")),
                span_id=str((row.get("data") or {}).get("span_id", "")),
                name=str((row.get("data") or {}).get("name", "")),
                duration_ms=float((row.get("data") or {}).get("duration_nano", 0)) / 1e6,
                status=str((row.get("data") or {}).get("status_code_string", "")),
            )
            for row in rows
        ]

    def promql(
        self, query: str, start_ms: int, end_ms: int, step_s: int = 60
    ) -> list[dict[str, Any]]:
        return self.query_range(
            start_ms,
            end_ms,
            "time_series",
            [{"type": "promql", "spec": {"name": "A", "query": query, "step": step_s}}],
        )

    def clickhouse(self, sql: str, start_ms: int, end_ms: int) -> list[dict[str, Any]]:
        return self.query_range(
            start_ms,
            end_ms,
            "raw",
            [{"type": "clickhouse_sql", "spec": {"name": "A", "query": sql}}],
        )
