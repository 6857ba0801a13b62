"""Recursive-descent parser for the supported Cypher subset (see docs/cypher.md).

Clause order: (MATCH | OPTIONAL MATCH)* (CREATE | MERGE | SET | DELETE)* [RETURN …]. Anything
outside the subset is rejected with a CypherError at the offending token.
"""

from __future__ import annotations

import functools

from intheflow.graph.cypher import ast
from intheflow.graph.cypher.errors import CypherError
from intheflow.graph.cypher.lexer import Token, tokenize

UNSUPPORTED_CLAUSES = {
    "WITH": "WITH is not supported; use a single MATCH … RETURN",
    "UNWIND": "UNWIND is not supported",
    "UNION": "UNION is not supported",
    "CALL": "CALL (procedures) is not supported",
    "REMOVE": "REMOVE is not supported; use SET n.key = null",
}
COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")
VAR_LENGTH_CAP = 10


@functools.lru_cache(maxsize=512)
def parse(text: str) -> ast.Query:
    """Parse a query. Cached: the AST is immutable, and editors and dashboards repeat queries
    (parsing was ~70% of a point lookup's time on SQLite)."""
    return Parser(text).query()


class Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0

    # --- token helpers -------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.i + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tok
        if tok.kind != "eof":
            self.i += 1
        return tok

    def error(self, message: str, tok: Token | None = None) -> CypherError:
        tok = tok or self.tok
        return CypherError(message, tok.line, tok.col)

    def expect_sym(self, sym: str) -> Token:
        if not self.tok.is_sym(sym):
            raise self.error(f"expected '{sym}' but found {self.tok.describe()}")
        return self.advance()

    def expect_kw(self, kw: str) -> Token:
        if not self.tok.is_kw(kw):
            raise self.error(f"expected {kw} but found {self.tok.describe()}")
        return self.advance()

    def accept_sym(self, sym: str) -> bool:
        if self.tok.is_sym(sym):
            self.advance()
            return True
        return False

    def accept_kw(self, *kws: str) -> bool:
        if self.tok.is_kw(*kws):
            self.advance()
            return True
        return False

    def ident(self, what: str = "a name") -> str:
        tok = self.tok
        # Keywords are allowed as property keys and labels (n.name, :Order, r.type…).
        if tok.kind in ("ident", "kw"):
            self.advance()
            return tok.value if tok.kind == "ident" else self.text[tok.start : tok.end]
        raise self.error(f"expected {what} but found {tok.describe()}")

    def variable(self) -> str:
        tok = self.tok
        if tok.kind != "ident":
            raise self.error(f"expected a variable but found {tok.describe()}")
        self.advance()
        return tok.value

    @staticmethod
    def pos(tok: Token) -> ast.Pos:
        return ast.Pos(tok.line, tok.col)

    # --- clauses -------------------------------------------------------------------------
    def query(self) -> ast.Query:
        clauses: list[ast.Clause] = []
        stage = 0  # 0: reading, 1: writing, 2: returned
        while self.tok.kind != "eof":
            tok = self.tok
            if stage == 2:
                raise self.error(f"unexpected {tok.describe()} after RETURN")
            if tok.is_kw("MATCH", "OPTIONAL"):
                if stage == 1:
                    raise self.error("MATCH after a write clause is not supported")
                clauses.append(self.match())
            elif tok.is_kw("CREATE"):
                self.advance()
                clauses.append(ast.Create(self.pos(tok), self.patterns()))
                stage = 1
            elif tok.is_kw("MERGE"):
                clauses.append(self.merge())
                stage = 1
            elif tok.is_kw("SET"):
                self.advance()
                clauses.append(ast.Set(self.pos(tok), self.set_items()))
                stage = 1
            elif tok.is_kw("DELETE", "DETACH"):
                clauses.append(self.delete())
                stage = 1
            elif tok.is_kw("RETURN"):
                clauses.append(self.return_clause())
                stage = 2
            elif tok.kind == "kw" and tok.value in UNSUPPORTED_CLAUSES:
                raise self.error(UNSUPPORTED_CLAUSES[tok.value])
            else:
                raise self.error(f"expected a clause (MATCH, RETURN, …) but found {tok.describe()}")
        if not clauses:
            raise self.error("empty query")
        last = clauses[-1]
        if not isinstance(last, ast.Return) and not any(
            isinstance(c, ast.Create | ast.Merge | ast.Set | ast.Delete) for c in clauses
        ):
            raise self.error("a query must end with RETURN or contain a write clause")
        return ast.Query(tuple(clauses), self.text)

    def match(self) -> ast.Match:
        start = self.tok
        optional = self.accept_kw("OPTIONAL")
        self.expect_kw("MATCH")
        patterns = self.patterns()
        where = self.expression() if self.accept_kw("WHERE") else None
        return ast.Match(self.pos(start), patterns, optional, where)

    def merge(self) -> ast.Merge:
        start = self.expect_kw("MERGE")
        pattern = self.pattern()
        on_create: tuple[ast.SetItem, ...] = ()
        on_match: tuple[ast.SetItem, ...] = ()
        while self.tok.is_kw("ON"):
            self.advance()
            if self.accept_kw("CREATE"):
                self.expect_kw("SET")
                on_create += self.set_items()
            elif self.accept_kw("MATCH"):
                self.expect_kw("SET")
                on_match += self.set_items()
            else:
                raise self.error("expected CREATE or MATCH after ON")
        return ast.Merge(self.pos(start), pattern, on_create, on_match)

    def delete(self) -> ast.Delete:
        start = self.tok
        detach = self.accept_kw("DETACH")
        self.expect_kw("DELETE")
        targets = [self.delete_target()]
        while self.accept_sym(","):
            targets.append(self.delete_target())
        return ast.Delete(self.pos(start), tuple(targets), detach)

    def delete_target(self) -> ast.Var:
        tok = self.tok
        return ast.Var(self.pos(tok), self.variable())

    def set_items(self) -> tuple[ast.SetItem, ...]:
        items = [self.set_item()]
        while self.accept_sym(","):
            items.append(self.set_item())
        return tuple(items)

    def set_item(self) -> ast.SetItem:
        tok = self.tok
        var = self.variable()
        if self.tok.is_sym(":"):
            raise self.error("SET n:Label is not supported (a node has exactly one label)")
        if self.accept_sym("+="):
            return ast.SetItem(self.pos(tok), var, None, self.expression(), merge=True)
        if self.accept_sym("="):
            return ast.SetItem(self.pos(tok), var, None, self.expression())
        self.expect_sym(".")
        key = self.ident("a property name")
        if self.tok.is_sym("."):
            raise self.error("SET of a nested property is not supported")
        self.expect_sym("=")
        return ast.SetItem(self.pos(tok), var, key, self.expression())

    def return_clause(self) -> ast.Return:
        start = self.expect_kw("RETURN")
        distinct = self.accept_kw("DISTINCT")
        items = [self.return_item()]
        while self.accept_sym(","):
            items.append(self.return_item())
        order: list[ast.SortItem] = []
        if self.accept_kw("ORDER"):
            self.expect_kw("BY")
            while True:
                expr = self.expression()
                descending = False
                if self.accept_kw("DESC", "DESCENDING"):
                    descending = True
                else:
                    self.accept_kw("ASC", "ASCENDING")
                order.append(ast.SortItem(expr, descending))
                if not self.accept_sym(","):
                    break
        skip = self.expression() if self.accept_kw("SKIP") else None
        limit = self.expression() if self.accept_kw("LIMIT") else None
        return ast.Return(self.pos(start), tuple(items), distinct, tuple(order), skip, limit)

    def return_item(self) -> ast.ReturnItem:
        first = self.tok
        if first.is_sym("*"):
            raise self.error("RETURN * is not supported; name the columns")
        expr = self.expression()
        text = self.text[first.start : self.tokens[self.i - 1].end]
        alias = self.ident("an alias") if self.accept_kw("AS") else None
        return ast.ReturnItem(expr, alias, text)

    # --- patterns ------------------------------------------------------------------------
    def patterns(self) -> tuple[ast.PathPattern, ...]:
        found = [self.pattern()]
        while self.accept_sym(","):
            found.append(self.pattern())
        return tuple(found)

    def pattern(self) -> ast.PathPattern:
        if self.tok.kind == "ident" and self.peek().is_sym("="):
            raise self.error("named paths (p = …) are not supported")
        nodes = [self.node_pattern()]
        rels: list[ast.RelPattern] = []
        while self.tok.is_sym("-", "<-"):
            rels.append(self.rel_pattern())
            nodes.append(self.node_pattern())
        return ast.PathPattern(tuple(nodes), tuple(rels))

    def node_pattern(self) -> ast.NodePattern:
        start = self.expect_sym("(")
        var = self.variable() if self.tok.kind == "ident" else None
        labels: list[str] = []
        while self.accept_sym(":"):
            labels.append(self.ident("a label"))
            if self.tok.is_sym("|"):
                raise self.error("label alternatives (:A|B) are not supported; use WHERE")
        props = self.prop_map() if self.tok.is_sym("{") else ()
        self.expect_sym(")")
        return ast.NodePattern(self.pos(start), var, tuple(labels), props)

    def rel_pattern(self) -> ast.RelPattern:
        start = self.tok
        left_arrow = self.advance().value == "<-"
        var: str | None = None
        types: list[str] = []
        props: tuple[tuple[str, ast.Expr], ...] = ()
        var_length, lo = False, 1
        hi_opt: int | None = 1
        if self.accept_sym("["):
            if self.tok.kind == "ident":
                var = self.variable()
            if self.accept_sym(":"):
                types.append(self.ident("a relationship type"))
                while self.accept_sym("|"):
                    self.accept_sym(":")
                    types.append(self.ident("a relationship type"))
            if self.tok.is_sym("*"):
                var_length = True
                lo, hi_opt = self.hops()
            if self.tok.is_sym("{"):
                props = self.prop_map()
            self.expect_sym("]")
        if left_arrow:
            self.expect_sym("-")
            direction = "in"
        elif self.accept_sym("->"):
            direction = "out"
        else:
            self.expect_sym("-")
            direction = "both"
        if left_arrow and self.tok.is_sym(">"):
            raise self.error("a relationship cannot point both ways (<-->); use --")
        hi: int | None = hi_opt if var_length else 1
        return ast.RelPattern(
            self.pos(start), var, tuple(types), props, direction, var_length, lo, hi
        )

    def hops(self) -> tuple[int, int | None]:
        star = self.expect_sym("*")
        lo: int = 1
        hi: int | None = None
        if self.tok.kind == "int":
            lo = int(self.advance().value)
            hi = lo
        if self.accept_sym(".."):
            hi = int(self.advance().value) if self.tok.kind == "int" else None
        elif self.tok.kind == "int":
            raise self.error("expected '..' in a variable-length range")
        if hi is not None and hi < lo:
            raise self.error(f"empty range *{lo}..{hi}", star)
        if (hi is not None and hi > VAR_LENGTH_CAP) or (hi is None and lo > VAR_LENGTH_CAP):
            raise self.error(f"variable-length paths are limited to {VAR_LENGTH_CAP} hops", star)
        return lo, hi

    def prop_map(self) -> tuple[tuple[str, ast.Expr], ...]:
        self.expect_sym("{")
        items: list[tuple[str, ast.Expr]] = []
        if not self.tok.is_sym("}"):
            while True:
                key = self.ident("a property name")
                self.expect_sym(":")
                items.append((key, self.expression()))
                if not self.accept_sym(","):
                    break
        self.expect_sym("}")
        return tuple(items)

    # --- expressions (lowest precedence first) -------------------------------------------
    def expression(self) -> ast.Expr:
        return self.or_expr()

    def or_expr(self) -> ast.Expr:
        left = self.xor_expr()
        while self.tok.is_kw("OR"):
            tok = self.advance()
            left = ast.Binary(self.pos(tok), "OR", left, self.xor_expr())
        return left

    def xor_expr(self) -> ast.Expr:
        left = self.and_expr()
        while self.tok.is_kw("XOR"):
            tok = self.advance()
            left = ast.Binary(self.pos(tok), "XOR", left, self.and_expr())
        return left

    def and_expr(self) -> ast.Expr:
        left = self.not_expr()
        while self.tok.is_kw("AND"):
            tok = self.advance()
            left = ast.Binary(self.pos(tok), "AND", left, self.not_expr())
        return left

    def not_expr(self) -> ast.Expr:
        if self.tok.is_kw("NOT"):
            tok = self.advance()
            return ast.Unary(self.pos(tok), "NOT", self.not_expr())
        return self.comparison()

    def comparison(self) -> ast.Expr:
        left = self.additive()
        while True:
            tok = self.tok
            if tok.kind == "sym" and tok.value in COMPARISONS:
                self.advance()
                left = ast.Binary(self.pos(tok), tok.value, left, self.additive())
            elif tok.is_kw("IN"):
                self.advance()
                left = ast.Binary(self.pos(tok), "IN", left, self.additive())
            elif tok.is_kw("STARTS", "ENDS"):
                self.advance()
                self.expect_kw("WITH")
                left = ast.Binary(self.pos(tok), tok.value, left, self.additive())
            elif tok.is_kw("CONTAINS"):
                self.advance()
                left = ast.Binary(self.pos(tok), "CONTAINS", left, self.additive())
            elif tok.is_kw("IS"):
                self.advance()
                negated = self.accept_kw("NOT")
                self.expect_kw("NULL")
                left = ast.IsNull(self.pos(tok), left, negated)
            elif tok.is_sym("=~"):
                raise self.error("regular expressions (=~) are not supported")
            else:
                return left

    def additive(self) -> ast.Expr:
        left = self.multiplicative()
        while self.tok.is_sym("+", "-"):
            tok = self.advance()
            left = ast.Binary(self.pos(tok), tok.value, left, self.multiplicative())
        return left

    def multiplicative(self) -> ast.Expr:
        left = self.unary()
        while self.tok.is_sym("*", "/", "%"):
            tok = self.advance()
            left = ast.Binary(self.pos(tok), tok.value, left, self.unary())
        return left

    def unary(self) -> ast.Expr:
        if self.tok.is_sym("-"):
            tok = self.advance()
            operand = self.unary()
            if isinstance(operand, ast.Literal) and isinstance(operand.value, int | float):
                return ast.Literal(self.pos(tok), -operand.value)
            return ast.Unary(self.pos(tok), "-", operand)
        return self.postfix()

    def postfix(self) -> ast.Expr:
        expr = self.atom()
        while True:
            if self.tok.is_sym("."):
                self.advance()
                expr = ast.Prop(expr.pos, expr, self.ident("a property name"))
            elif self.tok.is_sym(":") and isinstance(expr, ast.Var):
                labels: list[str] = []
                while self.accept_sym(":"):
                    labels.append(self.ident("a label"))
                expr = ast.HasLabel(expr.pos, expr.name, tuple(labels))
            elif self.tok.is_sym("["):
                raise self.error("list indexing and slicing are not supported")
            else:
                return expr

    def atom(self) -> ast.Expr:
        tok = self.tok
        pos = self.pos(tok)
        if tok.kind == "string":
            self.advance()
            return ast.Literal(pos, tok.value)
        if tok.kind == "int":
            self.advance()
            return ast.Literal(pos, int(tok.value))
        if tok.kind == "float":
            self.advance()
            return ast.Literal(pos, float(tok.value))
        if tok.kind == "param":
            self.advance()
            return ast.Param(pos, tok.value)
        if tok.is_kw("TRUE", "FALSE"):
            self.advance()
            return ast.Literal(pos, tok.value == "TRUE")
        if tok.is_kw("NULL"):
            self.advance()
            return ast.Literal(pos, None)
        if tok.is_sym("["):
            self.advance()
            items: list[ast.Expr] = []
            if not self.tok.is_sym("]"):
                items.append(self.expression())
                while self.accept_sym(","):
                    items.append(self.expression())
            self.expect_sym("]")
            return ast.ListLit(pos, tuple(items))
        if tok.is_sym("{"):
            return ast.MapLit(pos, self.prop_map())
        if tok.is_sym("("):
            ahead = self.peek(), self.peek(2), self.peek(3)
            if ahead[0].is_sym(")") or (
                ahead[0].kind == "ident" and ahead[1].is_sym(")") and ahead[2].is_sym("-", "<-")
            ):
                raise self.error("pattern expressions in WHERE are not supported; use MATCH")
            self.advance()
            inner = self.expression()
            self.expect_sym(")")
            return inner
        if tok.kind == "ident" and self.peek().is_sym("("):
            return self.call()
        if tok.kind == "ident":
            self.advance()
            return ast.Var(pos, tok.value)
        if tok.is_kw("CASE", "EXISTS"):
            raise self.error(f"{tok.value} expressions are not supported")
        raise self.error(f"expected an expression but found {tok.describe()}")

    def call(self) -> ast.Call:
        tok = self.advance()
        self.expect_sym("(")
        name = tok.value.lower()
        if self.accept_sym("*"):
            if name != "count":
                raise self.error("only count(*) takes '*'", tok)
            self.expect_sym(")")
            return ast.Call(self.pos(tok), name, (), star=True)
        distinct = self.accept_kw("DISTINCT")
        args: list[ast.Expr] = []
        if not self.tok.is_sym(")"):
            args.append(self.expression())
            while self.accept_sym(","):
                args.append(self.expression())
        self.expect_sym(")")
        return ast.Call(self.pos(tok), name, tuple(args), distinct)
