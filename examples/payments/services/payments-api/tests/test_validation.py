from datetime import date

import pytest

from payments_api.models import Card, Money, PaymentRequest
from payments_api.validation import ValidationError, luhn_valid, validate_payment

VISA = "4242424242424242"


def request(amount: int = 1000, currency: str = "EUR", number: str = VISA) -> PaymentRequest:
    return PaymentRequest("cus_1", Money(amount, currency), Card(number, 12, 2030, "A. Moreau"))


def test_luhn() -> None:
    assert luhn_valid(VISA)
    assert not luhn_valid("4242424242424241")


@pytest.mark.parametrize(
    ("req", "field"),
    [
        (request(amount=0), "amount"),
        (request(currency="JPY"), "currency"),
        (request(number="1234"), "card.number"),
    ],
)
def test_rejects(req: PaymentRequest, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_payment(req, today=date(2026, 1, 1))
    assert err.value.field == field
