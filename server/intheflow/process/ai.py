"""The AI orchestrator: proposes the next step at a decision point, as JSON.

`Orchestrator.propose(request)` returns the model's raw text; the engine checks it against the
proposal schema (`proposal_schema`) and rejects anything else, so a broken or adversarial answer
can never steer the process. `ProviderOrchestrator` asks a provider of the AI layer — an
OpenAI-compatible endpoint (`remote_orchestrator`) or the local model (`local_orchestrator`);
`ScriptedOrchestrator` replays fixed answers (demo and tests, clearly labelled as scripted).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import msgspec

from intheflow.ai.provider import CancelToken, GenerationRequest, Message, Provider, drain


class Option(msgspec.Struct, frozen=True):
    flow: str
    target: str
    name: str = ""
    condition: str | None = None


class ProposalRequest(msgspec.Struct, frozen=True):
    process: str
    instance: str
    node: str
    node_name: str
    options: list[Option]
    variables: dict[str, Any]


class Proposal(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    next: str  # a flow id or its target node id
    inputs: dict[str, str | int | float | bool | None] = {}
    reason: str = ""


class AIError(Exception):
    """The model gave no finished answer (unreachable, error, deadline, cancelled)."""


class Orchestrator(Protocol):
    label: str

    def propose(self, request: ProposalRequest) -> str: ...


def proposal_schema(options: Sequence[Option]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) an answer must satisfy at this decision point."""
    choices = sorted({o.flow for o in options} | {o.target for o in options})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["next"],
        "additionalProperties": False,
        "properties": {
            "next": {"enum": choices},
            "inputs": {
                "type": "object",
                "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
            },
            "reason": {"type": "string"},
        },
    }


SYSTEM_PROMPT = (
    "You orchestrate a business process. At a decision point you choose the next step. "
    "Answer with one JSON object only: "
    '{"next": "<flow id or node id>", "inputs": {<variables to set>}, "reason": "<why>"}. '
    "Business rules check your answer and may block or redirect it."
)


def render_prompt(request: ProposalRequest) -> str:
    lines = [
        f"Process {request.process}, instance {request.instance}.",
        f"Decision point {request.node} ({request.node_name}). Options:",
    ]
    for o in request.options:
        cond = f" when {o.condition}" if o.condition else ""
        lines.append(f"- flow {o.flow} → {o.target} {o.name!r}{cond}")
    lines.append("Variables: " + json.dumps(request.variables, sort_keys=True, default=str))
    return "\n".join(lines)


class ProviderOrchestrator:
    """Asks a provider of the AI layer (`intheflow.ai.provider`: the remote OpenAI-compatible
    endpoint or the local model) for a proposal. The provider brings its retries (before the
    first token), the hard deadline and cancellation; any answer other than a finished one is an
    `AIError`, and the engine then decides by the rules alone."""

    def __init__(
        self,
        provider: Provider,
        *,
        deadline_s: float = 30.0,
        max_tokens: int = 256,
        cancel: CancelToken | None = None,
        label: str = "",
    ) -> None:
        self.provider = provider
        self.deadline_s = deadline_s
        self.max_tokens = max_tokens
        # shared by every call: cancelling it (a worker shutting down) ends the one in flight
        self.cancel = cancel or CancelToken()
        self.label = label or f"AI provider {provider.name}"

    def propose(self, request: ProposalRequest) -> str:
        req = GenerationRequest(
            messages=(
                Message("system", SYSTEM_PROMPT),
                Message("user", render_prompt(request)),
            ),
            max_tokens=self.max_tokens,
            temperature=0.0,
            deadline_s=self.deadline_s,
            json_object=True,
        )
        done = drain(self.provider, req, self.cancel)
        if done.finish not in ("stop", "length"):
            raise AIError(
                f"{self.label}: {done.finish}" + (f": {done.error}" if done.error else "")
            )
        return done.text


def remote_orchestrator(
    base_url: str, model: str = "", api_key_env: str = "INTHEFLOW_AI_KEY", deadline_s: float = 30.0
) -> ProviderOrchestrator:
    """The orchestrator over an OpenAI-compatible endpoint (the AI layer's remote provider); the
    key is read from the environment variable `api_key_env`, never passed around."""
    from intheflow.ai.remote import RemoteProvider
    from intheflow.ai.settings import RemoteSettings

    base = base_url.rstrip("/")
    base += "" if base.endswith("/v1") else "/v1"  # a bare host:port means its /v1 API
    provider = RemoteProvider(RemoteSettings(base_url=base, model=model, api_key_env=api_key_env))
    label = f"OpenAI-compatible endpoint {base}" + (f" (model {model})" if model else "")
    return ProviderOrchestrator(provider, deadline_s=deadline_s, label=label)


def local_orchestrator(root: Path | None = None, deadline_s: float = 60.0) -> ProviderOrchestrator:
    """The orchestrator over the local model (the AI layer's default provider and settings)."""
    from intheflow.ai.providers import make_provider
    from intheflow.ai.settings import AISettings

    provider = make_provider(AISettings(), root)
    return ProviderOrchestrator(
        provider, deadline_s=deadline_s, label=f"local model ({provider.name})"
    )


class ScriptedOrchestrator:
    """Answers from a script: a function of the request, or a list replayed in order."""

    def __init__(
        self, script: Callable[[ProposalRequest], str] | Sequence[str], label: str = ""
    ) -> None:
        self.script = script
        self.calls = 0
        self.label = label or "scripted orchestrator (no model endpoint configured)"

    def propose(self, request: ProposalRequest) -> str:
        self.calls += 1
        if callable(self.script):
            return self.script(request)
        if not self.script:
            return "{}"
        return self.script[(self.calls - 1) % len(self.script)]
