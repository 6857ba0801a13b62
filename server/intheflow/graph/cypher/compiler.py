"""Compile the MATCH/RETURN part of a Cypher AST to one SQL statement for SQLite or PostgreSQL.

Shape of the generated SQL:

    WITH RECURSIVE vl1(start_id, end_id, depth, trail) AS (…)      -- one CTE per *a..b relationship
    SELECT * FROM (
        SELECT <outputs> FROM (SELECT 1 AS one) unit
            JOIN nodes n1 ON 1=1 JOIN edges r1 ON 1=1 …              -- MATCH
            LEFT JOIN (nodes n3 JOIN edges r2 ON 1=1) ON <conds>    -- OPTIONAL MATCH
        WHERE <pattern conditions AND WHERE>
        [GROUP BY <non-aggregate outputs>]
    ) q ORDER BY <sort keys> LIMIT ? OFFSET ?

Values are bound as parameters (never spliced into the text): the compiler emits markers and
`finish()` turns them into `?` in textual order.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from intheflow.graph.cypher import ast
from intheflow.graph.cypher.errors import CypherError
from intheflow.graph.cypher.parser import VAR_LENGTH_CAP
from intheflow.graph.cypher.sqlgen import PgDialect, SqlDialect

NODE_COLUMNS = {"id", "label", "name", "source", "created_at", "updated_at"}
EDGE_COLUMNS = {"type", "src", "dst", "source", "created_at", "updated_at"}
_MARKER = re.compile("\x00(\\d+)\x00")


@dataclass(frozen=True)
class Sql:
    sql: str
    kind: str  # json | text | num | bool | null | node | edge
    alias: str | None = None  # for node / edge


@dataclass
class Output:
    name: str
    kind: str  # decoding: json | text | num | bool | null
    hidden: bool = False
    sort_list: bool = False  # a collect(): sorted, so both stores give the same list


@dataclass
class Compiled:
    sql: str
    params: list[Any]
    outputs: list[Output]
    # For write queries: how to read each bound variable back from the row.
    bindings: list[tuple[str, str]] = field(default_factory=list)  # (var, kind)

    def decode(self, row: tuple[Any, ...], json_text: bool) -> list[Any]:
        out: list[Any] = []
        for value, spec in zip(row, self.outputs, strict=False):
            if spec.hidden:
                continue
            decoded = _decode(value, spec.kind, json_text)
            if spec.sort_list and isinstance(decoded, list):
                decoded.sort(key=_value_order)
            out.append(decoded)
        return out

    @property
    def columns(self) -> list[str]:
        return [o.name for o in self.outputs if not o.hidden]


def _decode(value: Any, kind: str, json_text: bool) -> Any:
    import json

    if value is None:
        return None
    if kind == "json":
        return json.loads(value) if json_text and isinstance(value, str) else _plain(value)
    if kind == "num":
        return _plain(value)
    if kind == "bool":
        return bool(value)
    return value


def _value_order(value: Any) -> tuple[int, Any]:
    """Cypher's order of values: maps, lists, strings, booleans, numbers, null."""
    import json

    if isinstance(value, dict):
        return (0, json.dumps(value, sort_keys=True))
    if isinstance(value, list):
        return (1, json.dumps(value, sort_keys=True))
    if isinstance(value, str):
        return (2, value.encode())  # byte-wise, like both stores
    if isinstance(value, bool):
        return (3, value)
    if isinstance(value, int | float):
        return (4, value)
    return (5, 0)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class _Var:
    kind: str  # node | edge | varlen
    alias: str


class Compiler:
    def __init__(self, dialect: SqlDialect, params: dict[str, Any]) -> None:
        self.d = dialect
        self.user_params = params
        self.values: list[Any] = []
        self.vars: dict[str, _Var] = {}
        self.ctes: list[str] = []
        self.from_parts: list[str] = ["(SELECT 1 AS one) unit"]
        self.where: list[str] = []
        self.counter = 0

    # --- helpers ---------------------------------------------------------------------------
    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def marker(self, value: Any) -> str:
        self.values.append(value)
        return f"\x00{len(self.values) - 1}\x00"

    def literal(self, value: Any, pos: ast.Pos) -> Sql:
        if value is None:
            return Sql("NULL", "null")
        if isinstance(value, bool):
            return Sql(self.d.bool_param(self.marker(value)), "bool")
        if isinstance(value, int | float):
            return Sql(self.d.num_param(self.marker(value), isinstance(value, float)), "num")
        if isinstance(value, str):
            return Sql(self.d.text_param(self.marker(value)), "text")
        if isinstance(value, list | dict):
            import json

            text = json.dumps(value, sort_keys=True, separators=(",", ":"))
            m = self.marker(text)
            return Sql(f"CAST({m} AS jsonb)" if self.d.pg else f"json({m})", "json")
        raise CypherError(f"unsupported parameter value of type {type(value).__name__}", *_p(pos))

    def finish(self, sql: str) -> tuple[str, list[Any]]:
        params: list[Any] = []

        def repl(m: re.Match[str]) -> str:
            params.append(self.values[int(m.group(1))])
            return "?"

        return _MARKER.sub(repl, sql), params

    # --- MATCH ---------------------------------------------------------------------------
    def add_match(self, clause: ast.Match) -> None:
        tables: list[str] = []
        conds: list[str] = []
        rel_aliases: list[str] = []
        for pattern in clause.patterns:
            self.add_pattern(pattern, tables, conds, rel_aliases)
        # Relationship uniqueness inside one MATCH, as in Cypher.
        for i, a in enumerate(rel_aliases):
            conds.extend(f"{a}.id <> {b}.id" for b in rel_aliases[i + 1 :])
        if clause.where is not None:
            conds.append(self.predicate(clause.where))
        if not clause.optional:
            self.from_parts.extend(f"JOIN {t} ON 1=1" for t in tables)
            self.where.extend(conds)
            return
        if not tables:
            raise CypherError(
                "OPTIONAL MATCH must introduce a new node or relationship", *_p(clause.pos)
            )
        group = tables[0] + "".join(f" JOIN {t} ON 1=1" for t in tables[1:])
        on = " AND ".join(conds) or "1=1"
        self.from_parts.append(
            f"LEFT JOIN ({group}) ON {on}" if len(tables) > 1 else f"LEFT JOIN {group} ON {on}"
        )

    def add_pattern(
        self, pattern: ast.PathPattern, tables: list[str], conds: list[str], rels: list[str]
    ) -> None:
        aliases = [self.node(n, tables, conds) for n in pattern.nodes]
        for i, rel in enumerate(pattern.rels):
            left, right = aliases[i], aliases[i + 1]
            if rel.var_length:
                self.var_length(rel, pattern.nodes[i], left, right, tables, conds)
            else:
                rels.append(self.relationship(rel, left, right, tables, conds))

    def node(self, pat: ast.NodePattern, tables: list[str], conds: list[str]) -> str:
        if pat.var and pat.var in self.vars:
            bound = self.vars[pat.var]
            if bound.kind != "node":
                raise CypherError(f"`{pat.var}` is not a node variable", *_p(pat.pos))
            alias = bound.alias
        else:
            alias = self.fresh("n")
            tables.append(f"nodes {alias}")
            if pat.var:
                self.vars[pat.var] = _Var("node", alias)
        conds.extend(self.node_conditions(pat, alias))
        return alias

    def node_conditions(self, pat: ast.NodePattern, alias: str) -> list[str]:
        conds = [f"{alias}.label = {self.d.text_param(self.marker(lb))}" for lb in pat.labels]
        for key, value in pat.props:
            target = self.column_or_prop(alias, "node", key)
            conds.append(self.compare("=", target, self.expr(value), pat.pos))
        return conds

    def relationship(
        self, rel: ast.RelPattern, left: str, right: str, tables: list[str], conds: list[str]
    ) -> str:
        if rel.var and rel.var in self.vars:
            raise CypherError(f"relationship variable `{rel.var}` is already bound", *_p(rel.pos))
        alias = self.fresh("r")
        tables.append(f"edges {alias}")
        if rel.var:
            self.vars[rel.var] = _Var("edge", alias)
        conds.extend(self.edge_conditions(rel, alias))
        out = f"{alias}.src = {left}.id AND {alias}.dst = {right}.id"
        back = f"{alias}.src = {right}.id AND {alias}.dst = {left}.id"
        conds.append({"out": out, "in": back, "both": f"(({out}) OR ({back}))"}[rel.direction])
        return alias

    def edge_conditions(self, rel: ast.RelPattern, alias: str) -> list[str]:
        conds: list[str] = []
        if rel.types:
            marks = ", ".join(self.d.text_param(self.marker(t)) for t in rel.types)
            conds.append(f"{alias}.type IN ({marks})")
        for key, value in rel.props:
            target = self.column_or_prop(alias, "edge", key)
            conds.append(self.compare("=", target, self.expr(value), rel.pos))
        return conds

    def var_length(
        self,
        rel: ast.RelPattern,
        left_pat: ast.NodePattern,
        left: str,
        right: str,
        tables: list[str],
        conds: list[str],
    ) -> None:
        name, alias = self.fresh("vl"), self.fresh("v")
        if rel.var:
            if rel.var in self.vars:
                raise CypherError(f"variable `{rel.var}` is already bound", *_p(rel.pos))
            self.vars[rel.var] = _Var("varlen", alias)
        hi = rel.max_hops if rel.max_hops is not None else VAR_LENGTH_CAP
        if rel.direction == "both":
            source = (
                "(SELECT id, src AS a, dst AS b, type, props FROM edges UNION ALL "
                "SELECT id, dst AS a, src AS b, type, props FROM edges)"
            )
            a, b = "a", "b"
        else:
            source = "edges"
            a, b = ("src", "dst") if rel.direction == "out" else ("dst", "src")
        edge_conds = self.edge_conditions(rel, "e")
        # Seed the recursion with the start node's own pattern constraints (labels, constant
        # properties): they hold for that node anyway, and they keep the CTE from walking the
        # whole graph.
        seed: list[str] = []
        if all(_is_constant(v) for _, v in left_pat.props):
            seed = self.node_conditions(left_pat, "s")
        seed_sql = (
            f" AND e.{a} IN (SELECT s.id FROM nodes s WHERE {' AND '.join(seed)})" if seed else ""
        )
        base_where = " AND ".join(edge_conds) or "1=1"
        sep = self.d.text_param(self.marker(","))
        eid = self.d.edge_id_text("e.id")
        parts = [
            f"SELECT e.{a}, e.{b}, 1, {sep} || {eid} || {sep} FROM {source} e "
            f"WHERE {base_where}{seed_sql}"
        ]
        if rel.min_hops == 0:  # start at the node itself; the recursive step adds hop 1
            seed_where = " AND ".join(seed) or "1=1"
            parts = [f"SELECT s.id, s.id, 0, {sep} FROM nodes s WHERE {seed_where}"]
        step_where = " AND ".join([f"v.depth < {hi}", *edge_conds]) + (
            f" AND {self.d.strpos('v.trail', f'{sep} || {eid} || {sep}')} = 0"
        )
        parts.append(
            f"SELECT v.start_id, e.{b}, v.depth + 1, v.trail || {eid} || {sep} "
            f"FROM {name} v JOIN {source} e ON e.{a} = v.end_id WHERE {step_where}"
        )
        self.ctes.append(f"{name}(start_id, end_id, depth, trail) AS ({' UNION ALL '.join(parts)})")
        tables.append(f"{name} {alias}")
        conds.append(
            f"{alias}.start_id = {left}.id AND {alias}.end_id = {right}.id "
            f"AND {alias}.depth >= {rel.min_hops}"
        )

    # --- expressions -----------------------------------------------------------------------
    def column_or_prop(self, alias: str, kind: str, key: str) -> Sql:
        columns = NODE_COLUMNS if kind == "node" else EDGE_COLUMNS
        if key in columns:
            return Sql(f"{alias}.{key}", "text")
        if key == "props":
            return Sql(f"{alias}.props", "json")
        return Sql(self.d.json_get(f"{alias}.props", self.marker(self.d.json_key(key))), "json")

    def expr(self, e: ast.Expr) -> Sql:
        if isinstance(e, ast.Literal):
            return self.literal(e.value, e.pos)
        if isinstance(e, ast.Param):
            if e.name not in self.user_params:
                raise CypherError(f"missing parameter ${e.name}", *_p(e.pos))
            return self.literal(self.user_params[e.name], e.pos)
        if isinstance(e, ast.Var):
            var = self.lookup(e.name, e.pos)
            if var.kind == "varlen":
                raise CypherError(
                    f"variable-length relationship `{e.name}` cannot be used in an expression",
                    *_p(e.pos),
                )
            return Sql(var.alias, var.kind, var.alias)
        if isinstance(e, ast.Prop):
            return self.prop(e)
        if isinstance(e, ast.ListLit):
            return Sql(self.d.json_array([self.to_json(self.expr(i)) for i in e.items]), "json")
        if isinstance(e, ast.MapLit):
            # Sorted keys, like stored props: SQLite compares JSON objects as text.
            items = sorted(e.items, key=lambda kv: kv[0])
            pairs = [(_safe_key(k, e.pos), self.to_json(self.expr(v))) for k, v in items]
            return Sql(self.d.json_object(pairs, {k for k, _ in pairs}), "json")
        if isinstance(e, ast.Binary):
            return self.binary(e)
        if isinstance(e, ast.Unary):
            if e.op == "NOT":
                return Sql(f"(NOT {self.predicate(e.operand)})", "bool")
            return Sql(f"(-{self.num(self.expr(e.operand), e.pos)})", "num")
        if isinstance(e, ast.IsNull):
            inner = self.expr(e.operand)
            test = f"{self.null_key(inner)} IS {'NOT ' if e.negated else ''}NULL"
            return Sql(f"({test})", "bool")
        if isinstance(e, ast.HasLabel):
            var = self.lookup(e.var, e.pos)
            if var.kind != "node":
                raise CypherError(f"`{e.var}` is not a node", *_p(e.pos))
            conds = [f"{var.alias}.label = {self.d.text_param(self.marker(lb))}" for lb in e.labels]
            return Sql("(" + " AND ".join(conds) + ")", "bool")
        if isinstance(e, ast.Call):
            return self.call(e)
        raise CypherError("unsupported expression", *_p(e.pos))

    def lookup(self, name: str, pos: ast.Pos) -> _Var:
        if name not in self.vars:
            raise CypherError(f"variable `{name}` is not defined", *_p(pos))
        return self.vars[name]

    def null_key(self, s: Sql) -> str:
        if s.kind in ("node", "edge"):
            return f"{s.alias}.id"
        if s.kind == "json":
            # A stored JSON null counts as missing, as in Cypher.
            null = f"{s.sql} IS NULL OR {self.d.json_type(s.sql)} = 'null'"
            return f"(CASE WHEN {null} THEN NULL ELSE 1 END)"
        return s.sql

    def prop(self, e: ast.Prop) -> Sql:
        subject = self.expr(e.subject)
        if subject.kind in ("node", "edge") and subject.alias:
            return self.column_or_prop(subject.alias, subject.kind, e.key)
        if subject.kind == "json":
            return Sql(self.d.json_get(subject.sql, self.marker(self.d.json_key(e.key))), "json")
        raise CypherError(f"cannot read property '{e.key}' of a {subject.kind}", *_p(e.pos))

    def to_json(self, s: Sql) -> str:
        if s.kind == "json":
            return s.sql
        if s.kind == "text":
            return self.d.text_to_json(s.sql)
        if s.kind == "num":
            return self.d.num_to_json(s.sql)
        if s.kind == "bool":
            return self.d.bool_to_json(s.sql)
        if s.kind == "null":
            return "NULL"
        a = s.alias
        if s.kind == "node":
            pairs = [("id", f"{a}.id"), ("label", f"{a}.label"), ("name", f"{a}.name")]
        else:
            pairs = [("type", f"{a}.type"), ("src", f"{a}.src"), ("dst", f"{a}.dst")]
        obj = self.d.json_object([*pairs, ("props", f"{a}.props")], {"props"})
        return f"(CASE WHEN {a}.id IS NULL THEN NULL ELSE {obj} END)"

    def text(self, s: Sql, pos: ast.Pos) -> str:
        if s.kind == "text":
            return s.sql
        if s.kind == "json":
            return self.d.as_text(s.sql)
        if s.kind == "null":
            return "NULL"
        raise CypherError(f"expected a string, not a {s.kind}", *_p(pos))

    def text_or_null(self, s: Sql) -> str:
        if s.kind == "text":
            return s.sql
        return self.d.as_text(s.sql) if s.kind == "json" else "NULL"

    def num(self, s: Sql, pos: ast.Pos) -> str:
        if s.kind == "num":
            return s.sql
        if s.kind == "json":
            return self.d.as_num(s.sql)
        if s.kind == "null":
            return "NULL"
        raise CypherError(f"expected a number, not a {s.kind}", *_p(pos))

    def predicate(self, e: ast.Expr) -> str:
        s = self.expr(e)
        if s.kind == "bool":
            return s.sql
        if s.kind == "json":
            return self.d.as_bool(s.sql) if not self.d.pg else f"({self.d.as_bool(s.sql)})"
        if s.kind == "null":
            return "NULL"
        raise CypherError(f"expected a boolean condition, not a {s.kind}", *_p(e.pos))

    def binary(self, e: ast.Binary) -> Sql:
        op = e.op
        if op in ("AND", "OR"):
            return Sql(f"({self.predicate(e.left)} {op} {self.predicate(e.right)})", "bool")
        if op == "XOR":
            return Sql(f"(({self.predicate(e.left)}) <> ({self.predicate(e.right)}))", "bool")
        if op == "IN":
            return self.in_list(e)
        left, right = self.expr(e.left), self.expr(e.right)
        if op in ("=", "<>", "<", "<=", ">", ">="):
            return Sql(self.compare(op, left, right, e.pos), "bool")
        if op in ("STARTS", "ENDS", "CONTAINS"):
            # Not a string on either side: null, as in Cypher.
            a, b = self.text_or_null(left), self.text_or_null(right)
            fn = {"STARTS": self.d.starts_with, "ENDS": self.d.ends_with}.get(op, self.d.contains)
            return Sql(fn(a, b), "bool")
        if op == "+" and "text" in (left.kind, right.kind):
            return Sql(f"({self.text(left, e.pos)} || {self.text(right, e.pos)})", "text")
        a, b = self.num(left, e.left.pos), self.num(right, e.right.pos)
        if op == "/":
            return Sql(f"({self.d.to_real(a)} / NULLIF({b}, 0))", "num")
        return Sql(f"({a} {op} {b})", "num")

    def compare(self, op: str, left: Sql, right: Sql, pos: ast.Pos) -> str:
        kinds = {left.kind, right.kind}
        if "null" in kinds:
            return "NULL"
        if kinds <= {"node", "edge"}:
            if op not in ("=", "<>") or left.kind != right.kind:
                raise CypherError(f"cannot compare with {op}", *_p(pos))
            return f"({left.alias}.id {op} {right.alias}.id)"
        if kinds & {"node", "edge"}:
            raise CypherError("cannot compare a node or relationship with a value", *_p(pos))
        if kinds == {"json"}:
            if op in ("=", "<>"):
                return f"({left.sql} {op} {right.sql})"
            la, ra = self.d.as_num(left.sql), self.d.as_num(right.sql)
            lt, rt = self.d.as_text(left.sql), self.d.as_text(right.sql)
            return f"COALESCE({la} {op} {ra}, {lt} {op} {rt})"
        typed = {left.kind, right.kind} - {"json"}
        if len(typed) > 1:  # e.g. text vs num: never equal, not ordered
            return {"=": self.d.false(), "<>": self.d.true()}.get(op, "NULL")
        (kind,) = typed
        if op in ("=", "<>") and "json" in (left.kind, right.kind):
            # A property of another type is unequal (not null), as in Cypher; missing is null.
            j = left.sql if left.kind == "json" else right.sql
            guard = {"text": self.d.is_string, "num": self.d.is_number}.get(kind, self.d.is_bool)
            differ = self.d.false() if op == "=" else self.d.true()
            same = self.compare_typed(op, kind, left, right, pos)
            missing = f"{j} IS NULL OR {self.d.json_type(j)} = 'null'"
            return f"(CASE WHEN {missing} THEN NULL WHEN {guard(j)} THEN {same} ELSE {differ} END)"
        return self.compare_typed(op, kind, left, right, pos)

    def compare_typed(self, op: str, kind: str, left: Sql, right: Sql, pos: ast.Pos) -> str:
        if kind == "text":
            a, b = self.text(left, pos), self.text(right, pos)
            if op not in ("=", "<>"):
                a = self.d.collate(a)
            return f"({a} {op} {b})"
        if kind == "num":
            return f"({self.num(left, pos)} {op} {self.num(right, pos)})"
        a = left.sql if left.kind == "bool" else self.d.as_bool(left.sql)
        b = right.sql if right.kind == "bool" else self.d.as_bool(right.sql)
        return f"(({a}) {op} ({b}))"

    def in_list(self, e: ast.Binary) -> Sql:
        left = self.expr(e.left)
        items: list[ast.Expr] | None = None
        if isinstance(e.right, ast.ListLit):
            items = list(e.right.items)
        elif isinstance(e.right, ast.Param):
            value = self.user_params.get(e.right.name)
            if e.right.name not in self.user_params:
                raise CypherError(f"missing parameter ${e.right.name}", *_p(e.right.pos))
            if not isinstance(value, list | tuple):
                raise CypherError(f"${e.right.name} must be a list for IN", *_p(e.right.pos))
            items = [ast.Literal(e.right.pos, v) for v in value]
        if items is not None:
            if not items:
                return Sql(self.d.false(), "bool")
            ors = [self.compare("=", left, self.expr(i), e.pos) for i in items]
            return Sql("(" + " OR ".join(ors) + ")", "bool")
        right = self.expr(e.right)
        if right.kind != "json":
            raise CypherError("IN needs a list", *_p(e.right.pos))
        return Sql(self.d.array_contains(right.sql, self.to_json(left)), "bool")

    def call(self, e: ast.Call) -> Sql:
        name, args = e.name, e.args

        def one() -> Sql:
            if len(args) != 1:
                raise CypherError(f"{name}() takes exactly one argument", *_p(e.pos))
            return self.expr(args[0])

        if name == "count":
            if e.star:
                return Sql("count(*)", "num")
            s = one()
            key = self.null_key(s) if s.kind != "json" else s.sql
            return Sql(f"count({'DISTINCT ' if e.distinct else ''}{key})", "num")
        if name == "collect":
            return Sql(self.d.collect(self.to_json(one()), e.distinct), "json")
        if name in ("sum", "avg"):
            value = self.num(one(), e.pos)
            if name == "avg":
                return Sql(f"avg({self.d.to_real(value)})", "num")
            return Sql(f"sum({value})", "num")
        if name in ("min", "max"):
            s = one()
            if s.kind == "text":
                return Sql(f"{name}({self.d.collate(s.sql)})", "text")
            if s.kind == "num":
                return Sql(f"{name}({s.sql})", "num")
            n_, t_ = self.d.as_num(s.sql), self.d.as_text(s.sql)
            return Sql(
                f"COALESCE({self.d.num_to_json(f'{name}({n_})')}, "
                f"{self.d.text_to_json(f'{name}({t_})')})",
                "json",
            )
        if name in ("id", "labels", "type", "properties"):
            s = one()
            if s.kind not in ("node", "edge"):
                raise CypherError(f"{name}() needs a node or relationship", *_p(e.pos))
            if name == "id":
                return Sql(f"{s.alias}.id", "text" if s.kind == "node" else "num")
            if name == "labels" and s.kind == "node":
                return Sql(self.d.json_array([self.d.text_to_json(f"{s.alias}.label")]), "json")
            if name == "type" and s.kind == "edge":
                return Sql(f"{s.alias}.type", "text")
            if name == "properties":
                return Sql(f"{s.alias}.props", "json")
            raise CypherError(f"{name}() does not apply to a {s.kind}", *_p(e.pos))
        if name in ("tolower", "toupper"):
            fn = "lower" if name == "tolower" else "upper"
            return Sql(f"{fn}({self.text(one(), e.pos)})", "text")
        if name == "size":
            s = one()
            if s.kind == "text":
                return Sql(f"length({s.sql})", "num")
            if s.kind == "json":
                arr = f"CASE WHEN {self.d.is_array(s.sql)} THEN {self.d.array_length(s.sql)} END"
                txt = f"length({self.d.as_text(s.sql)})"
                return Sql(f"COALESCE({arr}, {txt})", "num")
            raise CypherError("size() needs a list or a string", *_p(e.pos))
        if name == "coalesce":
            if not args:
                raise CypherError("coalesce() needs arguments", *_p(e.pos))
            parts = [self.to_json(self.expr(a)) for a in args]
            return Sql(f"COALESCE({', '.join(parts)})", "json")
        raise CypherError(f"unknown or unsupported function {name}()", *_p(e.pos))

    # --- RETURN --------------------------------------------------------------------------
    def select(self, ret: ast.Return | None, bind_vars: bool = False) -> Compiled:
        outputs: list[Output] = []
        selects: list[str] = []
        bindings: list[tuple[str, str]] = []
        if bind_vars:
            for name, var in self.vars.items():
                if var.kind == "node":
                    selects.append(f"{var.alias}.id")
                    bindings.append((name, "node"))
                elif var.kind == "edge":
                    selects.extend([f"{var.alias}.src", f"{var.alias}.type", f"{var.alias}.dst"])
                    bindings.append((name, "edge"))
            where = " AND ".join(f"({w})" for w in self.where) or "1=1"
            body = f"SELECT {', '.join(selects) or '1'} FROM {' '.join(self.from_parts)} "
            body += f"WHERE {where}"
            sql, params = self.finish(self._with(body))
            return Compiled(sql, params, [], bindings)
        assert ret is not None
        aggregated = any(ast.contains_aggregate(i.expr) for i in ret.items)
        group_by: list[str] = []
        kinds: list[str] = []
        for index, item in enumerate(ret.items):
            s = self.expr(item.expr)
            col, kind = self.output_sql(s)
            selects.append(f"{col} AS c{index}")
            collected = isinstance(item.expr, ast.Call) and item.expr.name == "collect"
            outputs.append(Output(item.alias or item.text, kind, sort_list=collected))
            kinds.append(kind)
            if aggregated and not ast.contains_aggregate(item.expr):
                group_by.append(str(index + 1))
        names = [o.name for o in outputs]
        if len(set(names)) != len(names):
            raise CypherError("two RETURN columns have the same name; use AS", *_p(ret.pos))
        order_sql: list[str] = []
        for sort in ret.order:
            found = self.output_index(sort.expr, ret)
            if found is not None:
                index = found
            else:
                if (aggregated or ret.distinct) and not self.depends_on_keys(sort.expr, ret):
                    raise CypherError(
                        "with DISTINCT or aggregation, ORDER BY must use returned columns or "
                        "properties of returned variables",
                        *_p(sort.expr.pos),
                    )
                col, kind = self.output_sql(self.expr(sort.expr))
                index = len(selects)
                selects.append(f"{col} AS c{index}")
                if aggregated:
                    group_by.append(str(index + 1))  # a function of the keys: same groups
                outputs.append(Output(f"_order{index}", kind, hidden=True))
                kinds.append(kind)
            order_sql.extend(self.sort_keys(f"q.c{index}", kinds[index], sort.descending))
        where = " AND ".join(f"({w})" for w in self.where) or "1=1"
        distinct = "DISTINCT " if ret.distinct else ""
        inner = f"SELECT {distinct}{', '.join(selects)} FROM {' '.join(self.from_parts)} "
        inner += f"WHERE {where}"
        if group_by:
            inner += f" GROUP BY {', '.join(group_by)}"
        outer = f"SELECT * FROM ({inner}) q"
        if order_sql:
            outer += " ORDER BY " + ", ".join(order_sql)
        skip = self.count_value(ret.skip, "SKIP")
        limit = self.count_value(ret.limit, "LIMIT")
        if skip is not None or limit is not None:
            lim = limit if limit is not None else self.d.no_limit()
            outer += f" LIMIT {self.d.limit_param(self.marker(lim))}"
            outer += f" OFFSET {self.d.limit_param(self.marker(skip or 0))}"
        sql, params = self.finish(self._with(outer))
        return Compiled(sql, params, outputs)

    def _with(self, body: str) -> str:
        if not self.ctes:
            return body
        return "WITH RECURSIVE " + ", ".join(self.ctes) + " " + body

    def output_sql(self, s: Sql) -> tuple[str, str]:
        if s.kind == "json":
            # A JSON null (`{a: null}.a`) is the null value: one group, one sort position.
            return (
                f"(CASE WHEN {self.d.json_type(s.sql)} = 'null' THEN NULL ELSE {s.sql} END)",
                "json",
            )
        if s.kind in ("text", "num", "bool", "null"):
            return s.sql, s.kind
        return self.to_json(s), "json"

    @staticmethod
    def depends_on_keys(e: ast.Expr, ret: ast.Return) -> bool:
        """True when `e` (no aggregate) only reads variables returned whole as grouping keys,
        so sorting by it changes neither the groups nor the distinct rows."""
        keys = {
            i.expr.name
            for i in ret.items
            if isinstance(i.expr, ast.Var) and not ast.contains_aggregate(i.expr)
        }
        used = _variables(e)
        return bool(used) and used <= keys and not ast.contains_aggregate(e)

    def output_index(self, e: ast.Expr, ret: ast.Return) -> int | None:
        for index, item in enumerate(ret.items):
            if isinstance(e, ast.Var) and item.alias == e.name:
                return index
            if _shape(item.expr) == _shape(e):
                return index
        return None

    def sort_keys(self, col: str, kind: str, desc: bool) -> list[str]:
        direction = " DESC" if desc else ""
        if kind in ("text", "num", "bool"):
            value = self.d.collate(col) if kind == "text" else col
            return [f"({col} IS NULL){direction}", f"{value}{direction}"]
        if kind == "null":
            return []
        d = self.d
        if d.pg:
            rank = (
                f"(CASE jsonb_typeof({col}) WHEN 'object' THEN 1 WHEN 'array' THEN 2 "
                f"WHEN 'string' THEN 3 WHEN 'boolean' THEN 4 WHEN 'number' THEN 5 ELSE 6 END)"
            )
            raw = f'CAST({col} AS text) COLLATE "C"'
        else:
            rank = (
                f"(CASE json_type({col}) WHEN 'object' THEN 1 WHEN 'array' THEN 2 "
                f"WHEN 'text' THEN 3 WHEN 'true' THEN 4 WHEN 'false' THEN 4 "
                f"WHEN 'integer' THEN 5 WHEN 'real' THEN 5 ELSE 6 END)"
            )
            raw = col
        # Explicit null placement: SQLite puts NULL first ascending, PostgreSQL last.
        direction += " NULLS FIRST" if desc else " NULLS LAST"
        raw = f"(CASE WHEN {rank} = 6 THEN NULL ELSE {raw} END)"  # JSON null = missing
        return [
            f"{rank}{direction}",
            f"{d.as_num(col)}{direction}",
            f"{d.as_text(col)}{direction}",
            f"{d.as_bool(col)}{direction}",
            f"{raw}{direction}",
        ]

    def count_value(self, e: ast.Expr | None, what: str) -> int | None:
        if e is None:
            return None
        value: Any
        if isinstance(e, ast.Literal):
            value = e.value
        elif isinstance(e, ast.Param) and e.name in self.user_params:
            value = self.user_params[e.name]
        else:
            raise CypherError(f"{what} needs an integer or a parameter", *_p(e.pos))
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CypherError(f"{what} needs a non-negative integer", *_p(e.pos))
        return value


def compile_read(query: ast.Query, params: dict[str, Any], pg: bool) -> Compiled:
    compiler = Compiler(PgDialect() if pg else SqlDialect(), params)
    for clause in query.matches:
        compiler.add_match(clause)
    return compiler.select(query.ret)


def compile_bindings(query: ast.Query, params: dict[str, Any], pg: bool) -> Compiled:
    """For write queries: the MATCH part, returning the ids of every bound variable."""
    compiler = Compiler(PgDialect() if pg else SqlDialect(), params)
    for clause in query.matches:
        compiler.add_match(clause)
    return compiler.select(None, bind_vars=True)


def _p(pos: ast.Pos) -> tuple[int, int]:
    return pos.line, pos.col


def _variables(e: ast.Expr) -> set[str]:
    if isinstance(e, ast.Var):
        return {e.name}
    if isinstance(e, ast.HasLabel):
        return {e.var}
    found: set[str] = set()
    for child in ast.children(e):
        found |= _variables(child)
    return found


def _is_constant(e: ast.Expr) -> bool:
    return isinstance(e, ast.Literal | ast.Param)


def _safe_key(key: str, pos: ast.Pos) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        raise CypherError(f"map key {key!r} must be a plain identifier", *_p(pos))
    return key


def _shape(e: Any) -> Any:
    """An expression without positions, to tell whether ORDER BY repeats a RETURN item."""
    if isinstance(e, ast.Pos):
        return None
    if dataclasses.is_dataclass(e) and not isinstance(e, type):
        return (type(e).__name__, *(_shape(getattr(e, f.name)) for f in dataclasses.fields(e)))
    if isinstance(e, tuple):
        return tuple(_shape(x) for x in e)
    return e
