"""Built-in functions of the expression language (the ones GoRules' ZEN language offers to JDM).

Each function declares its arity and argument types so the checker can reject `len(5)` or
`foo(1)` when the rules are loaded. Closure functions (`map(list, # * 2)`) are evaluated by the
Call node, which binds `#` to each element.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from intheflow_rules.errors import EvalError
from intheflow_rules.values import ZERO, Range, equal, num, type_name

Impl = Callable[[list[object]], object]


class Builtin:
    def __init__(
        self,
        name: str,
        arg_types: list[str],
        result: str,
        impl: Impl | None,
        min_args: int = -1,
        closure: bool = False,
    ) -> None:
        self.name = name
        self.arg_types = arg_types  # "any", "number", "string", "list", "closure", "number|string"
        self.max_args = len(arg_types)
        self.min_args = len(arg_types) if min_args < 0 else min_args
        self.result = result
        self.impl = impl
        self.closure = closure


def _s(x: object, fn: str) -> str:
    if isinstance(x, str):
        return x
    raise EvalError(f"{fn}: expected a string, got {type_name(x)}")


def _l(x: object, fn: str) -> list[object]:
    if isinstance(x, list):
        return x
    raise EvalError(f"{fn}: expected a list, got {type_name(x)}")


def _len(a: list[object]) -> object:
    x = a[0]
    if isinstance(x, (str, list)):
        return Decimal(len(x))
    raise EvalError(f"len: cannot take the length of {type_name(x)}")


def _contains(a: list[object]) -> object:
    hay = a[0]
    if isinstance(hay, str):
        return _s(a[1], "contains") in hay
    if isinstance(hay, list):
        return any(equal(v, a[1]) for v in hay)
    raise EvalError(f"contains: expected a string or list, got {type_name(hay)}")


def _round(a: list[object]) -> object:
    x = num(a[0], "round")
    places = num(a[1], "round") if len(a) > 1 else ZERO
    return x.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


def _nums(a: list[object], fn: str) -> list[Decimal]:
    return [num(v, fn) for v in _l(a[0], fn)]


def _min(a: list[object]) -> object:
    xs = _nums(a, "min")
    if not xs:
        raise EvalError("min: empty list")
    return min(xs)


def _max(a: list[object]) -> object:
    xs = _nums(a, "max")
    if not xs:
        raise EvalError("max: empty list")
    return max(xs)


def _avg(a: list[object]) -> object:
    xs = _nums(a, "avg")
    if not xs:
        raise EvalError("avg: empty list")
    return sum(xs, ZERO) / len(xs)


def _number(a: list[object]) -> object:
    x = a[0]
    if isinstance(x, Decimal):
        return x
    if isinstance(x, bool):
        return Decimal(1 if x else 0)
    if isinstance(x, str):
        try:
            return Decimal(x.strip())
        except ArithmeticError:
            raise EvalError(f"number: {x!r} is not a number") from None
    raise EvalError(f"number: cannot convert {type_name(x)}")


def _string(a: list[object]) -> object:
    x = a[0]
    if isinstance(x, bool):
        return "true" if x else "false"
    if x is None:
        return "null"
    if isinstance(x, Decimal):
        return format(x, "f")
    if isinstance(x, str):
        return x
    raise EvalError(f"string: cannot convert {type_name(x)}")


def _is_numeric(a: list[object]) -> object:
    x = a[0]
    if isinstance(x, Decimal):
        return True
    if isinstance(x, str):
        try:
            Decimal(x.strip())
            return True
        except ArithmeticError:
            return False
    return False


def to_datetime(x: object, fn: str) -> dt.datetime:
    if isinstance(x, Decimal):
        return dt.datetime.fromtimestamp(float(x), tz=dt.UTC)
    if isinstance(x, str):
        text = x.strip().replace("Z", "+00:00")
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise EvalError(f"{fn}: {x!r} is not a date") from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value
    raise EvalError(f"{fn}: expected a date string or number, got {type_name(x)}")


def _date(a: list[object]) -> object:
    return Decimal(int(to_datetime(a[0], "date").timestamp()))


def _matches(a: list[object]) -> object:
    try:
        return re.search(_s(a[1], "matches"), _s(a[0], "matches")) is not None
    except re.error as exc:
        raise EvalError(f"matches: bad pattern: {exc}") from None


def _flatten(a: list[object]) -> object:
    out: list[object] = []
    for v in _l(a[0], "flatten"):
        if isinstance(v, list):
            out.extend(v)
        else:
            out.append(v)
    return out


def _keys(a: list[object]) -> object:
    x = a[0]
    if isinstance(x, dict):
        return list(x.keys())
    raise EvalError(f"keys: expected an object, got {type_name(x)}")


def _values(a: list[object]) -> object:
    x = a[0]
    if isinstance(x, dict):
        return list(x.values())
    raise EvalError(f"values: expected an object, got {type_name(x)}")


def _rq(x: object, mode: str, fn: str) -> object:
    return num(x, fn).to_integral_value(rounding=mode)


def _in_range(a: list[object]) -> object:
    r = a[1]
    if isinstance(r, Range):
        return r.contains(num(a[0], "in"))
    raise EvalError("in: expected a range")


def _sum(a: list[object]) -> object:
    return sum(_nums(a, "sum"), ZERO)


def _abs(a: list[object]) -> object:
    return abs(num(a[0], "abs"))


def _part(a: list[object], fn: str) -> dt.datetime:
    return to_datetime(a[0], fn)


BUILTINS: dict[str, Builtin] = {
    b.name: b
    for b in [
        Builtin("len", ["string|list"], "number", _len),
        Builtin("upper", ["string"], "string", lambda a: _s(a[0], "upper").upper()),
        Builtin("lower", ["string"], "string", lambda a: _s(a[0], "lower").lower()),
        Builtin("trim", ["string"], "string", lambda a: _s(a[0], "trim").strip()),
        Builtin("contains", ["string|list", "any"], "bool", _contains),
        Builtin(
            "startsWith",
            ["string", "string"],
            "bool",
            lambda a: _s(a[0], "startsWith").startswith(_s(a[1], "startsWith")),
        ),
        Builtin(
            "endsWith",
            ["string", "string"],
            "bool",
            lambda a: _s(a[0], "endsWith").endswith(_s(a[1], "endsWith")),
        ),
        Builtin("matches", ["string", "string"], "bool", _matches),
        Builtin("abs", ["number"], "number", _abs),
        Builtin("round", ["number", "number"], "number", _round, min_args=1),
        Builtin("floor", ["number"], "number", lambda a: _rq(a[0], ROUND_FLOOR, "floor")),
        Builtin("ceil", ["number"], "number", lambda a: _rq(a[0], ROUND_CEILING, "ceil")),
        Builtin("trunc", ["number"], "number", lambda a: _rq(a[0], ROUND_DOWN, "trunc")),
        Builtin("min", ["list"], "number", _min),
        Builtin("max", ["list"], "number", _max),
        Builtin("sum", ["list"], "number", _sum),
        Builtin("avg", ["list"], "number", _avg),
        Builtin("number", ["any"], "number", _number),
        Builtin("string", ["any"], "string", _string),
        Builtin("isNumeric", ["any"], "bool", _is_numeric),
        Builtin("date", ["string|number"], "number", _date),
        Builtin("year", ["string|number"], "number", lambda a: Decimal(_part(a, "year").year)),
        Builtin(
            "monthOfYear",
            ["string|number"],
            "number",
            lambda a: Decimal(_part(a, "monthOfYear").month),
        ),
        Builtin(
            "dayOfMonth", ["string|number"], "number", lambda a: Decimal(_part(a, "dayOfMonth").day)
        ),
        Builtin(
            "dayOfWeek",
            ["string|number"],
            "number",
            lambda a: Decimal(_part(a, "dayOfWeek").isoweekday()),
        ),
        Builtin("flatten", ["list"], "list", _flatten),
        Builtin("keys", ["object"], "list", _keys),
        Builtin("values", ["object"], "list", _values),
        Builtin("all", ["list", "closure"], "bool", None, closure=True),
        Builtin("some", ["list", "closure"], "bool", None, closure=True),
        Builtin("none", ["list", "closure"], "bool", None, closure=True),
        Builtin("one", ["list", "closure"], "bool", None, closure=True),
        Builtin("filter", ["list", "closure"], "list", None, closure=True),
        Builtin("map", ["list", "closure"], "list", None, closure=True),
        Builtin("count", ["list", "closure"], "number", None, closure=True),
    ]
}
