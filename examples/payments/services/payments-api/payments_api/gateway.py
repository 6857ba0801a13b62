"""The card gateway (acquirer) client. Production talks to the acquirer over HTTPS; tests use
FakeGateway."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Protocol

from payments_api.models import Card, Money


class GatewayDeclined(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(f"card declined: {code}")
        self.code = code


class CardGateway(Protocol):
    def charge(self, card: Card, amount: Money, reference: str) -> str: ...

    def refund(self, gateway_reference: str, amount: Money) -> str: ...


@dataclass
class FakeGateway:
    """In-memory gateway: declines cards ending in 0002, records every call."""

    charges: list[tuple[str, Money]] = field(default_factory=list)
    refunds: list[tuple[str, Money]] = field(default_factory=list)

    def charge(self, card: Card, amount: Money, reference: str) -> str:
        if card.number.endswith("0002"):
            raise GatewayDeclined("do_not_honor")
        self.charges.append((reference, amount))
        return f"ch_{uuid.uuid4().hex[:12]}"

    def refund(self, gateway_reference: str, amount: Money) -> str:
        self.refunds.append((gateway_reference, amount))
        return f"rf_{uuid.uuid4().hex[:12]}"


def charge_card(gateway: CardGateway, card: Card, amount: Money, reference: str) -> str:
    """Charge the card through the acquirer and return the gateway reference."""
    return gateway.charge(card, amount, reference)
