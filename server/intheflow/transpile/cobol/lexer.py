"""Tokens of COBOL source, each with its file, physical line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from intheflow.transpile.cobol.source import code_lines


@dataclass
class Token:
    kind: str  # word | num | str | pic | op | period | pseudo
    text: str  # words upper-cased; strings without quotes
    line: int
    col: int
    path: str = ""

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text in words


@dataclass
class LexError:
    message: str
    line: int
    col: int


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_NUM = re.compile(r"[+-]?(\d+(\.\d+)?|\.\d+)(?![A-Za-z0-9_-])")
_OPS = ("**", ">=", "<=", "<>", "==", "+", "-", "*", "/", "=", "<", ">", "(", ")", ":", "&")


def tokenize(text: str, path: str = "") -> tuple[list[Token], list[LexError]]:
    tokens: list[Token] = []
    errors: list[LexError] = []
    expect_pic = False
    for cl in code_lines(text):
        s = cl.text
        i = 0
        while i < len(s):
            ch = s[i]
            col = cl.col + i
            if ch in " ,;":
                i += 1
                continue
            if expect_pic and not s[i:].upper().startswith("IS "):
                m = re.match(r"\S+", s[i:])
                assert m is not None
                pic = m.group(0)
                if pic.endswith("."):
                    tokens.append(Token("pic", pic[:-1], cl.line, col, path))
                    tokens.append(Token("period", ".", cl.line, col + len(pic) - 1, path))
                else:
                    tokens.append(Token("pic", pic, cl.line, col, path))
                i += len(pic)
                expect_pic = False
                continue
            if ch in "\"'" or (ch in "xXzZ" and s[i + 1 : i + 2] in ("'", '"')):
                hexa = ch in "xX"
                start = i
                if ch not in "\"'":
                    i += 1
                quote = s[i]
                i += 1
                buf = []
                while True:
                    if i >= len(s):
                        errors.append(LexError("unterminated literal", cl.line, col))
                        break
                    if s[i] == quote:
                        if s[i + 1 : i + 2] == quote:
                            buf.append(quote)
                            i += 2
                            continue
                        i += 1
                        break
                    buf.append(s[i])
                    i += 1
                value = "".join(buf)
                if hexa:
                    try:
                        value = bytes.fromhex(value).decode("latin-1")
                    except ValueError:
                        errors.append(LexError("bad hexadecimal literal", cl.line, col))
                tokens.append(Token("str", value, cl.line, cl.col + start, path))
                continue
            if ch == "." and (i + 1 >= len(s) or s[i + 1] == " "):
                tokens.append(Token("period", ".", cl.line, col, path))
                i += 1
                continue
            m = _NUM.match(s, i)
            prev = tokens[-1] if tokens else None
            signed_ok = (
                prev is None
                or prev.kind in ("op", "period")
                or prev.is_word(
                    "TO",
                    "FROM",
                    "BY",
                    "GIVING",
                    "VALUE",
                    "INTO",
                    "IS",
                    "THAN",
                    "THRU",
                    "THROUGH",
                    "WHEN",
                    "ALSO",
                    "TIMES",
                    "UNTIL",
                    "VALUES",
                    "ARE",
                    "ALL",
                )
            )
            # COBOL needs spaces around arithmetic operators, so "-5" after a space is a literal.
            glued = s[i] in "+-" and (i == 0 or s[i - 1] in " (")
            if m and (
                s[i] not in "+-" or glued or (signed_ok and prev is not None and prev.text != ")")
            ):
                end = m.end()
                if s[end : end + 1] == "." and s[end + 1 : end + 2].isdigit():
                    end = m.end()
                tokens.append(Token("num", m.group(0).lstrip("+"), cl.line, col, path))
                i = end
                continue
            m = _WORD.match(s, i)
            if m:
                word = m.group(0).rstrip("-")
                tokens.append(Token("word", word.upper(), cl.line, col, path))
                i += len(word)
                if word.upper() in ("PIC", "PICTURE"):
                    expect_pic = True
                continue
            for op in _OPS:
                if s.startswith(op, i):
                    tokens.append(Token("pseudo" if op == "==" else "op", op, cl.line, col, path))
                    i += len(op)
                    break
            else:
                if ch == ".":
                    tokens.append(Token("period", ".", cl.line, col, path))
                    i += 1
                    continue
                errors.append(LexError(f"unexpected character {ch!r}", cl.line, col))
                i += 1
    return tokens, errors
