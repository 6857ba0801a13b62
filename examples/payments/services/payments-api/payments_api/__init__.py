"""Acme payments API: card payments, refunds and idempotent retries."""

__version__ = "1.4.0"
