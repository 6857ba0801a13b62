"""Where business-rule tasks get their decisions and AI proposals get their verdicts.

The engine talks to one small interface, `DecisionEvaluator`. `WorkspaceDecisions` implements it
over the files beside a process model:
  - `*.dmn` — DMN 1.3 decision tables (as Camunda Modeler saves them), by decision id;
  - `*.guards.json` — the rules that judge each proposed step (allow, block or redirect), with the
    rule engine's expression syntax; the first rule that fires decides, and its id is recorded.
The rule-engine package (`intheflow_rules`) is meant to sit behind the same interface.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import msgspec
from lxml import etree

from intheflow.process.expressions import ExpressionError, check_condition, evaluate


class Outcome(enum.StrEnum):
    ALLOW = "allow"
    BLOCK = "block"
    REDIRECT = "redirect"


class Verdict(msgspec.Struct, frozen=True, omit_defaults=True):
    outcome: Outcome
    rule: str | None = None  # the rule that fired (None: no rule objected)
    target: str | None = None  # redirect: the node to go to instead
    reason: str = ""


ALLOW = Verdict(Outcome.ALLOW)


class DecisionError(Exception):
    """A decision that cannot be evaluated (unknown id, no rule matched under UNIQUE…)."""


class DecisionEvaluator(Protocol):
    def has_decision(self, ref: str) -> bool: ...

    def evaluate(self, ref: str, inputs: Mapping[str, Any]) -> dict[str, Any]: ...

    def judge(self, process_id: str, step: Mapping[str, Any]) -> Verdict: ...


# ---------------------------------------------------------------------------------------------
# Guard rules


class GuardRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    when: str
    verdict: Outcome
    to: str | None = None
    reason: str = ""


class GuardSet(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    process: str
    rules: list[GuardRule] = []
    description: str = ""


def load_guards(text: str) -> tuple[GuardSet | None, list[str]]:
    """Parse a guards file; problems are messages (the analyzer adds the position)."""
    try:
        raw = msgspec.json.decode(text)
        if isinstance(raw, dict):
            raw.pop("$schema", None)
        guards = msgspec.convert(raw, GuardSet)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        return None, [f"guards file: {exc}"]
    errors = []
    for rule in guards.rules:
        msg = check_condition(rule.when)
        if msg:
            errors.append(f"rule {rule.id}: {msg}")
        if rule.verdict == Outcome.REDIRECT and not rule.to:
            errors.append(f"rule {rule.id}: a redirect needs `to`")
    return guards, errors


# ---------------------------------------------------------------------------------------------
# DMN decision tables

DMN_NS = re.compile(
    r"^\{https://www\.omg\.org/spec/DMN/\d+/MODEL/\}|^\{http://www\.omg\.org/spec/DMN/\d+/MODEL/\}"
)


class DmnRule(msgspec.Struct, frozen=True):
    id: str
    tests: list[str]
    outputs: list[str]


class DmnTable(msgspec.Struct, frozen=True):
    decision: str
    name: str
    hit_policy: str
    inputs: list[str]
    output_names: list[str]
    rules: list[DmnRule]
    source: str = ""


def _tag(el: Any) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def read_dmn(text: str | bytes, source: str = "") -> tuple[list[DmnTable], list[str]]:
    data = text.encode() if isinstance(text, str) else text
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return [], [f"broken DMN XML: {exc.msg}"]
    tables: list[DmnTable] = []
    for decision in root.iter():
        if _tag(decision) != "decision":
            continue
        table = next((c for c in decision if _tag(c) == "decisionTable"), None)
        if table is None:
            continue
        inputs: list[str] = []
        outputs: list[str] = []
        rules: list[DmnRule] = []
        for c in table:
            t = _tag(c)
            if t == "input":
                expr = next((e for e in c.iter() if _tag(e) == "text"), None)
                inputs.append(((expr.text if expr is not None else "") or "").strip())
            elif t == "output":
                outputs.append(c.get("name") or c.get("label") or f"output{len(outputs)}")
            elif t == "rule":
                ins = [
                    ((next((x for x in e if _tag(x) == "text"), e).text) or "").strip()
                    for e in c
                    if _tag(e) == "inputEntry"
                ]
                outs = [
                    ((next((x for x in e if _tag(x) == "text"), e).text) or "").strip()
                    for e in c
                    if _tag(e) == "outputEntry"
                ]
                rules.append(DmnRule(c.get("id", ""), ins, outs))
        tables.append(
            DmnTable(
                decision=decision.get("id", ""),
                name=decision.get("name", ""),
                hit_policy=table.get("hitPolicy", "UNIQUE").upper(),
                inputs=inputs,
                output_names=outputs,
                rules=rules,
                source=source,
            )
        )
    return tables, []


def _literal(text: str) -> Any:
    s = text.strip()
    if s == "":
        return None
    try:
        return msgspec.json.decode(s)
    except msgspec.DecodeError:
        return s.strip('"')


_CMP = re.compile(r"^(<=|>=|<|>|!=|=)?\s*(.+)$")
_RANGE = re.compile(r"^([\[\]\(])\s*(.+?)\s*\.\.\s*(.+?)\s*([\[\]\)])$")


def _unary_one(test: str, value: Any) -> bool:
    t = test.strip()
    if t.startswith("not(") and t.endswith(")"):
        return not _unary(t[4:-1], value)
    rm = _RANGE.match(t)
    if rm:
        lo, hi = _literal(rm.group(2)), _literal(rm.group(3))
        try:
            above = value > lo if rm.group(1) in "](" else value >= lo
            below = value < hi if rm.group(4) in "[)" else value <= hi
        except TypeError:
            return False
        return bool(above and below)
    m = _CMP.match(t)
    if m is None:
        return False
    op, lit = m.group(1) or "=", _literal(m.group(2))
    try:
        if op == "=":
            return bool(value == lit)
        if op == "!=":
            return bool(value != lit)
        if op == "<":
            return bool(value < lit)
        if op == "<=":
            return bool(value <= lit)
        if op == ">":
            return bool(value > lit)
        return bool(value >= lit)
    except TypeError:
        return False


def _split_list(test: str) -> list[str]:
    parts, depth, cur, quoted = [], 0, "", False
    for ch in test:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]":
            depth -= 1
        if ch == "," and depth == 0 and not quoted:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def _unary(test: str, value: Any) -> bool:
    t = test.strip()
    if t in ("", "-"):
        return True
    return any(_unary_one(p, value) for p in _split_list(t))


def evaluate_table(table: DmnTable, variables: Mapping[str, Any]) -> dict[str, Any]:
    values = []
    for expr in table.inputs:
        try:
            values.append(evaluate_value(expr, variables))
        except ExpressionError as exc:
            raise DecisionError(f"decision {table.decision}: input {expr!r}: {exc}") from None
    matched = [
        r for r in table.rules if all(_unary(t, v) for t, v in zip(r.tests, values, strict=False))
    ]
    if table.hit_policy == "UNIQUE" and len(matched) > 1:
        raise DecisionError(
            f"decision {table.decision}: UNIQUE table matched rules "
            + ", ".join(r.id for r in matched)
        )

    def row(r: DmnRule) -> dict[str, Any]:
        return {n: _literal(o) for n, o in zip(table.output_names, r.outputs, strict=False)} | {
            "_rule": r.id
        }

    if table.hit_policy in ("COLLECT", "RULE ORDER", "OUTPUT ORDER"):
        return {"result": [row(r) for r in matched]}
    if not matched:
        return {}
    return row(matched[0])


def evaluate_value(expr: str, variables: Mapping[str, Any]) -> Any:
    from intheflow.process.expressions import compile_condition

    try:
        return compile_condition(expr)(variables)
    except (TypeError, ZeroDivisionError):
        return None


# ---------------------------------------------------------------------------------------------


class WorkspaceDecisions:
    """DMN tables and guard rules found next to the process models (see module docstring)."""

    def __init__(self) -> None:
        self.tables: dict[str, DmnTable] = {}
        self.guards: dict[str, GuardSet] = {}
        self.problems: list[str] = []

    @classmethod
    def load(cls, folder: Path) -> WorkspaceDecisions:
        ev = cls()
        if folder.is_file():
            folder = folder.parent
        for path in sorted(folder.rglob("*.dmn")):
            tables, errors = read_dmn(path.read_bytes(), str(path))
            ev.problems.extend(f"{path}: {e}" for e in errors)
            for t in tables:
                ev.tables[t.decision] = t
        for path in sorted(folder.rglob("*.guards.json")):
            guards, errors = load_guards(path.read_text())
            ev.problems.extend(f"{path}: {e}" for e in errors)
            if guards is not None and not errors:
                ev.guards[guards.process] = guards
        return ev

    def has_decision(self, ref: str) -> bool:
        return ref in self.tables

    def evaluate(self, ref: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
        table = self.tables.get(ref)
        if table is None:
            raise DecisionError(f"no decision {ref!r} (looked for DMN decision ids)")
        return evaluate_table(table, inputs)

    def judge(self, process_id: str, step: Mapping[str, Any]) -> Verdict:
        guards = self.guards.get(process_id)
        if guards is None:
            return ALLOW
        for rule in guards.rules:
            if evaluate(rule.when, step):
                return Verdict(rule.verdict, rule.id, rule.to, rule.reason)
        return ALLOW
