"""Pratt parser for the expression language (ZEN-compatible syntax).

Precedence, loosest first: `?:`, `??`, `or`/`||`, `and`/`&&`, `not`/`!`, comparisons and `in`,
`+ -`, `* / %`, `^`, unary `-`, then member access, indexing and calls. In unary mode (decision
table cells) a comparison operator may start an operand (`> 5`, `>= 1 and <= 3`), meaning `$ > 5`.
"""

from __future__ import annotations

from decimal import Decimal

from intheflow_rules.functions import BUILTINS
from intheflow_rules.lexer import EOF, IDENT, NUM, OP, STR, TPL, ExprError, Token, tokenize
from intheflow_rules.nodes import (
    And,
    Binary,
    Call,
    Coalesce,
    Cond,
    In,
    Index,
    ListLit,
    Lit,
    Member,
    Name,
    Neg,
    Node,
    Not,
    ObjectLit,
    Or,
    RangeLit,
    Template,
)

_COMPARE = frozenset({"==", "!=", "<", ">", "<=", ">="})
_BP_TERNARY = 1
_BP_COALESCE = 2
_BP_OR = 3
_BP_AND = 4
_BP_NOT = 5
_BP_COMPARE = 6
_BP_ADD = 7
_BP_MUL = 8
_BP_POW = 9
_BP_PREFIX = 10


def _number(text: str) -> Decimal:
    d = Decimal(text)
    if "e" in text or "E" in text:
        d = Decimal(format(d, "f"))
    return d


class Parser:
    def __init__(self, src: str, unary: bool = False, offset: int = 0) -> None:
        self.src = src
        self.tokens = tokenize(src)
        self.pos = 0
        self.unary = unary
        self.offset = offset
        self.in_range = False  # `]0..10[`: a `[` after the upper bound closes the range

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        t = self.tokens[self.pos]
        if t.kind != EOF:
            self.pos += 1
        return t

    def fail(self, message: str, tok: Token | None = None) -> ExprError:
        t = tok or self.tok
        return ExprError(message, t.start + self.offset)

    def expect(self, op: str) -> Token:
        if not self.tok.is_op(op):
            found = self.tok.text or "end of expression"
            raise self.fail(f"expected `{op}`, found `{found}`")
        return self.advance()

    def at(self, n: int) -> int:
        return n + self.offset

    # -- entry points -------------------------------------------------------------------------

    def parse_all(self) -> Node:
        if self.tok.kind == EOF:
            raise self.fail("empty expression")
        node = self.expr(0)
        if self.tok.kind != EOF:
            raise self.fail(f"unexpected `{self.tok.text}`")
        return node

    def parse_unary_items(self) -> list[Node]:
        items = [self.expr(0)]
        while self.tok.is_op(","):
            self.advance()
            items.append(self.expr(0))
        if self.tok.kind != EOF:
            raise self.fail(f"unexpected `{self.tok.text}`")
        return items

    # -- Pratt loop ---------------------------------------------------------------------------

    def expr(self, min_bp: int) -> Node:
        left = self.prefix()
        while True:
            t = self.tok
            if t.kind == EOF:
                break
            if t.kind == OP:
                op = t.text
                if op == "?" and min_bp < _BP_TERNARY:
                    self.advance()
                    then = self.expr(0)
                    self.expect(":")
                    other = self.expr(_BP_TERNARY - 1)
                    left = Cond(left, then, other, left.start)
                    continue
                if op == "??" and min_bp < _BP_COALESCE:
                    self.advance()
                    left = Coalesce(left, self.expr(_BP_COALESCE), left.start)
                    continue
                if op == "||" and min_bp < _BP_OR:
                    self.advance()
                    left = Or(left, self.expr(_BP_OR), left.start)
                    continue
                if op == "&&" and min_bp < _BP_AND:
                    self.advance()
                    left = And(left, self.expr(_BP_AND), left.start)
                    continue
                if op in _COMPARE and min_bp < _BP_COMPARE:
                    self.advance()
                    right = self.expr(_BP_COMPARE)
                    left = Binary(op, left, right, self.at(t.start))
                    continue
                if op in ("+", "-") and min_bp < _BP_ADD:
                    self.advance()
                    left = Binary(op, left, self.expr(_BP_ADD), self.at(t.start))
                    continue
                if op in ("*", "/", "%") and min_bp < _BP_MUL:
                    self.advance()
                    left = Binary(op, left, self.expr(_BP_MUL), self.at(t.start))
                    continue
                if op == "^" and min_bp < _BP_POW:
                    self.advance()
                    left = Binary(op, left, self.expr(_BP_POW - 1), self.at(t.start))
                    continue
                if op == ".":
                    self.advance()
                    key = self.advance()
                    if key.kind != IDENT:
                        raise self.fail("expected a property name after `.`", key)
                    left = Member(left, key.text, self.at(key.start))
                    continue
                if op == "[" and not self.in_range:
                    self.advance()
                    idx = self.expr(0)
                    self.expect("]")
                    left = Index(left, idx, left.start)
                    continue
                break
            if t.kind == IDENT:
                word = t.text
                if word == "or" and min_bp < _BP_OR:
                    self.advance()
                    left = Or(left, self.expr(_BP_OR), left.start)
                    continue
                if word == "and" and min_bp < _BP_AND:
                    self.advance()
                    left = And(left, self.expr(_BP_AND), left.start)
                    continue
                if word == "in" and min_bp < _BP_COMPARE:
                    self.advance()
                    left = In(left, self.expr(_BP_COMPARE), False, self.at(t.start))
                    continue
                if (
                    word == "not"
                    and self.tokens[self.pos + 1].is_word("in")
                    and min_bp < _BP_COMPARE
                ):
                    self.advance()
                    self.advance()
                    left = In(left, self.expr(_BP_COMPARE), True, self.at(t.start))
                    continue
            if t.kind == IDENT and t.text in ("and", "or", "in", "not"):
                break
            if t.kind in (NUM, STR, IDENT, TPL):
                raise self.fail(f"unexpected `{t.text}` (missing operator?)")
            break
        return left

    def prefix(self) -> Node:
        t = self.advance()
        start = self.at(t.start)
        if t.kind == NUM:
            return Lit(_number(t.text), start)
        if t.kind == STR:
            return Lit(t.text, start)
        if t.kind == TPL:
            return self.template(t)
        if t.kind == IDENT:
            return self.word(t)
        if t.kind == EOF:
            raise self.fail("unexpected end of expression", t)
        op = t.text
        if self.unary and op in _COMPARE:
            return Binary(op, Name("$", start), self.expr(_BP_COMPARE), start)
        if op == "-":
            operand = self.expr(_BP_PREFIX)
            if isinstance(operand, Lit) and isinstance(operand.value, Decimal):
                return Lit(-operand.value, start)
            return Neg(operand, start)
        if op == "+":
            return self.expr(_BP_PREFIX)
        if op == "!":
            return Not(self.expr(_BP_NOT), start)
        if op == "$":
            return Name("$", start)
        if op == "#":
            return Name("#", start)
        if op == "(" or op == "[" or op == "]":
            return self.group_list_or_range(op, start)
        if op == "{":
            return self.object_literal(start)
        raise self.fail(f"unexpected `{op}`", t)

    def word(self, t: Token) -> Node:
        start = self.at(t.start)
        w = t.text
        if w == "true":
            return Lit(True, start)
        if w == "false":
            return Lit(False, start)
        if w == "null":
            return Lit(None, start)
        if w == "not":
            if self.unary and self.tok.is_word("in"):
                self.advance()
                return In(Name("$", start), self.expr(_BP_COMPARE), True, start)
            return Not(self.expr(_BP_NOT), start)
        if w == "in" and self.unary:
            return In(Name("$", start), self.expr(_BP_COMPARE), False, start)
        if self.tok.is_op("("):
            self.advance()
            args: list[Node] = []
            while not self.tok.is_op(")"):
                args.append(self.expr(0))
                if self.tok.is_op(","):
                    self.advance()
                elif not self.tok.is_op(")"):
                    raise self.fail(f"expected `,` or `)` in call of {w}")
            self.advance()
            return Call(w, BUILTINS.get(w), args, start)
        return Name(w, start)

    def group_list_or_range(self, op: str, start: int) -> Node:
        if op == "[" and self.tok.is_op("]"):
            self.advance()
            return ListLit([], start)
        first = self.expr(0)
        if self.tok.is_op(".."):
            self.advance()
            saved = self.in_range
            self.in_range = True
            second = self.expr(0)
            self.in_range = saved
            close = self.advance()
            if not (close.is_op("]") or close.is_op(")") or close.is_op("[")):
                raise self.fail("expected `]`, `)` or `[` to close the range", close)
            return RangeLit(first, second, op, close.text, start)
        if op == "(":
            self.expect(")")
            return first
        if op == "]":
            raise self.fail("`]` starts only a range such as ]0..10]")
        items = [first]
        while self.tok.is_op(","):
            self.advance()
            if self.tok.is_op("]"):
                break
            items.append(self.expr(0))
        self.expect("]")
        return ListLit(items, start)

    def object_literal(self, start: int) -> Node:
        keys: list[str] = []
        values: list[Node] = []
        while not self.tok.is_op("}"):
            k = self.advance()
            if k.kind not in (IDENT, STR):
                raise self.fail("expected a key in the object literal", k)
            self.expect(":")
            keys.append(k.text)
            values.append(self.expr(0))
            if self.tok.is_op(","):
                self.advance()
            elif not self.tok.is_op("}"):
                raise self.fail("expected `,` or `}` in the object literal")
        self.advance()
        return ObjectLit(keys, values, start)

    def template(self, t: Token) -> Node:
        text = t.text
        parts: list[Node] = []
        i = 0
        base = self.at(t.start) + 1
        while i < len(text):
            j = text.find("${", i)
            if j < 0:
                parts.append(Lit(text[i:], base + i))
                break
            if j > i:
                parts.append(Lit(text[i:j], base + i))
            k = text.find("}", j)
            if k < 0:
                raise ExprError("unterminated `${` in template", base + j)
            parts.append(Parser(text[j + 2 : k], self.unary, base + j + 2).parse_all())
            i = k + 1
        return Template(parts, self.at(t.start))


def parse_expression(src: str) -> Node:
    return Parser(src).parse_all()


def parse_unary(src: str) -> list[Node]:
    return Parser(src, unary=True).parse_unary_items()
