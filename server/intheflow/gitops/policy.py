"""Policy rules over proposed fixes and rollout metrics (format: shared/schemas/formats/
gitops.policy.schema.json; defaults in policy/default.json, a workspace may replace them with
`.intheflow/policy/gitops.json`).

Rules are data, evaluated deterministically; they override the AI. A rule fires when all its
conditions hold. A condition on a missing field never holds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jsonschema

from intheflow.core.errors import UserError

DEFAULT_POLICY = Path(__file__).resolve().parent / "policy" / "default.json"
WORKSPACE_POLICY = Path(".intheflow") / "policy" / "gitops.json"

_SUFFIX: dict[str, int | Decimal] = {
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
    "Pi": 2**50,
    "Ei": 2**60,
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "": 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "P": 10**15,
    "E": 10**18,
}


def quantity(text: str) -> Decimal | None:
    """A Kubernetes resource quantity as a number of base units; None when it is not one."""
    found = re.fullmatch(
        r"\s*([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([KMGTPE]i|[numkMGTPE]?)\s*", str(text)
    )
    if not found:
        return None
    try:
        return Decimal(found.group(1)) * Decimal(_SUFFIX[found.group(2)])  # exact: no float
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Rule:
    id: str
    applies_to: str
    when: tuple[dict[str, Any], ...]
    decision: str
    message: str
    description: str = ""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    fired: tuple[Rule, ...]

    @property
    def reasons(self) -> list[str]:
        return [f"{r.id}: {r.message}" for r in self.fired]


@dataclass(frozen=True)
class Policy:
    rules: tuple[Rule, ...]
    source: str

    def check_fix(self, fix: dict[str, Any]) -> Verdict:
        fired = tuple(r for r in self.rules if r.applies_to == "fix" and _fires(r, {"fix": fix}))
        return Verdict(not any(r.decision == "forbid" for r in fired), fired)

    def check_rollout(self, metrics: dict[str, Any]) -> Verdict:
        fired = tuple(
            r for r in self.rules if r.applies_to == "rollout" and _fires(r, {"metrics": metrics})
        )
        return Verdict(not any(r.decision == "abort" for r in fired), fired)


def _schema() -> dict[str, Any]:
    here = Path(__file__).resolve()
    for base in here.parents:
        candidate = base / "shared" / "schemas" / "formats" / "gitops.policy.schema.json"
        if candidate.exists():
            schema: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
            return schema
    return {"type": "object"}  # an installed wheel without the repo's shared/ folder


def parse_policy(text: str, source: str) -> Policy:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"invalid JSON: {exc.msg}", source, exc.lineno, exc.colno) from None
    errors = sorted(
        jsonschema.Draft202012Validator(_schema()).iter_errors(data), key=lambda e: list(e.path)
    )
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "<root>"
        raise UserError(f"policy does not match its schema at {where}: {errors[0].message}", source)
    rules = []
    for raw in data["rules"]:
        for cond in raw["when"]:
            if "matches" in cond:
                try:
                    re.compile(cond["matches"])
                except re.error as exc:
                    raise UserError(
                        f"rule {raw['id']}: bad regular expression: {exc}", source
                    ) from None
        rules.append(
            Rule(
                id=raw["id"],
                applies_to=raw["applies_to"],
                when=tuple(raw["when"]),
                decision=raw["decision"],
                message=raw["message"],
                description=raw.get("description", ""),
            )
        )
    return Policy(tuple(rules), source)


def load_policy(workspace: Path | None = None) -> Policy:
    path = DEFAULT_POLICY
    if workspace is not None and (workspace / WORKSPACE_POLICY).is_file():
        path = workspace / WORKSPACE_POLICY
    return parse_policy(path.read_text(encoding="utf-8"), str(path))


def _values(fact: Any, path: list[str]) -> list[Any]:
    if not path:
        return [fact]
    if not isinstance(fact, dict):
        return []
    head, rest = path[0], path[1:]
    if head == "*":
        return [v for value in fact.values() for v in _values(value, rest)]
    return _values(fact[head], rest) if head in fact else []


def _holds(cond: dict[str, Any], value: Any) -> bool:
    if "equals" in cond:
        return bool(value == cond["equals"])
    if "matches" in cond:
        return isinstance(value, str) and re.search(cond["matches"], value) is not None
    if "quantity_above" in cond:
        have, limit = quantity(str(value)), quantity(cond["quantity_above"])
        return have is not None and limit is not None and have > limit
    number = _number(value)
    if number is None:
        return False
    if "number_below" in cond:
        return number < Decimal(str(cond["number_below"]))
    if "number_above" in cond:
        return number > Decimal(str(cond["number_above"]))
    return False


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _fires(rule: Rule, fact: dict[str, Any]) -> bool:
    for cond in rule.when:
        values = _values(fact, cond["field"].split("."))
        if not any(_holds(cond, v) for v in values):
            return False
    return True
