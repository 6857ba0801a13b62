"""Client of the ledger service (services/ledger): every captured payment and refund becomes a
balanced posting."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass, field

from payments_api.models import Money

CUSTOMER_FUNDS = "liabilities:customer-funds"
CARD_CLEARING = "assets:card-clearing"


@dataclass
class LedgerClient:
    base_url: str = "http://ledger:8080"
    timeout: float = 2.0
    sent: list[dict[str, object]] = field(default_factory=list)
    dry_run: bool = False

    def post_entry(self, reference: str, debit: str, credit: str, amount: Money) -> None:
        """Post one balanced journal entry (debit and credit of the same amount)."""
        body = {
            "reference": reference,
            "currency": amount.currency,
            "lines": [
                {"account": debit, "debit": amount.amount},
                {"account": credit, "credit": amount.amount},
            ],
        }
        self.sent.append(body)
        if self.dry_run:
            return
        req = urllib.request.Request(
            f"{self.base_url}/postings",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            resp.read()

    def record_capture(self, payment_id: str, amount: Money) -> None:
        self.post_entry(payment_id, CARD_CLEARING, CUSTOMER_FUNDS, amount)

    def record_refund(self, refund_id: str, amount: Money) -> None:
        self.post_entry(refund_id, CUSTOMER_FUNDS, CARD_CLEARING, amount)
