"""A small JSON-over-HTTP client shared by the Argo, Prometheus and SigNoz clients.

Why not a third-party HTTP library: the standard library covers TLS options, timeouts and line
streaming, and keeps the server's dependency set small.

Invariants:
- every call has a hard timeout (connect and each read), so the language server never hangs;
- only idempotent requests (GET) are retried, with exponential backoff, on connection errors and
  502/503/504;
- error messages name the method and endpoint, never the credentials.
"""

from __future__ import annotations

import json
import logging
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from intheflow.observe import tracing

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({502, 503, 504})


class RemoteError(Exception):
    """A remote API call failed. `str()` is a message fit for a user: endpoint, status, reason."""

    def __init__(self, message: str, endpoint: str, status: int | None = None) -> None:
        super().__init__(message)
        self.endpoint = endpoint
        self.status = status


@dataclass(frozen=True)
class Endpoint:
    """Where a service lives and how to reach it. `headers` carry credentials; never logged."""

    base_url: str
    service: str  # a human name for messages: "Argo Workflows server", "Prometheus"…
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    ca_file: str | None = None
    insecure_skip_verify: bool = False
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.2

    def ssl_context(self) -> ssl.SSLContext | None:
        if not self.base_url.startswith("https:"):
            return None
        ctx = ssl.create_default_context(cafile=self.ca_file)
        if self.insecure_skip_verify:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        return ctx


def _url(ep: Endpoint, path: str, query: Mapping[str, Any] | None) -> str:
    url = ep.base_url.rstrip("/") + path
    if query:
        pairs = []
        for key, value in query.items():
            if value is None:
                continue
            values = value if isinstance(value, list | tuple) else [value]
            for v in values:
                pairs.append((key, _query_value(v)))
        if pairs:
            url += "?" + urllib.parse.urlencode(pairs)
    return url


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _describe(ep: Endpoint, method: str, path: str) -> str:
    return f"{method} {ep.base_url.rstrip('/')}{path}"


def _open(
    ep: Endpoint,
    method: str,
    path: str,
    *,
    query: Mapping[str, Any] | None = None,
    body: Any = None,
    raw_body: bytes | None = None,
    content_type: str = "application/json",
    timeout: float | None = None,
) -> Any:
    data = (
        raw_body
        if raw_body is not None
        else (json.dumps(body).encode() if body is not None else None)
    )
    headers = {"Accept": "application/json", **ep.headers}
    if data is not None:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(
        _url(ep, path, query), data=data, method=method, headers=headers
    )
    where = _describe(ep, method, path)
    with tracing.span(
        f"{ep.service} {method}", **{"http.request.method": method, "url.path": path}
    ):
        return _open_retrying(ep, method, request, where, timeout)


def _open_retrying(
    ep: Endpoint,
    method: str,
    request: urllib.request.Request,
    where: str,
    timeout: float | None,
) -> Any:
    attempts = ep.retries if method == "GET" else 1
    for attempt in range(1, attempts + 1):
        try:
            return urllib.request.urlopen(
                request, timeout=timeout or ep.timeout, context=ep.ssl_context()
            )
        except urllib.error.HTTPError as exc:
            if exc.code in RETRYABLE_STATUS and attempt < attempts:
                _sleep(ep, attempt, where, f"HTTP {exc.code}")
                continue
            raise _http_error(ep, where, exc) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            if attempt < attempts:
                _sleep(ep, attempt, where, str(reason))
                continue
            raise RemoteError(f"{ep.service} is unreachable at {where}: {reason}", where) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _sleep(ep: Endpoint, attempt: int, where: str, reason: str) -> None:
    delay = ep.backoff * (2 ** (attempt - 1))
    log.info("%s failed (%s); retry %d in %.1f s", where, reason, attempt, delay)
    time.sleep(delay)


def _http_error(ep: Endpoint, where: str, exc: urllib.error.HTTPError) -> RemoteError:
    detail = ""
    try:
        payload = json.loads(exc.read() or b"{}")
        if isinstance(payload, dict):
            detail = str(payload.get("message") or payload.get("error") or "")
    except (ValueError, OSError):
        pass
    if exc.code == 401:
        hint = "the token was rejected or has expired; renew it"
    elif exc.code == 403:
        hint = "the token is not allowed to do this"
    elif exc.code == 404:
        hint = "not found"
    else:
        hint = exc.reason or "request failed"
    message = f"{ep.service}: {where} returned HTTP {exc.code} ({hint})"
    if detail:
        message += f": {detail}"
    return RemoteError(message, where, exc.code)


def request_json(
    ep: Endpoint,
    method: str,
    path: str,
    *,
    query: Mapping[str, Any] | None = None,
    body: Any = None,
    raw_body: bytes | None = None,
    content_type: str = "application/json",
) -> Any:
    where = _describe(ep, method, path)
    with _open(
        ep, method, path, query=query, body=body, raw_body=raw_body, content_type=content_type
    ) as response:
        try:
            raw = response.read()
        except (TimeoutError, ConnectionError) as exc:
            raise RemoteError(f"{ep.service}: {where} broke off: {exc}", where) from None
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        raise RemoteError(f"{ep.service}: {where} returned invalid JSON", where) from None


def stream_json_lines(
    ep: Endpoint,
    path: str,
    *,
    query: Mapping[str, Any] | None = None,
    read_timeout: float | None = None,
    deadline: float | None = None,
) -> Iterator[Any]:
    """GET a newline-delimited JSON stream (grpc-gateway streaming). Stops at `deadline` seconds."""
    where = _describe(ep, "GET", path)
    stop_at = time.monotonic() + deadline if deadline is not None else None
    response = _open(ep, "GET", path, query=query, timeout=read_timeout)
    with response:
        while stop_at is None or time.monotonic() < stop_at:
            try:
                line = response.readline()
            except TimeoutError:
                return
            except ConnectionError as exc:
                raise RemoteError(f"{ep.service}: {where} broke off: {exc}", where) from None
            if not line:
                return
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except ValueError:
                raise RemoteError(
                    f"{ep.service}: {where} sent a line that is not JSON", where
                ) from None
