"""Conditions in the three forms modellers write, and ISO-8601 timers."""

from __future__ import annotations

import pytest
from intheflow.process.expressions import (
    ExpressionError,
    check_condition,
    compile_condition,
    evaluate,
    parse_cycle,
    parse_date,
    parse_duration,
    timer_due,
)

VARS = {"approved": True, "amount": 250, "country": "FR", "tags": ["a", "b", "c"], "c": {"d": 3}}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("${approved}", None, True),
        ("${!approved}", None, False),
        ("${amount > 100 && country eq 'FR'}", None, True),
        ("#{amount le 100 || c.d ge 3}", None, True),
        ("${empty missing}", None, True),
        ('= amount > 100 and country = "FR"', None, True),
        ("not(approved)", "feel", False),
        ('amount > 100 and country == "FR"', None, True),  # the rule engine's language
        ("len(tags) == 3", None, True),  # a rule-engine built-in
        ('country in ["DE", "FR"]', None, True),
        ("missing > 3", None, False),  # null compares false, never raises
    ],
)
def test_conditions(text: str, language: str | None, expected: bool) -> None:
    assert evaluate(text, VARS, language) is expected


@pytest.mark.parametrize(
    "text",
    ["${__import__('os')}", "${().__class__}", "${x +}", "amount >", "${a = 1}", "   "],
)
def test_unsafe_or_broken_conditions_are_refused_with_a_message(text: str) -> None:
    assert check_condition(text)
    with pytest.raises(ExpressionError):
        compile_condition(text)


def test_iso8601_timers() -> None:
    assert parse_duration("PT48H") == 48 * 3600
    assert parse_duration("P1DT2H30M") == 86400 + 2 * 3600 + 1800
    assert parse_cycle("R3/PT10M") == (3, 600.0)
    assert parse_cycle("R/PT1H") == (None, 3600.0)
    assert parse_date("2026-12-01T10:00:00Z") == 1796119200.0
    assert timer_due("timeDuration", "PT1M", 100.0) == 160.0
    for bad in ("48h", "PT", "P1X"):
        with pytest.raises(ExpressionError):
            parse_duration(bad)
    with pytest.raises(ExpressionError):
        parse_date("tomorrow")
