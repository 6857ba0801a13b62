"""Keeps a workspace's RAG index fresh in the background for a running AIService.

Builds the index once after start, then polls file hashes every few seconds, so a saved file is
re-chunked and re-embedded within that delay (no editor hook needed). A locked on-disk store
(another server on the same workspace) falls back to an in-memory index, with one warning.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from intheflow.ai.service import AIService

log = logging.getLogger(__name__)

POLL_SECONDS = 3.0


def start_rag(svc: AIService) -> threading.Thread | None:
    settings = svc.settings
    if not settings.rag.enabled or settings.provider == "off":
        return None
    stop = threading.Event()

    def run() -> None:
        from intheflow.ai.rag import RagIndex

        location = settings.rag_location(svc.root)
        try:
            rag = RagIndex(svc.root, location)
        except Exception as exc:
            log.warning("RAG store %s unusable (%s); using an in-memory index", location, exc)
            try:
                rag = RagIndex(svc.root, ":memory:")
            except Exception:
                log.exception("RAG is off")
                return
        svc.attach_rag(rag)
        while not stop.is_set():
            try:
                stats = rag.refresh(stop.is_set, svc.engine.busy.is_set)
                if stats["changed"] or stats["removed"]:
                    log.info("RAG index refreshed: %s", stats)
            except Exception:
                log.exception("RAG refresh failed; retrying later")
            stop.wait(POLL_SECONDS)

    thread = threading.Thread(target=run, name="intheflow-rag", daemon=True)
    thread.start()
    svc.stop_rag = stop.set
    return thread
