"""The project's JSON rule format ("kind": "ruleset"): rules with conditions, actions, priority and
a hit policy. It compiles into the same decision-table plan as JDM tables: each field named in a
rule's `when` becomes an indexed column, `if` becomes a boolean column, `then` the outputs.

    {"kind": "ruleset", "name": "payment-risk", "hitPolicy": "first",
     "inputs": {"amount": "number", "country": "string"},
     "rules": [{"id": "block-sanctioned", "priority": 100,
                "when": {"country": "\\"KP\\", \\"IR\\""}, "if": "amount > 0",
                "then": {"decision": "\\"block\\""}}]}
"""

from __future__ import annotations

from typing import Any

from intheflow_rules.cells import Cell
from intheflow_rules.compile import Loader
from intheflow_rules.errors import Location
from intheflow_rules.jsonpos import PositionedJson
from intheflow_rules.model import Evaluable, Model
from intheflow_rules.nodes import Lit
from intheflow_rules.table import Column, DecisionTable, Output, Row

INPUT_TYPES = frozenset({"number", "string", "bool", "date", "list", "object", "any"})


class TableBody(Evaluable):
    def __init__(self, table: DecisionTable) -> None:
        self.table = table

    def run(self, root: dict[str, object], errors: list[str]) -> object:
        return self.table.evaluate(root, errors)


def _text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return v if isinstance(v, str) else ""


def load_ruleset(doc: PositionedJson, ld: Loader) -> Model | None:
    data = doc.value
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        ld.error("a ruleset is an object with a `rules` list", doc.at("$"))
        return None
    hit = data.get("hitPolicy", "first")
    if hit not in ("first", "collect"):
        ld.error(f"hit policy {hit!r} is not supported (first, collect)", doc.at("$.hitPolicy"))
        return None
    known: set[str] | None = None
    declared = data.get("inputs")
    if isinstance(declared, dict):
        known = {str(k).split(".")[0] for k in declared}
        for k, t in declared.items():
            if t not in INPUT_TYPES:
                ld.error(f"input {k!r}: unknown type {t!r}", doc.at(f"$.inputs.{k}"))
    rules: list[tuple[int, int, dict[str, Any]]] = []
    ids: dict[str, int] = {}
    for r, raw in enumerate(data["rules"]):
        base = f"$.rules[{r}]"
        if not isinstance(raw, dict):
            ld.error("a rule must be an object", doc.at(base))
            continue
        rid = raw.get("id")
        if not isinstance(rid, str) or not rid:
            ld.error("a rule needs a string `id`", doc.at(base))
            continue
        if rid in ids:
            ld.error(f"duplicate rule id {rid!r}", doc.at(f"{base}.id"))
        ids[rid] = r
        prio = raw.get("priority", 0)
        if not isinstance(prio, int) or isinstance(prio, bool):
            ld.error("`priority` must be an integer", doc.at(f"{base}.priority"))
            prio = 0
        for key in ("when", "then"):
            if key in raw and not isinstance(raw[key], dict):
                ld.error(f"`{key}` must be an object", doc.at(f"{base}.{key}"))
        rules.append((-prio, r, raw))
    rules.sort(key=lambda t: (t[0], t[1]))  # priority first, then file order (stable)
    fields: list[str] = []
    outputs: list[str] = []
    for _, r, raw in rules:
        for f in raw.get("when", {}) if isinstance(raw.get("when"), dict) else {}:
            if f not in fields:
                fields.append(f)
                if known is not None and f.split(".")[0] not in known:
                    ld.error(
                        f"unknown input {f!r} (declare it in `inputs`)",
                        doc.at(f"$.rules[{r}].when"),
                    )
        for f in raw.get("then", {}) if isinstance(raw.get("then"), dict) else {}:
            if f not in outputs:
                outputs.append(f)
    has_if = any("if" in raw for _, _, raw in rules)
    cells: list[list[Cell]] = [[] for _ in fields]
    if_cells: list[Cell] = []
    rows: list[Row] = []
    locs: list[Location] = []
    for _, r, raw in rules:
        base = f"$.rules[{r}]"
        locs.append(doc.at(base))
        when = raw.get("when") if isinstance(raw.get("when"), dict) else {}
        assert isinstance(when, dict)
        generic: list[int] = []
        for c, f in enumerate(fields):
            cell = ld.cell(_text(when.get(f, "")), doc.at(f"{base}.when.{f}"), True, known)
            cells[c].append(cell)
            if not cell.is_any and not cell.indexable:
                generic.append(c)
        if has_if:
            cond = _text(raw.get("if", ""))
            cell = ld.cell(cond, doc.at(f"{base}.if"), False, known)
            if_cells.append(cell)
            if not cell.is_any:
                generic.append(len(fields))
        then = raw.get("then") if isinstance(raw.get("then"), dict) else {}
        assert isinstance(then, dict)
        outs: list[Output] = []
        for f in outputs:
            if f not in then:
                continue
            node = ld.expression(_text(then[f]), doc.at(f"{base}.then.{f}"), known)
            outs.append(
                Output(f, None, node.value) if isinstance(node, Lit) else Output(f, node, None)
            )
        rows.append(Row(str(raw["id"]), outs, generic))
    columns = [Column(f, cells[c]) for c, f in enumerate(fields)]
    if has_if:
        columns.append(Column(None, if_cells))
    table = DecisionTable(str(data.get("name", "")), hit, columns, rows, doc.at("$"))
    ld.problems.extend(table.lint(locs))
    if ld.has_errors():
        return None
    return Model("ruleset", str(data.get("name", "")), doc.source, TableBody(table), ld.problems)
