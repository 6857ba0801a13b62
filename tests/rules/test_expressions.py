"""The expression language: arithmetic on exact decimals, operators, functions, load-time checks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from intheflow_rules.lexer import ExprError
from intheflow_rules.nodes import Checker, Env
from intheflow_rules.parser import parse_expression
from intheflow_rules.values import from_json, to_json

CTX = {"a": None, "x": {"y": 4}, "s": "abc", "n": 5, "l": [1, 2, 3], "price": 19.99}


def ev(src: str) -> object:
    return to_json(parse_expression(src).eval(Env(from_json(CTX))))


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("1 + 2", 3),
        ("0.1 + 0.2 == 0.3", True),
        ("price * 3", 59.97),
        ("10 / 4", 2.5),
        ("7 % 3", 1),
        ("2 ^ 3", 8),
        ("1 / 0", None),
        ('"a" + "b"', "ab"),
        ("len(s)", 3),
        ("upper(s)", "ABC"),
        ('contains(s, "b")', True),
        ('startsWith(s, "a") and endsWith(s, "c")', True),
        ("abs(-2)", 2),
        ("round(2.45, 1)", 2.5),
        ("round(-2.5)", -3),
        ("floor(-1.5)", -2),
        ("ceil(2.1)", 3),
        ("min(l) + max(l) + sum(l)", 10),
        ("avg([1, 2])", 1.5),
        ("n in [1..5]", True),
        ("n in (5..10]", False),
        ('"a" in ["a", "b"]', True),
        ("n not in [1, 2]", True),
        ("null == null", True),
        ("1 == true", False),
        ("a ?? 3", 3),
        ("x.y * 2", 4 * 2),
        ("nope.deeper", None),
        ("l[0]", 1),
        ("l[9]", None),
        ("n > 3 ? 'big' : 'small'", "big"),
        ("`n=${n}`", "n=5"),
        ("map(l, # * 2)", [2, 4, 6]),
        ("filter(l, # > 1)", [2, 3]),
        ("count(l, # > 1)", 2),
        ("some(l, # > 2) and all(l, # > 0)", True),
        ('date("2024-03-01") > date("2024-02-01")', True),
        ('date("2024-03-01T10:00:00Z")', 1709287200),
        ("not (n > 3)", False),
        ("1_000 + 1e3", 2000),
        ('string(1.50) + "€"', "1.50€"),
    ],
)
def test_evaluates_like_zen(src: str, expected: object) -> None:
    assert ev(src) == expected


def test_decimals_are_exact() -> None:
    node = parse_expression("0.1 * 3")
    assert node.eval(Env({})) == Decimal("0.3")


@pytest.mark.parametrize(
    ("src", "message", "offset"),
    [
        ("len(5)", "`len` expects string or list, got number", 4),
        ("foo(1)", "unknown function `foo`", 0),
        ('"a" + 1', "`+` cannot add string and number", 4),
        ("not 5", "`not` needs a bool", 0),
        ("min(1, 2)", "`min` takes 1 argument(s), got 2", 0),
        ("# + 1", "`#` is only available inside a closure", 0),
    ],
)
def test_type_errors_are_found_at_load(src: str, message: str, offset: int) -> None:
    ck = Checker()
    parse_expression(src).infer(ck)
    assert ck.errors, src
    assert message in ck.errors[0].message
    assert ck.errors[0].offset == offset


def test_unknown_names_when_inputs_are_declared() -> None:
    ck = Checker(known_names={"amount"})
    parse_expression("amount > 10 and amout < 99").infer(ck)
    assert [e.message.split(" (")[0] for e in ck.errors] == ["unknown name `amout`"]
    assert ck.errors[0].offset == 16


@pytest.mark.parametrize(
    ("src", "offset"), [("a +", 3), ("(1", 2), ("x.", 2), ("1 2", 2), ("'abc", 0), ("", 0)]
)
def test_syntax_errors_have_offsets(src: str, offset: int) -> None:
    with pytest.raises(ExprError) as info:
        parse_expression(src)
    assert info.value.offset == offset
