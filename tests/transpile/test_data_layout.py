"""Data layout features in the front end: CORRESPONDING pairs, REDEFINES and RENAMES storage,
tables with DEPENDING ON / INDEXED BY and SEARCH, reference modification (errors located)."""

from __future__ import annotations

from intheflow.transpile.cobol.parser import parse
from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.checker import check_program
from intheflow.transpile.ir.printer import print_program
from intheflow.transpile.passes import PASS_ORDER


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


SHARED = (
    "       01 REC.\n          05 KIND PIC X.\n          05 BODY PIC X(6).\n"
    "          05 AS-DATE REDEFINES BODY.\n             10 YY PIC 99.\n"
    "             10 MMDD PIC 9(4).\n          05 AS-AMOUNT REDEFINES BODY PIC S9(9) COMP-3.\n"
    "       66 HEAD RENAMES KIND THRU YY.\n"
    "       01 COPY-REC REDEFINES REC PIC X(7).\n"
)


def laid_out(body: str, data: str) -> ir.Program:
    result = parse(program(body, data), "t.cbl")
    assert result.problems == []
    assert result.program is not None
    for _, run in PASS_ORDER:
        assert run(result.program) == []
    return result.program


def test_redefines_share_the_base_offset_and_the_record_is_held_as_bytes() -> None:
    p = laid_out("           STOP RUN.\n", SHARED)
    rec, copy = p.records
    items = {item.name: item for item in rec.walk()}
    assert items["AS-DATE"].redefined is items["BODY"]
    # Several redefinitions of one item all share the first one's bytes.
    assert items["AS-AMOUNT"].redefined is items["BODY"]
    assert [(items[n].offset, items[n].size) for n in ("AS-DATE", "AS-AMOUNT", "MMDD")] == [
        (1, 6),
        (1, 5),
        (3, 4),
    ]
    assert rec.size == 7 and rec.bytes_backed and copy.redefined is rec
    (head,) = rec.aliases
    assert (head.offset, head.size, head.picture) == (0, 3, None)
    assert check_program(p, after="layout_records") == []
    printed = print_program(p)
    assert "05 AS-DATE: group size=6 @1 shares BODY" in printed
    assert "66 HEAD: renames KIND thru YY size=3 @0" in printed


def test_redefines_of_an_item_that_is_not_just_before_is_an_error() -> None:
    data = "       01 R.\n          05 A PIC X.\n          05 B PIC X.\n          05 C REDEFINES A PIC 9.\n"  # noqa: E501
    result = parse(program("           STOP RUN.\n", data), "t.cbl")
    assert [(p.line + 1, p.message) for p in result.errors] == [
        (8, "C REDEFINES A: it must be the entry just before, at the same level")
    ]


def test_a_redefinition_larger_than_its_base_is_refused_with_its_line() -> None:
    data = "       01 R.\n          05 A PIC X(2).\n          05 B REDEFINES A PIC X(3).\n"
    result = parse(program("           STOP RUN.\n", data), "t.cbl")
    assert result.program is not None and result.problems == []
    problems = [p for _, run in PASS_ORDER for p in run(result.program)]
    assert problems[0] == "unsupported: B larger than the A it redefines at line 7"


def test_reference_modification_parses_with_expressions_and_checks_constants() -> None:
    body = "           MOVE BODY(KIND:) TO BODY(2:3)\n           DISPLAY BODY(9:1)\n           STOP RUN.\n"  # noqa: E501
    result = parse(program(body, SHARED), "t.cbl")
    assert [(p.line + 1, p.col + 1, p.message) for p in result.errors] == [
        (16, 20, "BODY(9:) starts outside its 6 characters")
    ]
    assert result.program is not None
    move = result.program.paragraphs[0].body[0]
    assert isinstance(move, ir.Move) and isinstance(move.source, ir.Ref)
    assert move.source.refmod is not None and move.source.refmod.length is None
    target = move.targets[0].refmod
    assert target is not None and _text(target.start) == "2" and _text(target.length) == "3"


def _text(e: ir.Expr | None) -> str:
    assert isinstance(e, ir.Literal)
    return e.text


def test_records_typed_fields_cannot_reproduce_are_held_as_bytes() -> None:
    data = (
        "       01 PACKED-REC.\n          05 P-AMT PIC S9(5) COMP-3.\n"
        "       01 NUM-REC.\n          05 N-AMT PIC 9(3).\n"
        "       01 PLAIN-REC.\n          05 Q-AMT PIC 9(3).\n          05 Q-TXT PIC X.\n"
    )
    body = (
        "           DISPLAY PACKED-REC\n           MOVE SPACES TO NUM-REC\n"
        "           MOVE ZERO TO PLAIN-REC\n           MOVE Q-TXT TO PLAIN-REC\n"
        "           STOP RUN.\n"
    )
    p = laid_out(body, data)
    assert [r.bytes_backed for r in p.records] == [True, True, False]


TABLES = (
    "       01 N PIC 99.\n"
    "       01 T.\n          05 T-HEAD PIC X(2).\n"
    "          05 E OCCURS 1 TO 9 DEPENDING ON N ASCENDING KEY IS E-K\n"
    "                INDEXED BY IX JX.\n"
    "             10 E-K PIC 9(3).\n             10 E-V PIC X.\n"
)


def test_occurs_depending_keys_and_indexes_are_resolved_after_the_data_division() -> None:
    body = (
        "           SET IX JX TO 1\n           SET IX UP BY 2\n           SET N TO IX\n"
        '           SEARCH ALL E AT END DISPLAY "NONE"\n'
        "               WHEN E-K(IX) = 5 DISPLAY E-V(IX)\n           END-SEARCH\n"
        "           STOP RUN.\n"
    )
    p = laid_out(body, TABLES)
    table = next(i for i in p.items() if i.name == "E")
    assert (table.occurs_min, table.occurs) == (1, 9)
    assert table.depending is not None and table.depending.item.name == "N"
    assert [(d, k.name) for d, k in table.keys] == [("ASCENDING", "E-K")]
    # Indexes are records of their own that hold an occurrence number.
    assert [i.name for i in table.indexes] == ["IX", "JX"]
    assert [r.name for r in p.records[-2:]] == ["IX", "JX"] and p.records[-1].index_of is table
    assert p.records[1].bytes_backed  # its length follows N
    body_stmts = p.paragraphs[0].body
    assert isinstance(body_stmts[1], ir.Arith) and body_stmts[1].verb == "SET"
    search = body_stmts[3]
    assert isinstance(search, ir.Search) and search.binary and search.index.item.name == "IX"
    assert "search all E index IX" in print_program(p)


def test_search_errors_carry_their_place() -> None:
    cases = {
        "           SEARCH T-HEAD WHEN N = 1 CONTINUE.\n": (
            "SEARCH needs a table, T-HEAD has no OCCURS"
        ),
        '           SEARCH ALL E WHEN E-V(IX) = "A" CONTINUE.\n': (
            "unsupported: SEARCH ALL condition other than KEY(index) = value AND …"
        ),
        "           SET N TO 1.\n": "SET … TO needs an index (INDEXED BY) on one side",
    }
    for body, message in cases.items():
        result = parse(program(body, TABLES), "t.cbl")
        assert [(p.line + 1, p.message) for p in result.problems] == [(13, message)], body


def test_a_depending_table_must_end_its_record() -> None:
    data = TABLES + "          05 AFTER-IT PIC X.\n"
    result = parse(program("           STOP RUN.\n", data), "t.cbl")
    assert result.program is not None and result.problems == []
    problems = [p for _, run in PASS_ORDER for p in run(result.program)]
    assert problems == ["unsupported: items after the OCCURS DEPENDING ON table E at line 8"]


def test_sign_clauses_size_and_hold_the_record_as_bytes_justified_stays_typed() -> None:
    data = (
        "       01 R.\n          05 A PIC S9(3) SIGN LEADING SEPARATE CHARACTER.\n"
        "          05 B PIC S9(3) TRAILING.\n       01 J PIC X(4) JUSTIFIED RIGHT.\n"
    )
    p = laid_out("           STOP RUN.\n", data)
    a, b = p.records[0].children
    assert (a.sign_leading, a.sign_separate, a.size) == (True, True, 4)
    assert (b.sign_leading, b.sign_separate, b.size) == (False, False, 3)
    assert p.records[0].bytes_backed and p.records[1].justified and not p.records[1].bytes_backed


def test_sign_and_justified_on_the_wrong_items_are_errors() -> None:
    data = "       01 U PIC 9(3) SIGN LEADING.\n       01 N PIC 9(3) JUST RIGHT.\n"
    result = parse(program("           STOP RUN.\n", data), "t.cbl")
    assert [(p.line + 1, p.message) for p in result.errors] == [
        (5, "SIGN needs a signed DISPLAY number, U is not"),
        (6, "JUSTIFIED needs an alphanumeric item, N is not"),
    ]


def test_a_number_receiving_characters_by_reference_modification_is_held_as_bytes() -> None:
    data = "       01 N PIC 9(4).\n       01 X PIC X(4).\n"
    body = '           MOVE "AB" TO N(2:2)\n           MOVE "AB" TO X(2:2)\n           STOP RUN.\n'
    p = laid_out(body, data)
    assert [r.bytes_backed for r in p.records] == [True, False]
