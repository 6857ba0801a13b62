"""Persistence of payments and refunds (SQLite here; PostgreSQL in production through the same
SQL)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from payments_api.models import Money, Payment, PaymentStatus, Refund

SCHEMA = """
CREATE TABLE IF NOT EXISTS payments (
    id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, amount INTEGER NOT NULL,
    currency TEXT NOT NULL, card_last4 TEXT NOT NULL, status TEXT NOT NULL,
    gateway_reference TEXT, refunded INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refunds (
    id TEXT PRIMARY KEY, payment_id TEXT NOT NULL REFERENCES payments(id),
    amount INTEGER NOT NULL, currency TEXT NOT NULL, reason TEXT NOT NULL
);
"""


class PaymentNotFound(LookupError):
    pass


class PaymentRepository:
    def __init__(self, path: str = ":memory:") -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.executescript(SCHEMA)

    def save(self, payment: Payment) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO payments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                payment.id,
                payment.customer_id,
                payment.amount.amount,
                payment.amount.currency,
                payment.card_last4,
                payment.status.value,
                payment.gateway_reference,
                payment.refunded,
                payment.created_at.isoformat(),
            ),
        )
        self._db.commit()

    def get(self, payment_id: str) -> Payment:
        row = self._db.execute("SELECT * FROM payments WHERE id = ?", (payment_id,)).fetchone()
        if row is None:
            raise PaymentNotFound(payment_id)
        return Payment(
            id=row[0],
            customer_id=row[1],
            amount=Money(row[2], row[3]),
            card_last4=row[4],
            status=PaymentStatus(row[5]),
            gateway_reference=row[6],
            refunded=row[7],
            created_at=datetime.fromisoformat(row[8]),
        )

    def add_refund(self, refund: Refund) -> None:
        self._db.execute(
            "INSERT INTO refunds VALUES (?, ?, ?, ?, ?)",
            (refund.id, refund.payment_id, refund.amount.amount, refund.amount.currency, refund.reason),
        )
        self._db.commit()

    def refunds_of(self, payment_id: str) -> list[Refund]:
        rows = self._db.execute(
            "SELECT id, payment_id, amount, currency, reason FROM refunds WHERE payment_id = ?",
            (payment_id,),
        ).fetchall()
        return [Refund(id=r[0], payment_id=r[1], amount=Money(r[2], r[3]), reason=r[4]) for r in rows]
