"""The local provider: llama-cpp-python over one GGUF, one loaded `Llama`, n_threads=2.

Every request goes through the same `Llama` object, so llama.cpp reuses the KV cache of the
longest shared prompt prefix (typing forward re-evaluates only the new tokens: ≈ 35 ms instead
of ≈ 0.5 s here). No `LlamaRAMCache`: Gemma 3's saved states are huge and slower than recompute.
Prompt evaluation is split into small batches with a cancellation check between them, so a
cancelled request frees the model within one batch (tens of ms) even before its first token.
A lock serialises requests; callers run this off the event loop (see worker.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from intheflow.ai.cpu import CpuWatch
from intheflow.ai.provider import (
    Availability,
    CancelToken,
    Chunk,
    GenerationRequest,
    Message,
    guarded,
)
from intheflow.ai.settings import AISettings, FimTokens

log = logging.getLogger(__name__)

# Prompt tokens evaluated between two cancellation checks, per thread (32 on 2 threads: a cancel
# stops the model in 25 ms at the median here); on one thread a batch takes twice as long per
# token, so it is half as big.
CANCEL_BATCH_PER_THREAD = 16


class _Interrupted(Exception):
    pass


def _llama_class() -> type[Any]:
    from llama_cpp import Llama

    class InterruptibleLlama(Llama):  # type: ignore[misc]
        """Evaluates prompts in small batches and stops between them when asked to."""

        should_stop: Callable[[], bool] = staticmethod(lambda: False)
        cancel_batch = CANCEL_BATCH_PER_THREAD

        def eval(self, tokens: Sequence[int]) -> None:
            for i in range(0, len(tokens), self.cancel_batch):
                if self.should_stop():
                    raise _Interrupted
                super().eval(tokens[i : i + self.cancel_batch])

    return InterruptibleLlama


def render_chat(messages: Sequence[Message], gemma_turns: bool) -> str:
    """Chat messages as one prompt. Gemma uses turn markers; other models a plain transcript."""
    if gemma_turns:
        out = []
        system = "\n".join(m.content for m in messages if m.role == "system")
        for m in messages:
            if m.role == "system":
                continue
            role = "model" if m.role == "assistant" else "user"
            text = m.content
            if role == "user" and system:
                text, system = f"{system}\n\n{text}", ""
            out.append(f"<start_of_turn>{role}\n{text}<end_of_turn>\n")
        return "".join(out) + "<start_of_turn>model\n"
    body = "".join(f"{m.role.upper()}: {m.content}\n\n" for m in messages)
    return body + "ASSISTANT: "


def _texts(raw: Iterator[Any]) -> Iterator[str]:
    try:
        for c in raw:
            yield c["choices"][0]["text"]
    finally:
        close = getattr(raw, "close", None)
        if close is not None:
            close()  # finish llama-cpp's generator now, not at some later garbage collection


class LocalProvider:
    name = "local"

    def __init__(self, model_path: Path, settings: AISettings) -> None:
        self.model_path = model_path
        self.settings = settings
        self.fim: FimTokens | None = settings.fim_tokens(model_path.name)
        self._lock = threading.Lock()
        self._llm: Any = None
        self._error: str | None = None
        self.load_s = 0.0
        self.gemma_turns = "gemma" in model_path.name.lower()
        # Fewer threads while other processes hold cores (spinning barriers collapse, cpu.py).
        self.cpu = CpuWatch()
        self._threads = settings.n_threads

    def load(self) -> None:
        """Loads the weights and warms up; errors are kept and reported by availability()."""
        with self._lock:
            if self._llm is not None or self._error is not None:
                return
            started = time.perf_counter()
            try:
                cls = _llama_class()
                self._llm = cls(
                    model_path=str(self.model_path),
                    n_ctx=self.settings.n_ctx,
                    n_threads=self.settings.n_threads,
                    n_threads_batch=self.settings.n_threads,
                    n_batch=512,
                    verbose=False,
                )
                self._llm.cancel_batch = CANCEL_BATCH_PER_THREAD * self.settings.n_threads
                if self.settings.warmup:
                    # Warm-up: pages the weights in and builds the compute graphs once.
                    for _ in self._llm.create_completion(
                        "def main():\n", max_tokens=2, stream=True
                    ):
                        pass
            except Exception as exc:  # llama.cpp reports corrupt files as ValueError/RuntimeError
                self._llm = None
                self._error = f"local model {self.model_path} failed to load: {exc}"
                log.error("AI unavailable: %s", self._error)
            self.load_s = time.perf_counter() - started
            if self._llm is not None:
                log.info("local model %s loaded in %.2f s", self.model_path.name, self.load_s)

    def availability(self) -> Availability:
        self.load()
        if self._error is not None:
            return Availability(False, self._error)
        return Availability(
            True, f"local {self.model_path.name} (llama.cpp, {self.settings.n_threads} threads)"
        )

    def prompt_of(self, req: GenerationRequest) -> str:
        if req.messages:
            return render_chat(req.messages, self.gemma_turns)
        if req.suffix is not None and self.fim is not None:
            f = self.fim
            return f"{f.prefix}{req.prompt}{f.suffix}{req.suffix}{f.middle}"
        return req.prompt

    def n_tokens(self, text: str) -> int:
        self.load()
        if self._llm is None:
            return len(text) // 3
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def stream(self, req: GenerationRequest, cancel: CancelToken) -> Iterator[Chunk]:
        started = time.perf_counter()
        self.load()
        if self._llm is None:
            yield Chunk("", finish="error", error=self._error)
            return
        # One request at a time on the shared Llama (the KV cache is its state).
        if not self._lock.acquire(timeout=max(0.0, req.deadline_s)):
            yield Chunk("", finish="deadline")
            return
        try:
            llm = self._llm
            threads = self.cpu.threads(self.settings.n_threads)
            if threads != self._threads:
                llm._ctx.set_n_threads(threads, threads)
                llm.cancel_batch = CANCEL_BATCH_PER_THREAD * threads
                log.info("llama.cpp on %d thread(s): other processes use the cores", threads)
                self._threads = threads
            llm.should_stop = lambda: (
                cancel.cancelled or time.perf_counter() - started > req.deadline_s
            )
            try:
                raw = llm.create_completion(
                    self.prompt_of(req),
                    max_tokens=req.max_tokens + 8,  # the guard counts pieces itself
                    temperature=req.temperature,
                    top_k=1 if req.temperature == 0 else 40,
                    stream=True,
                )
                yield from guarded(_texts(raw), req, cancel, started)
            except _Interrupted:
                yield Chunk("", finish="cancelled" if cancel.cancelled else "deadline")
            except Exception as exc:  # the model failing mid-request must not kill the caller
                log.exception("local generation failed")
                yield Chunk("", finish="error", error=f"local generation failed: {exc}")
            finally:
                llm.should_stop = lambda: False
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None
