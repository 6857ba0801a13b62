"""Run-time values: None, bool, Decimal (every number), str, list, dict and Range.

JSON numbers become Decimal on the way in (exact arithmetic, like zen's rust_decimal) and come back
as int when integral, float otherwise. Equality is typed: `1 == true` is false, like zen.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from intheflow_rules.errors import EvalError

# Arithmetic uses the default decimal context: 28 significant digits, like zen's rust_decimal.
ZERO = Decimal(0)
ONE = Decimal(1)


class Range:
    """A numeric interval such as `[1..10]` or `(0..100]`."""

    def __init__(self, lo: Decimal, hi: Decimal, lo_closed: bool, hi_closed: bool) -> None:
        self.lo = lo
        self.hi = hi
        self.lo_closed = lo_closed
        self.hi_closed = hi_closed

    def contains(self, v: Decimal) -> bool:
        if v < self.lo or (v == self.lo and not self.lo_closed):
            return False
        return not (v > self.hi or (v == self.hi and not self.hi_closed))


NEG_INF = Decimal("-Infinity")
POS_INF = Decimal("Infinity")


class RangeSet:
    """A union of intervals: what zen makes of `]a..b]`, `]a..b[`, `(a..b[` (see range_parts)."""

    def __init__(self, parts: list[Range]) -> None:
        self.parts = parts

    def contains(self, v: Decimal) -> bool:
        return any(p.contains(v) for p in self.parts)


def _lower(lo: Decimal, bracket: str) -> Range:
    if bracket == "[":
        return Range(lo, POS_INF, True, False)
    if bracket == "(":
        return Range(lo, POS_INF, False, False)
    return Range(NEG_INF, lo, False, True)  # `]a`: zen reads "up to a"


def _upper(hi: Decimal, bracket: str) -> Range:
    if bracket == "]":
        return Range(NEG_INF, hi, False, True)
    if bracket == ")":
        return Range(NEG_INF, hi, False, False)
    return Range(hi, POS_INF, True, False)  # `b[`: zen reads "from b on"


def intersect(a: Range, b: Range) -> Range:
    if a.lo > b.lo:
        lo, lo_closed = a.lo, a.lo_closed
    elif b.lo > a.lo:
        lo, lo_closed = b.lo, b.lo_closed
    else:
        lo, lo_closed = a.lo, a.lo_closed and b.lo_closed
    if a.hi < b.hi:
        hi, hi_closed = a.hi, a.hi_closed
    elif b.hi < a.hi:
        hi, hi_closed = b.hi, b.hi_closed
    else:
        hi, hi_closed = a.hi, a.hi_closed and b.hi_closed
    return Range(lo, hi, lo_closed, hi_closed)


def range_parts(lo: Decimal, hi: Decimal, open_br: str, close_br: str) -> list[Range]:
    """Intervals matched by a range literal, as zen-engine 2.1.3 evaluates it (measured):
    `[a..b]`, `(a..b)` and mixes are the usual intervals; a `[` closing bracket means "from b on"
    and a `]` opening bracket means "up to a", and with a `]` opening the two bounds are OR-ed:
    `]10..20[` matches x <= 10 or x >= 20, `(10..20[` matches x >= 20."""
    low = _lower(lo, open_br)
    up = _upper(hi, close_br)
    if open_br == "]":
        return [low, up]
    return [intersect(low, up)]


def to_number(x: int | float) -> Decimal:
    if isinstance(x, int):
        return Decimal(x)
    return Decimal(repr(x))


def from_json(x: Any) -> Any:
    """Convert a decoded JSON value (int/float numbers) into engine values (Decimal numbers)."""
    if x is None or isinstance(x, (str, bool)):
        return x
    if isinstance(x, (int, float)):
        return to_number(x)
    if isinstance(x, dict):
        return {str(k): from_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [from_json(v) for v in x]
    if isinstance(x, Decimal):
        return x
    raise EvalError(f"unsupported input value of type {type(x).__name__}")


def to_json(x: Any) -> Any:
    """Convert engine values back to JSON-able Python values."""
    if isinstance(x, Decimal):
        if x == x.to_integral_value():
            return int(x)
        return float(x)
    if isinstance(x, dict):
        return {k: to_json(v) for k, v in x.items()}
    if isinstance(x, list):
        return [to_json(v) for v in x]
    if isinstance(x, Range):
        return f"{'[' if x.lo_closed else '('}{x.lo}..{x.hi}{']' if x.hi_closed else ')'}"
    if isinstance(x, RangeSet):
        return [to_json(p) for p in x.parts]
    return x


def type_name(x: object) -> str:
    if x is None:
        return "null"
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, Decimal):
        return "number"
    if isinstance(x, str):
        return "string"
    if isinstance(x, list):
        return "list"
    if isinstance(x, dict):
        return "object"
    if isinstance(x, (Range, RangeSet)):
        return "range"
    return type(x).__name__


def equal(a: object, b: object) -> bool:
    """zen's `==`: same type and same value; lists and objects compare by identity (never equal)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, Decimal):
        return isinstance(b, Decimal) and a == b
    if isinstance(a, str):
        return isinstance(b, str) and a == b
    return False


def num(x: object, op: str) -> Decimal:
    if isinstance(x, Decimal):
        return x
    raise EvalError(f"{op}: expected a number, got {type_name(x)}")


def index_key(x: object) -> object:
    """A hashable key that keeps types apart (True and 1 must not collide in an index)."""
    if isinstance(x, bool):
        return ("b", x)
    if x is None:
        return ("null",)
    if isinstance(x, Decimal):
        return x
    if isinstance(x, str):
        return ("s", x)
    return ("?", id(x))
