"""The server's own Prometheus metrics, on a private registry, served on an optional HTTP port.

Names follow Prometheus conventions (base units, `_total` counters):
  intheflow_lsp_request_duration_seconds{method}          histogram, per LSP request method
  intheflow_ai_request_duration_seconds{provider,kind}    histogram, per model call
  intheflow_rule_evaluations_total{ruleset,outcome}       counter
  intheflow_cache_requests_total{cache,result}            counter, result = hit | miss
Other capabilities record through the small functions below (no prometheus_client import needed).
The exporter is off unless a port is configured (LSP setting `observe.metricsPort`, or
INTHEFLOW_METRICS_PORT); it binds to 127.0.0.1 unless `observe.metricsAddress` says otherwise.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server

REGISTRY = CollectorRegistry(auto_describe=True)

_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)

LSP_REQUEST_SECONDS = Histogram(
    "intheflow_lsp_request_duration_seconds",
    "Time from receiving an LSP request to sending its response.",
    ["method"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
AI_REQUEST_SECONDS = Histogram(
    "intheflow_ai_request_duration_seconds",
    "Wall time of one model call.",
    ["provider", "kind"],
    buckets=_LATENCY_BUCKETS,
    registry=REGISTRY,
)
RULE_EVALUATIONS = Counter(
    "intheflow_rule_evaluations_total",
    "Rule evaluations by rule set and outcome.",
    ["ruleset", "outcome"],
    registry=REGISTRY,
)
CACHE_REQUESTS = Counter(
    "intheflow_cache_requests_total",
    "Cache lookups by cache and result (hit or miss).",
    ["cache", "result"],
    registry=REGISTRY,
)


def observe_lsp_request(method: str, seconds: float) -> None:
    LSP_REQUEST_SECONDS.labels(method=method).observe(seconds)


def observe_ai_request(provider: str, kind: str, seconds: float) -> None:
    AI_REQUEST_SECONDS.labels(provider=provider, kind=kind).observe(seconds)


def count_rule_evaluation(ruleset: str, outcome: str) -> None:
    RULE_EVALUATIONS.labels(ruleset=ruleset, outcome=outcome).inc()


def count_cache(cache: str, hit: bool) -> None:
    CACHE_REQUESTS.labels(cache=cache, result="hit" if hit else "miss").inc()


@contextmanager
def timed_ai(provider: str, kind: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        observe_ai_request(provider, kind, time.perf_counter() - started)


_exporter_lock = threading.Lock()
_exporter_port: int | None = None


def exporter_settings(
    settings: Mapping[str, Any], env: Mapping[str, str] | None = None
) -> tuple[str, int] | None:
    """(address, port) of the metrics endpoint, or None when it is off."""
    env = os.environ if env is None else env
    opts = settings.get("observe") or {} if settings else {}
    raw = opts.get("metricsPort", env.get("INTHEFLOW_METRICS_PORT"))
    if raw in (None, "", False):
        return None
    try:
        port = int(raw)
    except (TypeError, ValueError):
        raise ValueError(f"observe.metricsPort must be a port number, got {raw!r}") from None
    if not 0 <= port <= 65535:
        raise ValueError(f"observe.metricsPort {port} is out of range")
    return str(opts.get("metricsAddress") or "127.0.0.1"), port


def start_exporter(address: str, port: int) -> int:
    """Serve /metrics once per process; returns the bound port (useful with port 0)."""
    global _exporter_port
    with _exporter_lock:
        if _exporter_port is None:
            server, _ = start_http_server(port, addr=address, registry=REGISTRY)
            _exporter_port = int(server.server_port)
        return _exporter_port
