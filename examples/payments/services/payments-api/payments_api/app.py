"""HTTP layer (plain WSGI, no framework): JSON in, JSON out, errors as problem details."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from payments_api.events import MemoryPublisher
from payments_api.fraud import FraudSuspected
from payments_api.gateway import FakeGateway
from payments_api.ledger_client import LedgerClient
from payments_api.models import Card, Money, PaymentRequest
from payments_api.repository import PaymentNotFound, PaymentRepository
from payments_api.service import PaymentService
from payments_api.validation import ValidationError

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

_REFUND = re.compile(r"^/payments/(?P<id>pay_[0-9a-f]+)/refunds$")
_PAYMENT = re.compile(r"^/payments/(?P<id>pay_[0-9a-f]+)$")


def build_service() -> PaymentService:
    return PaymentService(
        PaymentRepository(), FakeGateway(), LedgerClient(dry_run=True), MemoryPublisher()
    )


def parse_payment_request(body: dict[str, Any], idempotency_key: str | None) -> PaymentRequest:
    card = body.get("card", {})
    return PaymentRequest(
        customer_id=str(body.get("customer_id", "")),
        amount=Money(int(body.get("amount", 0)), str(body.get("currency", ""))),
        card=Card(
            number=str(card.get("number", "")),
            exp_month=int(card.get("exp_month", 0)),
            exp_year=int(card.get("exp_year", 0)),
            holder=str(card.get("holder", "")),
        ),
        description=str(body.get("description", "")),
        idempotency_key=idempotency_key,
    )


def _json(start: StartResponse, status: str, payload: dict[str, Any]) -> Iterable[bytes]:
    data = json.dumps(payload).encode()
    start(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


def make_app(service: PaymentService) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
        try:
            size = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(size) or b"{}") if size else {}
            if method == "POST" and path == "/payments":
                key = environ.get("HTTP_IDEMPOTENCY_KEY")
                payment = service.create_payment(parse_payment_request(body, key))
                return _json(start, "201 Created", {"id": payment.id, "status": payment.status})
            if method == "POST" and (m := _REFUND.match(path)):
                refund = service.refund(m["id"], body.get("amount"), body.get("reason", ""))
                return _json(start, "201 Created", {"id": refund.id})
            if method == "GET" and (m := _PAYMENT.match(path)):
                p = service.repository.get(m["id"])
                return _json(start, "200 OK", {"id": p.id, "status": p.status, "refunded": p.refunded})
            return _json(start, "404 Not Found", {"title": "no such route"})
        except ValidationError as exc:
            return _json(start, "422 Unprocessable Entity", {"title": str(exc), "field": exc.field})
        except FraudSuspected as exc:
            return _json(start, "402 Payment Required", {"title": "blocked", "reasons": exc.reasons})
        except PaymentNotFound as exc:
            return _json(start, "404 Not Found", {"title": f"payment {exc} not found"})
        except (ValueError, json.JSONDecodeError) as exc:
            return _json(start, "400 Bad Request", {"title": str(exc)})

    return app
