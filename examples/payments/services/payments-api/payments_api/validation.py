"""Validation of payment requests, done before any money moves."""

from __future__ import annotations

from datetime import date

from payments_api.models import SUPPORTED_CURRENCIES, PaymentRequest

MAX_AMOUNT = 1_000_000  # 10,000.00 in minor units; above this a manual review is required


class ValidationError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def luhn_valid(number: str) -> bool:
    """The Luhn checksum every card number carries."""
    digits = [int(d) for d in number if d.isdigit()]
    if len(digits) < 12 or len(digits) != len(number.replace(" ", "")):
        return False
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def card_expired(exp_month: int, exp_year: int, today: date | None = None) -> bool:
    today = today or date.today()
    return (exp_year, exp_month) < (today.year, today.month)


def validate_payment(request: PaymentRequest, today: date | None = None) -> None:
    """Validate a payment request: amount, currency, card number and expiry.

    Raises ValidationError naming the first bad field.
    """
    if request.amount.amount <= 0:
        raise ValidationError("amount", "must be positive")
    if request.amount.amount > MAX_AMOUNT:
        raise ValidationError("amount", "over the automatic limit; needs manual review")
    if request.amount.currency not in SUPPORTED_CURRENCIES:
        raise ValidationError("currency", f"{request.amount.currency} is not supported")
    if not luhn_valid(request.card.number):
        raise ValidationError("card.number", "fails the Luhn check")
    if card_expired(request.card.exp_month, request.card.exp_year, today):
        raise ValidationError("card.expiry", "card has expired")
    if not request.customer_id:
        raise ValidationError("customer_id", "is required")


def validate_refund_amount(requested: int, refundable: int) -> None:
    if requested <= 0:
        raise ValidationError("amount", "refund must be positive")
    if requested > refundable:
        raise ValidationError("amount", f"only {refundable} can still be refunded")
