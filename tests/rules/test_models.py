"""Loading models: JDM, rulesets, DMN; errors with JSON path and line/column; lint warnings; the
table plan; batch evaluation that never raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from intheflow_rules import ModelError, load_file, load_text

from tests.conftest import EXAMPLES
from tests.rules.corpus import random_table, single_table, table


def test_malformed_json_points_at_line_and_column() -> None:
    with pytest.raises(ModelError) as info:
        load_text('{\n  "nodes": [\n    {"id": "a",}\n  ]\n}', "m.json")
    [p] = info.value.problems
    assert (p.location.line, p.location.column) == (3, 16)
    assert p.location.json_path.startswith("$.nodes[0]")


def test_expression_errors_name_file_path_line_and_column() -> None:
    graph = single_table(table("first", ["a"], ["r"], [(["> 5"], ["len(5)"])]))
    text = json.dumps(graph, indent=1)
    with pytest.raises(ModelError) as info:
        load_text(text, "m.json")
    [p] = info.value.problems
    assert p.code == "expr-type"
    assert p.location.json_path == "$.nodes[1].content.rules[0].out0"
    line = text.splitlines()[p.location.line - 1]
    assert line[p.location.column - 1 :].startswith("5)")


def test_function_nodes_are_refused_clearly() -> None:
    graph = {
        "nodes": [
            {"id": "in", "type": "inputNode"},
            {"id": "f", "type": "functionNode", "content": {"source": "x"}},
        ],
        "edges": [{"id": "e", "sourceId": "in", "targetId": "f"}],
    }
    with pytest.raises(ModelError) as info:
        load_text(json.dumps(graph))
    assert info.value.problems[0].code == "unsupported-node"
    assert "JavaScript" in info.value.problems[0].message


def test_unreachable_and_never_matching_rows_are_warnings() -> None:
    rows = [(["> 5", ""], ["1"]), (["> 10", '"x"'], ["2"]), (["> 5 and < 3", ""], ["3"])]
    model = load_text(json.dumps(single_table(table("first", ["a", "b"], ["r"], rows))))
    codes = sorted(p.code for p in model.problems)
    assert codes == ["rule-never-matches", "rule-unreachable"]


def test_batch_reports_one_failure_without_raising() -> None:
    graph = {
        "nodes": [
            {"id": "in", "type": "inputNode"},
            {
                "id": "x",
                "type": "expressionNode",
                "content": {"expressions": [{"id": "1", "key": "y", "value": "a + 1"}]},
            },
            {"id": "out", "type": "outputNode"},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "x"},
            {"id": "e2", "sourceId": "x", "targetId": "out"},
        ],
    }
    model = load_text(json.dumps(graph))
    outcomes = model.evaluate_batch([{"a": 1}, {"a": "x"}, {"a": 2.5}])
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[0].result == {"y": 2} and outcomes[2].result == {"y": 3.5}
    assert "expression node" in outcomes[1].error


def test_big_table_plan_matches_a_row_scan() -> None:
    graph, make = random_table(seed=7, rows=300)
    model = load_text(json.dumps(graph))
    table_plan = model.body.table if hasattr(model.body, "table") else None
    assert table_plan is None  # a JDM graph wraps its table in a node
    import random

    from intheflow_rules.jdm import Graph

    body = model.body
    assert isinstance(body, Graph)
    plan = next(n.table for n in body.nodes if n.table is not None)
    from intheflow_rules.nodes import Env
    from intheflow_rules.values import from_json

    rng = random.Random(3)
    for _ in range(500):
        root = from_json(make(rng))
        env = Env(root)
        scanned = [
            r
            for r in range(len(plan.rows))
            if all(
                col.cells[r].matches(root.get(col.field) if col.field else None, env)
                for col in plan.columns
            )
        ]
        assert plan.matching_rows(root) == scanned


def test_ruleset_priority_and_unknown_inputs() -> None:
    model = load_file(EXAMPLES / "rules" / "payment-risk.rules.json")
    assert model.kind == "ruleset"
    out = model.evaluate(
        {"amount": 2000, "currency": "EUR", "country": "IR", "customer": {"ageDays": 1}}
    )
    assert out == {"decision": "block", "reason": "sanctioned country"}
    bad = {
        "kind": "ruleset",
        "inputs": {"amount": "number"},
        "rules": [{"id": "a", "when": {"amout": "> 1"}, "then": {"x": "amount * 2"}}],
    }
    with pytest.raises(ModelError) as info:
        load_text(json.dumps(bad))
    assert "unknown input 'amout'" in str(info.value)


def test_dmn_tables_load_into_the_same_engine() -> None:
    model = load_file(EXAMPLES / "rules" / "refund-approval.dmn")
    assert model.kind == "dmn" and model.problems == []
    assert model.evaluate({"daysSincePurchase": 20, "reason": "late"}) == {
        "decision": "partial",
        "refundPct": 50,
    }
    assert model.evaluate({"daysSincePurchase": 20, "reason": "defective"})["decision"] == "full"


def test_malformed_dmn_has_a_line(tmp_path: Path) -> None:
    p = tmp_path / "x.dmn"
    p.write_text("<definitions>\n  <decision id='d'>\n</definitions>\n")
    with pytest.raises(ModelError) as info:
        load_file(p)
    assert info.value.problems[0].location.line == 3


def test_a_failing_rule_is_reported_for_that_rule_and_skipped() -> None:
    rows = [([""], ["amount * 2"]), ([""], ['"fallback"'])]
    model = load_text(json.dumps(single_table(table("first", ["amount"], ["r"], rows))))
    [bad, good] = model.evaluate_batch([{"amount": "12"}, {"amount": 4}])
    assert bad.ok and bad.result == {"r": "fallback"}  # zen skips the row whose output fails
    assert len(bad.rule_errors) == 1 and "rule r0 skipped" in bad.rule_errors[0]
    assert "`r`" in bad.rule_errors[0]
    assert good.result == {"r": 8} and good.rule_errors == []
    assert bad.to_dict()["ruleErrors"] == bad.rule_errors
