"""Names in each target's idiom, unique within their scope."""

from __future__ import annotations

import re

RUST_KEYWORDS = {
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "main", "new", "run", "rt", "line", "p",
}  # fmt: skip
JAVA_KEYWORDS = {
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
    "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
    "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
    "native", "new", "package", "private", "protected", "public", "return", "short", "static",
    "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
    "volatile", "while", "main", "run", "line", "var", "record",
}  # fmt: skip
GO_KEYWORDS = {
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
    "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
    "return", "select", "struct", "switch", "type", "var", "main", "run", "line", "rt", "p",
    "string", "int", "bool", "len", "new", "copy", "init",
}  # fmt: skip


def words(cobol_name: str) -> list[str]:
    return [w for w in re.split(r"[-_]+", cobol_name.lower()) if w]


def snake(name: str, keywords: set[str] = RUST_KEYWORDS) -> str:
    out = "_".join(words(name)) or "item"
    if out[0].isdigit():
        out = "p" + out
    return out + "_" if out in keywords else out


def camel(name: str, keywords: set[str] = JAVA_KEYWORDS) -> str:
    ws = words(name) or ["item"]
    out = ws[0] + "".join(w.capitalize() for w in ws[1:])
    if out[0].isdigit():
        out = "p" + out
    return out + "_" if out in keywords else out


def pascal(name: str) -> str:
    out = "".join(w.capitalize() for w in words(name)) or "Item"
    return "P" + out if out[0].isdigit() else out


class Scope:
    """Hands out unique names: the second WS-TOTAL in one struct becomes ws_total_2."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, name: str) -> str:
        out, n = name, 1
        while out in self.used:
            n += 1
            out = f"{name}_{n}" if not name[-1].isdigit() else f"{name}x{n}"
        self.used.add(out)
        return out
