"""A JSON parser that remembers where every value starts, so errors can name line and column.

`parse(text)` returns the value (ints and floats as Python numbers, like json.loads) and a map from
JSON path (`$.nodes[2].content`) to (line, column), 1-based. Syntax errors raise RuleError with the
position of the offending character.
"""

from __future__ import annotations

from typing import Any

from intheflow_rules.errors import Location, RuleError

_ESCAPES: dict[str, str] = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}


class PositionedJson:
    def __init__(self, value: Any, positions: dict[str, tuple[int, int]], source: str) -> None:
        self.value = value
        self.positions = positions
        self.source = source

    def at(self, path: str) -> Location:
        """The location of the value at `path`, or of its nearest ancestor that has one."""
        probe = path
        while probe:
            pos = self.positions.get(probe)
            if pos is not None:
                return Location(self.source, path, pos[0], pos[1])
            cut = max(probe.rfind("."), probe.rfind("["))
            if cut <= 0:
                break
            probe = probe[:cut]
        return Location(self.source, path, 1, 1)


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.line = 1
        self.line_start = 0
        self.source = source
        self.positions: dict[str, tuple[int, int]] = {}

    def fail(self, message: str, path: str) -> RuleError:
        col = self.i - self.line_start + 1
        return RuleError(message, Location(self.source, path, self.line, col), "json-syntax")

    def skip_ws(self) -> None:
        text = self.text
        while self.i < self.n:
            c = text[self.i]
            if c == "\n":
                self.line += 1
                self.i += 1
                self.line_start = self.i
            elif c == " " or c == "\t" or c == "\r":
                self.i += 1
            else:
                break

    def value(self, path: str) -> Any:
        self.skip_ws()
        if self.i >= self.n:
            raise self.fail("unexpected end of JSON", path)
        self.positions[path] = (self.line, self.i - self.line_start + 1)
        c = self.text[self.i]
        if c == "{":
            return self.obj(path)
        if c == "[":
            return self.arr(path)
        if c == '"':
            return self.string(path)
        if c == "-" or c.isdigit():
            return self.number(path)
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.i):
                self.i += len(word)
                return val
        raise self.fail(f"unexpected character {c!r}", path)

    def obj(self, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.i += 1
        self.skip_ws()
        if self.i < self.n and self.text[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.skip_ws()
            if self.i >= self.n or self.text[self.i] != '"':
                raise self.fail("expected a property name in double quotes", path)
            key = self.string(path)
            self.skip_ws()
            if self.i >= self.n or self.text[self.i] != ":":
                raise self.fail("expected ':' after property name", path)
            self.i += 1
            child = f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"
            if key in out:
                raise self.fail(f"duplicate property {key!r}", child)
            out[key] = self.value(child)
            self.skip_ws()
            if self.i < self.n and self.text[self.i] == ",":
                self.i += 1
                continue
            if self.i < self.n and self.text[self.i] == "}":
                self.i += 1
                return out
            raise self.fail("expected ',' or '}' in object", path)

    def arr(self, path: str) -> list[Any]:
        out: list[Any] = []
        self.i += 1
        self.skip_ws()
        if self.i < self.n and self.text[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value(f"{path}[{len(out)}]"))
            self.skip_ws()
            if self.i < self.n and self.text[self.i] == ",":
                self.i += 1
                continue
            if self.i < self.n and self.text[self.i] == "]":
                self.i += 1
                return out
            raise self.fail("expected ',' or ']' in array", path)

    def string(self, path: str) -> str:
        self.i += 1
        parts: list[str] = []
        start = self.i
        text = self.text
        while True:
            if self.i >= self.n:
                raise self.fail("unterminated string", path)
            c = text[self.i]
            if c == '"':
                parts.append(text[start : self.i])
                self.i += 1
                return "".join(parts)
            if c == "\n":
                raise self.fail("newline inside a string", path)
            if c == "\\":
                parts.append(text[start : self.i])
                esc = text[self.i + 1 : self.i + 2]
                if esc == "u":
                    hexdigits = text[self.i + 2 : self.i + 6]
                    try:
                        parts.append(chr(int(hexdigits, 16)))
                    except ValueError:
                        raise self.fail("bad \\u escape", path) from None
                    self.i += 6
                elif esc in _ESCAPES:
                    parts.append(_ESCAPES[esc])
                    self.i += 2
                else:
                    raise self.fail(f"bad escape \\{esc}", path)
                start = self.i
            else:
                self.i += 1

    def number(self, path: str) -> int | float:
        start = self.i
        text = self.text
        if text[self.i] == "-":
            self.i += 1
        while self.i < self.n and (text[self.i].isdigit() or text[self.i] in ".eE+-"):
            self.i += 1
        raw = text[start : self.i]
        try:
            if "." in raw or "e" in raw or "E" in raw:
                return float(raw)
            return int(raw)
        except ValueError:
            self.i = start
            raise self.fail(f"bad number {raw!r}", path) from None


def parse(text: str, source: str = "") -> PositionedJson:
    p = _Parser(text, source)
    value = p.value("$")
    p.skip_ws()
    if p.i < p.n:
        raise p.fail("extra data after the JSON value", "$")
    return PositionedJson(value, p.positions, source)
