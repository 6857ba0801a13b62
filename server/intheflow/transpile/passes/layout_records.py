"""Records → structs: byte offset and size of every item in its 01 record.

A REDEFINES item starts where the item it redefines starts and does not move the items after it;
a 66 RENAMES alias spans its first item to the end of its last. A record whose bytes typed fields
cannot reproduce is marked `bytes_backed`: the back ends hold it as one byte string and read or
write each item at its offset, so every view of it sees exactly what GnuCOBOL would. That is a
record
- in which bytes are shared (a REDEFINES inside it, a 01 REDEFINES of it, a RENAMES alias);
- with an OCCURS DEPENDING ON table (its length varies) or a SIGN LEADING / SEPARATE number;
- with a group holding COMP/COMP-3 fields that is used as a whole;
- with a group holding numbers that receives SPACES (or another figurative constant but ZERO);
- whose number (or group holding numbers) receives characters by reference modification;
- whose group holding numbers receives text and is read back as a whole (a blank line ACCEPTed
  and compared with SPACES).
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
    if item.picture is not None:
        item.size = storage_size(item.picture, item.usage) + (1 if item.sign_separate else 0)
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
    """REDEFINES, RENAMES, a table whose length varies (OCCURS DEPENDING ON), or a number with
    SIGN LEADING / SEPARATE."""
    return (
        record.redefined is not None
        or bool(record.aliases)
        or any(_varies_or_shares(item) for item in record.walk())
    )


def _varies_or_shares(item: DataItem) -> bool:
    """Shares bytes, has a varying length, or keeps its sign where typed fields do not."""
    return (
        item.redefined is not None
        or item.depending is not None
        or item.sign_leading
        or item.sign_separate
    )


def _check_depending(record: DataItem, problems: list[str]) -> None:
    """A table of varying length must end its record and sit in no other table (what moves
    and DISPLAY of the record then count is its fixed part plus the current occurrences)."""
    for item in record.walk():
        if item.depending is None:
            continue
        if item.offset + item.size * item.occurs != record.size:
            problems.append(
                f"unsupported: items after the OCCURS DEPENDING ON table {item.name}"
                f" at line {item.line}"
            )
        if any(node.occurs for node in item.lineage()[1:]):
            problems.append(f"unsupported: OCCURS DEPENDING ON inside a table at line {item.line}")


def _nodes_in(node: object) -> Iterator[object]:
    """Every IR node inside a statement (conditions, subscripts and nested blocks too)."""
    if isinstance(node, list | tuple):
        for element in node:
            yield from _nodes_in(element)
    elif dataclasses.is_dataclass(node) and not isinstance(node, DataItem | type):
        yield node
        for f in dataclasses.fields(node):
            yield from _nodes_in(getattr(node, f.name))


def _holds(group: DataItem, numbers: str) -> bool:
    """The group holds binary/packed numbers ("packed") or numbers of any usage ("numeric")."""
    if not group.is_group:
        return False
    if numbers == "packed":
        return any(d.usage != "display" for d in group.walk())
    return any(d.is_numeric for d in group.walk())


def _bytes_used_as_a_whole(program: Program) -> Iterator[DataItem]:
    """Records that typed fields cannot hold exactly: a group with binary/packed numbers used as
    a whole; a group with numbers that a figurative constant (not ZERO) overwrites; a group with
    numbers that receives text as a whole (MOVE, ACCEPT) while a group of the same record is read
    back as a whole (compared, displayed, moved): the bytes that are not digits must survive.
    LINKAGE records in PROCEDURE DIVISION USING are used as a whole: the caller's bytes come in."""
    for param in program.params:
        if param.is_group and any(d.usage != "display" for d in param.walk()):
            yield param
    receives: set[int] = set()
    read_back: set[int] = set()
    for paragraph in program.paragraphs:
        for stmt in walk_stmts(paragraph.body):
            for node in _nodes_in(stmt):
                if isinstance(node, ir.Ref) and _holds(node.item, "packed"):
                    yield node.item.record()
                if isinstance(node, ir.Compare):
                    read_back.update(
                        id(e.item.record()) for e in (node.left, node.right)
                        if isinstance(e, ir.Ref) and _holds(e.item, "numeric")
                    )  # fmt: skip
            if isinstance(stmt, ir.Display):
                read_back.update(
                    id(e.item.record()) for e in stmt.items
                    if isinstance(e, ir.Ref) and _holds(e.item, "numeric")
                )  # fmt: skip
            targets = stmt.targets if isinstance(stmt, ir.Move) else []
            if isinstance(stmt, ir.Accept):
                targets = [stmt.target]
            for target in targets:
                if target.refmod is not None and (
                    target.item.is_numeric or _holds(target.item, "numeric")
                ):
                    yield target.item.record()  # any characters may land in the number's bytes
                if not _holds(target.item, "numeric"):
                    continue
                source = stmt.source if isinstance(stmt, ir.Move) else None
                if isinstance(source, ir.Literal) and source.kind == "figurative":
                    if source.text != "ZERO":
                        yield target.item.record()
                else:
                    receives.add(id(target.item.record()))
            sent = stmt.source if isinstance(stmt, ir.Move) else None
            if isinstance(sent, ir.Ref) and _holds(sent.item, "numeric"):
                read_back.add(id(sent.item.record()))
    for record in program.records:
        if id(record) in receives and id(record) in read_back:
            yield record


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
        _check_depending(record, problems)
    for record in program.records:
        if _shares_bytes(record):
            record.bytes_backed = True
    for record in _bytes_used_as_a_whole(program):
        record.bytes_backed = True
    for record in program.records:
        if record.bytes_backed and record.redefined is not None:
            record.redefined.bytes_backed = True
    for record in program.records:
        wide = [i for i in record.walk() if i.picture is not None and i.picture.digits > 18]
        if record.bytes_backed and wide:
            problems.append(
                f"unsupported: {wide[0].name} of more than 18 digits in a record held as bytes"
                f" at line {wide[0].line}"
            )
    return problems
