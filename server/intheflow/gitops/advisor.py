"""The model behind diagnoses and recommendations, behind one small interface.

`ChatModel.complete(messages) -> str` is all the GitOps and triage code needs. `OpenAIChat` talks to
any OpenAI-compatible `/chat/completions` endpoint (non-streaming: these answers are short JSON).
It is a minimal client kept inside this package so GitOps does not depend on the AI layer's
in-progress API; `ProviderChat` adapts an `intheflow.ai` provider when one is configured.

Answers are parsed as JSON objects (a fenced ```json block is accepted) and checked against a
schema by the caller; a model that answers badly is an attempt that failed, never a crash.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from intheflow.gitops.rest import Endpoint, RemoteError, request_json


class ChatModel(Protocol):
    name: str

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str: ...


class ModelError(Exception):
    pass


@dataclass
class OpenAIChat:
    base_url: str  # e.g. http://127.0.0.1:8000/v1
    model: str = ""
    api_key_env: str = "OPENAI_API_KEY"
    timeout: float = 60.0
    name: str = "openai-compatible"

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str:
        key = os.environ.get(self.api_key_env, "")
        endpoint = Endpoint(
            self.base_url,
            "model endpoint",
            headers={"Authorization": f"Bearer {key}"} if key else {},
            timeout=self.timeout,
            retries=1,
        )
        body: dict[str, Any] = {
            "messages": list(messages),
            "max_tokens": max_tokens,
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        if self.model:
            body["model"] = self.model
        try:
            answer = request_json(endpoint, "POST", "/chat/completions", body=body)
        except RemoteError as exc:
            raise ModelError(str(exc)) from None
        try:
            return str(answer["choices"][0]["message"]["content"])
        except (KeyError, IndexError, TypeError):
            raise ModelError("model endpoint answered without choices[0].message.content") from None


class ProviderChat:
    """Adapts a provider of the AI layer (intheflow.ai.provider.Provider) to ChatModel."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider
        self.name = str(getattr(provider, "name", "provider"))

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str:
        from intheflow.ai.provider import GenerationRequest, Message, drain

        req = GenerationRequest(
            messages=tuple(Message(m["role"], m["content"]) for m in messages),  # type: ignore[arg-type]
            max_tokens=max_tokens,
            deadline_s=60.0,
        )
        done = drain(self.provider, req)
        if done.finish == "error":
            raise ModelError(done.error or "model error")
        return done.text


def parse_json_object(text: str) -> dict[str, Any]:
    """The JSON object in a model answer (bare, or in a ```json fence)."""
    fenced = re.search(r"```(?:json)?\s*(\{.*?\})\s*```", text, re.S)
    candidate = fenced.group(1) if fenced else text[text.find("{") : text.rfind("}") + 1]
    try:
        value = json.loads(candidate)
    except ValueError:
        raise ModelError(f"answer is not a JSON object: {text[:200]!r}") from None
    if not isinstance(value, dict):
        raise ModelError("answer is JSON but not an object")
    return value


def from_settings(settings: dict[str, Any]) -> ChatModel | None:
    """`{"ai": {"remote": {"base_url", "model", "api_key_env"}}}` or INTHEFLOW_AI_BASE_URL."""
    ai = (settings.get("ai") or {}) if settings else {}
    if ai.get("provider") == "off":  # the user turned the AI off: no diagnoses either
        return None
    remote = ai.get("remote") or {}
    base = remote.get("base_url") or os.environ.get("INTHEFLOW_AI_BASE_URL")
    if not base:
        return None
    return OpenAIChat(
        base_url=str(base),
        model=str(remote.get("model") or os.environ.get("INTHEFLOW_AI_MODEL", "")),
        api_key_env=str(remote.get("api_key_env") or "INTHEFLOW_AI_API_KEY"),
    )
