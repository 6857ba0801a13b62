"""OpenTelemetry traces with an OTLP/HTTP exporter — off unless an endpoint is configured.

Endpoint: LSP setting `observe.otlpEndpoint` (base URL of a collector, e.g.
http://127.0.0.1:4318), else OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT.
Without one, the OpenTelemetry API's no-op tracer is used and spans cost next to nothing.
Spans: one per LSP request (`lsp/features/telemetry.py`) and one per remote HTTP call
(`gitops/rest.py`), so a slow panel request shows which Argo/Prometheus/SigNoz call it waited on.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace

log = logging.getLogger(__name__)

_lock = threading.Lock()
_provider: Any = None


def tracing_endpoint(
    settings: Mapping[str, Any] | None, env: Mapping[str, str] | None = None
) -> str | None:
    env = os.environ if env is None else env
    opts = (settings or {}).get("observe") or {}
    explicit = opts.get("otlpEndpoint") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    if explicit:
        return str(explicit)
    base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    return f"{base.rstrip('/')}/v1/traces" if base else None


def start_tracing(endpoint: str, service_name: str = "intheflow-server") -> bool:
    """Install the SDK tracer provider once per process; returns False if already installed."""
    global _provider
    with _lock:
        if _provider is not None:
            return False
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        if not endpoint.rstrip("/").endswith("/v1/traces"):
            endpoint = endpoint.rstrip("/") + "/v1/traces"
        provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
        provider.add_span_processor(
            BatchSpanProcessor(
                OTLPSpanExporter(endpoint=endpoint, timeout=5), schedule_delay_millis=500
            )
        )
        trace.set_tracer_provider(provider)
        _provider = provider
        log.info("OpenTelemetry traces exported to %s", endpoint)
        return True


def flush() -> None:
    if _provider is not None:
        _provider.force_flush(timeout_millis=5000)


def tracer() -> trace.Tracer:
    return trace.get_tracer("intheflow")


@contextmanager
def span(name: str, **attributes: str | int | float | bool) -> Iterator[Any]:
    with tracer().start_as_current_span(name, attributes=attributes) as current:
        yield current
