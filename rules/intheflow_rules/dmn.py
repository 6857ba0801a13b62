"""DMN 1.3 decision tables as Camunda Modeler saves them, loaded into the same table plan.

FEEL simple unary tests (`"gold","silver"`, `< 5`, `[1..10]`, `]0..100[`, `not("a")`, `-`) and
simple expressions in output entries are translated to the expression language. Hit policies:
UNIQUE and ANY run as first (overlaps are reported by lint), FIRST, RULE ORDER / OUTPUT ORDER /
COLLECT without aggregation run as collect.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from intheflow_rules.cells import Cell
from intheflow_rules.compile import Loader
from intheflow_rules.errors import Location
from intheflow_rules.model import Model
from intheflow_rules.nodes import Lit
from intheflow_rules.ruleset import TableBody
from intheflow_rules.table import Column, DecisionTable, Output, Row

_POLICIES = {
    "UNIQUE": "first",
    "FIRST": "first",
    "ANY": "first",
    "RULE ORDER": "collect",
    "OUTPUT ORDER": "collect",
    "COLLECT": "collect",
}
_NOT = re.compile(r"^\s*not\s*\((.*)\)\s*$", re.S)
_FEEL_RANGE = re.compile(r"([\[\]\(])([^,\[\]()]+?)\.\.([^,\[\]()]+?)([\[\]\)])")


def _feel_range(m: re.Match[str]) -> str:
    lo = "(" if m.group(1) in "](" else "["
    hi = ")" if m.group(4) in "[)" else "]"
    return f"{lo}{m.group(2)}..{m.group(3)}{hi}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _text_of(el: ET.Element | None) -> str:
    if el is None:
        return ""
    for c in el:
        if _local(c.tag) == "text":
            return (c.text or "").strip()
    return ""


def feel_unary(text: str) -> str:
    """FEEL simple unary tests -> our unary syntax."""
    t = text.strip()
    if t in ("", "-"):
        return ""
    m = _NOT.match(t)
    if m:
        return f"not in [{m.group(1)}]"
    # FEEL writes open bounds outwards: `]1..10[` is (1..10) (zen reads those brackets otherwise).
    return _FEEL_RANGE.sub(_feel_range, t)


class _Where:
    def __init__(self, xml: str, source: str) -> None:
        self.xml = xml
        self.source = source

    def of(self, element_id: str, what: str) -> Location:
        pos = self.xml.find(f'id="{element_id}"') if element_id else -1
        if pos < 0:
            return Location(self.source, what, 1, 1)
        line = self.xml.count("\n", 0, pos) + 1
        col = pos - (self.xml.rfind("\n", 0, pos) + 1) + 1
        return Location(self.source, what, line, col)


def load_dmn(xml: str, source: str, ld: Loader, decision_id: str | None = None) -> Model | None:
    where = _Where(xml, source)
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        line, col = exc.position
        ld.error(f"malformed DMN XML: {exc}", Location(source, "", line, col + 1), "dmn-syntax")
        return None
    decisions = [d for d in root.iter() if _local(d.tag) == "decision"]
    if decision_id:
        decisions = [d for d in decisions if d.get("id") == decision_id]
    tables = [(d, t) for d in decisions for t in d if _local(t.tag) == "decisionTable"]
    if not tables:
        what = f"decision {decision_id!r}" if decision_id else "a decision table"
        ld.error(f"the DMN file has no {what}", Location(source, "", 1, 1))
        return None
    decision, table = tables[0]
    did = decision.get("id", "")
    policy = table.get("hitPolicy", "UNIQUE")
    if table.get("aggregation"):
        ld.error("COLLECT with an aggregation is not supported", where.of(table.get("id", ""), did))
        return None
    hit = _POLICIES.get(policy)
    if hit is None:
        ld.error(f"hit policy {policy} is not supported", where.of(table.get("id", ""), did))
        return None
    fields: list[str] = []
    for inp in _children(table, "input"):
        expr = next((c for c in inp if _local(c.tag) == "inputExpression"), None)
        name = _text_of(expr) or inp.get("label", "")
        if not re.fullmatch(r"[A-Za-z_][\w.]*", name):
            ld.error(
                f"input expression {name!r} is not a simple name (only names are supported)",
                where.of(inp.get("id", ""), did),
            )
        fields.append(name)
    outputs = [
        str(o.get("name") or o.get("label") or o.get("id", "")) for o in _children(table, "output")
    ]
    cells: list[list[Cell]] = [[] for _ in fields]
    rows: list[Row] = []
    locs: list[Location] = []
    for r, rule in enumerate(_children(table, "rule")):
        rid = rule.get("id", f"rule{r + 1}")
        loc = where.of(rid, f"{did}/{rid}")
        locs.append(loc)
        entries = _children(rule, "inputEntry")
        if len(entries) != len(fields):
            ld.error(f"rule {rid} has {len(entries)} input entries for {len(fields)} inputs", loc)
            return None
        generic: list[int] = []
        for c, entry in enumerate(entries):
            cell = ld.cell(feel_unary(_text_of(entry)), loc, True, None)
            cells[c].append(cell)
            if not cell.is_any and not cell.indexable:
                generic.append(c)
        outs: list[Output] = []
        for name, entry in zip(outputs, _children(rule, "outputEntry"), strict=False):
            text = _text_of(entry)
            if not text:
                outs.append(Output(name, None, None))
                continue
            node = ld.expression(text, loc)
            outs.append(
                Output(name, None, node.value)
                if isinstance(node, Lit)
                else Output(name, node, None)
            )
        rows.append(Row(rid, outs, generic))
    columns = [Column(f, cells[c]) for c, f in enumerate(fields)]
    dt = DecisionTable(decision.get("name", did), hit, columns, rows, where.of(did, did))
    dt.unique = policy == "UNIQUE"
    ld.problems.extend(dt.lint(locs))
    if ld.has_errors():
        return None
    return Model("dmn", decision.get("name", did), source, TableBody(dt), ld.problems)
