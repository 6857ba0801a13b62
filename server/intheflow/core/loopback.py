"""A JSON-over-HTTP server on 127.0.0.1 (a free port) in a daemon thread.

The base of every stand-in for a remote service that cannot run here (Argo, Kubernetes, SigNoz,
an OpenAI-compatible model), used by the tests and, clearly labelled, by the demo. A subclass
lists the HTTP methods it answers and implements `handle`; other methods get the standard 501.
"""

from __future__ import annotations

import json
import ssl
import threading
from abc import ABC, abstractmethod
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def send_json(http: BaseHTTPRequestHandler, status: int, body: Any) -> None:
    payload = json.dumps(body).encode()
    http.send_response(status)
    http.send_header("Content-Type", "application/json")
    http.send_header("Content-Length", str(len(payload)))
    http.end_headers()
    http.wfile.write(payload)


class LoopbackServer(ABC):
    methods: tuple[str, ...] = ("GET", "POST")
    url_suffix = ""  # appended to the base URL, e.g. "/v1" for OpenAI-compatible servers

    def __init__(self) -> None:
        self._httpd: ThreadingHTTPServer | None = None
        self.tls: tuple[str, str] | None = None  # (certificate file, key file) → HTTPS

    @abstractmethod
    def handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        """Answer one request (read it from `http`, reply with `send_json`)."""

    def start(self) -> str:
        server = self

        def quiet(handler: BaseHTTPRequestHandler, format: str, *args: Any) -> None:
            return

        def answer(method: str) -> Any:
            return lambda handler: server.handle(handler, method)

        attrs: dict[str, Any] = {"protocol_version": "HTTP/1.1", "log_message": quiet}
        attrs.update({f"do_{m}": answer(m) for m in self.methods})
        handler = type("_Handler", (BaseHTTPRequestHandler,), attrs)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        if self.tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self.url

    @property
    def url(self) -> str:
        assert self._httpd is not None, "the server is not started"
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self._httpd.server_address[1]}{self.url_suffix}"

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
