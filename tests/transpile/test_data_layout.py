"""Data layout features in the front end: CORRESPONDING pairs, REDEFINES and RENAMES storage,
tables with DEPENDING ON / INDEXED BY and SEARCH, reference modification (errors located)."""

from __future__ import annotations

from intheflow.transpile.cobol.parser import parse
from intheflow.transpile.ir import model as ir


def program(body: str, data: str) -> str:
    head = (
        "       IDENTIFICATION DIVISION.\n       PROGRAM-ID. T.\n       DATA DIVISION.\n"
        "       WORKING-STORAGE SECTION.\n"
    )
    return head + data + "       PROCEDURE DIVISION.\n" + body


TWO_GROUPS = (
    "       01 A.\n          05 K PIC X(2).\n          05 FILLER PIC X.\n"
    "          05 T PIC 9 OCCURS 2.\n          05 S.\n             10 N PIC 99.\n"
    "             10 M PIC X.\n          05 ONLY-A PIC 9.\n"
    "       01 B.\n          05 S.\n             10 M PIC 9.\n             10 N PIC 999.\n"
    "          05 T PIC 9 OCCURS 2.\n          05 FILLER PIC X.\n          05 K PIC 99.\n"
)


def test_move_corresponding_pairs_same_names_skipping_filler_and_occurs() -> None:
    result = parse(program("           MOVE CORR A TO B\n           STOP RUN.\n", TWO_GROUPS))
    assert result.problems == []
    assert result.program is not None
    moves = result.program.paragraphs[0].body[:-1]
    pairs = []
    for m in moves:
        assert isinstance(m, ir.Move) and isinstance(m.source, ir.Ref)
        pairs.append(
            (m.source.item.name, m.source.item.parent.name, m.targets[0].item.record().name)
        )  # type: ignore[union-attr]
    # In the sending group's order; T (OCCURS) and FILLER never correspond, ONLY-A has no partner.
    assert pairs == [("K", "A", "B"), ("N", "S", "B"), ("M", "S", "B")]


def test_add_corresponding_pairs_numeric_items_only() -> None:
    body = "           ADD CORRESPONDING A TO B ROUNDED\n           STOP RUN.\n"
    result = parse(program(body, TWO_GROUPS))
    assert result.problems == []
    assert result.program is not None
    add = result.program.paragraphs[0].body[0]
    assert isinstance(add, ir.Arith)
    # K is alphanumeric in A and M in A: only N is numeric on both sides.
    assert [(s.target.item.name, s.rounded) for s in add.stores] == [("N", True)]


def test_corresponding_on_an_elementary_item_is_an_error_with_its_place() -> None:
    body = "           SUBTRACT CORR ONLY-A FROM B\n           STOP RUN.\n"
    result = parse(program(body, TWO_GROUPS), "t.cbl")
    assert [(p.line + 1, p.col + 1, p.message) for p in result.errors] == [
        (21, 26, "CORRESPONDING needs a group item, ONLY-A is elementary")
    ]
