"""Request latency by LSP method, and the optional Prometheus endpoint (observe/metrics.py).

Not an LSP feature of its own: it times every request between pygls receiving it and sending the
response, by wrapping the protocol's two dispatch points once. After `initialize` (when settings
are known) it starts the metrics exporter if `observe.metricsPort` or INTHEFLOW_METRICS_PORT is set.
A failure here is logged and never affects request handling.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from intheflow.observe import metrics, tracing

if TYPE_CHECKING:
    from intheflow.lsp.server import IntheflowServer

log = logging.getLogger(__name__)


def register(server: IntheflowServer) -> None:
    protocol: Any = server.protocol
    pending: dict[Any, tuple[str, float, Any]] = {}
    handle_request = protocol._handle_request
    send_response = protocol._send_response

    def timed_handle(msg_id: Any, method_name: str, params: Any) -> Any:
        span = tracing.tracer().start_span(method_name, attributes={"rpc.method": method_name})
        pending[msg_id] = (method_name, time.perf_counter(), span)
        try:
            return handle_request(msg_id, method_name, params)
        finally:
            if method_name == "initialize":
                _maybe_start_exporter(server)
                _maybe_start_tracing(server)

    def timed_send(msg_id: Any, result: Any = None, error: Any = None) -> Any:
        started = pending.pop(msg_id, None)
        if started is not None:
            try:
                metrics.observe_lsp_request(started[0], time.perf_counter() - started[1])
                if error is not None:
                    started[2].set_attribute("rpc.error", True)
                started[2].end()
                if started[0] == "shutdown":
                    tracing.flush()  # the process may exit right after the response
            except Exception:
                log.debug("metrics observation failed", exc_info=True)
        return send_response(msg_id, result, error)

    protocol._handle_request = timed_handle
    protocol._send_response = timed_send


def _maybe_start_tracing(server: IntheflowServer) -> None:
    try:
        endpoint = tracing.tracing_endpoint(server.settings)
        if endpoint:
            tracing.start_tracing(endpoint)
    except Exception as exc:
        log.warning("tracing not started: %s", exc)


def _maybe_start_exporter(server: IntheflowServer) -> None:
    try:
        found = metrics.exporter_settings(server.settings)
        if found is not None:
            port = metrics.start_exporter(*found)
            server.state["observe.metrics_port"] = port
            log.info("Prometheus metrics on http://%s:%d/metrics", found[0], port)
    except Exception as exc:  # a bad port must not take the server down
        log.warning("metrics exporter not started: %s", exc)
