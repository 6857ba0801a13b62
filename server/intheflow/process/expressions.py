"""Gateway conditions and timer values as modellers write them.

Conditions: Camunda 7 JUEL (`${approved}`, `${amount > 100 && country eq 'FR'}`) and Camunda 8
FEEL (`= amount > 100 and country = "FR"`, `not(approved)`) are translated to a small,
whitelisted Python expression AST (comparisons, boolean logic, arithmetic, literals; nothing else
runs), compiled once. A plain condition (`amount > 100 and country == "FR"`) is the rule engine's
expression language and is compiled and evaluated by `intheflow_rules`. Missing variables read
as null.

Timers: ISO-8601 durations (`PT48H`, `P1DT2H`), date-times and cycles (`R3/PT10M`).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

Condition = Callable[[Mapping[str, Any]], Any]


class ExpressionError(ValueError):
    """A condition or timer that cannot be read; the message says what and where."""


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?)
    | (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<op>&&|\|\||==|!=|<=|>=|[<>=!(),\[\]+\-*/%])
    | (?P<name>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)
    )""",
    re.VERBOSE,
)
_WORDS = {
    "and": "and",
    "or": "or",
    "not": "not",
    "true": "True",
    "false": "False",
    "null": "None",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "gt": ">",
    "le": "<=",
    "ge": ">=",
    "in": "in",
}
_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Mod,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Call,
)
_HELPERS = frozenset({"_get", "_empty"})


def strip_wrapper(text: str) -> tuple[str, str]:
    """`${x}` → ('juel', 'x'); `= x` → ('feel', 'x'); otherwise ('rule', text)."""
    s = text.strip()
    if (s.startswith("${") or s.startswith("#{")) and s.endswith("}"):
        return "juel", s[2:-1]
    if s.startswith("="):
        return "feel", s[1:]
    return "rule", s


def _translate(dialect: str, body: str) -> str:
    out: list[str] = []
    pos = 0
    body = body.rstrip()
    close_empty = False  # JUEL `empty x` wraps the next operand: _empty(x)
    while pos < len(body):
        if close_empty and len(out) > 0 and out[-1] not in ("_empty(",):
            out.append(")")
            close_empty = False
        m = _TOKEN.match(body, pos)
        if m is None or m.end() == pos:
            raise ExpressionError(f"unexpected {body[pos:].strip()[:20]!r} at column {pos + 1}")
        pos = m.end()
        if m.group("num"):
            out.append(m.group("num"))
        elif m.group("str"):
            out.append(m.group("str"))
        elif m.group("op"):
            op = m.group("op")
            if op == "&&":
                op = " and "
            elif op == "||":
                op = " or "
            elif op == "!":
                op = " not "
            elif op == "=":
                if dialect != "feel":
                    raise ExpressionError("single '=' is FEEL equality; write '==' here")
                op = "=="
            out.append(op)
        else:
            name = m.group("name")
            word = _WORDS.get(name)
            if name == "empty":
                out.append("_empty(")
                close_empty = True
                continue
            if word is not None:
                out.append(f" {word} ")
            elif "." in name:
                head, *rest = name.split(".")
                expr = head
                for part in rest:
                    expr = f"_get({expr}, {part!r})"
                out.append(expr)
            else:
                out.append(f" {name} ")
    if close_empty:
        out.append(")")
    return "".join(out).strip()


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, Mapping) else getattr(obj, key, None)


def _empty(value: Any) -> bool:
    return value is None or (hasattr(value, "__len__") and len(value) == 0)


class _Vars(dict[str, Any]):
    # Locals are looked up before globals, so the helpers are answered here too.
    def __missing__(self, key: str) -> Any:
        return _HELPER_FUNCS.get(key)


_HELPER_FUNCS: dict[str, Any] = {"_get": _get, "_empty": _empty}


def _rule_engine_condition(body: str) -> Condition:
    """A plain condition is the rule engine's expression language, evaluated by the engine."""
    from intheflow_rules import EvalError, ModelError, load_text

    doc = {
        "kind": "ruleset",
        "hitPolicy": "first",
        "rules": [{"id": "condition", "if": body, "then": {"holds": "true"}}],
    }
    try:
        model = load_text(json.dumps(doc), "<condition>")
    except ModelError as exc:
        first = next((p for p in exc.problems if p.severity == "error"), exc.problems[0])
        raise ExpressionError(f"cannot read condition {body.strip()!r}: {first.message}") from None

    def run(variables: Mapping[str, Any]) -> Any:
        try:
            return bool(model.evaluate(dict(variables)).get("holds", False))
        except EvalError:
            return False

    return run


@lru_cache(maxsize=4096)
def compile_condition(text: str, language: str | None = None) -> Condition:
    """Compile a condition once; raises ExpressionError with a readable message."""
    dialect, body = strip_wrapper(text)
    if language and language.lower() == "feel":
        dialect = "feel"
    if not body.strip():
        raise ExpressionError("empty condition")
    if dialect == "rule":
        return _rule_engine_condition(body)
    py = _translate(dialect, body)
    try:
        tree = ast.parse(py, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"cannot read condition {text.strip()!r}: {exc.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(f"{type(node).__name__} is not allowed in a condition")
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id in _HELPERS
        ):
            raise ExpressionError("function calls are not allowed in a condition")
    code = compile(tree, "<condition>", "eval")
    glob: dict[str, Any] = {"__builtins__": {}, "_get": _get, "_empty": _empty}

    def run(variables: Mapping[str, Any]) -> Any:
        return eval(code, glob, _Vars(variables))

    return run


def evaluate(text: str, variables: Mapping[str, Any], language: str | None = None) -> bool:
    """True when the condition holds. Type errors (comparing null with a number) count as false."""
    cond = compile_condition(text, language)
    try:
        return bool(cond(variables))
    except (TypeError, ZeroDivisionError):
        return False


def check_condition(text: str, language: str | None = None) -> str | None:
    """None when the condition compiles, else the error message (for validation)."""
    try:
        compile_condition(text, language)
    except ExpressionError as exc:
        return str(exc)
    return None


# ---------------------------------------------------------------------------------------------
# ISO-8601 timers

_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_SECONDS = {
    "y": 365 * 86400,
    "mo": 30 * 86400,
    "w": 7 * 86400,
    "d": 86400,
    "h": 3600,
    "mi": 60,
    "s": 1,
}


def parse_duration(text: str) -> float:
    """`PT48H` → 172800.0 seconds. Years and months count as 365 and 30 days."""
    s = text.strip()
    m = _DURATION.match(s)
    if m is None or s in ("P", "PT") or s.endswith("T"):
        raise ExpressionError(f"{text!r} is not an ISO-8601 duration such as PT48H or P1DT2H")
    return float(sum(float(v) * _SECONDS[k] for k, v in m.groupdict().items() if v))


def parse_date(text: str) -> float:
    """An ISO-8601 date-time → POSIX seconds (UTC when no offset is written)."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ExpressionError(f"{text!r} is not an ISO-8601 date-time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


def parse_cycle(text: str) -> tuple[int | None, float]:
    """`R3/PT10M` → (3, 600.0); `R/PT1H` → (None, 3600.0)."""
    parts = text.strip().split("/")
    if len(parts) != 2 or not parts[0].startswith("R"):
        raise ExpressionError(f"{text!r} is not an ISO-8601 cycle such as R3/PT10M")
    reps = parts[0][1:]
    if reps and not reps.isdigit():
        raise ExpressionError(f"{text!r}: repetitions must be a number")
    return (int(reps) if reps else None), parse_duration(parts[1])


def timer_due(kind: str, value: str, now: float) -> float:
    """When a timer started at `now` fires (POSIX seconds)."""
    if kind == "timeDuration":
        return now + parse_duration(value)
    if kind == "timeDate":
        return parse_date(value)
    return now + parse_cycle(value)[1]
