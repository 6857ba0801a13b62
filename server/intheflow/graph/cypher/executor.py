"""Run a parsed Cypher query on a GraphStore.

Read queries are one SQL statement (compiler.py). Write queries (CREATE, MERGE, SET, DELETE) run
their MATCH part as SQL to get the bound node/edge ids, then apply each write clause row by row
through the store, all in one transaction; a RETURN after writes is evaluated in Python over the
updated rows. Facts written from Cypher carry provenance source "cypher".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from intheflow.graph import model
from intheflow.graph.cypher import ast
from intheflow.graph.cypher.compiler import compile_bindings, compile_read
from intheflow.graph.cypher.errors import CypherError
from intheflow.graph.cypher.parser import parse
from intheflow.graph.model import Edge, GraphFacts, Node, Provenance

if TYPE_CHECKING:
    from intheflow.graph.store import GraphStore, QueryResult

CYPHER_SOURCE = "cypher"

# Node-id prefixes per label, as in model.py, for nodes created from Cypher without an `id`.
_ID_MAKERS: dict[str, Callable[[str], str]] = {
    model.NodeLabel.SERVICE: model.service_id,
    model.NodeLabel.TERM: model.term_id,
    model.NodeLabel.OWNER: model.owner_id,
    model.NodeLabel.API: model.api_id,
    model.NodeLabel.BUSINESS_PROCESS: model.process_id,
    model.NodeLabel.CODE_COMPONENT: model.component_id,
}


def execute(store: GraphStore, text: str, params: dict[str, Any]) -> QueryResult:
    from intheflow.graph.store import QueryResult

    query = parse(text)
    pg = store.dialect.name == "postgres"
    if not query.writes:
        compiled = compile_read(query, params, pg)
        try:
            rows = store.sql(compiled.sql, compiled.params)
        except Exception as exc:
            if not _is_database_error(exc):
                raise
            # A run-time failure (integer overflow, a value the database cannot convert): the
            # caller gets a CypherError like any other bad query, never a driver exception.
            raise CypherError(f"the query failed in the database: {exc}".strip(), 1, 1) from exc
        return QueryResult(
            columns=compiled.columns,
            rows=[compiled.decode(tuple(r), json_text=not pg) for r in rows],
        )
    with store.transaction():
        return _Writer(store, query, params, pg).run(QueryResult)


Binding = dict[str, Any]  # var -> ("node", id) | ("edge", (src, type, dst))


class _Writer:
    def __init__(self, store: GraphStore, query: ast.Query, params: dict[str, Any], pg: bool):
        self.store = store
        self.query = query
        self.params = params
        self.pg = pg
        self.stats: dict[str, int] = {
            "nodes_created": 0,
            "nodes_deleted": 0,
            "relationships_created": 0,
            "relationships_deleted": 0,
            "properties_set": 0,
        }

    def run(self, result_type: type[QueryResult]) -> QueryResult:
        rows = self.bindings()
        for clause in self.query.writes:
            for row in rows:
                self.apply(clause, row)
        ret = self.query.ret
        if ret is None:
            return result_type(columns=[], rows=[], stats=self.stats)
        if ret.order or ret.skip or ret.limit:
            raise CypherError(
                "ORDER BY/SKIP/LIMIT after a write clause is not supported",
                ret.pos.line,
                ret.pos.col,
            )
        out = [[self.eval(item.expr, row) for item in ret.items] for row in rows]
        if ret.distinct:  # rows hold dicts and lists (unhashable): keep the first of equals
            unique: list[list[Any]] = []
            for r in out:
                if r not in unique:
                    unique.append(r)
            out = unique
        return result_type(
            columns=[i.alias or i.text for i in ret.items], rows=out, stats=self.stats
        )

    def bindings(self) -> list[Binding]:
        if not self.query.matches:
            return [{}]
        compiled = compile_bindings(self.query, self.params, self.pg)
        rows: list[Binding] = []
        for raw in self.store.sql(compiled.sql, compiled.params):
            row: Binding = {}
            i = 0
            for name, kind in compiled.bindings:
                if kind == "node":
                    row[name] = ("node", raw[i])
                    i += 1
                else:
                    row[name] = ("edge", tuple(raw[i : i + 3]) if raw[i] is not None else None)
                    i += 3
                if row[name][1] is None:
                    row[name] = None  # unmatched OPTIONAL MATCH
            rows.append(row)
        return rows

    # --- clauses ---------------------------------------------------------------------------
    def apply(self, clause: ast.Clause, row: Binding) -> None:
        if isinstance(clause, ast.Create):
            for pattern in clause.patterns:
                self.create(pattern, row)
        elif isinstance(clause, ast.Merge):
            self.merge(clause, row)
        elif isinstance(clause, ast.Set):
            for item in clause.items:
                self.set(item, row)
        elif isinstance(clause, ast.Delete):
            for target in clause.targets:
                self.delete(target, clause.detach, row)

    def create(self, pattern: ast.PathPattern, row: Binding) -> None:
        ids = [self.node_for_create(n, row) for n in pattern.nodes]
        for i, rel in enumerate(pattern.rels):
            self.create_edge(rel, ids[i], ids[i + 1], row)

    def node_for_create(self, pat: ast.NodePattern, row: Binding) -> str:
        if pat.var and pat.var in row:
            if pat.labels or pat.props:
                raise CypherError(
                    f"`{pat.var}` is already bound; it cannot get labels or properties here",
                    pat.pos.line,
                    pat.pos.col,
                )
            return self.node_id(pat.var, row, pat.pos)
        node = self.new_node(pat, row)
        self.store.upsert(GraphFacts(nodes=[node]))
        self.stats["nodes_created"] += 1
        self.stats["properties_set"] += len(node.props)
        if pat.var:
            row[pat.var] = ("node", node.id)
        return node.id

    def new_node(self, pat: ast.NodePattern, row: Binding) -> Node:
        if len(pat.labels) != 1:
            raise CypherError("a created node needs exactly one label", pat.pos.line, pat.pos.col)
        label = pat.labels[0]
        props = {k: self.eval(v, row) for k, v in pat.props}
        node_id = props.pop("id", None)
        name = props.pop("name", None)
        if node_id is None and name is None:
            raise CypherError(
                "a created node needs an `id` or a `name` property", pat.pos.line, pat.pos.col
            )
        if node_id is None:
            maker = _ID_MAKERS.get(label)
            node_id = maker(str(name)) if maker else f"{model.slug(label)}:{name}"
        props = {k: v for k, v in props.items() if v is not None}
        return Node(
            id=str(node_id),
            label=label,
            name=str(name if name is not None else node_id),
            props=props,
            provenance=Provenance(CYPHER_SOURCE),
        )

    def create_edge(self, rel: ast.RelPattern, left: str, right: str, row: Binding) -> Edge:
        if rel.var_length or len(rel.types) != 1 or rel.direction == "both":
            raise CypherError(
                "a created relationship needs one type and a direction", rel.pos.line, rel.pos.col
            )
        src, dst = (left, right) if rel.direction == "out" else (right, left)
        props = {k: self.eval(v, row) for k, v in rel.props}
        edge = Edge(
            src,
            dst,
            rel.types[0],
            {k: v for k, v in props.items() if v is not None},
            Provenance(CYPHER_SOURCE),
        )
        self.store.upsert(GraphFacts(edges=[edge]))
        self.stats["relationships_created"] += 1
        if rel.var:
            row[rel.var] = ("edge", (src, edge.type, dst))
        return edge

    def merge(self, clause: ast.Merge, row: Binding) -> None:
        pattern = clause.pattern
        created = False
        if not pattern.rels:
            pat = pattern.nodes[0]
            existing = self.find_node(pat, row)
            if existing is None:
                self.node_for_create(pat, row)
                created = True
            elif pat.var:
                row[pat.var] = ("node", existing)
        elif len(pattern.rels) == 1:
            left = self.merge_endpoint(pattern.nodes[0], row)
            right = self.merge_endpoint(pattern.nodes[1], row)
            rel = pattern.rels[0]
            if rel.var_length or len(rel.types) != 1 or rel.direction == "both":
                raise CypherError(
                    "MERGE of a relationship needs one type and a direction",
                    rel.pos.line,
                    rel.pos.col,
                )
            src, dst = (left, right) if rel.direction == "out" else (right, left)
            key = (src, rel.types[0], dst)
            if not self.edge_exists(key):
                self.create_edge(rel, left, right, row)
                created = True
            elif rel.var:
                row[rel.var] = ("edge", key)
        else:
            raise CypherError("MERGE supports a node or one relationship", *_at(clause.pos))
        for item in clause.on_create if created else clause.on_match:
            self.set(item, row)

    def merge_endpoint(self, pat: ast.NodePattern, row: Binding) -> str:
        if pat.var and pat.var in row:
            return self.node_id(pat.var, row, pat.pos)
        found = self.find_node(pat, row)
        if found is not None:
            if pat.var:
                row[pat.var] = ("node", found)
            return found
        return self.node_for_create(pat, row)

    def find_node(self, pat: ast.NodePattern, row: Binding) -> str | None:
        props = {k: self.eval(v, row) for k, v in pat.props}
        if "id" in props:
            node = self.store.get_node(str(props["id"]))
            candidates = [node] if node else []
        elif len(pat.labels) == 1 and "name" in props:
            ids = self.store.sql(
                "SELECT id FROM nodes WHERE label = ? AND name = ? ORDER BY id",
                [pat.labels[0], str(props["name"])],
            )
            candidates = [n for n in (self.store.get_node(r[0]) for r in ids) if n]
        elif len(pat.labels) == 1:
            candidates = self.store.nodes(pat.labels[0])
        else:
            raise CypherError("MERGE needs a label and an id or name", *_at(pat.pos))
        for node in candidates:
            if pat.labels and node.label not in pat.labels:
                continue
            view = _node_view(node)
            if all(_get(view, k) == v for k, v in props.items()):
                return node.id
        return None

    def edge_exists(self, key: tuple[str, str, str]) -> bool:
        rows = self.store.sql(
            "SELECT 1 FROM edges WHERE src = ? AND type = ? AND dst = ?", list(key)
        )
        return bool(rows)

    def set(self, item: ast.SetItem, row: Binding) -> None:
        bound = row.get(item.var)
        if bound is None:
            if item.var not in row:
                raise CypherError(f"variable `{item.var}` is not defined", *_at(item.pos))
            return  # SET on a null from OPTIONAL MATCH is a no-op, as in Cypher
        value = self.eval(item.value, row)
        if bound[0] == "node":
            node = self.store.get_node(bound[1])
            if node is None:
                return
            props, name = dict(node.props), node.name
            if item.key is None:
                if not isinstance(value, dict):
                    raise CypherError("SET n = … needs a map", *_at(item.pos))
                props = {**props, **value} if item.merge else dict(value)
                name = str(props.pop("name", name))
                props.pop("id", None)
            elif item.key == "name":
                name = str(value)
            elif item.key in ("id", "label"):
                raise CypherError(f"`{item.key}` cannot be changed with SET", *_at(item.pos))
            else:
                props[item.key] = value
            props = {k: v for k, v in props.items() if v is not None}
            updated = msgspec.structs.replace(node, name=name, props=props)
            self.store.upsert(GraphFacts(nodes=[updated]))
        else:
            edge = self.find_edge(bound[1])
            if edge is None:
                return
            props = dict(edge.props)
            if item.key is None:
                if not isinstance(value, dict):
                    raise CypherError("SET r = … needs a map", *_at(item.pos))
                props = {**props, **value} if item.merge else dict(value)
            elif item.key in ("type", "src", "dst"):
                raise CypherError(f"`{item.key}` cannot be changed with SET", *_at(item.pos))
            else:
                props[item.key] = value
            props = {k: v for k, v in props.items() if v is not None}
            self.store.upsert(GraphFacts(edges=[msgspec.structs.replace(edge, props=props)]))
        self.stats["properties_set"] += 1

    def find_edge(self, key: tuple[str, str, str]) -> Edge | None:
        for edge in self.store.edges_of(key[0]):
            if (edge.src, edge.type, edge.dst) == key:
                return edge
        return None

    def delete(self, target: ast.Var, detach: bool, row: Binding) -> None:
        if target.name not in row:
            raise CypherError(f"variable `{target.name}` is not defined", *_at(target.pos))
        bound = row[target.name]
        if bound is None:
            return
        if bound[0] == "edge":
            src, type_, dst = bound[1]
            if self.edge_exists((src, type_, dst)):
                self.store.sql(
                    "DELETE FROM edges WHERE src = ? AND type = ? AND dst = ?", [src, type_, dst]
                )
                self.stats["relationships_deleted"] += 1
            return
        node_id = bound[1]
        if self.store.get_node(node_id) is None:
            return  # already deleted by an earlier row
        touching = self.store.edges_of(node_id)
        if touching and not detach:
            raise CypherError(
                f"cannot delete node {node_id} with {len(touching)} relationship(s); "
                "use DETACH DELETE",
                *_at(target.pos),
            )
        self.store.delete_node(node_id, detach=True)
        self.stats["nodes_deleted"] += 1
        self.stats["relationships_deleted"] += len(touching)

    # --- expressions in Python (write clauses and RETURN after writes) -----------------------
    def node_id(self, var: str, row: Binding, pos: ast.Pos) -> str:
        bound = row.get(var)
        if bound is None or bound[0] != "node":
            raise CypherError(f"`{var}` is not a bound node", *_at(pos))
        return str(bound[1])

    def eval(self, e: ast.Expr, row: Binding) -> Any:
        if isinstance(e, ast.Literal):
            return e.value
        if isinstance(e, ast.Param):
            if e.name not in self.params:
                raise CypherError(f"missing parameter ${e.name}", *_at(e.pos))
            return self.params[e.name]
        if isinstance(e, ast.ListLit):
            return [self.eval(i, row) for i in e.items]
        if isinstance(e, ast.MapLit):
            return {k: self.eval(v, row) for k, v in e.items}
        if isinstance(e, ast.Var):
            if e.name not in row:
                raise CypherError(f"variable `{e.name}` is not defined", *_at(e.pos))
            return self.load(row[e.name])
        if isinstance(e, ast.Prop):
            subject = self.eval(e.subject, row)
            return _get(subject, e.key) if isinstance(subject, dict) else None
        if isinstance(e, ast.Binary) and e.op in ("+", "-", "*"):
            a, b = self.eval(e.left, row), self.eval(e.right, row)
            if a is None or b is None:
                return None
            try:
                if e.op == "+":
                    return str(a) + str(b) if isinstance(a, str) or isinstance(b, str) else a + b
                return a - b if e.op == "-" else a * b
            except TypeError as exc:
                raise CypherError(f"cannot apply {e.op}: {exc}", *_at(e.pos)) from None
        if isinstance(e, ast.Call) and e.name in ("tolower", "toupper") and len(e.args) == 1:
            value = self.eval(e.args[0], row)
            if not isinstance(value, str):
                return None
            return value.lower() if e.name == "tolower" else value.upper()
        raise CypherError(
            "only literals, parameters, variables, properties, + - * and toLower/toUpper are "
            "supported in write clauses and in a RETURN after them",
            *_at(e.pos),
        )

    def load(self, bound: Any) -> Any:
        if bound is None:
            return None
        if bound[0] == "node":
            node = self.store.get_node(bound[1])
            return _node_view(node) if node else None
        edge = self.find_edge(bound[1])
        if edge is None:
            return None
        return {"type": edge.type, "src": edge.src, "dst": edge.dst, "props": edge.props}


def _is_database_error(exc: Exception) -> bool:
    import sqlite3

    import psycopg

    return isinstance(exc, sqlite3.Error | psycopg.Error)


def _node_view(node: Node) -> dict[str, Any]:
    return {"id": node.id, "label": node.label, "name": node.name, "props": node.props}


def _get(view: dict[str, Any], key: str) -> Any:
    if key in ("id", "label", "name", "type", "src", "dst", "props") and key in view:
        return view[key]
    props = view.get("props")
    return props.get(key) if isinstance(props, dict) else view.get(key)


def _at(pos: ast.Pos) -> tuple[int, int]:
    return pos.line, pos.col
