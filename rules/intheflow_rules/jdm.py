"""GoRules JDM (JSON Decision Model) graphs: input, output, decision-table, expression and switch
nodes. Function (JavaScript) and sub-decision nodes are refused with a clear message.

Evaluation follows zen-engine: nodes run in topological order; a node's input is the merge of its
active predecessors' outputs; a switch activates only the edges of the statements that hold; a
table or expression node outputs only its results unless `passThrough` adds its input.
"""

from __future__ import annotations

from typing import Any

from intheflow_rules.cells import Cell
from intheflow_rules.compile import Loader
from intheflow_rules.errors import EvalError, Location
from intheflow_rules.jsonpos import PositionedJson
from intheflow_rules.model import Evaluable, Model
from intheflow_rules.nodes import Env, Lit, Node
from intheflow_rules.table import Column, DecisionTable, Output, Row, assign, lookup

INPUT = "inputNode"
OUTPUT = "outputNode"
TABLE = "decisionTableNode"
EXPRESSION = "expressionNode"
SWITCH = "switchNode"
UNSUPPORTED = {
    "functionNode": "JavaScript function nodes are not supported (no JavaScript runtime); move "
    "the logic into an expression node or a decision table",
    "decisionNode": "sub-decision nodes are not supported yet; inline the referenced model",
    "customNode": "custom nodes are not supported",
}


class GraphNode:
    def __init__(self, nid: str, kind: str, name: str) -> None:
        self.nid = nid
        self.kind = kind
        self.name = name
        self.table: DecisionTable | None = None
        self.expr_keys: list[list[str]] = []
        self.expr_nodes: list[Node] = []
        self.statements: list[tuple[str, Node | None]] = []
        self.switch_first = True
        self.pass_through = False
        self.input_path: list[str] = []
        self.output_path: list[str] = []
        self.targets: list[tuple[str, str]] = []  # (target node id, source handle or "")
        self.order = 0


def _merge(into: dict[str, object], value: object) -> dict[str, object]:
    if isinstance(value, dict):
        for k, v in value.items():
            old = into.get(k)
            if isinstance(old, dict) and isinstance(v, dict):
                merged = dict(old)
                _merge(merged, v)
                into[k] = merged
            else:
                into[k] = v
    return into


class Graph(Evaluable):
    def __init__(self, nodes: list[GraphNode]) -> None:
        self.nodes = nodes  # topological order
        self.index = {n.nid: i for i, n in enumerate(nodes)}

    def run(self, root: dict[str, object], errors: list[str]) -> object:
        n = len(self.nodes)
        inputs: list[object] = [None] * n
        active = [False] * n
        result: object = None
        have_result = False
        for i, node in enumerate(self.nodes):
            if node.kind == INPUT:
                out: object = root
            else:
                if not active[i]:
                    continue
                given = inputs[i]
                data: dict[str, object] = given if isinstance(given, dict) else {}
                if node.kind == OUTPUT:
                    if have_result and isinstance(result, dict) and isinstance(given, dict):
                        result = _merge(dict(result), given)
                    else:
                        result = given if given is not None else {}
                    have_result = True
                    continue
                out = self.run_node(node, data, errors)
            if node.kind == SWITCH:
                handles = self.switch_handles(node, out)
                targets = [t for t, h in node.targets if h in handles]
            else:
                targets = [t for t, _ in node.targets]
            for t in targets:
                j = self.index[t]
                active[j] = True
                prev = inputs[j]
                if prev is None or not isinstance(out, dict):
                    inputs[j] = out if not isinstance(out, dict) else _merge({}, out)
                elif isinstance(prev, dict):
                    _merge(prev, out)
        return result if have_result else {}

    def run_node(self, node: GraphNode, data: dict[str, object], errors: list[str]) -> object:
        scope = data
        if node.input_path:
            inner = lookup(data, node.input_path)
            scope = inner if isinstance(inner, dict) else {}
        if node.kind == TABLE:
            table = node.table
            assert table is not None
            produced: object = table.evaluate(scope, errors)
        elif node.kind == EXPRESSION:
            produced = self.run_expressions(node, scope)
        else:  # switch: passes its input through
            return data
        if node.output_path:
            wrapped: dict[str, object] = {}
            assign(wrapped, node.output_path, produced)
            produced = wrapped
        if node.pass_through and isinstance(produced, dict):
            return _merge(_merge({}, data), produced)
        return produced

    def run_expressions(self, node: GraphNode, scope: dict[str, object]) -> dict[str, object]:
        out: dict[str, object] = {}
        env = Env(scope, out)
        for path, expr in zip(node.expr_keys, node.expr_nodes, strict=True):
            try:
                value = expr.eval(env)
            except EvalError as exc:
                raise EvalError(
                    f"expression node {node.name!r}, `{'.'.join(path)}`: {exc}"
                ) from None
            assign(out, path, value)
        return out

    def switch_handles(self, node: GraphNode, data: object) -> set[str]:
        root = data if isinstance(data, dict) else {}
        env = Env(root)
        chosen: set[str] = set()
        for sid, cond in node.statements:
            if cond is None:
                hit = True
            else:
                try:
                    hit = cond.eval(env) is True
                except (EvalError, ArithmeticError):
                    hit = False
            if hit:
                chosen.add(sid)
                if node.switch_first:
                    break
        return chosen


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    return v if isinstance(v, str) else ""


def load_table(
    content: dict[str, Any], base: str, doc: PositionedJson, ld: Loader, name: str
) -> DecisionTable | None:
    hit = content.get("hitPolicy", "first")
    if hit not in ("first", "collect"):
        ld.error(
            f"hit policy {hit!r} is not supported (first, collect)", doc.at(f"{base}.hitPolicy")
        )
        return None
    inputs = content.get("inputs", [])
    outputs = content.get("outputs", [])
    rules = content.get("rules", [])
    if not isinstance(inputs, list) or not isinstance(outputs, list) or not isinstance(rules, list):
        ld.error("a decision table needs lists `inputs`, `outputs` and `rules`", doc.at(base))
        return None
    in_ids: list[str] = []
    fields: list[str | None] = []
    for k, col in enumerate(inputs):
        if not isinstance(col, dict) or "id" not in col:
            ld.error("an input column needs an `id`", doc.at(f"{base}.inputs[{k}]"))
            return None
        in_ids.append(str(col["id"]))
        f = col.get("field")
        fields.append(str(f) if isinstance(f, str) and f.strip() else None)
    out_ids: list[str] = []
    out_fields: list[str] = []
    for k, col in enumerate(outputs):
        if not isinstance(col, dict) or "id" not in col or not col.get("field"):
            ld.error("an output column needs `id` and `field`", doc.at(f"{base}.outputs[{k}]"))
            return None
        out_ids.append(str(col["id"]))
        out_fields.append(str(col["field"]))
    cells: list[list[Cell]] = [[] for _ in in_ids]
    rows: list[Row] = []
    row_locs: list[Location] = []
    for r, rule in enumerate(rules):
        rbase = f"{base}.rules[{r}]"
        if not isinstance(rule, dict):
            ld.error("a rule must be an object", doc.at(rbase))
            return None
        row_locs.append(doc.at(rbase))
        generic: list[int] = []
        for c, cid in enumerate(in_ids):
            cell = ld.cell(
                _text(rule.get(cid)), doc.at(f"{rbase}.{cid}"), fields[c] is not None, None
            )
            cells[c].append(cell)
            if not cell.is_any and not cell.indexable:
                generic.append(c)
        outs: list[Output] = []
        for oid, field in zip(out_ids, out_fields, strict=True):
            text = _text(rule.get(oid))
            if not text.strip():
                outs.append(Output(field, None, None))
                continue
            node = ld.expression(text, doc.at(f"{rbase}.{oid}"), dollar=True)
            if isinstance(node, Lit):
                outs.append(Output(field, None, node.value))
            else:
                outs.append(Output(field, node, None))
        rows.append(Row(str(rule.get("_id", f"row{r + 1}")), outs, generic))
    columns = [Column(fields[c], cells[c]) for c in range(len(in_ids))]
    table = DecisionTable(name, hit, columns, rows, doc.at(base))
    for p in table.lint(row_locs):
        ld.problems.append(p)
    return table


def load_jdm(doc: PositionedJson, ld: Loader) -> Model | None:
    data = doc.value
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        ld.error("a JDM model is an object with `nodes` and `edges` lists", doc.at("$"))
        return None
    raw_edges = data.get("edges", [])
    if not isinstance(raw_edges, list):
        ld.error("`edges` must be a list", doc.at("$.edges"))
        return None
    nodes: dict[str, GraphNode] = {}
    for k, raw in enumerate(data["nodes"]):
        base = f"$.nodes[{k}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            ld.error("a node needs a string `id`", doc.at(base))
            continue
        kind = str(raw.get("type", ""))
        node = GraphNode(raw["id"], kind, str(raw.get("name", raw["id"])))
        nodes[node.nid] = node
        content = raw.get("content", {})
        if not isinstance(content, dict):
            content = {}
        cbase = f"{base}.content"
        if kind in UNSUPPORTED:
            ld.error(
                f"node {node.name!r}: {UNSUPPORTED[kind]}",
                doc.at(f"{base}.type"),
                "unsupported-node",
            )
            continue
        if kind not in (INPUT, OUTPUT, TABLE, EXPRESSION, SWITCH):
            ld.error(f"node {node.name!r}: unknown node type {kind!r}", doc.at(f"{base}.type"))
            continue
        node.pass_through = content.get("passThrough") is True
        if isinstance(content.get("inputField"), str) and content["inputField"]:
            node.input_path = content["inputField"].split(".")
        if isinstance(content.get("outputPath"), str) and content["outputPath"]:
            node.output_path = content["outputPath"].split(".")
        if content.get("executionMode", "single") != "single":
            ld.error("executionMode `loop` is not supported", doc.at(f"{cbase}.executionMode"))
        if kind == TABLE:
            node.table = load_table(content, cbase, doc, ld, node.name)
        elif kind == EXPRESSION:
            exprs = content.get("expressions", [])
            for e, item in enumerate(exprs if isinstance(exprs, list) else []):
                ebase = f"{cbase}.expressions[{e}]"
                if not isinstance(item, dict) or not item.get("key"):
                    ld.error("an expression needs `key` and `value`", doc.at(ebase))
                    continue
                node.expr_keys.append(str(item["key"]).split("."))
                node.expr_nodes.append(
                    ld.expression(_text(item.get("value")), doc.at(f"{ebase}.value"), dollar=True)
                )
        elif kind == SWITCH:
            node.switch_first = content.get("hitPolicy", "first") != "collect"
            stmts = content.get("statements", [])
            for s, st in enumerate(stmts if isinstance(stmts, list) else []):
                sbase = f"{cbase}.statements[{s}]"
                if not isinstance(st, dict) or "id" not in st:
                    ld.error("a switch statement needs an `id`", doc.at(sbase))
                    continue
                cond = _text(st.get("condition"))
                compiled = (
                    ld.expression(cond, doc.at(f"{sbase}.condition")) if cond.strip() else None
                )
                node.statements.append((str(st["id"]), compiled))
    for k, edge in enumerate(raw_edges):
        ebase = f"$.edges[{k}]"
        if not isinstance(edge, dict):
            ld.error("an edge must be an object", doc.at(ebase))
            continue
        src = edge.get("sourceId")
        dst = edge.get("targetId")
        if src not in nodes or dst not in nodes:
            bad = src if src not in nodes else dst
            ld.error(f"edge refers to unknown node {bad!r}", doc.at(ebase))
            continue
        nodes[str(src)].targets.append((str(dst), str(edge.get("sourceHandle") or "")))
    if not any(n.kind == INPUT for n in nodes.values()):
        ld.error("the graph has no inputNode", doc.at("$.nodes"))
    order = _topological(nodes, ld, doc)
    if ld.has_errors() or order is None:
        return None
    return Model("jdm", str(data.get("name", "")), doc.source, Graph(order), ld.problems)


def _topological(
    nodes: dict[str, GraphNode], ld: Loader, doc: PositionedJson
) -> list[GraphNode] | None:
    indeg = {nid: 0 for nid in nodes}
    for n in nodes.values():
        for t, _ in n.targets:
            indeg[t] += 1
    ready = [nid for nid, d in indeg.items() if d == 0]
    out: list[GraphNode] = []
    while ready:
        nid = ready.pop(0)
        out.append(nodes[nid])
        for t, _ in nodes[nid].targets:
            indeg[t] -= 1
            if indeg[t] == 0:
                ready.append(t)
    if len(out) != len(nodes):
        stuck = sorted(nid for nid, d in indeg.items() if d > 0)
        ld.error(
            f"the graph has a cycle through {', '.join(stuck)}", doc.at("$.edges"), "graph-cycle"
        )
        return None
    return out
