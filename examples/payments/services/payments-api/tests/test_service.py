from payments_api.events import MemoryPublisher
from payments_api.gateway import FakeGateway
from payments_api.ledger_client import LedgerClient
from payments_api.models import Card, Money, PaymentRequest, PaymentStatus
from payments_api.repository import PaymentRepository
from payments_api.service import PaymentService


def service() -> tuple[PaymentService, FakeGateway, LedgerClient]:
    gateway, ledger = FakeGateway(), LedgerClient(dry_run=True)
    return PaymentService(PaymentRepository(), gateway, ledger, MemoryPublisher()), gateway, ledger


def test_idempotent_retry_charges_once() -> None:
    svc, gateway, _ = service()
    req = PaymentRequest(
        "cus_1", Money(2500, "EUR"), Card("4242424242424242", 1, 2031, "B"), idempotency_key="k1"
    )
    first = svc.create_payment(req)
    second = svc.create_payment(req)
    assert first.id == second.id
    assert len(gateway.charges) == 1


def test_partial_refund_posts_to_ledger() -> None:
    svc, _, ledger = service()
    req = PaymentRequest("cus_1", Money(5000, "EUR"), Card("4242424242424242", 1, 2031, "B"))
    payment = svc.create_payment(req)
    svc.refund(payment.id, 2000)
    assert svc.repository.get(payment.id).status is PaymentStatus.PARTIALLY_REFUNDED
    assert len(ledger.sent) == 2
