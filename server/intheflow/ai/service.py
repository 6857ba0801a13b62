"""The AI session object: settings, the provider, its worker thread, the inline engine, RAG.

One per language server (or CLI run). The model loads in the background on `start()`; until it
is ready, inline requests answer nothing at once (they never wait for a load). Availability is
decided once: when the model or endpoint is unusable, `status()` says why, one error line is
logged, the caller shows one notification, and every AI entry point returns "unavailable"
without touching the model again. Nothing here knows about LSP.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intheflow.ai.context import Snippet
from intheflow.ai.inline import InlineEngine
from intheflow.ai.provider import Availability, Provider, Unavailable
from intheflow.ai.providers import make_provider
from intheflow.ai.rules_bridge import code_rule_check
from intheflow.ai.settings import AISettings, parse_settings
from intheflow.ai.worker import ModelWorker

log = logging.getLogger(__name__)


@dataclass
class Status:
    available: bool
    provider: str
    detail: str
    ready: bool  # loading finished (successfully or not)
    load_seconds: float = 0.0


class AIService:
    def __init__(self, root: Path, raw_settings: object = None) -> None:
        self.root = root
        self.settings, self.problems = parse_settings(raw_settings)
        for p in self.problems:
            log.warning("settings: %s", p)
        # One thread owns the model: requests queue here, off the LSP event loop.
        self.worker = ModelWorker("intheflow-ai")
        self.provider: Provider = Unavailable("the AI model is still loading")
        self.engine = InlineEngine(self.provider, self.settings, None, code_rule_check(root))
        self._ready = threading.Event()
        self._availability = Availability(False, "the AI model is still loading")
        self._load_s = 0.0
        self._started = False
        self._lock = threading.Lock()
        self.rag: Any = None  # rag.RagIndex once built (see start_rag)
        self.on_unavailable: Callable[[str], None] | None = None
        self.stop_rag: Callable[[], None] = lambda: None

    @classmethod
    def from_settings(cls, root: Path, settings: AISettings) -> AIService:
        svc = cls(root)
        svc.settings = settings
        svc.engine.settings = settings
        return svc

    def start(self) -> None:
        """Loads the provider in the worker thread (so it is first in the queue)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        self.worker.submit(self._load)

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            provider = make_provider(self.settings, self.root)
            availability = provider.availability()
        except Exception as exc:  # never let a provider bug escape into the server
            log.exception("AI provider failed to start")
            provider, availability = Unavailable(str(exc)), Availability(False, str(exc))
        self._load_s = time.perf_counter() - started
        if availability.ok:
            self.provider = provider
            self.engine.provider = provider
            log.info("AI ready: %s (%.2f s)", availability.detail, self._load_s)
        else:
            self.provider = Unavailable(availability.detail)
            self.engine.provider = self.provider
            log.error("AI unavailable: %s; other features keep working", availability.detail)
            if self.on_unavailable is not None:
                self.on_unavailable(availability.detail)
        self._availability = availability
        self._ready.set()

    def wait_ready(self, timeout: float | None = None) -> Status:
        self.start()
        self._ready.wait(timeout)
        return self.status()

    def status(self) -> Status:
        return Status(
            available=self._availability.ok,
            provider=self.settings.provider,
            detail=self._availability.detail,
            ready=self._ready.is_set(),
            load_seconds=round(self._load_s, 3),
        )

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self._availability.ok

    # ---- RAG ------------------------------------------------------------------------------
    def attach_rag(self, rag: Any) -> None:
        self.rag = rag
        self.engine.retrieve = self.retrieve

    def retrieve(self, query: str, k: int) -> list[Snippet]:
        if self.rag is None:
            return []
        return [
            Snippet(h.path, h.text, h.node_id, h.start_line, h.score)
            for h in self.rag.search(query, k)
        ]

    def close(self) -> None:
        self.stop_rag()
        self.worker.shutdown(wait=False, cancel_futures=True)
        try:
            self.provider.close()
        except Exception:
            log.debug("provider close failed", exc_info=True)
