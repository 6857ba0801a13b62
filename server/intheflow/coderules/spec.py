"""Code rules: the declarative JSON format (`"kind": "code-rules"`) and its loading.

    {"kind": "code-rules", "name": "payments-safety",
     "rules": [
       {"id": "validate-before-charge", "type": "call-order", "term": "Payment Processing",
        "trigger": "charge*", "required": "validate*", "severity": "error",
        "fix": {"insert": "validate_payment({args})"}},
       {"id": "no-print", "type": "forbidden-call", "term": "Observability", "pattern": "print"},
       {"id": "routes-need-auth", "type": "required-decorator", "term": "Security",
        "functions": "handle_*", "decorator": "require_auth"},
       {"id": "function-names", "type": "naming", "term": "Code Quality",
        "kinds": ["function", "method"], "pattern": "^[a-z_][a-z0-9_]*$"}]}

Patterns in trigger/required/pattern/functions are globs (fnmatch) matched against the callee's
last segment and its full dotted name; `naming` patterns are regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intheflow_rules import Location, Problem, RuleError
from intheflow_rules.jsonpos import PositionedJson, parse

RULE_TYPES = ("call-order", "forbidden-call", "required-decorator", "naming")
SEVERITIES = ("error", "warning", "info", "hint")
LANGUAGES = ("python", "go", "java", "rust", "javascript", "typescript")


@dataclass
class CodeRule:
    id: str
    type: str
    term: str
    severity: str
    message: str
    languages: list[str]
    paths: list[str]
    options: dict[str, Any]
    location: Location  # where the rule is written (for related information)


@dataclass
class CodeRuleSet:
    path: Path
    name: str
    rules: list[CodeRule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


_REQUIRED_OPTIONS = {
    "call-order": ("trigger", "required"),
    "forbidden-call": ("pattern",),
    "required-decorator": ("functions", "decorator"),
    "naming": ("pattern",),
}


def load_code_rules(path: Path, text: str) -> CodeRuleSet:
    try:
        doc = parse(text, str(path))
    except RuleError as exc:
        return CodeRuleSet(path, "", problems=[exc.problem()])
    data = doc.value
    out = CodeRuleSet(path, str(data.get("name", "")) if isinstance(data, dict) else "")
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        out.problems.append(_err("code rules need a `rules` list", doc.at("$")))
        return out
    seen: set[str] = set()
    for n, raw in enumerate(data["rules"]):
        rule = _rule(raw, f"$.rules[{n}]", doc, out.problems)
        if rule is None:
            continue
        if rule.id in seen:
            out.problems.append(_err(f"duplicate rule id {rule.id!r}", doc.at(f"$.rules[{n}].id")))
            continue
        seen.add(rule.id)
        out.rules.append(rule)
    return out


def _err(message: str, where: Location) -> Problem:
    return Problem("error", "code-rule-invalid", message, where)


def _rule(raw: Any, base: str, doc: PositionedJson, problems: list[Problem]) -> CodeRule | None:
    if not isinstance(raw, dict):
        problems.append(_err("a rule must be an object", doc.at(base)))
        return None
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        problems.append(_err("a rule needs a string `id`", doc.at(base)))
        return None
    rtype = raw.get("type")
    if rtype not in RULE_TYPES:
        problems.append(
            _err(
                f"rule {rid}: `type` must be one of {', '.join(RULE_TYPES)}", doc.at(f"{base}.type")
            )
        )
        return None
    term = raw.get("term")
    if not isinstance(term, str) or not term.strip():
        problems.append(
            _err(f"rule {rid}: name the taxonomy `term` this rule protects", doc.at(base))
        )
        return None
    severity = raw.get("severity", "warning")
    if severity not in SEVERITIES:
        problems.append(
            _err(f"rule {rid}: unknown severity {severity!r}", doc.at(f"{base}.severity"))
        )
        return None
    for key in _REQUIRED_OPTIONS[rtype]:
        if not isinstance(raw.get(key), str) or not raw[key]:
            problems.append(_err(f"rule {rid}: `{rtype}` needs a string `{key}`", doc.at(base)))
            return None
    if rtype == "naming":
        try:
            re.compile(raw["pattern"])
        except re.error as exc:
            problems.append(
                _err(f"rule {rid}: bad regular expression: {exc}", doc.at(f"{base}.pattern"))
            )
            return None
    langs = raw.get("languages", list(LANGUAGES))
    if not isinstance(langs, list) or any(x not in LANGUAGES for x in langs):
        problems.append(
            _err(
                f"rule {rid}: `languages` is a list of {', '.join(LANGUAGES)}",
                doc.at(f"{base}.languages"),
            )
        )
        return None
    paths = raw.get("paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        problems.append(_err(f"rule {rid}: `paths` is a list of globs", doc.at(f"{base}.paths")))
        return None
    message = raw.get("message") or _default_message(rtype, raw)
    return CodeRule(
        id=rid,
        type=rtype,
        term=term.strip(),
        severity=severity,
        message=str(message),
        languages=[str(x) for x in langs],
        paths=[str(p) for p in paths],
        options=raw,
        location=doc.at(base),
    )


def _default_message(rtype: str, raw: dict[str, Any]) -> str:
    if rtype == "call-order":
        return f"`{raw['trigger']}` is called before `{raw['required']}` on some path"
    if rtype == "forbidden-call":
        return f"call to `{raw['pattern']}` is forbidden"
    if rtype == "required-decorator":
        return f"`{raw['functions']}` functions must have `@{raw['decorator']}`"
    return f"name does not match `{raw['pattern']}`"
