"""Records → structs: byte offset and size of every item in its 01 record.

A REDEFINES item starts where the item it redefines starts and does not move the items after it;
a 66 RENAMES alias spans its first item to the end of its last. A record whose bytes typed fields
cannot reproduce is marked `bytes_backed`: the back ends hold it as one byte string and read or
write each item at its offset, so every view of it sees exactly what GnuCOBOL would. That is a
record in which bytes are shared (a REDEFINES inside it, a 01 REDEFINES of it, a RENAMES alias), a
record with a group holding COMP/COMP-3 fields that is used as a whole, and a record with a group
holding numbers that receives SPACES (or another figurative constant but ZERO).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from intheflow.transpile.cobol.pictures import storage_size
from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.model import DataItem, Program
from intheflow.transpile.ir.walk import walk_stmts


def _layout(item: DataItem, offset: int, problems: list[str]) -> int:
    item.offset = offset
    if item.depending is not None:
        problems.append(f"unsupported: OCCURS DEPENDING ON at line {item.line}")
    if item.picture is not None:
        item.size = storage_size(item.picture, item.usage)
    else:
        inner = offset
        for child in item.children:
            if child.redefined is not None:
                _layout(child, child.redefined.offset, problems)
                _check_fits(child, problems)
            else:
                inner = _layout(child, inner, problems)
        item.size = inner - offset
    return offset + item.size * max(1, item.occurs)


def _check_fits(item: DataItem, problems: list[str]) -> None:
    base = item.redefined
    assert base is not None
    if item.size * max(1, item.occurs) > base.size * max(1, base.occurs):
        problems.append(
            f"unsupported: {item.name} larger than the {base.name} it redefines at line {item.line}"
        )


def _shares_bytes(record: DataItem) -> bool:
    return (
        record.redefined is not None
        or bool(record.aliases)
        or any(item.redefined is not None for item in record.walk())
    )


def _refs_in(node: object) -> Iterator[ir.Ref]:
    """Every data reference inside a statement (conditions, subscripts and nested blocks too)."""
    if isinstance(node, ir.Ref):
        yield node
    if isinstance(node, list | tuple):
        for element in node:
            yield from _refs_in(element)
    elif dataclasses.is_dataclass(node) and not isinstance(node, DataItem | type):
        for f in dataclasses.fields(node):
            yield from _refs_in(getattr(node, f.name))


def _bytes_used_as_a_whole(program: Program) -> Iterator[DataItem]:
    """Records whose groups hold binary/packed numbers used as a whole, or numbers that a
    figurative constant (not ZERO) overwrites: typed fields would lose those bytes. LINKAGE
    records in PROCEDURE DIVISION USING are used as a whole: the caller's bytes come in."""
    for param in program.params:
        if param.is_group and any(d.usage != "display" for d in param.walk()):
            yield param
    for paragraph in program.paragraphs:
        for stmt in walk_stmts(paragraph.body):
            for ref in _refs_in(stmt):
                if ref.item.is_group and any(d.usage != "display" for d in ref.item.walk()):
                    yield ref.item.record()
            if (
                isinstance(stmt, ir.Move)
                and isinstance(stmt.source, ir.Literal)
                and stmt.source.kind == "figurative"
                and stmt.source.text != "ZERO"
            ):
                for target in stmt.targets:
                    if target.item.is_group and any(d.is_numeric for d in target.item.walk()):
                        yield target.item.record()


def layout_records(program: Program) -> list[str]:
    problems: list[str] = []
    for record in program.records:
        _layout(record, 0, problems)
        for alias in record.aliases:
            first, last = alias.renames[0], alias.renames[-1]
            alias.offset = first.offset
            alias.size = last.offset + last.size - first.offset
        if record.redefined is not None:
            _check_fits(record, problems)
    for record in program.records:
        if _shares_bytes(record):
            record.bytes_backed = True
    for record in _bytes_used_as_a_whole(program):
        record.bytes_backed = True
    for record in program.records:
        if record.bytes_backed and record.redefined is not None:
            record.redefined.bytes_backed = True
    return problems
