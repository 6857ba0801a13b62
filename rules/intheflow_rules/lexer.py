"""Tokens of the expression language, with their offsets in the source text."""

from __future__ import annotations

from typing import Final

NUM: Final = 1
STR: Final = 2
IDENT: Final = 3
OP: Final = 4
TPL: Final = 5
EOF: Final = 6

KEYWORDS: Final = frozenset({"and", "or", "not", "in", "true", "false", "null"})
_OPS2: Final = ("==", "!=", "<=", ">=", "..", "??", "&&", "||")
_OPS1: Final = "+-*/%^<>()[]{},.:?!#$"


class Token:
    def __init__(self, kind: int, text: str, start: int) -> None:
        self.kind = kind
        self.text = text
        self.start = start

    def is_op(self, text: str) -> bool:
        return self.kind == OP and self.text == text

    def is_word(self, text: str) -> bool:
        return self.kind == IDENT and self.text == text

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.start})"


class ExprError(Exception):
    """A syntax or type error at `offset` in the expression text (the loader adds the file)."""

    def __init__(self, message: str, offset: int, code: str = "expr-syntax") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code


def tokenize(src: str) -> list[Token]:
    out: list[Token] = []
    i = 0
    n = len(src)
    while i < n:
        c = src[i]
        if c in " \t\r\n":
            i += 1
            continue
        start = i
        if c.isdigit():
            while i < n and (src[i].isdigit() or src[i] == "_"):
                i += 1
            if i + 1 < n and src[i] == "." and src[i + 1].isdigit():
                i += 1
                while i < n and (src[i].isdigit() or src[i] == "_"):
                    i += 1
            if i < n and src[i] in "eE":
                j = i + 1
                if j < n and src[j] in "+-":
                    j += 1
                if j < n and src[j].isdigit():
                    i = j
                    while i < n and src[i].isdigit():
                        i += 1
            out.append(Token(NUM, src[start:i].replace("_", ""), start))
            continue
        if c == '"' or c == "'":
            i += 1
            buf: list[str] = []
            while i < n and src[i] != c:
                if src[i] == "\\" and i + 1 < n:
                    nxt = src[i + 1]
                    buf.append({"n": "\n", "t": "\t", "r": "\r"}.get(nxt, nxt))
                    i += 2
                else:
                    buf.append(src[i])
                    i += 1
            if i >= n:
                raise ExprError("unterminated string", start)
            i += 1
            out.append(Token(STR, "".join(buf), start))
            continue
        if c == "`":
            i += 1
            while i < n and src[i] != "`":
                i += 1
            if i >= n:
                raise ExprError("unterminated template", start)
            out.append(Token(TPL, src[start + 1 : i], start))
            i += 1
            continue
        if c.isalpha() or c == "_":
            while i < n and (src[i].isalnum() or src[i] == "_"):
                i += 1
            out.append(Token(IDENT, src[start:i], start))
            continue
        two = src[i : i + 2]
        if two in _OPS2:
            out.append(Token(OP, two, start))
            i += 2
            continue
        if c in _OPS1:
            out.append(Token(OP, c, start))
            i += 1
            continue
        raise ExprError(f"unexpected character {c!r}", start)
    out.append(Token(EOF, "", n))
    return out
