"""Fraud screening: a small rule-based risk score run before charging."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from time import monotonic

from payments_api.models import PaymentRequest

BLOCKED_BINS = frozenset({"400000", "510510"})
VELOCITY_WINDOW_SECONDS = 600
VELOCITY_LIMIT = 5


class FraudSuspected(Exception):
    def __init__(self, score: int, reasons: list[str]) -> None:
        super().__init__(f"payment blocked (risk {score}): {', '.join(reasons)}")
        self.score = score
        self.reasons = reasons


@dataclass
class FraudScreen:
    threshold: int = 70
    _recent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def risk_score(self, request: PaymentRequest) -> tuple[int, list[str]]:
        """Score 0-100 with the reasons that contributed."""
        score, reasons = 0, []
        if request.card.number[:6] in BLOCKED_BINS:
            score, reasons = score + 80, [*reasons, "blocked BIN"]
        if request.amount.amount > 500_000:
            score, reasons = score + 30, [*reasons, "large amount"]
        if self._velocity(request.customer_id) > VELOCITY_LIMIT:
            score, reasons = score + 50, [*reasons, "too many payments in 10 minutes"]
        return min(score, 100), reasons

    def screen_payment(self, request: PaymentRequest) -> None:
        """Raise FraudSuspected when the risk score reaches the threshold."""
        score, reasons = self.risk_score(request)
        if score >= self.threshold:
            raise FraudSuspected(score, reasons)

    def _velocity(self, customer_id: str) -> int:
        now = monotonic()
        window = self._recent[customer_id]
        window.append(now)
        while window and now - window[0] > VELOCITY_WINDOW_SECONDS:
            window.popleft()
        return len(window)
