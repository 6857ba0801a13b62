"""The Cypher AST. Kept independent of SQL so that another back end (e.g. an Apache AGE passthrough
that re-prints the query) could consume it. Every node records where it started (1-based)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Pos:
    line: int
    col: int


# --- expressions ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Expr:
    pos: Pos


@dataclass(frozen=True)
class Literal(Expr):
    value: Any  # str, int, float, bool, None


@dataclass(frozen=True)
class Param(Expr):
    name: str


@dataclass(frozen=True)
class Var(Expr):
    name: str


@dataclass(frozen=True)
class Prop(Expr):
    subject: Expr
    key: str


@dataclass(frozen=True)
class ListLit(Expr):
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class MapLit(Expr):
    items: tuple[tuple[str, Expr], ...]


@dataclass(frozen=True)
class Binary(Expr):
    op: str  # AND OR XOR = <> < <= > >= + - * / % IN STARTS ENDS CONTAINS
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Unary(Expr):
    op: str  # NOT, -
    operand: Expr


@dataclass(frozen=True)
class IsNull(Expr):
    operand: Expr
    negated: bool  # IS NOT NULL


@dataclass(frozen=True)
class HasLabel(Expr):
    """`n:Label` used as a predicate."""

    var: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Call(Expr):
    name: str  # lower-cased function name
    args: tuple[Expr, ...]
    distinct: bool = False
    star: bool = False  # count(*)


AGGREGATES = frozenset({"count", "collect", "sum", "avg", "min", "max"})


def contains_aggregate(expr: Expr) -> bool:
    if isinstance(expr, Call):
        return expr.name in AGGREGATES or any(contains_aggregate(a) for a in expr.args)
    return any(contains_aggregate(c) for c in children(expr))


def children(expr: Expr) -> tuple[Expr, ...]:
    if isinstance(expr, Prop):
        return (expr.subject,)
    if isinstance(expr, ListLit):
        return expr.items
    if isinstance(expr, MapLit):
        return tuple(v for _, v in expr.items)
    if isinstance(expr, Binary):
        return (expr.left, expr.right)
    if isinstance(expr, Unary | IsNull):
        return (expr.operand,)
    if isinstance(expr, Call):
        return expr.args
    return ()


# --- patterns -------------------------------------------------------------------------------
@dataclass(frozen=True)
class NodePattern:
    pos: Pos
    var: str | None
    labels: tuple[str, ...]
    props: tuple[tuple[str, Expr], ...]


@dataclass(frozen=True)
class RelPattern:
    pos: Pos
    var: str | None
    types: tuple[str, ...]  # alternatives: [:A|B]
    props: tuple[tuple[str, Expr], ...]
    direction: str  # "out" (-->), "in" (<--), "both" (--)
    var_length: bool = False
    min_hops: int = 1
    max_hops: int | None = 1  # None: unbounded (capped by the compiler)


@dataclass(frozen=True)
class PathPattern:
    """Alternating nodes and relationships: nodes[0] rels[0] nodes[1] …"""

    nodes: tuple[NodePattern, ...]
    rels: tuple[RelPattern, ...]


# --- clauses --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Clause:
    pos: Pos


@dataclass(frozen=True)
class Match(Clause):
    patterns: tuple[PathPattern, ...]
    optional: bool
    where: Expr | None


@dataclass(frozen=True)
class ReturnItem:
    expr: Expr
    alias: str | None
    text: str  # the source text, the column name when there is no alias


@dataclass(frozen=True)
class SortItem:
    expr: Expr
    descending: bool


@dataclass(frozen=True)
class Return(Clause):
    items: tuple[ReturnItem, ...]
    distinct: bool
    order: tuple[SortItem, ...] = ()
    skip: Expr | None = None
    limit: Expr | None = None


@dataclass(frozen=True)
class Create(Clause):
    patterns: tuple[PathPattern, ...]


@dataclass(frozen=True)
class SetItem:
    pos: Pos
    var: str
    key: str | None  # SET n.key = value; None for SET n = map / n += map
    value: Expr
    merge: bool = False  # +=


@dataclass(frozen=True)
class Set(Clause):
    items: tuple[SetItem, ...]


@dataclass(frozen=True)
class Merge(Clause):
    pattern: PathPattern
    on_create: tuple[SetItem, ...] = ()
    on_match: tuple[SetItem, ...] = ()


@dataclass(frozen=True)
class Delete(Clause):
    targets: tuple[Var, ...]
    detach: bool


@dataclass(frozen=True)
class Query:
    clauses: tuple[Clause, ...]
    text: str = field(default="", compare=False)

    @property
    def matches(self) -> list[Match]:
        return [c for c in self.clauses if isinstance(c, Match)]

    @property
    def writes(self) -> list[Clause]:
        return [c for c in self.clauses if isinstance(c, Create | Set | Merge | Delete)]

    @property
    def ret(self) -> Return | None:
        last = self.clauses[-1] if self.clauses else None
        return last if isinstance(last, Return) else None
