"""A SigNoz stand-in over real HTTP on 127.0.0.1 for tests and the labelled demo.

Every request body is validated against specs/signoz-query-range-v5.schema.json (SigNoz's
documented v5 request shape) and must carry the API key; violations are recorded in `violations`
and answered with HTTP 400, so a client sending what SigNoz would reject fails its test. Answers
come from seeded log and span records, filtered by the `service.name = '…'` and duration clauses
of the filter expression the client sends.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import jsonschema

from intheflow.core.loopback import LoopbackServer, send_json

SCHEMA_PATH = Path(__file__).resolve().parent / "specs" / "signoz-query-range-v5.schema.json"


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class SigNozStandIn(LoopbackServer):
    def __init__(self, api_key: str = "signoz-test-key") -> None:
        super().__init__()
        self.api_key = api_key
        self.logs: list[dict[str, Any]] = []  # {"ts": ms, "service", "severity", "body", "attrs"}
        self.spans: list[dict[str, Any]] = []  # {"ts", "service", "name", "duration_ms", ...}
        self.requests: list[dict[str, Any]] = []
        self.violations: list[str] = []
        self._validator = jsonschema.Draft202012Validator(
            json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        )

    def add_log(self, ts_ms: int, service: str, severity: str, body: str, **attrs: str) -> None:
        self.logs.append(
            {"ts": ts_ms, "service": service, "severity": severity, "body": body, "attrs": attrs}
        )

    def add_span(
        self,
        ts_ms: int,
        service: str,
        name: str,
        duration_ms: float,
        trace_id: str,
        status: str = "Unset",
    ) -> None:
        self.spans.append(
            {
                "ts": ts_ms,
                "service": service,
                "name": name,
                "duration_ms": duration_ms,
                "trace_id": trace_id,
                "status": status,
            }
        )

    methods = ("POST",)

    def handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length)
        send_json(http, *self._answer(http.path, http.headers.get("SIGNOZ-API-KEY"), raw))

    def _error(self, status: int, message: str) -> tuple[int, dict[str, Any]]:
        return status, {"status": "error", "error": {"code": "invalid_input", "message": message}}

    def _answer(self, path: str, key: str | None, raw: bytes) -> tuple[int, dict[str, Any]]:
        if path != "/api/v5/query_range":
            self.violations.append(f"POST {path}: not the query_range endpoint")
            return self._error(404, "not found")
        if key != self.api_key:
            return self._error(401, "invalid API key")
        try:
            body = json.loads(raw)
        except ValueError:
            self.violations.append("request body is not JSON")
            return self._error(400, "invalid JSON")
        problems = [
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in self._validator.iter_errors(body)
        ]
        if problems:
            self.violations.extend(problems)
            return self._error(400, "; ".join(problems))
        self.requests.append(body)
        results = [self._result(body, q) for q in body["compositeQuery"]["queries"]]
        return 200, {
            "status": "success",
            "data": {
                "type": body["requestType"],
                "data": {"results": results},
                "meta": {"rowsScanned": 0, "bytesScanned": 0, "durationMs": 1},
            },
        }

    def _result(self, body: dict[str, Any], query: dict[str, Any]) -> dict[str, Any]:
        spec = query["spec"]
        start, end = body["start"], body["end"]
        if query["type"] == "promql":
            return {"queryName": spec["name"], "aggregations": []}
        if query["type"] == "clickhouse_sql":
            return {"queryName": spec["name"], "columns": [], "data": []}
        expression = (spec.get("filter") or {}).get("expression", "")
        service = re.search(r"service\.name\s*=\s*'([^']*)'", expression)
        wanted = service.group(1) if service else None
        limit = spec.get("limit", 100)
        if spec["signal"] == "logs":
            rows = [
                {
                    "timestamp": _iso(r["ts"]),
                    "data": {
                        "body": r["body"],
                        "severity_text": r["severity"],
                        "attributes_string": r["attrs"],
                        "resources_string": {"service.name": r["service"]},
                    },
                }
                for r in sorted(self.logs, key=lambda r: -r["ts"])
                if start <= r["ts"] <= end
                and (wanted is None or r["service"] == wanted)
                and ("severity_text IN" not in expression or r["severity"] in expression)
            ]
        else:
            floor = re.search(r"duration_nano\s*>\s*(\d+)", expression)
            min_ns = int(floor.group(1)) if floor else 0
            rows = [
                {
                    "timestamp": _iso(s["ts"]),
                    "data": {
                        "name": s["name"],
                        "duration_nano": int(s["duration_ms"] * 1e6),
                        "trace_id": s["trace_id"],
                        "span_id": s["trace_id"][:16],
                        "status_code_string": s["status"],
                    },
                }
                for s in sorted(self.spans, key=lambda s: -s["duration_ms"])
                if start <= s["ts"] <= end
                and (wanted is None or s["service"] == wanted)
                and s["duration_ms"] * 1e6 > min_ns
            ]
        return {"queryName": spec["name"], "rows": rows[:limit]}
