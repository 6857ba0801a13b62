"""Records → structs: byte offset and size of every item in its 01 record."""

from __future__ import annotations

from intheflow.transpile.cobol.pictures import storage_size
from intheflow.transpile.ir.model import DataItem, Program


def _layout(item: DataItem, offset: int) -> int:
    item.offset = offset
    if item.picture is not None:
        item.size = storage_size(item.picture, item.usage)
    else:
        inner = offset
        for child in item.children:
            inner = _layout(child, inner)
        item.size = inner - offset
    return offset + item.size * max(1, item.occurs)


def layout_records(program: Program) -> list[str]:
    for record in program.records:
        _layout(record, 0)
    return []
