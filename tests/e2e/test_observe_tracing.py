"""OpenTelemetry traces: off by default; with `observe.otlpEndpoint` the server exports a span per
LSP request over OTLP/HTTP (protobuf) to a collector — here a receiver on 127.0.0.1 that decodes
what it gets with the OTLP protobuf types."""

from __future__ import annotations

import sys
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER_COMMAND = [sys.executable, "-m", "intheflow", "serve", "--stdio"]


class Collector:
    def __init__(self) -> None:
        self.spans: list[tuple[str, str, dict[str, Any]]] = []  # (service, span, attributes)
        self.content_types: list[str] = []
        collector = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a: Any) -> None:
                return

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                collector.content_types.append(self.headers.get("Content-Type", ""))
                request = ExportTraceServiceRequest.FromString(body)
                for rs in request.resource_spans:
                    service = next(
                        a.value.string_value
                        for a in rs.resource.attributes
                        if a.key == "service.name"
                    )
                    for ss in rs.scope_spans:
                        for s in ss.spans:
                            attrs = {a.key: a.value.string_value for a in s.attributes}
                            collector.spans.append((service, s.name, attrs))
                payload = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200 if self.path == "/v1/traces" else 404)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def collector() -> Iterator[Collector]:
    c = Collector()
    yield c
    c.httpd.shutdown()
    c.httpd.server_close()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def traced(
    lsp_client: LanguageClient, example_workspace: Path, collector: Collector
) -> AsyncIterator[LanguageClient]:
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=example_workspace.as_uri(),
            initialization_options={"observe": {"otlpEndpoint": collector.url}},
        )
    )
    yield lsp_client
    if not getattr(lsp_client, "stopped", False):  # the test shuts down itself to flush spans
        await lsp_client.shutdown_session()


async def test_a_span_per_request_reaches_the_collector(
    traced: LanguageClient, collector: Collector
) -> None:
    result = await traced.protocol.send_request_async("intheflow/argo.attempts", {})
    assert result is not None
    await traced.shutdown_session()  # the server flushes its spans when it shuts down
    names = {name for _, name, _ in collector.spans}
    assert "intheflow/argo.attempts" in names and "shutdown" in names
    service, _, attrs = next(s for s in collector.spans if s[1] == "intheflow/argo.attempts")
    assert service == "intheflow-server" and attrs["rpc.method"] == "intheflow/argo.attempts"
    assert set(collector.content_types) == {"application/x-protobuf"}


def test_tracing_is_off_by_default() -> None:
    from intheflow.observe.tracing import tracing_endpoint

    assert tracing_endpoint({}, env={}) is None
    assert tracing_endpoint({}, env={"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318/"}) == (
        "http://c:4318/v1/traces"
    )
    assert tracing_endpoint({"observe": {"otlpEndpoint": "http://x:1"}}, env={}) == "http://x:1"
