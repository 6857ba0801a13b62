"""Decision-table cells ("unary tests") compiled into indexable parts.

A cell is a comma-separated list of items; it matches when an item matches, evaluated left to
right like zen (`> 5, "a"` given "a" fails on the comparison first, so the cell does not match).
Items are classified so the table plan can index them:
  EQ        a constant (`"gold"`, `true`, `null`, `5`): hash index (numbers become points)
  INTERVAL  `> 5`, `<= 3`, `[1..10]`, `(0..100]`, `>= 1 and <= 3`: sorted interval segments
  GENERIC   anything else (`len($) > 2`, `not in [1, 2]`, `n + 1`): evaluated per candidate row
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from intheflow_rules.errors import EvalError
from intheflow_rules.lexer import ExprError
from intheflow_rules.nodes import (
    And,
    Binary,
    Checker,
    Env,
    In,
    ListLit,
    Lit,
    Name,
    Node,
    RangeLit,
)
from intheflow_rules.parser import parse_expression, parse_unary
from intheflow_rules.values import (
    NEG_INF,
    POS_INF,
    Range,
    RangeSet,
    equal,
    index_key,
    intersect,
    range_parts,
)

EQ: Final = 1
INTERVAL: Final = 2
GENERIC_BOOL: Final = 3  # a boolean test that mentions `$`
GENERIC_EQ: Final = 4  # `$ == <expression>`
GENERIC_IN: Final = 5  # `$ in <list or range expression>`


class Item:
    def __init__(self, kind: int, node: Node | None, value: object, spans: list[Range]) -> None:
        self.kind = kind
        self.node = node
        self.value = value
        self.spans = spans  # INTERVAL: the union of these intervals

    def test(self, v: object, env: Env) -> bool:
        """Full semantics; raises EvalError where zen's VM would fail."""
        kind = self.kind
        if kind == EQ:
            return equal(v, self.value)
        if kind == INTERVAL:
            if not isinstance(v, Decimal):
                raise EvalError("comparison needs a number")
            return any(r.contains(v) for r in self.spans)
        node = self.node
        assert node is not None
        if kind == GENERIC_BOOL:
            return node.eval(env) is True
        x = node.eval(env)
        if kind == GENERIC_EQ:
            return equal(v, x)
        if isinstance(x, RangeSet):
            if not isinstance(v, Decimal):
                raise EvalError("in: a range contains only numbers")
            return x.contains(v)
        if isinstance(x, list):
            if isinstance(v, (list, dict)):
                raise EvalError("in: cannot look for a list or object in a list")
            return any(equal(v, e) for e in x)
        raise EvalError("in: expected a list or range")


class Cell:
    """One compiled table cell. `text` is kept for messages and subsumption checks."""

    def __init__(self, text: str, items: list[Item], is_any: bool) -> None:
        self.text = text
        self.items = items
        self.is_any = is_any
        self.indexable = is_any or all(i.kind == EQ or i.kind == INTERVAL for i in items)

    def matches(self, v: object, env: Env) -> bool:
        if self.is_any:
            return True
        env.dollar = v
        try:
            for item in self.items:
                if item.test(v, env):
                    return True
        except (EvalError, ArithmeticError):
            return False
        return False

    def keys_before_first_interval(self) -> list[object]:
        """Index keys matching a non-number input: EQ items up to the first interval item (an
        interval test on a non-number fails the whole cell, as in zen)."""
        out: list[object] = []
        for item in self.items:
            if item.kind == INTERVAL:
                break
            if not isinstance(item.value, Decimal):
                out.append(index_key(item.value))
        return out

    def intervals(self) -> list[Range]:
        out: list[Range] = []
        for item in self.items:
            if item.kind == INTERVAL:
                out.extend(item.spans)
            elif isinstance(item.value, Decimal):
                out.append(Range(item.value, item.value, True, True))
        return out

    def excluded_keys(self) -> list[object] | None:
        """For a cell that is exactly `not in [constants]`: the index keys it rejects."""
        if len(self.items) != 1 or self.items[0].kind != GENERIC_BOOL:
            return None
        node = self.items[0].node
        if not (isinstance(node, In) and node.negate and _dollar(node.left)):
            return None
        if not isinstance(node.right, ListLit):
            return None
        keys: list[object] = []
        for item in node.right.items:
            ok, value = _const(item)
            if not ok:
                return None
            keys.append(index_key(value))
        return keys

    def can_match(self) -> bool:
        """False when every item is an empty interval (`> 5 and < 3`, `(5..5)`)."""
        if self.is_any or not self.items:
            return True
        return any(i.kind != INTERVAL or any(not _empty(r) for r in i.spans) for i in self.items)


def _empty(r: Range) -> bool:
    return r.lo > r.hi or (r.lo == r.hi and not (r.lo_closed and r.hi_closed))


def _const(node: Node) -> tuple[bool, object]:
    if isinstance(node, Lit):
        return True, node.value
    return False, None


def _dollar(node: Node) -> bool:
    return isinstance(node, Name) and node.name == "$"


def _interval(node: Node) -> list[Range] | None:
    """`$ op number`, a constant range, or an `and` of those, as a union of intervals."""
    if isinstance(node, Binary) and _dollar(node.left):
        ok, v = _const(node.right)
        if not ok or not isinstance(v, Decimal):
            return None
        op = node.op
        if op == ">":
            return [Range(v, POS_INF, False, False)]
        if op == ">=":
            return [Range(v, POS_INF, True, False)]
        if op == "<":
            return [Range(NEG_INF, v, False, False)]
        if op == "<=":
            return [Range(NEG_INF, v, False, True)]
        return None
    if isinstance(node, In) and _dollar(node.left) and not node.negate:
        return _const_range(node.right)
    if isinstance(node, And):
        a = _interval(node.left)
        b = _interval(node.right)
        if a is None or b is None:
            return None
        return [intersect(x, y) for x in a for y in b]
    return None


def _const_range(node: Node) -> list[Range] | None:
    if not isinstance(node, RangeLit):
        return None
    ok1, lo = _const(node.lo)
    ok2, hi = _const(node.hi)
    if ok1 and ok2 and isinstance(lo, Decimal) and isinstance(hi, Decimal):
        return range_parts(lo, hi, node.open_br, node.close_br)
    return None


def classify(node: Node) -> Item:
    ok, value = _const(node)
    if ok:
        return Item(EQ, None, value, [])
    if isinstance(node, Binary) and node.op == "==" and _dollar(node.left):
        ok, value = _const(node.right)
        if ok:
            return Item(EQ, None, value, [])
    rng = _const_range(node)
    if rng is not None:
        return Item(INTERVAL, None, None, rng)
    rng = _interval(node)
    if rng is not None:
        return Item(INTERVAL, None, None, rng)
    if node.refs_dollar():
        return Item(GENERIC_BOOL, node, None, [])
    if isinstance(node, (RangeLit, ListLit)):
        return Item(GENERIC_IN, node, None, [])
    return Item(GENERIC_EQ, node, None, [])


def compile_cell(text: str, checker: Checker, has_field: bool) -> Cell:
    """Compile a cell's text. Raises ExprError (syntax) and records type errors in `checker`."""
    if not text.strip():
        return Cell(text, [], True)
    if not has_field:
        # A column without an input field: the cell is a plain boolean expression.
        node = parse_expression(text)
        node.infer(checker)
        return Cell(text, [Item(GENERIC_BOOL, node, None, [])], False)
    nodes = parse_unary(text)
    for n in nodes:
        n.infer(checker)
    return Cell(text, [classify(n) for n in nodes], False)


__all__ = ["Cell", "ExprError", "Item", "compile_cell"]
