"""AI settings: nested, fully defaulted; read from initializationOptions["ai"] or the CLI.

Invalid values are reported (one line each) and replaced by the default, as jedi-language-server
does with its options. The API key itself is never a setting: only the name of the environment
variable that holds it, so that no secret travels through the protocol or the logs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FimTokens:
    prefix: str
    suffix: str
    middle: str


# Fill-in-the-middle tokens of well-known code models, matched on the GGUF file / model name.
KNOWN_FIM: dict[str, FimTokens] = {
    "deepseek-coder": FimTokens("<｜fim▁begin｜>", "<｜fim▁hole｜>", "<｜fim▁end｜>"),
    "qwen2.5-coder": FimTokens("<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"),
    "starcoder": FimTokens("<fim_prefix>", "<fim_suffix>", "<fim_middle>"),
    "codellama": FimTokens("<PRE> ", " <SUF>", " <MID>"),
    "codegemma": FimTokens("<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>"),
}


@dataclass(frozen=True)
class RemoteSettings:
    base_url: str = ""  # e.g. http://127.0.0.1:8000/v1 (OpenAI-compatible)
    model: str = ""
    api_key_env: str = "INTHEFLOW_AI_API_KEY"  # name of the variable, never the key
    connect_timeout_s: float = 2.0
    retries: int = 2
    backoff_s: float = 0.2

    def api_key(self) -> str | None:
        return os.environ.get(self.api_key_env) or None


@dataclass(frozen=True)
class InlineSettings:
    enabled: bool = True
    debounce_ms: int = 60
    deadline_ms: int = 1500  # nothing is shown after this
    max_tokens: int = 48
    prefix_chars: int = 1500
    suffix_chars: int = 400
    budget_tokens: int = 700  # header + prefix window while typing on a cached prompt
    cold_budget_tokens: int = 256  # header + prefix window of a prompt the model has not cached
    cold_first_line: bool = True  # a block on a cold prompt: show its first line at once
    rag_snippets: int = 2
    cache_size: int = 256


@dataclass(frozen=True)
class RagSettings:
    enabled: bool = True
    path: str = ".intheflow/qdrant"  # relative to the workspace root; ":memory:" for tests
    url: str = ""  # a Qdrant server for teams; overrides `path`
    top_k: int = 4


@dataclass(frozen=True)
class AISettings:
    provider: str = "local"  # local | remote | off
    model_path: str = ""  # a GGUF; empty: the bundled Gemma 3 270M
    fim: FimTokens | None = None  # overrides KNOWN_FIM; None: look it up, else prefix-only
    n_ctx: int = 2048
    n_threads: int = 2
    warmup: bool = True
    request_deadline_s: float = 60.0  # chat and generation
    remote: RemoteSettings = field(default_factory=RemoteSettings)
    inline: InlineSettings = field(default_factory=InlineSettings)
    rag: RagSettings = field(default_factory=RagSettings)

    def fim_tokens(self, model_name: str) -> FimTokens | None:
        if self.fim is not None:
            return self.fim
        lowered = model_name.lower()
        return next((t for key, t in KNOWN_FIM.items() if key in lowered), None)

    def rag_location(self, root: Path) -> str:
        if self.rag.url or self.rag.path == ":memory:":
            return self.rag.url or ":memory:"
        path = Path(self.rag.path)
        return str(path if path.is_absolute() else root / path)


def _coerce(cls: type[Any], raw: object, where: str, problems: list[str]) -> Any:
    default = cls()
    if raw is None:
        return default
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected an object, got {type(raw).__name__}; using defaults")
        return default
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(cls)}
    for key, value in raw.items():
        name = _snake(str(key))
        if name not in known:
            problems.append(f"{where}.{key}: unknown setting, ignored")
            continue
        current = getattr(default, name)
        if name == "fim":
            fim = _fim(value, f"{where}.fim", problems)
            if fim is not None:
                values[name] = fim
        elif hasattr(current, "__dataclass_fields__"):
            values[name] = _coerce(type(current), value, f"{where}.{key}", problems)
        elif isinstance(current, bool):
            if isinstance(value, bool):
                values[name] = value
            else:
                problems.append(f"{where}.{key}: expected true/false; using {current}")
        elif isinstance(current, int | float) and not isinstance(value, bool):
            if isinstance(value, int | float) and value >= 0:
                values[name] = type(current)(value)
            else:
                problems.append(f"{where}.{key}: expected a non-negative number; using {current}")
        elif isinstance(current, str):
            if isinstance(value, str):
                values[name] = value
            else:
                problems.append(f"{where}.{key}: expected a string; using {current!r}")
        else:
            problems.append(f"{where}.{key}: unsupported value, ignored")
    if "provider" in values and values["provider"] not in ("local", "remote", "off"):
        problems.append(f"{where}.provider: expected local, remote or off; using local")
        values["provider"] = "local"
    return replace(default, **values)


def _snake(key: str) -> str:
    # Accept model_path, model-path and modelPath alike (clients differ).
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).replace("-", "_").lower()


def _fim(raw: object, where: str, problems: list[str]) -> FimTokens | None:
    if isinstance(raw, dict) and all(
        isinstance(raw.get(k), str) for k in ("prefix", "suffix", "middle")
    ):
        return FimTokens(raw["prefix"], raw["suffix"], raw["middle"])
    problems.append(f"{where}: expected {{prefix, suffix, middle}} strings; FIM off")
    return None


def parse_settings(raw: object) -> tuple[AISettings, list[str]]:
    """Settings from the `ai` object of initializationOptions; returns (settings, problems)."""
    problems: list[str] = []
    settings: AISettings = _coerce(AISettings, raw, "ai", problems)
    return settings, problems
