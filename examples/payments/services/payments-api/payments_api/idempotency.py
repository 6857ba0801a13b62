"""Idempotency keys: a retried request with the same key returns the first result instead of
charging the customer twice."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass


class IdempotencyConflict(Exception):
    """The key was reused with a different request body."""


@dataclass
class _Entry:
    fingerprint: str
    payment_id: str | None
    stored_at: float


class IdempotencyStore:
    def __init__(self, ttl_seconds: float = 24 * 3600) -> None:
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()
        self._ttl = ttl_seconds

    @staticmethod
    def fingerprint(*parts: object) -> str:
        return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()

    def lookup(self, key: str, fingerprint: str) -> str | None:
        """The payment id recorded for key, or None when the key is new or expired."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or time.monotonic() - entry.stored_at > self._ttl:
                return None
            if entry.fingerprint != fingerprint:
                raise IdempotencyConflict(f"idempotency key {key!r} reused with another request")
            return entry.payment_id

    def remember(self, key: str, fingerprint: str, payment_id: str) -> None:
        with self._lock:
            self._entries[key] = _Entry(fingerprint, payment_id, time.monotonic())
