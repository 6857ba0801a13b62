"""Where business-rule tasks get their decisions and AI proposals get their verdicts.

The engine talks to one small interface, `DecisionEvaluator`. `WorkspaceDecisions` implements it
with the project's rule engine (`intheflow_rules`) over the files beside a process model:
  - `*.dmn` — DMN 1.3 decision tables (as Camunda Modeler saves them), by decision id;
  - `<name>.rules.json` / `<name>.jdm.json` — rule-engine rulesets and JDM graphs, by name;
  - `*.guards.json` — a ruleset (`"hitPolicy": "first"`) naming the `process` it guards, whose
    outputs are `verdict` (allow, block, redirect), `to` and `reason`; it judges every proposed
    step, and the id of the rule that fired is recorded.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import msgspec
from intheflow_rules import EvalError, ModelError, load_text
from lxml import etree

from intheflow.process.traced import RULE_FIELD, fired_rules, load_traced, ruleset_with_rule_ids


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


# ---------------------------------------------------------------------------------------------


class GuardRules(msgspec.Struct):
    """The guard rules of a model file: a rule-engine ruleset whose outputs are a verdict."""

    source: str
    rule_ids: list[str]
    model: Any


def _guard_text(text: str) -> tuple[str | None, list[str], str]:
    """(ruleset text with each rule's id added to its outputs, rule ids, error)."""
    try:
        json.loads(text)
    except ValueError as exc:
        return None, [], f"not JSON: {exc}"
    # the verdict names the rule that fired, for the audit trail
    augmented, ids = ruleset_with_rule_ids(text, "rule")
    if augmented is None:
        return None, [], "a guards file is a ruleset: an object with a `rules` list"
    return augmented, ids, ""


class GuardProblem(msgspec.Struct, frozen=True):
    message: str
    line: int = 0  # 0-based
    column: int = 0

    def __str__(self) -> str:
        return self.message


def load_guards(
    text: str, source: str = "<guards>"
) -> tuple[GuardRules | None, list[GuardProblem]]:
    """Compile a guards file with the rule engine; problems carry the engine's positions."""
    augmented, ids, error = _guard_text(text)
    if augmented is None:
        return None, [GuardProblem(error)]
    try:
        load_text(text, source)  # positions of problems refer to the file as written
        model = load_text(augmented, source)
    except ModelError as exc:
        return None, [
            GuardProblem(
                f"{p.message} [{p.code}]",
                max(0, p.location.line - 1),
                max(0, p.location.column - 1),
            )
            for p in exc.problems
            if p.severity == "error"
        ]
    return GuardRules(source, ids, model), []


_PROCESS_ID = re.compile(r"<(?:\w+:)?process\b[^>]*\bid=\"([^\"]+)\"")
_JSON_PROCESS_ID = re.compile(r'"processes"\s*:\s*\[\s*\{\s*"id"\s*:\s*"([^"]+)"')


def guarded_processes(guards_path: Path) -> list[str]:
    """`x.guards.json` guards the processes of `x.bpmn` / `x.process.json` beside it."""
    stem = guards_path.name.removesuffix(".guards.json")
    ids: list[str] = []
    for model in (
        guards_path.with_name(f"{stem}.bpmn"),
        guards_path.with_name(f"{stem}.process.json"),
    ):
        if model.is_file():
            text = model.read_text(encoding="utf-8", errors="replace")
            pattern = _PROCESS_ID if model.suffix == ".bpmn" else _JSON_PROCESS_ID
            ids.extend(i for i in pattern.findall(text) if i not in ids)
    return ids


def _rule_folders(folder: Path) -> list[Path]:
    # the model's folder, then the workspace's shared `rules/` folder beside it
    shared = folder.parent / "rules"
    return [folder] + ([shared] if shared.is_dir() and shared != folder else [])


class WorkspaceDecisions:
    """Decisions and guards found beside the process models, evaluated by the rule engine
    (`intheflow_rules`): DMN files by decision id, rulesets/JDM graphs (`<ref>.rules.json`,
    `<ref>.jdm.json`) by file name, and `*.guards.json` rulesets by the process they name."""

    def __init__(self) -> None:
        self.models: dict[str, Any] = {}
        self.tables: dict[str, DmnTable] = {}  # DMN structure, for hovers and facts
        self.guards: dict[str, GuardRules] = {}
        self.problems: list[str] = []

    @classmethod
    def load(cls, folder: Path) -> WorkspaceDecisions:
        ev = cls()
        if folder.is_file():
            folder = folder.parent
        for where in _rule_folders(folder):
            for path in sorted(where.glob("*.dmn")):
                tables, errors = read_dmn(path.read_bytes(), str(path))
                ev.problems.extend(f"{path}: {e}" for e in errors)
                model = ev._load(path)
                for t in tables:
                    ev.tables.setdefault(t.decision, t)
                    if model is not None:
                        ev.models.setdefault(t.decision, model)
            for pattern, suffix in (("*.rules.json", ".rules.json"), ("*.jdm.json", ".jdm.json")):
                for path in sorted(where.glob(pattern)):
                    model = ev._load(path)
                    if model is not None:
                        ev.models.setdefault(path.name.removesuffix(suffix), model)
        for path in sorted(folder.glob("*.guards.json")):
            guards, guard_problems = load_guards(path.read_text(encoding="utf-8"), str(path))
            ev.problems.extend(f"{path}:{e.line + 1}: {e.message}" for e in guard_problems)
            if guards is not None:
                for pid in guarded_processes(path):
                    ev.guards[pid] = guards
        return ev

    def _load(self, path: Path) -> Any:
        try:
            return load_traced(path)  # results name the rule that fired
        except ModelError as exc:
            self.problems.append(str(exc))
            return None

    def has_decision(self, ref: str) -> bool:
        return ref in self.models

    def evaluate(self, ref: str, inputs: Mapping[str, Any]) -> dict[str, Any]:
        model = self.models.get(ref)
        if model is None:
            raise DecisionError(f"no decision {ref!r} (DMN decision id or rule-set file name)")
        try:
            result = model.evaluate(dict(inputs))
        except EvalError as exc:
            raise DecisionError(f"decision {ref}: {exc}") from None
        result, fired = fired_rules(result)
        out: dict[str, Any] = (
            dict(result) if isinstance(result, dict) else {"result": result}  # list: collect
        )
        if fired:
            out[RULE_FIELD] = fired
        return out

    def judge(self, process_id: str, step: Mapping[str, Any]) -> Verdict:
        guards = self.guards.get(process_id)
        if guards is None:
            return ALLOW
        try:
            out = guards.model.evaluate(dict(step))
        except EvalError as exc:
            # a guard that cannot be evaluated must not let the step through
            return Verdict(Outcome.BLOCK, "guard-error", reason=str(exc))
        if not isinstance(out, dict) or not out:
            return ALLOW
        rule = str(out.get("rule") or "unnamed-guard")
        try:
            outcome = Outcome(str(out.get("verdict", "")))
        except ValueError:
            return Verdict(Outcome.BLOCK, rule, reason=f"unknown verdict {out.get('verdict')!r}")
        target = out.get("to")
        return Verdict(outcome, rule, str(target) if target else None, str(out.get("reason", "")))
