"""Prometheus HTTP API client (instant and range PromQL queries), shared by Rollouts analysis and
incident triage. https://prometheus.io/docs/prometheus/latest/querying/api/
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from intheflow.gitops.rest import Endpoint, RemoteError, request_json


@dataclass(frozen=True)
class Sample:
    labels: dict[str, str]
    value: float
    timestamp: float


@dataclass(frozen=True)
class Series:
    labels: dict[str, str]
    points: list[tuple[float, float]] = field(default_factory=list)  # (timestamp, value)


class PromQLError(Exception):
    """Prometheus refused the query (bad PromQL, timeout): the message says which and why."""


class PrometheusClient:
    def __init__(
        self, base_url: str, *, headers: dict[str, str] | None = None, timeout: float = 10.0
    ) -> None:
        self.endpoint = Endpoint(base_url, "Prometheus", headers=headers or {}, timeout=timeout)

    def _call(self, path: str, query: dict[str, Any]) -> Any:
        try:
            body = request_json(self.endpoint, "GET", path, query=query)
        except RemoteError as exc:
            if exc.status in (400, 422):
                raise PromQLError(f"{query.get('query')!r}: {exc}") from None
            raise
        if not isinstance(body, dict) or body.get("status") != "success":
            error = body.get("error") if isinstance(body, dict) else body
            raise PromQLError(f"{query.get('query')!r}: {error}")
        return body["data"]

    def query(self, promql: str, at: float | None = None) -> list[Sample]:
        data = self._call("/api/v1/query", {"query": promql, "time": at})
        kind, result = data.get("resultType"), data.get("result")
        if kind == "scalar":
            return [Sample({}, _num(result[1]), float(result[0]))]
        if kind != "vector":
            raise PromQLError(f"{promql!r}: expected a vector, got {kind}")
        return [
            Sample(dict(r.get("metric") or {}), _num(r["value"][1]), float(r["value"][0]))
            for r in result
        ]

    def query_range(self, promql: str, start: float, end: float, step: float) -> list[Series]:
        data = self._call(
            "/api/v1/query_range", {"query": promql, "start": start, "end": end, "step": step}
        )
        if data.get("resultType") != "matrix":
            raise PromQLError(f"{promql!r}: expected a matrix, got {data.get('resultType')}")
        return [
            Series(
                dict(r.get("metric") or {}),
                [(float(t), _num(v)) for t, v in r.get("values") or []],
            )
            for r in data["result"]
        ]

    def scalar(self, promql: str, at: float | None = None) -> float | None:
        """The single value of an aggregated query; None when there is no data."""
        samples = [s for s in self.query(promql, at) if not math.isnan(s.value)]
        return samples[0].value if samples else None


def _num(text: Any) -> float:
    return float(text)  # Prometheus sends "NaN", "+Inf" as strings; float() reads both
