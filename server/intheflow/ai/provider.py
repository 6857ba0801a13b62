"""The provider interface: one way to ask any model for a stream of text.

A provider turns a `GenerationRequest` into an iterator of `Chunk`s. The last chunk carries the
finish reason. Every provider honours the same contract, enforced here once:
- `stop` sequences end the stream and are never shown (held back across token boundaries);
- the `CancelToken` stops generation at the next token (or prompt batch) once cancelled;
- the request's hard deadline ends the stream with finish reason "deadline".
Providers never raise on model trouble: they yield a final chunk with reason "error".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

FinishReason = Literal["stop", "length", "cancelled", "deadline", "error"]


class CancelToken:
    """Set from any thread; checked by the generating thread between tokens and prompt batches."""

    def __init__(self, stale: Callable[[], bool] | None = None) -> None:
        self._event = threading.Event()
        self.cancelled_at: float | None = None
        # Polled with each check: e.g. "the document has a newer version" cancels at once.
        self._stale = stale

    def cancel(self) -> None:
        if not self._event.is_set():
            self.cancelled_at = time.perf_counter()
            self._event.set()

    @property
    def cancelled(self) -> bool:
        if not self._event.is_set() and self._stale is not None and self._stale():
            self.cancel()
        return self._event.is_set()

    def wait(self, timeout: float) -> bool:
        return self._event.wait(timeout)


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True)
class GenerationRequest:
    """Either a raw `prompt` (completion) or `messages` (chat)."""

    prompt: str = ""
    messages: tuple[Message, ...] = ()
    # Fill-in-the-middle: text after the cursor, used when the model has FIM support.
    suffix: str | None = None
    max_tokens: int = 64
    stop: tuple[str, ...] = ()
    temperature: float = 0.0
    deadline_s: float = 10.0  # hard wall-clock limit for the whole request
    # ask for one JSON object (OpenAI JSON mode) where the provider supports it; callers still
    # check the answer
    json_object: bool = False


@dataclass
class Chunk:
    text: str
    finish: FinishReason | None = None
    error: str | None = None


@dataclass
class Availability:
    ok: bool
    detail: str  # one human line: which model, or why it is off


@dataclass
class Completion:
    """A drained stream, for callers that do not need the pieces."""

    text: str
    finish: FinishReason
    error: str | None = None
    first_token_s: float | None = None
    total_s: float = 0.0
    pieces: list[str] = field(default_factory=list)


class Provider(Protocol):
    name: str

    def availability(self) -> Availability: ...

    def stream(self, req: GenerationRequest, cancel: CancelToken) -> Iterator[Chunk]: ...

    def close(self) -> None: ...


class StopMatcher:
    """Applies stop sequences to a stream of pieces, holding back a possible partial match."""

    def __init__(self, stops: tuple[str, ...]) -> None:
        self.stops = tuple(s for s in stops if s)
        self.buffer = ""
        self.stopped = False

    def feed(self, piece: str) -> str:
        """Returns the text that is safe to emit now; sets `stopped` when a stop matched."""
        self.buffer += piece
        cut = min((i for i in (self.buffer.find(s) for s in self.stops) if i >= 0), default=-1)
        if cut >= 0:
            out, self.buffer, self.stopped = self.buffer[:cut], "", True
            return out
        hold = 0
        for s in self.stops:
            for n in range(min(len(s) - 1, len(self.buffer)), 0, -1):
                if self.buffer.endswith(s[:n]):
                    hold = max(hold, n)
                    break
        out = self.buffer[: len(self.buffer) - hold]
        self.buffer = self.buffer[len(out) :]
        return out

    def flush(self) -> str:
        out, self.buffer = self.buffer, ""
        return out


def guarded(
    pieces: Iterator[str], req: GenerationRequest, cancel: CancelToken, started: float
) -> Iterator[Chunk]:
    """Wraps a provider's raw pieces with the shared stop/cancel/deadline/length contract."""
    matcher = StopMatcher(req.stop)
    count = 0
    finish: FinishReason = "stop"
    try:
        for piece in pieces:
            if cancel.cancelled:
                finish = "cancelled"
                break
            if time.perf_counter() - started > req.deadline_s:
                finish = "deadline"
                break
            count += 1
            text = matcher.feed(piece)
            if text:
                yield Chunk(text)
            if matcher.stopped:
                finish = "stop"
                break
            if count >= req.max_tokens:
                finish = "length"
                break
        else:
            if cancel.cancelled:
                finish = "cancelled"
            elif time.perf_counter() - started > req.deadline_s:
                finish = "deadline"
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()  # stops the underlying generator at once (frees the model)
    if finish in ("stop", "length"):
        rest = matcher.flush()
        if rest:
            yield Chunk(rest)
    yield Chunk("", finish=finish)


def drain(
    provider: Provider, req: GenerationRequest, cancel: CancelToken | None = None
) -> Completion:
    started = time.perf_counter()
    first: float | None = None
    pieces: list[str] = []
    finish: FinishReason = "error"
    error: str | None = None
    for chunk in provider.stream(req, cancel or CancelToken()):
        if chunk.text:
            if first is None:
                first = time.perf_counter() - started
            pieces.append(chunk.text)
        if chunk.finish is not None:
            finish, error = chunk.finish, chunk.error
    return Completion(
        text="".join(pieces),
        finish=finish,
        error=error,
        first_token_s=first,
        total_s=time.perf_counter() - started,
        pieces=pieces,
    )


class Unavailable:
    """A provider that is off: says why, yields one error chunk. Keeps callers simple."""

    name = "unavailable"

    def __init__(self, detail: str) -> None:
        self.detail = detail

    def availability(self) -> Availability:
        return Availability(False, self.detail)

    def stream(self, req: GenerationRequest, cancel: CancelToken) -> Iterator[Chunk]:
        yield Chunk("", finish="error", error=self.detail)

    def close(self) -> None:
        pass
