"""Keeps a workspace's RAG index fresh for a running AIService, from editor events, not polling.

One full `refresh()` after start (it catches whatever changed while no server ran; unchanged
files cost a hash), then only the files the editor reports: a saved or opened document (its
text), a file created, changed or deleted on disk (workspace/didChangeWatchedFiles). Events go
through a queue to one background thread, which yields while an inline suggestion is generated.
A locked on-disk store (another server on the same workspace) falls back to an in-memory index,
with one warning.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from intheflow.ai.service import AIService

log = logging.getLogger(__name__)

# (absolute path, text) re-indexes from that text; (path, None) re-reads the file or drops it
# when gone; an Event is set once everything queued before it is done (see flush()).
_Event = tuple[Path, str | None] | threading.Event | None


class RagSession:
    def __init__(self, svc: AIService) -> None:
        self.svc = svc
        self.ready = threading.Event()  # the first full refresh is done
        self._stopping = threading.Event()
        self._events: queue.SimpleQueue[_Event] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="intheflow-rag", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._events.put(None)

    # ---- events (any thread) ----------------------------------------------------------------
    def document_saved(self, path: Path, text: str) -> None:
        self._events.put((path, text))

    def file_changed(self, path: Path) -> None:
        """Created, changed or deleted on disk."""
        self._events.put((path, None))

    def flush(self, timeout: float) -> bool:
        """Waits until every event queued so far is indexed."""
        done = threading.Event()
        self._events.put(done)
        return done.wait(timeout)

    # ---- the background thread --------------------------------------------------------------
    def _open_index(self) -> Any:
        from intheflow.ai.rag import RagIndex

        location = self.svc.settings.rag_location(self.svc.root)
        try:
            return RagIndex(self.svc.root, location)
        except Exception as exc:
            log.warning("RAG store %s unusable (%s); using an in-memory index", location, exc)
            return RagIndex(self.svc.root, ":memory:")

    def _run(self) -> None:
        try:
            rag = self._open_index()
        except Exception:
            log.exception("RAG is off")
            return
        self.svc.attach_rag(rag)
        try:
            stats = rag.refresh(self._stopping.is_set, self.svc.engine.busy.is_set)
            log.info("RAG index ready: %s", stats)
        except Exception:
            log.exception("RAG refresh failed; only edited files will be indexed")
        self.ready.set()
        while (event := self._events.get()) is not None:
            if isinstance(event, threading.Event):
                event.set()
                continue
            self._yield_to_inline()
            try:
                self._apply(rag, *event)
            except Exception:
                log.exception("RAG update of %s failed", event[0])

    def _yield_to_inline(self, max_wait: float = 2.0) -> None:
        deadline = time.monotonic() + max_wait
        while self.svc.engine.busy.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)

    def _apply(self, rag: Any, path: Path, text: str | None) -> None:
        from intheflow.ai.rag import MAX_FILE_BYTES, indexable

        try:
            rel = path.resolve().relative_to(self.svc.root.resolve())
        except ValueError:
            return  # outside the workspace
        if not indexable(rel):
            return
        relpath = rel.as_posix()
        if text is None:
            if not path.is_file():
                rag.remove_file(relpath)
                log.info("RAG: removed %s", relpath)
                return
            data = path.read_bytes()
            if len(data) > MAX_FILE_BYTES or b"\0" in data[:4096]:
                return
            text = data.decode("utf-8", "replace")
        n = rag.update_file(relpath, text)
        if n >= 0:
            log.info("RAG: re-indexed %s (%d chunks)", relpath, n)


def start_rag(svc: AIService) -> RagSession | None:
    settings = svc.settings
    if not settings.rag.enabled or settings.provider == "off":
        return None
    session = RagSession(svc)
    session.start()
    svc.stop_rag = session.stop
    return session
