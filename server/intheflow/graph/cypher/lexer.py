"""Cypher tokens with 1-based line/column positions (for error messages) and source offsets (so a
RETURN item without an alias is named by its source text, as Neo4j does)."""

from __future__ import annotations

from dataclasses import dataclass

from intheflow.graph.cypher.errors import CypherError

KEYWORDS = frozenset(
    [
        "MATCH",
        "OPTIONAL",
        "WHERE",
        "RETURN",
        "DISTINCT",
        "ORDER",
        "BY",
        "ASC",
        "ASCENDING",
        "DESC",
        "DESCENDING",
        "SKIP",
        "LIMIT",
        "AS",
        "AND",
        "OR",
        "XOR",
        "NOT",
        "IN",
        "STARTS",
        "ENDS",
        "WITH",
        "CONTAINS",
        "IS",
        "NULL",
        "TRUE",
        "FALSE",
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "ON",
        "UNWIND",
        "UNION",
        "ALL",
        "CALL",
        "YIELD",
        "CASE",
        "WHEN",
        "THEN",
        "ELSE",
        "END",
        "EXISTS",
    ]
)

# Longest first, so that "<>" wins over "<".
SYMBOLS = (
    "<>",
    "=~",
    "<=",
    ">=",
    "->",
    "<-",
    "..",
    "+=",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "-",
    "<",
    ">",
    "=",
    "*",
    "+",
    "/",
    "%",
    "|",
    "$",
)


@dataclass(frozen=True)
class Token:
    kind: str  # "kw", "ident", "string", "int", "float", "param", "sym", "eof"
    value: str
    line: int
    col: int
    start: int  # offset in the query text
    end: int

    def is_kw(self, *words: str) -> bool:
        return self.kind == "kw" and self.value in words

    def is_sym(self, *symbols: str) -> bool:
        return self.kind == "sym" and self.value in symbols

    def describe(self) -> str:
        if self.kind == "eof":
            return "end of query"
        if self.kind == "string":
            return f"string {self.value!r}"
        return f"'{self.value}'"


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, line, line_start = 0, 1, 0
    n = len(text)

    def error(message: str, at: int) -> CypherError:
        return CypherError(message, line, at - line_start + 1)

    while i < n:
        ch = text[i]
        if ch == "\n":
            i += 1
            line, line_start = line + 1, i
            continue
        if ch.isspace():
            i += 1
            continue
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        start, col = i, i - line_start + 1
        if ch in "'\"":
            value, i = _string(text, i, error)
            tokens.append(Token("string", value, line, col, start, i))
            continue
        if ch == "`":
            close = text.find("`", i + 1)
            if close < 0:
                raise error("unterminated `quoted` identifier", i)
            tokens.append(Token("ident", text[i + 1 : close], line, col, start, close + 1))
            i = close + 1
            continue
        if ch.isdigit():
            j = i
            while j < n and text[j].isdigit():
                j += 1
            kind = "int"
            # "1..3" is a range, not a float.
            if j < n - 1 and text[j] == "." and text[j + 1].isdigit():
                kind = "float"
                j += 1
                while j < n and text[j].isdigit():
                    j += 1
            if j < n and (text[j].isalpha() or text[j] == "_"):
                raise error(f"invalid number {text[i : j + 1]!r}", i)
            tokens.append(Token(kind, text[i:j], line, col, start, j))
            i = j
            continue
        if ch.isalpha() or ch == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            if word.upper() in KEYWORDS:
                tokens.append(Token("kw", word.upper(), line, col, start, j))
            else:
                tokens.append(Token("ident", word, line, col, start, j))
            i = j
            continue
        if ch == "$":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            if j == i + 1:
                raise error("expected a parameter name after '$'", i)
            tokens.append(Token("param", text[i + 1 : j], line, col, start, j))
            i = j
            continue
        for sym in SYMBOLS:
            if text.startswith(sym, i):
                tokens.append(Token("sym", sym, line, col, start, i + len(sym)))
                i += len(sym)
                break
        else:
            raise error(f"unexpected character {ch!r}", i)
    tokens.append(Token("eof", "", line, i - line_start + 1, n, n))
    return tokens


def _string(text: str, i: int, error: object) -> tuple[str, int]:
    quote = text[i]
    out: list[str] = []
    j = i + 1
    escapes = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "b": "\b"}
    while j < len(text):
        c = text[j]
        if c == quote:
            return "".join(out), j + 1
        if c == "\\" and j + 1 < len(text):
            nxt = text[j + 1]
            if nxt == "u":
                digits = text[j + 2 : j + 6]
                if len(digits) != 4 or not all(d in "0123456789abcdefABCDEF" for d in digits):
                    assert callable(error)
                    raise error("invalid \\u escape in string", j)
                out.append(chr(int(digits, 16)))
                j += 6
                continue
            out.append(escapes.get(nxt, nxt))
            j += 2
            continue
        if c == "\n":
            break
        out.append(c)
        j += 1
    assert callable(error)
    raise error("unterminated string literal", i)
