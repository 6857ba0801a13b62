"""Inline suggestions: context → provider → block trimming → post-filter, with two caches.

Latency pipeline (the LSP handler adds the debounce and maps `$/cancelRequest`):
  1. typing-forward cache: if the last suggestion for this document started with what the user
     has typed since, the rest is answered at once (no model call);
  2. result cache: the same prompt answers from memory;
  3. otherwise `prepare()` builds the context (any thread: the LSP handler runs it during the
     debounce) and the provider runs in the AI worker thread with a CancelToken that fires on a
     newer request for the same document, on `$/cancelRequest`, or past the hard deadline;
  4. single-line mode stops at the newline; block mode stops as soon as the block is complete
     (blocks.block_finished) and is trimmed to it, and nothing that adds parse errors, or breaks
     a code rule, survives.
Core code: no LSP types, no event loop; returns plain `InlineResult`s.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from intheflow.ai.blocks import (
    Mode,
    block_end,
    completion_mode,
    introduces_errors,
    trim_to_block,
)
from intheflow.ai.context import InlineContext, Retrieve, build_inline_context, tokens_of
from intheflow.ai.provider import CancelToken, GenerationRequest, Provider
from intheflow.ai.rules_bridge import RuleCheck
from intheflow.ai.settings import AISettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class InlineRequest:
    path: str
    language: str
    text: str
    line: int
    character: int  # code points
    version: int | None = None


@dataclass
class InlineResult:
    text: str  # what to insert at the cursor ("" = nothing to show)
    source: str  # "model", "cache", "typed-forward", "none"
    mode: str = "line"
    finish: str = ""
    dropped: str = ""  # why a generated suggestion was not shown
    first_token_s: float | None = None
    total_s: float = 0.0
    prompt_tokens: int = 0
    snippets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PreparedInline:
    """A request with its prompt context and mode: everything before the model."""

    req: InlineRequest
    ctx: InlineContext
    mode: Mode
    key: str  # result-cache key
    seconds: float  # time spent preparing


def _key(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=16).hexdigest()


class InlineEngine:
    def __init__(
        self,
        provider: Provider,
        settings: AISettings,
        retrieve: Retrieve | None = None,
        rule_check: RuleCheck | None = None,
    ) -> None:
        self.provider = provider
        self.settings = settings
        self.retrieve = retrieve
        self.rule_check = rule_check
        self._cache: OrderedDict[str, InlineResult] = OrderedDict()
        self._headers: dict[str, tuple[str, tuple[object, ...]]] = {}
        # path -> (text before the cursor when suggested, the suggestion)
        self._last: dict[str, tuple[str, str]] = {}
        # (path, text hash, line, character) -> suggestion: repeats answer before any debounce
        self._exact: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._inflight: dict[str, CancelToken] = {}
        # The document and context of the last prompt given to the model: the model's KV cache
        # holds that prompt, so the next context of the same document keeps its window start.
        self._cached_prompt: tuple[str, InlineContext] | None = None
        # Set while a suggestion is being generated: background work (RAG indexing) yields.
        self.busy = threading.Event()

    # ---- step 1 and 2: answers without the model -------------------------------------------
    def quick(self, req: InlineRequest) -> InlineResult | None:
        """A cached answer, or None. Cheap; safe to call on the event loop."""
        with self._lock:
            exact = self._exact.get(_exact_key(req))
        if exact is not None:
            return InlineResult(exact, "cache")
        before = _text_before(req)
        with self._lock:
            last = self._last.get(req.path)
        if last is not None:
            old_before, suggestion = last
            if before.startswith(old_before):
                typed = before[len(old_before) :]
                if typed and suggestion.startswith(typed) and len(typed) < len(suggestion):
                    return InlineResult(suggestion[len(typed) :], "typed-forward")
        return None

    def begin(self, path: str, token: CancelToken | None = None) -> CancelToken:
        """Registers a new request on `path`; the previous one (now stale) is cancelled."""
        token = token or CancelToken()
        with self._lock:
            old = self._inflight.get(path)
            self._inflight[path] = token
        if old is not None:
            old.cancel()
        return token

    # ---- step 3 and 4: the model -------------------------------------------------------------
    def prepare(self, req: InlineRequest) -> PreparedInline:
        """The prompt context and mode; no model call, safe on any thread."""
        started = time.perf_counter()
        cached = self._cached_prompt
        previous = cached[1] if cached is not None and cached[0] == req.path else None
        ctx = build_inline_context(
            req.path,
            req.language,
            req.text,
            req.line,
            req.character,
            self.settings.inline,
            self.retrieve,
            self._headers,  # type: ignore[arg-type]
            previous,
        )
        mode = completion_mode(req.language, ctx.prefix, ctx.suffix)
        key = _key(req.path, mode, ctx.prompt_prefix, ctx.suffix)
        return PreparedInline(req, ctx, mode, key, time.perf_counter() - started)

    def suggest(
        self, req: InlineRequest, cancel: CancelToken, prepared: PreparedInline | None = None
    ) -> InlineResult:
        self.busy.set()
        try:
            return self._suggest(prepared or self.prepare(req), cancel)
        finally:
            self.busy.clear()

    def _suggest(self, prepared: PreparedInline, cancel: CancelToken) -> InlineResult:
        started = time.perf_counter() - prepared.seconds
        req, ctx, mode, key = prepared.req, prepared.ctx, prepared.mode, prepared.key
        inline = self.settings.inline
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is not None:
            self._remember(req, hit.text)
            return InlineResult(hit.text, "cache", mode=mode, total_s=time.perf_counter() - started)
        # A cold block shows its first line (its prefill already took most of the time); once
        # accepted, the next request is warm and brings the rest of the block quickly.
        one_line = mode == "line" or (ctx.cold and inline.cold_first_line)
        stops: tuple[str, ...] = ("\n",) if one_line else ("\n\n\n",)
        if not one_line and req.language == "python":
            stops += ("\ndef ", "\nclass ", "\nif __name__")
        gen = GenerationRequest(
            prompt=ctx.prompt_prefix,
            suffix=ctx.suffix,
            max_tokens=min(inline.max_tokens, 24) if one_line else inline.max_tokens,
            stop=stops,
            deadline_s=inline.deadline_ms / 1000,
        )
        self._cached_prompt = (req.path, ctx)
        pieces: list[str] = []
        finish = ""
        first: float | None = None
        error = ""
        stream = self.provider.stream(gen, cancel)
        for chunk in stream:
            if chunk.text:
                if first is None:
                    first = time.perf_counter() - started
                pieces.append(chunk.text)
                if (
                    mode == "block"
                    and block_end(req.language, ctx.prefix, "".join(pieces)) is not None
                ):
                    finish = "stop"  # the block is complete: stop the model now
                    break
            if chunk.finish:
                finish = chunk.finish
                error = chunk.error or ""
        close = getattr(stream, "close", None)
        if close is not None:
            close()  # frees the model at once (the provider's generator ends)
        result = InlineResult(
            "",
            "none",
            mode=mode,
            finish=finish,
            first_token_s=first,
            prompt_tokens=tokens_of(ctx.prompt_prefix),
            snippets=[s.path for s in ctx.snippets],
        )
        if finish in ("cancelled", "deadline", "error"):
            result.dropped = error or finish
            result.total_s = time.perf_counter() - started
            return result  # nothing is shown after a cancel or the deadline
        text = "".join(pieces)
        if mode == "block":
            end = block_end(req.language, ctx.prefix, text)
            text = trim_to_block(req.language, ctx.prefix, text[:end])
        else:
            text = text.rstrip()
        result.text, result.dropped = self._filter(req, ctx.prefix, text, ctx.suffix)
        result.source = "model" if result.text else "none"
        result.total_s = time.perf_counter() - started
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > inline.cache_size:
                self._cache.popitem(last=False)
        self._remember(req, result.text)
        return result

    def _filter(self, req: InlineRequest, prefix: str, text: str, suffix: str) -> tuple[str, str]:
        if not text.strip():
            return "", "empty"
        if introduces_errors(req.language, prefix, text, suffix):
            return "", "does not parse when inserted"
        if self.rule_check is not None:
            before = _text_before(req)
            after = before + text + req.text[len(before) :]
            broken = self.rule_check(req.path, req.language, req.text, after)
            if broken:
                return "", f"breaks a code rule: {broken[0]}"
        return text, ""

    def _remember(self, req: InlineRequest, suggestion: str) -> None:
        with self._lock:
            self._exact[_exact_key(req)] = suggestion
            while len(self._exact) > self.settings.inline.cache_size:
                self._exact.popitem(last=False)
            if suggestion:
                self._last[req.path] = (_text_before(req), suggestion)
            else:
                self._last.pop(req.path, None)


def _exact_key(req: InlineRequest) -> str:
    return _key(req.path, req.text, str(req.line), str(req.character))


def _text_before(req: InlineRequest) -> str:
    lines = req.text.split("\n")
    line = min(req.line, len(lines) - 1)
    return "\n".join([*lines[:line], lines[line][: req.character]])
