"""The model behind diagnoses and recommendations, behind one small interface.

`ChatModel.complete(messages) -> str` is all the GitOps and triage code needs. `ProviderChat` asks
any provider of the AI layer (the local model, or an OpenAI-compatible endpoint); `OpenAIChat` is
that with the AI layer's remote provider.

Answers are parsed as JSON objects (a fenced ```json block is accepted) and checked against a
schema by the caller; a model that answers badly is an attempt that failed, never a crash.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from typing import Any, Literal, Protocol

from intheflow.ai.provider import CancelToken, GenerationRequest, Message, Provider, drain
from intheflow.ai.remote import RemoteProvider
from intheflow.ai.settings import RemoteSettings


class ChatModel(Protocol):
    name: str

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str: ...


class ModelError(Exception):
    pass


class ProviderChat:
    """ChatModel over a provider of the AI layer (`intheflow.ai.provider`): the provider brings
    retries before the first token, the hard deadline and cancellation (`cancel`, shared by
    every call). Anything but a finished answer is a `ModelError`."""

    def __init__(
        self,
        provider: Provider,
        *,
        deadline_s: float = 60.0,
        name: str = "",
        cancel: CancelToken | None = None,
    ) -> None:
        self.provider = provider
        self.deadline_s = deadline_s
        self.name = name or str(getattr(provider, "name", "provider"))
        self.cancel = cancel or CancelToken()

    def complete(self, messages: Sequence[dict[str, str]], *, max_tokens: int = 512) -> str:
        req = GenerationRequest(
            messages=tuple(Message(_role(m["role"]), m["content"]) for m in messages),
            max_tokens=max_tokens,
            temperature=0.0,
            deadline_s=self.deadline_s,
            json_object=True,  # these answers are one JSON object
        )
        done = drain(self.provider, req, self.cancel)
        if done.finish not in ("stop", "length"):
            raise ModelError(
                f"{self.name}: {done.finish}" + (f": {done.error}" if done.error else "")
            )
        return done.text


class OpenAIChat(ProviderChat):
    """ChatModel over an OpenAI-compatible endpoint: the AI layer's remote provider, the key
    from the environment variable `api_key_env` (Authorization header only)."""

    def __init__(
        self,
        base_url: str,  # e.g. http://127.0.0.1:8000/v1
        model: str = "",
        api_key_env: str = "OPENAI_API_KEY",
        timeout: float = 60.0,
        name: str = "openai-compatible",
    ) -> None:
        self.base_url = base_url
        settings = RemoteSettings(base_url=base_url, model=model, api_key_env=api_key_env)
        super().__init__(RemoteProvider(settings), deadline_s=timeout, name=name)


def _role(role: str) -> Literal["system", "user", "assistant"]:
    if role not in ("system", "user", "assistant"):
        raise ModelError(f"unknown chat role {role!r}")
    return role  # type: ignore[return-value]


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
