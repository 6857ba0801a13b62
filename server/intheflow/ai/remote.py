"""The remote provider: any OpenAI-compatible HTTP endpoint (vLLM, llama.cpp server, Ollama…).

Streams Server-Sent Events from `/completions` (raw prompts, with `suffix` for FIM) or
`/chat/completions` (messages). Connection failures, 429 and 5xx are retried with exponential
backoff, but only before the first token (a half-streamed answer is never replayed), and never
past the request's hard deadline. The API key is read from the environment variable named in the
settings; it goes into the Authorization header only and never into a log line or an error.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx

from intheflow.ai.provider import Availability, CancelToken, Chunk, GenerationRequest, guarded
from intheflow.ai.settings import RemoteSettings

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


class _Retryable(Exception):
    pass


class RemoteProvider:
    name = "remote"

    def __init__(self, settings: RemoteSettings) -> None:
        self.settings = settings
        self.base_url = settings.base_url.rstrip("/")
        headers = {"Accept": "text/event-stream"}
        key = settings.api_key()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._client = httpx.Client(headers=headers, trust_env=False)
        self.attempts = 0  # requests sent, retries included (read by tests)

    def availability(self) -> Availability:
        if not self.base_url:
            return Availability(False, "ai.remote.base_url is not set")
        try:
            r = self._client.get(f"{self.base_url}/models", timeout=self.settings.connect_timeout_s)
        except httpx.HTTPError as exc:
            return Availability(
                False, f"endpoint {self.base_url} unreachable: {type(exc).__name__}"
            )
        if r.status_code in (401, 403):
            return Availability(
                False,
                f"endpoint {self.base_url} refused the API key "
                f"(from ${self.settings.api_key_env}): HTTP {r.status_code}",
            )
        return Availability(
            True, f"remote {self.settings.model or 'default model'} at {self.base_url}"
        )

    def _body(self, req: GenerationRequest) -> tuple[str, dict[str, Any]]:
        body: dict[str, Any] = {
            "max_tokens": req.max_tokens,
            "temperature": req.temperature,
            "stream": True,
        }
        if self.settings.model:
            body["model"] = self.settings.model
        if req.stop:
            body["stop"] = list(req.stop[:4])  # OpenAI allows 4; the guard applies them all
        if req.json_object:
            body["response_format"] = {"type": "json_object"}
        if req.messages:
            body["messages"] = [{"role": m.role, "content": m.content} for m in req.messages]
            return "/chat/completions", body
        body["prompt"] = req.prompt
        if req.suffix is not None:
            body["suffix"] = req.suffix
        return "/completions", body

    def _pieces(
        self, req: GenerationRequest, cancel: CancelToken, started: float, errors: list[str]
    ) -> Iterator[str]:
        path, body = self._body(req)
        delay = self.settings.backoff_s
        for attempt in range(self.settings.retries + 1):
            remaining = req.deadline_s - (time.perf_counter() - started)
            if remaining <= 0 or cancel.cancelled:
                return
            self.attempts += 1
            got_token = False
            try:
                timeout = httpx.Timeout(
                    remaining, connect=min(self.settings.connect_timeout_s, remaining)
                )
                with self._client.stream(
                    "POST", self.base_url + path, json=body, timeout=timeout
                ) as resp:
                    if resp.status_code in RETRY_STATUS:
                        raise _Retryable(f"HTTP {resp.status_code}")
                    if resp.status_code >= 400:
                        errors.append(f"endpoint answered HTTP {resp.status_code}")
                        return
                    for piece in _sse_texts(resp.iter_lines()):
                        got_token = True
                        yield piece
                        if cancel.cancelled:
                            return
                return
            except (_Retryable, httpx.TransportError) as exc:
                if got_token:
                    errors.append(f"stream broke: {type(exc).__name__}")
                    return
                reason = str(exc) if isinstance(exc, _Retryable) else type(exc).__name__
                log.warning("remote %s attempt %d failed: %s", self.base_url, attempt + 1, reason)
                errors.append(reason)
                if attempt == self.settings.retries:
                    return
                # Back off, but wake at once on cancellation and never sleep past the deadline.
                left = req.deadline_s - (time.perf_counter() - started)
                if cancel.wait(max(0.0, min(delay, left))):
                    return
                delay *= 2

    def stream(self, req: GenerationRequest, cancel: CancelToken) -> Iterator[Chunk]:
        started = time.perf_counter()
        errors: list[str] = []
        got_text = False
        for chunk in guarded(self._pieces(req, cancel, started, errors), req, cancel, started):
            if chunk.text:
                got_text = True
            if chunk.finish is not None and errors and not got_text and chunk.finish == "stop":
                if time.perf_counter() - started > req.deadline_s:
                    yield Chunk("", finish="deadline")
                else:
                    yield Chunk("", finish="error", error=f"remote {self.base_url}: {errors[-1]}")
                return
            yield chunk

    def close(self) -> None:
        self._client.close()


def _sse_texts(lines: Iterator[str]) -> Iterator[str]:
    """Text pieces of an OpenAI SSE stream (completions or chat deltas)."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
            choice = event["choices"][0]
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        text = choice.get("text")
        if text is None:
            text = (choice.get("delta") or {}).get("content")
        if text:
            yield str(text)
