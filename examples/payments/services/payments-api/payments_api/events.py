"""Payment events for the notifications service (channel payments.events)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol


class Publisher(Protocol):
    def publish(self, subject: str, payload: bytes) -> None: ...


@dataclass
class MemoryPublisher:
    messages: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def publish(self, subject: str, payload: bytes) -> None:
        self.messages.append((subject, json.loads(payload)))


def publish_event(publisher: Publisher, kind: str, payment_id: str, **data: object) -> None:
    """Publish payment.<kind> with the payment id and extra fields."""
    payload = {"type": f"payment.{kind}", "payment_id": payment_id, **data}
    publisher.publish("payments.events", json.dumps(payload).encode())
