"""Domain types of the payments API. Amounts are integer minor units (cents) to avoid float
rounding."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

SUPPORTED_CURRENCIES = frozenset({"EUR", "USD", "GBP"})


class PaymentStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    DECLINED = "declined"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"


@dataclass(frozen=True)
class Money:
    amount: int  # minor units
    currency: str

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)

    def __str__(self) -> str:
        return f"{self.amount / 100:.2f} {self.currency}"


@dataclass(frozen=True)
class Card:
    number: str
    exp_month: int
    exp_year: int
    holder: str

    @property
    def last4(self) -> str:
        return self.number[-4:]


@dataclass
class PaymentRequest:
    customer_id: str
    amount: Money
    card: Card
    description: str = ""
    idempotency_key: str | None = None


@dataclass
class Payment:
    customer_id: str
    amount: Money
    card_last4: str
    status: PaymentStatus = PaymentStatus.PENDING
    gateway_reference: str | None = None
    refunded: int = 0
    id: str = field(default_factory=lambda: f"pay_{uuid.uuid4().hex[:16]}")
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def refundable(self) -> int:
        return self.amount.amount - self.refunded


@dataclass(frozen=True)
class Refund:
    payment_id: str
    amount: Money
    reason: str
    id: str = field(default_factory=lambda: f"re_{uuid.uuid4().hex[:16]}")
