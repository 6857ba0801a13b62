"""Code rules over the syntax index: call order on every path, forbidden calls, decorators,
naming; diagnostics name the rule and the term, point at the rule file and carry fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intheflow.analysis import AnalysisContext
from intheflow.coderules.analyzers import CodeRuleAnalyzer, RuleFileAnalyzer
from intheflow.coderules.check import Context, check_file
from intheflow.coderules.spec import load_code_rules
from intheflow.core.documents import Document
from intheflow.index.symbols import extract

RULES = {
    "kind": "code-rules",
    "name": "t",
    "rules": [
        {
            "id": "validate-before-charge",
            "type": "call-order",
            "term": "Payment Processing",
            "severity": "error",
            "trigger": "charge*",
            "required": "validate*",
        },
        {"id": "no-print", "type": "forbidden-call", "term": "Ops", "pattern": "print"},
        {
            "id": "audited",
            "type": "required-decorator",
            "term": "Refunds",
            "functions": "refund_*",
            "decorator": "audited",
        },
        {
            "id": "names",
            "type": "naming",
            "term": "Style",
            "pattern": "^[a-z_][a-z0-9_]*$",
            "languages": ["python"],
        },
    ],
}


def run(src: str, language: str = "python", name: str = "svc.py") -> list:
    rules = load_code_rules(Path("rules.json"), json.dumps(RULES))
    assert rules.problems == []
    index = extract(name, src, language)
    return check_file(Context(name, name, src, index, "rules.json"), rules.rules)


def codes(src: str, language: str = "python", name: str = "svc.py") -> list[str]:
    return [d.code for d in run(src, language, name)]


OK_STRAIGHT = """
def pay(p):
    validate(p)
    gateway.charge(p)
"""
BAD_ORDER = """
def pay(p):
    gateway.charge(p)
    validate(p)
"""
ONE_BRANCH = """
def pay(p):
    if p.new:
        validate(p)
    gateway.charge(p)
"""
BOTH_BRANCHES = """
def pay(p):
    if p.new:
        validate(p)
    elif p.old:
        validate_again(p)
    else:
        validate_card(p.card)
    gateway.charge(p)
"""
EARLY_EXIT = """
def pay(p):
    if p.ok:
        validate(p)
    else:
        raise ValueError("no")
    gateway.charge(p)
"""
IN_CONDITION = """
def pay(p):
    if not validate(p):
        return None
    return gateway.charge(p)
"""
IN_LOOP = """
def pay(ps):
    for p in ps:
        validate(p)
    gateway.charge(ps)
"""
TRY_BODY = """
def pay(p):
    try:
        validate(p)
        charge_card(p)
    except Exception:
        pass
"""
WRAPPER = """
def charge_card(gw, p):
    return gw.charge(p)
"""


@pytest.mark.parametrize(
    ("src", "flagged"),
    [
        (OK_STRAIGHT, False),
        (BAD_ORDER, True),
        (ONE_BRANCH, True),
        (BOTH_BRANCHES, False),
        (EARLY_EXIT, False),
        (IN_CONDITION, False),
        (IN_LOOP, True),
        (TRY_BODY, False),
        (WRAPPER, False),
    ],
    ids=[
        "straight",
        "bad-order",
        "one-branch",
        "both-branches",
        "early-exit",
        "in-condition",
        "in-loop",
        "try-body",
        "wrapper",
    ],
)
def test_validate_before_charge_on_every_path(src: str, flagged: bool) -> None:
    assert ("validate-before-charge" in codes(src)) is flagged


def test_go_and_java_are_checked() -> None:
    go = "package p\nfunc Pay(p P) error {\n\tgw.Charge(p)\n\treturn Validate(p)\n}\n"
    java = "class A { void pay(P p) { gw.charge(p); validate(p); } }\n"
    java_ok = (
        "class A { void pay(P p) { if (p == null) { return; } validate(p); gw.charge(p); } }\n"
    )
    go_else = (
        "package p\nfunc Pay(p P) {\n\tif p.New {\n\t\tvalidate(p)\n\t} else {\n\t\t"
        "validateCard(p)\n\t}\n\tgw.Charge(p)\n}\n"
    )
    assert codes(go, "go", "p.go") == ["validate-before-charge"]
    assert codes(java, "java", "A.java") == ["validate-before-charge"]
    assert codes(java_ok, "java", "A.java") == []
    assert codes(go_else, "go", "p.go") == []


def test_diagnostic_names_rule_term_and_rule_file_and_carries_a_fix() -> None:
    [d] = run(BAD_ORDER)
    assert d.code == "validate-before-charge"
    assert "Payment Processing" in d.message and "validate-before-charge" in d.message
    assert d.related[0].location.path == "rules.json"
    assert d.properties["term"] == "Payment Processing"
    assert (d.range.start.line, d.range.start.character) == (2, 4)
    [fix] = d.fixes
    [edit] = fix.edits
    assert edit.new_text == "    validate(p)\n"
    assert (edit.range.start.line, edit.range.start.character) == (2, 0)


def test_forbidden_decorator_and_naming_rules() -> None:
    src = (
        "def refund_order(o):\n    print(o)\n\n@audited\ndef refund_ok(o):\n    pass\n\n"
        "def BadName():\n    pass\n"
    )
    diags = run(src)
    assert sorted(d.code for d in diags) == ["audited", "names", "no-print"]
    dec = next(d for d in diags if d.code == "audited")
    assert dec.fixes[0].edits[0].new_text == "@audited\n"
    assert dec.fixes[0].edits[0].range.start.line == 0


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"id": "x", "type": "call-order", "trigger": "a*", "required": "b*"}, "taxonomy `term`"),
        ({"id": "x", "type": "teleport", "term": "T"}, "`type` must be one of"),
        ({"id": "x", "type": "naming", "term": "T", "pattern": "("}, "bad regular expression"),
        ({"id": "x", "type": "forbidden-call", "term": "T"}, "needs a string `pattern`"),
    ],
)
def test_bad_code_rules_are_reported_with_position(rule: dict, message: str) -> None:
    text = json.dumps({"kind": "code-rules", "rules": [rule]}, indent=2)
    loaded = load_code_rules(Path("r.json"), text)
    assert loaded.rules == []
    [problem] = loaded.problems
    assert message in problem.message
    assert problem.location.line >= 3


def test_analyzers_on_the_example_workspace(example_workspace: Path) -> None:
    ctx = AnalysisContext(root=example_workspace)
    svc = example_workspace / "services/payments-api/payments_api/service.py"
    doc = Document(path=str(svc), text=svc.read_text())
    diags = CodeRuleAnalyzer().analyze(doc, ctx)
    hits = [d for d in diags if d.code == "validate-before-charge"]
    assert len(hits) == 1
    assert "retry_declined" in hits[0].message
    # Applying the fix removes the finding.
    edit = hits[0].fixes[0].edits[0]
    lines = doc.text.split("\n")
    lines.insert(edit.range.start.line, edit.new_text.rstrip("\n"))
    fixed = Document(path=str(svc), text="\n".join(lines))
    assert [d for d in CodeRuleAnalyzer().analyze(fixed, ctx) if d.code == hits[0].code] == []


def test_rule_file_analyzer_reports_json_errors_with_position(tmp_path: Path) -> None:
    bad = tmp_path / "r.json"
    text = '{\n  "kind": "ruleset",\n  "rules": [\n    {"id": "a", "when": {"x": "> "}}\n  ]\n}\n'
    diags = RuleFileAnalyzer().analyze(
        Document(path=str(bad), text=text), AnalysisContext(tmp_path)
    )
    [d] = diags
    assert d.code == "expr-syntax"
    assert d.range.start.line == 3
    assert "$.rules[0].when.x" in d.message


def test_graph_facts_link_terms_services_and_rules(example_workspace: Path) -> None:
    from intheflow.coderules.facts import facts

    f = facts(example_workspace)
    rules = {n.id: n for n in f.nodes if n.label == "Rule"}
    vbc = "rule:rules/code-rules.json#validate-before-charge"
    assert vbc in rules and rules[vbc].props["term"] == "Payment Processing"
    assert any(e.src == "term:payment-processing" and e.dst == vbc for e in f.edges)
    assert "rule:rules/payment-risk.rules.json#sanctioned-country" in rules
    assert "rule:processes/payment_risk.dmn#Rule_sanctioned" in rules
    assert all(e.type == "HAS_RULE" for e in f.edges)
    guarded = {e.src for e in f.edges if e.dst == vbc and e.src.startswith("component:")}
    svc = "component:services/payments-api/payments_api/service.py#PaymentService"
    assert f"{svc}.retry_declined" in guarded and f"{svc}.create_payment" in guarded


def test_fix_goes_before_the_whole_statement() -> None:
    src = "def pay(p):\n    result = (\n        gateway.charge(p)\n    )\n    validate(p)\n"
    [d] = run(src)
    [edit] = d.fixes[0].edits
    assert (edit.range.start.line, edit.new_text) == (1, "    validate(p)\n")
    go = "package p\nfunc Pay(p P) {\n\tif err := gw.Charge(p); err != nil {\n\t\treturn\n\t}\n}\n"
    [g] = run(go, "go", "p.go")
    assert g.fixes[0].edits[0].range.start.line == 2
