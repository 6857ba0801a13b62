"""Policy over proposed fixes and rollout metrics, evaluated by the intheflow rule engine.

The rules are a ruleset in the rule engine's JSON format (shared/schemas/formats/rules.schema.json,
hit policy `collect`): defaults in policy/default.json; a workspace may replace them with
`.intheflow/policy/gitops.json`. Each firing rule outputs {rule, decision, message}; `forbid`
refuses a fix, `abort` aborts a rollout. Rules override the AI.

The engine sees flat facts (`fix_facts`, `rollout_facts`): Kubernetes quantities are converted to
numbers here, because the rule language compares numbers, not "4Gi".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import intheflow_rules

from intheflow.core.errors import UserError

DEFAULT_POLICY = Path(__file__).resolve().parent / "policy" / "default.json"
WORKSPACE_POLICY = Path(".intheflow") / "policy" / "gitops.json"

_SUFFIX: dict[str, int | Decimal] = {
    "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60,
    "n": Decimal("1e-9"), "u": Decimal("1e-6"), "m": Decimal("1e-3"), "": 1,
    "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15, "E": 10**18,
}  # fmt: skip


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


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def fix_facts(fix: dict[str, Any]) -> dict[str, Any]:
    params = {str(k): str(v) for k, v in (fix.get("parameters") or {}).items()}
    facts: dict[str, Any] = {"subject": "fix", "kind": str(fix.get("kind", ""))}
    if "test-args" in params:
        facts["test_args"] = params["test-args"]
    if "semgrep-config" in params:
        facts["semgrep_config"] = params["semgrep-config"]
    memory = quantity(params["test-memory-limit"]) if "test-memory-limit" in params else None
    if memory is not None:
        facts["test_memory_limit_bytes"] = memory
    timeout = _number(params.get("test-timeout"))
    if timeout is not None:
        facts["test_timeout_seconds"] = timeout
    if isinstance(fix.get("patch"), str):
        facts["patch"] = fix["patch"]
    return facts


def rollout_facts(metrics: dict[str, Any]) -> dict[str, Any]:
    facts: dict[str, Any] = {"subject": "rollout"}
    for key in ("error_budget_remaining", "success_rate_5m"):
        value = _number(metrics.get(key))
        if value is not None:
            facts[key] = value
    return facts


@dataclass(frozen=True)
class Rule:
    """A rule that fired: its id, decision and message (the ruleset's outputs)."""

    id: str
    decision: str
    message: str


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    fired: tuple[Rule, ...]
    error: str = ""  # the rule engine failed: the fix is refused, the rollout aborted

    @property
    def reasons(self) -> list[str]:
        return [f"{r.id}: {r.message}" for r in self.fired] + (
            [f"policy evaluation failed: {self.error}"] if self.error else []
        )


@dataclass(frozen=True)
class Policy:
    model: intheflow_rules.Model
    source: str

    def _fired(self, facts: dict[str, Any]) -> tuple[tuple[Rule, ...], str]:
        from intheflow.observe.metrics import count_rule_evaluation

        try:
            outputs = self.model.evaluate(facts)
        except intheflow_rules.EvalError as exc:
            count_rule_evaluation("gitops", "error")
            return (), str(exc)
        rules = tuple(
            Rule(str(o.get("rule", "?")), str(o.get("decision", "")), str(o.get("message", "")))
            for o in (outputs if isinstance(outputs, list) else [outputs])
            if isinstance(o, dict) and o
        )
        count_rule_evaluation("gitops", rules[0].decision if rules else "pass")
        return rules, ""

    def check_fix(self, fix: dict[str, Any]) -> Verdict:
        fired, error = self._fired(fix_facts(fix))
        # Fail closed: a policy that cannot be evaluated refuses the fix.
        return Verdict(not error and all(r.decision != "forbid" for r in fired), fired, error)

    def check_rollout(self, metrics: dict[str, Any]) -> Verdict:
        fired, error = self._fired(rollout_facts(metrics))
        return Verdict(not error and all(r.decision != "abort" for r in fired), fired, error)


def parse_policy(text: str, source: str) -> Policy:
    try:
        model = intheflow_rules.load_text(text, source)
    except intheflow_rules.ModelError as exc:
        first = exc.problems[0]
        loc = first.location
        raise UserError(
            first.message, source, loc.line or None, loc.column or None if loc.line else None
        ) from None
    return Policy(model, source)


def load_policy(workspace: Path | None = None) -> Policy:
    path = DEFAULT_POLICY
    if workspace is not None and (workspace / WORKSPACE_POLICY).is_file():
        path = workspace / WORKSPACE_POLICY
    return parse_policy(path.read_text(encoding="utf-8"), str(path))
