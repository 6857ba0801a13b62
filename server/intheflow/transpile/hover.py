"""Hover on COBOL data items: the decoded PICTURE, usage, storage size and offset in the record."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from intheflow.core.text import Range
from intheflow.transpile.cobol.parser import ParseResult, parse, parse_copybook
from intheflow.transpile.ir import model as ir
from intheflow.transpile.passes.layout_records import layout_records

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_cache: dict[str, tuple[int, ParseResult]] = {}

USAGE_TEXT = {
    "display": "DISPLAY (zoned decimal, one byte per digit)",
    "comp": "COMP/BINARY (big-endian binary, truncated to the PICTURE)",
    "comp-3": "COMP-3 (packed decimal, two digits per byte)",
    "comp-5": "COMP-5 (native binary)",
}


@dataclass
class HoverText:
    markdown: str
    range: Range


def parsed(text: str, path: str) -> ParseResult:
    key = hash(text)
    hit = _cache.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    result = (
        parse_copybook(text, path) if Path(path).suffix.lower() == ".cpy" else parse(text, path)
    )
    if result.program is not None:
        layout_records(result.program)
    _cache[path] = (key, result)
    return result


def word_at(line_text: str, col: int) -> tuple[str, int, int] | None:
    for m in _WORD.finditer(line_text):
        if m.start() <= col <= m.end():
            return m.group(0).upper(), m.start(), m.end()
    return None


def describe(item: ir.DataItem) -> str:
    record = item.record()
    pic = item.picture
    head = f"**{item.name}** (level {item.level:02d}, line {item.line})"
    rows: list[tuple[str, str]] = []
    if pic is None:
        rows.append(("category", f"group of {len(item.children)} item(s)"))
    else:
        rows.append(("PICTURE", f"`{pic.text}`"))
        rows.append(("category", pic.category))
        if pic.category in ("numeric", "numeric-edited"):
            rows.append(
                ("digits", f"{pic.digits} ({pic.digits - pic.scale} integer, {pic.scale} decimal)")
            )
            rows.append(("sign", "signed" if pic.signed and pic.category == "numeric" else
                         "unsigned" if pic.category == "numeric" else "edited"))  # fmt: skip
        if pic.edit:
            rows.append(("edit mask", f"`{pic.edit}`"))
        rows.append(("usage", USAGE_TEXT.get(item.usage, item.usage)))
    rows.append(("storage", f"{item.size} byte(s)" + (f" × {item.occurs}" if item.occurs else "")))
    if record is not item:
        rows.append(("offset", f"{item.offset} in {record.name} ({record.size} bytes)"))
    if item.value is not None:
        rows.append(
            ("VALUE", item.value.text if item.value.kind != "str" else repr(item.value.text))
        )
    for cond in item.conditions:
        rows.append((f"88 {cond.name}", ", ".join(lo.text + (f" THRU {hi.text}" if hi else "")
                                                   for lo, hi in cond.values)))  # fmt: skip
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    return f"{head}\n\n| | |\n|---|---|\n{table}\n"


def data_item_hover(text: str, path: str, line: int, col: int) -> HoverText | None:
    """Hover for the word at (line, col) when it names a data item or an 88 condition."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return None
    found = word_at(lines[line], col)
    if found is None:
        return None
    word, start, end = found
    result = parsed(text, path)
    rng = Range.of(line, start, line, end)
    items = result.items.get(word, [])
    if items:
        # Prefer the declaration on this line, else the first (qualification is not resolved here).
        item = next((i for i in items if i.line == line + 1), items[0])
        return HoverText(describe(item), rng)
    conds = result.conditions.get(word, [])
    if conds:
        owner, cond = conds[0]
        values = ", ".join(lo.text + (f" THRU {hi.text}" if hi else "") for lo, hi in cond.values)
        md = f"**{cond.name}** (88 level, line {cond.line}): "
        md += f"true when **{owner.name}** is {values}\n"
        return HoverText(md, rng)
    return None
