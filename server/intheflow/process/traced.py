"""Decision models that say which rule fired: each rule's id becomes one more output.

The rule engine answers with a decision's outputs only. So that a business-rule task's result
names the rule (DMN rule id, ruleset rule id, JDM row `_id`) in the audit trail, the model is
loaded from a copy in which every rule also outputs its own id as the string `RULE_FIELD` —
the same outputs otherwise, the same hit policy. Tables whose outputs are aggregated (DMN
COLLECT with SUM/COUNT/MIN/MAX) or must agree (DMN ANY) are left as they are: no single rule
fired there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from intheflow_rules import ModelError, load_file, load_text
from intheflow_rules.model import Model
from lxml import etree

RULE_FIELD = "_rule"


def ruleset_with_rule_ids(text: str, field: str = RULE_FIELD) -> tuple[str | None, list[str]]:
    """(the ruleset with `field` = its id added to each rule's `then`, the ids); None if the
    text is not a ruleset."""
    try:
        raw = json.loads(text)
    except ValueError:
        return None, []
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        return None, []
    ids: list[str] = []
    for rule in raw["rules"]:
        if isinstance(rule, dict) and isinstance(rule.get("id"), str):
            ids.append(rule["id"])
            then = rule.setdefault("then", {})
            if isinstance(then, dict):
                then.setdefault(field, json.dumps(rule["id"]))
    return json.dumps(raw), ids


def jdm_with_rule_ids(text: str) -> str | None:
    """Every decision table of a JDM graph outputs its matching row's `_id`."""
    try:
        raw = json.loads(text)
    except ValueError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("nodes"), list):
        return None
    for node in raw["nodes"]:
        content = node.get("content") if isinstance(node, dict) else None
        if node.get("type") != "decisionTableNode" or not isinstance(content, dict):
            continue
        outputs, rules = content.get("outputs"), content.get("rules")
        if not isinstance(outputs, list) or not isinstance(rules, list):
            continue
        column = f"{RULE_FIELD}_column"
        outputs.append({"id": column, "name": RULE_FIELD, "field": RULE_FIELD})
        for row in rules:
            if isinstance(row, dict) and isinstance(row.get("_id"), str):
                row[column] = json.dumps(row["_id"])
    return json.dumps(raw)


def dmn_with_rule_ids(data: bytes) -> str | None:
    """Every decision table (but aggregating or ANY ones) gets an output column `RULE_FIELD`
    whose entry in each rule is that rule's id."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    for table in root.iter("{*}decisionTable"):
        if table.get("aggregation") or (table.get("hitPolicy") or "").upper() == "ANY":
            continue
        ns = etree.QName(table).namespace
        outputs = table.findall(f"{{{ns}}}output")
        if not outputs:
            continue
        column = etree.Element(f"{{{ns}}}output", name=RULE_FIELD, typeRef="string")
        column.set("id", f"{table.get('id', 'table')}{RULE_FIELD}")
        outputs[-1].addnext(column)
        for rule in table.findall(f"{{{ns}}}rule"):
            entry = etree.Element(f"{{{ns}}}outputEntry")
            etree.SubElement(entry, f"{{{ns}}}text").text = json.dumps(rule.get("id", ""))
            last = rule.findall(f"{{{ns}}}outputEntry")
            if last:
                last[-1].addnext(entry)
            else:
                rule.append(entry)
    return str(etree.tostring(root, encoding="unicode"))


def load_traced(path: Path) -> Model:
    """The model of a decision file, traced where possible. Raises the rule engine's ModelError
    with positions in the file as written."""
    data = path.read_bytes()
    if path.suffix == ".dmn":
        traced = dmn_with_rule_ids(data)
    else:
        text = data.decode("utf-8", errors="replace")
        traced = jdm_with_rule_ids(text) or ruleset_with_rule_ids(text)[0]
    if traced is not None:
        try:
            return load_text(traced, str(path))
        except ModelError:
            pass  # loading the file as written reports the problems where they are
    return load_file(path)


def fired_rules(result: Any) -> tuple[Any, str | list[str] | None]:
    """(the decision's result without the rule ids, the rule that fired — a list under a
    collect hit policy — or None)."""
    if isinstance(result, dict) and RULE_FIELD in result:
        rest = {k: v for k, v in result.items() if k != RULE_FIELD}
        return rest, str(result[RULE_FIELD])
    if isinstance(result, list):
        ids = [str(r[RULE_FIELD]) for r in result if isinstance(r, dict) and RULE_FIELD in r]
        rows = [
            {k: v for k, v in r.items() if k != RULE_FIELD} if isinstance(r, dict) else r
            for r in result
        ]
        return rows, ids or None
    return result, None
