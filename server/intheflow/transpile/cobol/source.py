"""Source formats: fixed (columns 7/8-72) and free (`>>SOURCE FORMAT FREE`, `*>` comments).

Produces one code line per physical line (comments blanked, continuation lines joined onto the line
they continue) so that token positions stay the physical line and column.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CodeLine:
    line: int  # 0-based physical line
    col: int  # column of text[0] in the physical line
    text: str


def is_free_format(text: str) -> bool:
    for raw in text.splitlines()[:50]:
        upper = raw.upper()
        if ">>SOURCE" in upper and "FREE" in upper:
            return True
    for raw in text.splitlines():
        if not raw.strip():
            continue
        # Fixed format keeps columns 1-6 for sequence numbers and 7 for the indicator.
        head = raw[:7]
        return not (len(raw) > 7 and (head[:6].strip() == "" or head[:6].isdigit()))
    return False


def _strip_inline_comment(text: str) -> str:
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif text.startswith("*>", i):
            return text[:i]
    return text


def code_lines(text: str) -> list[CodeLine]:
    free = is_free_format(text)
    out: list[CodeLine] = []
    for n, raw in enumerate(text.splitlines()):
        raw = raw.rstrip("\r\n").expandtabs(4)
        if raw.lstrip().startswith(">>"):
            continue  # compiler directive
        if free:
            if raw.lstrip().startswith("*>"):
                continue
            out.append(CodeLine(n, 0, _strip_inline_comment(raw)))
            continue
        indicator = raw[6:7]
        if indicator in ("*", "/"):
            continue
        area = raw[7:72]
        if indicator in ("d", "D"):
            continue  # debugging lines are off unless WITH DEBUGGING MODE
        if indicator == "-" and out:
            prev = out[-1]
            stripped = area.lstrip()
            start = 7 + len(area) - len(stripped)
            if stripped[:1] in ("'", '"') and _open_quote(prev.text):
                # Continued literal: the previous line runs to column 72; drop the opening quote.
                prev.text = prev.text.ljust(72 - 7 if prev.col == 7 else len(prev.text))
                prev.text += stripped[1:]
            else:
                prev.text = prev.text.rstrip() + " " + stripped
            del start
            continue
        out.append(CodeLine(n, 7, _strip_inline_comment(area).rstrip()))
    return out


def _open_quote(text: str) -> bool:
    quote = ""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
    return quote != ""
