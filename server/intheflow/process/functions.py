"""The registry of deterministic functions that service tasks name.

A function is a typed Python callable. Its parameters are filled from the instance variables by
name (checked against the annotations before the call), an optional `ctx: StepContext` gives it
the step's idempotency key, and it returns a dict of variables to set. It raises `BpmnError(code)`
for a business error the model handles (a boundary error event), and any other exception for a
technical failure (retried with backoff, then an incident).
"""

from __future__ import annotations

import hashlib
import inspect
import threading
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

_NEVER_ABANDONED = threading.Event()


@dataclass(frozen=True)
class StepContext:
    instance_id: str
    node_id: str
    idempotency_key: str  # the same on every attempt and after a crash: use it to de-duplicate
    attempt: int
    # set when the engine stopped waiting (a boundary timer timed the call out): stop early if
    # you can; whatever the function returns from then on is never applied. Calls without a
    # time-out share one event that is never set.
    abandoned: threading.Event = field(default=_NEVER_ABANDONED, compare=False)


class BpmnError(Exception):
    """A business error with a code that a boundary error event may catch."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(message or code)
        self.code = code


class FunctionInputError(Exception):
    """The variables do not fit the function's parameters: retrying would not help."""


@dataclass(frozen=True)
class Param:
    name: str
    annotation: Any
    required: bool
    default: Any


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    fn: Callable[..., Mapping[str, Any] | None]
    params: tuple[Param, ...]
    wants_ctx: bool
    doc: str
    module: str
    qualname: str
    file: str
    line: int  # 1-based line of the `def`

    def signature(self) -> str:
        parts = [
            f"{p.name}: {getattr(p.annotation, '__name__', p.annotation)}" for p in self.params
        ]
        return f"{self.name}({', '.join(parts)})"


def _accepts(annotation: Any, value: Any) -> bool:
    if annotation is inspect.Parameter.empty or annotation is Any:
        return True
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is None or annotation is type(None):
        return value is None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(a, value) for a in typing.get_args(annotation))
    check = origin or annotation
    return isinstance(check, type) and isinstance(value, check)


class Registry:
    def __init__(self) -> None:
        self._specs: dict[str, FunctionSpec] = {}

    def register(
        self, name: str | None = None
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
            self.add(fn, name)
            return fn

        return wrap

    def add(self, fn: Callable[..., Any], name: str | None = None) -> FunctionSpec:
        hints = typing.get_type_hints(fn)
        params: list[Param] = []
        wants_ctx = False
        for p in inspect.signature(fn).parameters.values():
            if p.name == "ctx":
                wants_ctx = True
                continue
            params.append(
                Param(
                    p.name,
                    hints.get(p.name, inspect.Parameter.empty),
                    p.default is inspect.Parameter.empty,
                    p.default,
                )
            )
        code = getattr(fn, "__code__", None)
        spec = FunctionSpec(
            name=name or fn.__name__,
            fn=fn,
            params=tuple(params),
            wants_ctx=wants_ctx,
            doc=inspect.getdoc(fn) or "",
            module=fn.__module__,
            qualname=fn.__qualname__,
            file=code.co_filename if code else "",
            line=code.co_firstlineno if code else 0,
        )
        self._specs[spec.name] = spec
        return spec

    def get(self, name: str) -> FunctionSpec | None:
        return self._specs.get(name)

    def names(self) -> list[str]:
        return sorted(self._specs)

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def call(self, name: str, variables: Mapping[str, Any], ctx: StepContext) -> dict[str, Any]:
        spec = self._specs.get(name)
        if spec is None:
            raise FunctionInputError(f"no registered function {name!r}")
        kwargs: dict[str, Any] = {}
        for p in spec.params:
            if p.name in variables:
                value = variables[p.name]
                if not _accepts(p.annotation, value):
                    wanted = getattr(p.annotation, "__name__", p.annotation)
                    raise FunctionInputError(
                        f"{name}: {p.name} should be {wanted}, got {type(value).__name__} {value!r}"
                    )
                kwargs[p.name] = value
            elif p.required:
                raise FunctionInputError(f"{name}: variable {p.name!r} is not set")
        if spec.wants_ctx:
            kwargs["ctx"] = ctx
        out = spec.fn(**kwargs)
        if out is None:
            return {}
        if not isinstance(out, dict | Mapping):  # dict first: the common case, no ABC check
            raise FunctionInputError(f"{name} returned {type(out).__name__}, not a dict")
        return dict(out)


def call_with_timeout(
    registry: Registry,
    name: str,
    variables: Mapping[str, Any],
    ctx: StepContext,
    timeout: float,
) -> dict[str, Any] | None:
    """`registry.call` in its own daemon thread, waited for at most `timeout` seconds: its
    outputs, or None when it did not finish in time (then `ctx.abandoned` is set and the
    thread's eventual result is dropped). Exceptions of a call that finished are raised here."""
    ctx = replace(ctx, abandoned=threading.Event())  # this call's own
    done: list[dict[str, Any]] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(registry.call(name, variables, ctx))
        except BaseException as exc:  # handed to the caller, like a direct call
            failed.append(exc)

    worker = threading.Thread(target=run, name=f"intheflow-call-{name}", daemon=True)
    worker.start()
    worker.join(max(0.0, timeout))
    if worker.is_alive():
        ctx.abandoned.set()
        return None
    if failed:
        raise failed[0]
    return done[0]


# ---------------------------------------------------------------------------------------------
# The built-in payment functions (a simulated gateway: deterministic, idempotent by key).

builtins = Registry()


def _luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) < 12 or len(digits) != len([c for c in number if c not in " -"]):
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


@builtins.register()
def validate_payment(amount: float, card_number: str, currency: str = "EUR") -> dict[str, Any]:
    """Check the amount, the currency and the card number (Luhn) before anything is charged."""
    errors = []
    if amount <= 0:
        errors.append("amount must be positive")
    if currency not in ("EUR", "USD", "GBP", "CHF"):
        errors.append(f"currency {currency} is not accepted")
    if not _luhn_ok(card_number):
        errors.append("card number fails the Luhn check")
    return {"valid": not errors, "validation_errors": errors}


@builtins.register()
def charge(
    amount: float, card_number: str, ctx: StepContext, currency: str = "EUR"
) -> dict[str, Any]:
    """Charge the card once per idempotency key (the gateway de-duplicates on it).

    Cards ending in 0002 are declined (a business error, CARD_DECLINED)."""
    if card_number.endswith("0002"):
        raise BpmnError("CARD_DECLINED", "the issuer declined the card")
    charge_id = "ch_" + hashlib.sha256(ctx.idempotency_key.encode()).hexdigest()[:16]
    return {"charge_id": charge_id, "charged_amount": amount, "charged_currency": currency}


@builtins.register()
def refund(charge_id: str, ctx: StepContext) -> dict[str, Any]:
    """Refund a charge (the compensation of `charge`)."""
    return {"refund_id": "re_" + hashlib.sha256(ctx.idempotency_key.encode()).hexdigest()[:16]}


@builtins.register()
def notify(template: str = "receipt", email: str | None = None) -> dict[str, Any]:
    """Tell the customer (simulated: records which message went out)."""
    return {"last_notification": template, "notified": email or "customer"}
