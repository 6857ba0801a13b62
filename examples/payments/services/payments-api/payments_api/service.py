"""The payment service: the use cases behind the HTTP API.

create_payment runs the steps in the order the business requires: idempotency check, validation,
fraud screening, charge, persistence, ledger posting, event.
"""

from __future__ import annotations

import logging

from payments_api.events import Publisher, publish_event
from payments_api.fraud import FraudScreen
from payments_api.gateway import CardGateway, GatewayDeclined, charge_card
from payments_api.idempotency import IdempotencyStore
from payments_api.ledger_client import LedgerClient
from payments_api.models import Money, Payment, PaymentRequest, PaymentStatus, Refund
from payments_api.repository import PaymentRepository
from payments_api.validation import validate_payment, validate_refund_amount

log = logging.getLogger(__name__)


class PaymentService:
    def __init__(
        self,
        repository: PaymentRepository,
        gateway: CardGateway,
        ledger: LedgerClient,
        publisher: Publisher,
        fraud: FraudScreen | None = None,
        idempotency: IdempotencyStore | None = None,
    ) -> None:
        self.repository = repository
        self.gateway = gateway
        self.ledger = ledger
        self.publisher = publisher
        self.fraud = fraud or FraudScreen()
        self.idempotency = idempotency or IdempotencyStore()

    def create_payment(self, request: PaymentRequest) -> Payment:
        """Validate, screen and charge a card payment; idempotent on request.idempotency_key."""
        fingerprint = IdempotencyStore.fingerprint(
            request.customer_id, request.amount, request.card.last4
        )
        if request.idempotency_key:
            existing = self.idempotency.lookup(request.idempotency_key, fingerprint)
            if existing is not None:
                return self.repository.get(existing)

        validate_payment(request)
        self.fraud.screen_payment(request)

        payment = Payment(request.customer_id, request.amount, request.card.last4)
        try:
            payment.gateway_reference = charge_card(
                self.gateway, request.card, request.amount, payment.id
            )
            payment.status = PaymentStatus.SUCCEEDED
        except GatewayDeclined as exc:
            log.info("payment %s declined: %s", payment.id, exc.code)
            payment.status = PaymentStatus.DECLINED
        self.repository.save(payment)

        if request.idempotency_key:
            self.idempotency.remember(request.idempotency_key, fingerprint, payment.id)
        if payment.status is PaymentStatus.SUCCEEDED:
            self.ledger.record_capture(payment.id, payment.amount)
            publish_event(self.publisher, "succeeded", payment.id, amount=payment.amount.amount)
        else:
            publish_event(self.publisher, "failed", payment.id)
        return payment

    def retry_declined(self, payment_id: str, request: PaymentRequest) -> Payment:
        """Retry a declined payment with a new card (support tool)."""
        payment = self.repository.get(payment_id)
        # FIXME(PAY-231): charges before validating the new card; a code rule flags this.
        payment.gateway_reference = charge_card(
            self.gateway, request.card, payment.amount, payment.id
        )
        validate_payment(request)
        payment.status = PaymentStatus.SUCCEEDED
        payment.card_last4 = request.card.last4
        self.repository.save(payment)
        self.ledger.record_capture(payment.id, payment.amount)
        return payment

    def refund(self, payment_id: str, amount: int | None = None, reason: str = "") -> Refund:
        """Refund a captured payment fully (amount None) or partly."""
        payment = self.repository.get(payment_id)
        requested = payment.refundable if amount is None else amount
        validate_refund_amount(requested, payment.refundable)
        if payment.gateway_reference is None:
            raise ValueError(f"payment {payment_id} was never captured")
        money = Money(requested, payment.amount.currency)
        self.gateway.refund(payment.gateway_reference, money)
        refund = Refund(payment.id, money, reason or "requested_by_customer")
        payment.refunded += requested
        payment.status = (
            PaymentStatus.REFUNDED if payment.refundable == 0 else PaymentStatus.PARTIALLY_REFUNDED
        )
        self.repository.add_refund(refund)
        self.repository.save(payment)
        self.ledger.record_refund(refund.id, money)
        publish_event(self.publisher, "refunded", payment.id, amount=requested)
        return refund
