"""Business-rule results name the rule that fired: DMN rule ids, ruleset rule ids, JDM row ids
— with the decision's outputs unchanged, and the problems of a broken file where they are."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from intheflow.process.decisions import DecisionError, WorkspaceDecisions
from intheflow.process.traced import load_traced
from intheflow_rules import ModelError, load_file

REPO = Path(__file__).resolve().parents[2]
PROCESSES = REPO / "examples" / "payments" / "processes"
RULES = REPO / "examples" / "payments" / "rules"

COLLECT_DMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d"
  namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="fees" name="Fees">
    <decisionTable id="T_fees" hitPolicy="{hit_policy}">
      <input id="I_amount"><inputExpression id="E_amount" typeRef="number">
        <text>amount</text></inputExpression></input>
      <output id="O_fee" name="fee" typeRef="number" />
      <rule id="Rule_base"><inputEntry id="a1"><text>-</text></inputEntry>
        <outputEntry id="b1"><text>1</text></outputEntry></rule>
      <rule id="Rule_large"><inputEntry id="a2"><text>&gt; 100</text></inputEntry>
        <outputEntry id="b2"><text>5</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>
"""


def test_dmn_and_ruleset_results_name_the_rule() -> None:
    ev = WorkspaceDecisions.load(PROCESSES)
    assert ev.evaluate("payment_risk", {"amount": 5000, "country": "DE"}) == {
        "risk": "review",
        "_rule": "Rule_large",
    }
    assert ev.evaluate("payment_risk", {"amount": 50, "country": "KP"})["_rule"] == (
        "Rule_sanctioned"
    )
    out = ev.evaluate(
        "payment-risk",
        {"amount": 50, "country": "KP", "currency": "EUR", "attempts": 0, "customer": {}},
    )
    assert out == {
        "decision": "block",
        "reason": "sanctioned country",
        "_rule": "sanctioned-country",
    }


def test_a_jdm_graph_names_the_row_that_matched(tmp_path: Path) -> None:
    shutil.copy(RULES / "decisions" / "pricing.json", tmp_path / "pricing.jdm.json")
    plain = json.loads((RULES / "decisions" / "pricing.json").read_text())
    rows = plain["nodes"][1]["content"]["rules"]
    ev = WorkspaceDecisions.load(tmp_path)
    assert ev.problems == []
    data = {"customer": {"tier": "platinum"}, "cart": {"total": 900, "items": 3}}
    out = ev.evaluate("pricing", data)
    assert out["_rule"] == rows[0]["_id"]
    # the outputs themselves are those of the file as written
    untraced = load_file(RULES / "decisions" / "pricing.json")
    assert {k: v for k, v in out.items() if k != "_rule"} == untraced.evaluate(data)


def test_collect_lists_every_rule_and_any_stays_untraced(tmp_path: Path) -> None:
    (tmp_path / "fees.dmn").write_text(COLLECT_DMN.format(hit_policy="COLLECT"))
    ev = WorkspaceDecisions.load(tmp_path)
    out = ev.evaluate("fees", {"amount": 500})
    assert out["_rule"] == ["Rule_base", "Rule_large"]
    assert [row["fee"] for row in out["result"]] == [1, 5]
    # ANY: every matching rule must agree, so a rule id per row would make them disagree
    (tmp_path / "fees.dmn").write_text(COLLECT_DMN.format(hit_policy="ANY"))
    assert WorkspaceDecisions.load(tmp_path).evaluate("fees", {"amount": 50}) == {"fee": 1}


def test_a_broken_decision_file_reports_the_file_as_written(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rules.json"
    bad.write_text(
        '{\n  "kind": "ruleset",\n  "rules": [\n    {"id": "r", "when": {"x": ">>"}}\n  ]\n}'
    )
    ev = WorkspaceDecisions.load(tmp_path)
    assert not ev.has_decision("broken") and ev.problems
    assert "broken.rules.json:4" in ev.problems[0]  # the line in the file, not in the copy
    with pytest.raises(DecisionError):
        ev.evaluate("broken", {})
    with pytest.raises(ModelError, match=r"broken\.rules\.json"):
        load_traced(bad)
