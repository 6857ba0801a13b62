"""The AI orchestrator: proposes the next step at a decision point, as JSON.

`Orchestrator.propose(request)` returns the model's raw text; the engine checks it against the
proposal schema (`proposal_schema`) and rejects anything else, so a broken or adversarial answer
can never steer the process. `OpenAIOrchestrator` talks to any OpenAI-compatible
`/v1/chat/completions` endpoint over HTTP; `ScriptedOrchestrator` replays fixed answers (demo and
tests, clearly labelled as scripted).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import msgspec


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
    """The endpoint could not be reached or answered with something other than a completion."""


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


class OpenAIOrchestrator:
    """A minimal OpenAI-compatible chat-completions client (no SDK needed)."""

    def __init__(
        self, base_url: str, model: str = "default", api_key: str = "", timeout: float = 30.0
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.label = f"OpenAI-compatible endpoint {self.base_url} (model {model})"

    def propose(self, request: ProposalRequest) -> str:
        body = {
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": render_prompt(request)},
            ],
        }
        url = self.base_url + ("" if self.base_url.endswith("/v1") else "/v1") + "/chat/completions"
        req = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"}
            | ({"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}),
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                data = json.loads(resp.read())
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            raise AIError(f"{url}: {exc}") from exc
        try:
            return str(data["choices"][0]["message"]["content"])
        except (KeyError, IndexError, TypeError) as exc:
            raise AIError(f"{url}: answer has no choices[0].message.content") from exc


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
