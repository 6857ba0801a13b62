"""Front end: source formats, COPY … REPLACING, pictures, parser error recovery, unsupported
constructs reported with their line."""

from __future__ import annotations

from pathlib import Path

import pytest
from intheflow.transpile.cobol.parser import parse
from intheflow.transpile.cobol.pictures import PictureError, decode, storage_size
from intheflow.transpile.ir import model as ir


def program(body: str, data: str = "") -> str:
    head = (
        "       IDENTIFICATION DIVISION.\n       PROGRAM-ID. T.\n       DATA DIVISION.\n"
        "       WORKING-STORAGE SECTION.\n"
    )
    return head + data + "       PROCEDURE DIVISION.\n" + body


@pytest.mark.parametrize(
    ("text", "category", "digits", "scale", "signed", "size"),
    [
        ("S9(5)V99", "numeric", 7, 2, True, 7),
        ("9(3)", "numeric", 3, 0, False, 3),
        ("X(10)", "alphanumeric", 0, 0, False, 10),
        ("A(4)", "alphabetic", 0, 0, False, 4),
        ("ZZ,ZZ9.99-", "numeric-edited", 7, 2, True, 10),
        ("$$$,$$9.99", "numeric-edited", 7, 2, True, 10),
        ("+++9", "numeric-edited", 3, 0, True, 4),
        ("ZZZ.ZZCR", "numeric-edited", 5, 2, True, 8),
        ("99/99/99", "numeric-edited", 6, 0, True, 8),
    ],
)
def test_pictures_decode(
    text: str, category: str, digits: int, scale: int, signed: bool, size: int
) -> None:
    pic = decode(text)
    assert (pic.category, pic.digits, pic.scale, pic.size) == (category, digits, scale, size)
    if category == "numeric":
        assert pic.signed is signed


def test_storage_sizes_by_usage() -> None:
    pic = decode("S9(7)V99")
    assert [storage_size(pic, u) for u in ("display", "comp-3", "comp", "comp-5")] == [9, 5, 4, 4]


@pytest.mark.parametrize("text", ["9(3)S", "99VV9", "XQ"])
def test_bad_pictures_are_errors(text: str) -> None:
    with pytest.raises(PictureError):
        decode(text)


def test_syntax_errors_recover_and_carry_line_and_column() -> None:
    src = program(
        "           MOVE 1 TO NOPE\n           DISPLAY A\n           ADD 1 TO\n"
        '           DISPLAY "STILL PARSED"\n           STOP RUN.\n',
        "       01 A PIC 9(3).\n",
    )
    result = parse(src, "t.cbl")
    errors = [(p.line + 1, p.col + 1, p.message) for p in result.errors]
    assert errors[0] == (7, 22, "unknown data item NOPE")
    # The incomplete ADD is reported at the token that ended it.
    assert errors[1] == (10, 12, "expected a receiving data item, found 'DISPLAY'")
    assert result.program is not None
    # Parsing went on after the errors: the DISPLAY and STOP RUN are still there.
    kinds = [type(s).__name__ for s in result.program.paragraphs[0].body]
    assert kinds == ["Display", "Display", "Stop"]


def test_unsupported_constructs_are_reported_not_dropped() -> None:
    src = program(
        "           ALTER P1 TO PROCEED TO P2\n           STOP RUN.\n",
        "       01 B PIC X(3).\n",
    )
    result = parse(src, "t.cbl")
    assert [(p.message, p.line + 1) for p in result.unsupported] == [
        ("unsupported: ALTER (it changes where a GO TO goes while running)", 7)
    ]
    assert result.errors == []


def test_unstring_receivers_that_cannot_be_exact_are_refused_with_their_line() -> None:
    data = "       01 SRC PIC X(20).\n       01 AMT PIC S9(5)V99.\n       01 TXT PIC X(5).\n"
    src = program(
        '           UNSTRING SRC DELIMITED BY ";" INTO TXT AMT\n'
        "           UNSTRING SRC INTO TXT COUNT IN AMT\n           STOP RUN.\n",
        data,
    )
    result = parse(src, "t.cbl")
    assert [(p.line + 1, p.col + 1, p.message) for p in result.problems] == [
        (9, 51, "unsupported: UNSTRING into a signed or non-integer item"),
        (10, 12, "AMT must be an integer item"),
    ]


def test_unstring_and_string_pointer_phrases_are_parsed() -> None:
    data = (
        "       01 SRC PIC X(20).\n       01 P PIC 99.\n       01 N PIC 99.\n"
        "       01 A PIC X(5).\n       01 D PIC X.\n"
    )
    src = program(
        '           UNSTRING SRC DELIMITED BY ALL " " OR ";"\n'
        "               INTO A DELIMITER IN D COUNT IN N\n"
        "               WITH POINTER P TALLYING IN N ON OVERFLOW DISPLAY P\n"
        "           END-UNSTRING\n"
        "           STRING A DELIMITED BY SIZE INTO SRC WITH POINTER P\n"
        "               NOT ON OVERFLOW DISPLAY P END-STRING\n           STOP RUN.\n",
        data,
    )
    result = parse(src, "t.cbl")
    assert result.problems == []
    assert result.program is not None
    unstring, string = result.program.paragraphs[0].body[:2]
    assert isinstance(unstring, ir.Unstring) and isinstance(string, ir.StringStmt)
    delimiters = [(d.text, every) for d, every in unstring.delimiters if isinstance(d, ir.Literal)]
    assert delimiters == [(" ", True), (";", False)]
    assert unstring.into[0].delimiter_in is not None and unstring.pointer is not None
    assert unstring.on_overflow is not None and unstring.not_on_overflow is None
    assert string.pointer is not None and string.on_overflow is None
    assert string.not_on_overflow is not None


def test_free_format_and_inline_comments() -> None:
    src = (
        ">>SOURCE FORMAT FREE\nIDENTIFICATION DIVISION.\nPROGRAM-ID. F.\nDATA DIVISION.\n"
        "WORKING-STORAGE SECTION.\n01 N PIC 99 VALUE 7. *> a comment\nPROCEDURE DIVISION.\n"
        "    DISPLAY N *> another\n    STOP RUN.\n"
    )
    result = parse(src, "f.cbl")
    assert result.problems == []
    assert result.program is not None and result.program.records[0].value is not None


def test_copy_replacing_resolves_copybooks(tmp_path: Path) -> None:
    (tmp_path / "copybooks").mkdir()
    (tmp_path / "copybooks" / "REC.cpy").write_text(
        "       01 :P:-REC.\n          05 :P:-ID PIC 9(4).\n          05 NAME-X PIC X(5).\n"
    )
    src = program(
        '           MOVE 1 TO CUST-ID\n           MOVE "A" TO NAME-Y\n           STOP RUN.\n',
        "       COPY REC REPLACING ==:P:== BY ==CUST== NAME-X BY NAME-Y.\n",
    )
    path = tmp_path / "p.cbl"
    result = parse(src, str(path))
    assert result.problems == []
    assert result.program is not None
    assert [i.name for i in result.program.items()] == ["CUST-REC", "CUST-ID", "NAME-Y"]


def test_missing_copybook_is_an_error_at_the_copy_statement(tmp_path: Path) -> None:
    src = program("           STOP RUN.\n", "       COPY NOWHERE.\n")
    result = parse(src, str(tmp_path / "p.cbl"))
    assert [(p.message, p.line + 1) for p in result.errors] == [("copybook NOWHERE not found", 5)]


def test_occurs_on_level_01_is_rejected() -> None:
    result = parse(program("           STOP RUN.\n", "       01 T PIC 9 OCCURS 3.\n"), "t.cbl")
    assert any("OCCURS is not allowed on a level 01" in p.message for p in result.errors)


def test_inspect_clauses_keep_their_mode_and_bounds() -> None:
    data = "       01 S PIC X(20).\n       01 N PIC 99.\n       01 M PIC 99.\n"
    src = program(
        '           INSPECT S TALLYING N FOR ALL "A" "B" AFTER INITIAL ","\n'
        "                              M FOR CHARACTERS BEFORE SPACE\n"
        '               REPLACING LEADING "0" BY SPACE FIRST "X" BY "Y"\n'
        '           INSPECT S CONVERTING "ab" TO "AB" BEFORE "|" AFTER ","\n'
        "           STOP RUN.\n",
        data,
    )
    result = parse(src, "t.cbl")
    assert result.problems == []
    assert result.program is not None
    first, second = result.program.paragraphs[0].body[:2]
    assert isinstance(first, ir.Inspect) and isinstance(second, ir.Inspect)
    tallies = [
        (c.counter.item.name if c.counter else "", c.mode, len(c.bounds)) for c in first.tallying
    ]
    assert tallies == [("N", "ALL", 0), ("N", "ALL", 1), ("M", "CHARACTERS", 1)]
    assert [(c.mode, c.by is not None) for c in first.replacing] == [
        ("LEADING", True),
        ("FIRST", True),
    ]
    assert [side for side, _ in second.converting_bounds] == ["BEFORE", "AFTER"]


def test_functions_and_clock_sources_are_parsed() -> None:
    data = "       01 S PIC X(20).\n       01 D PIC 9(8).\n       01 N PIC 9(9).\n"
    src = program(
        "           ACCEPT D FROM DATE YYYYMMDD\n           ACCEPT D FROM DAY-OF-WEEK\n"
        "           COMPUTE N = FUNCTION LENGTH(FUNCTION TRIM(S TRAILING))\n"
        "           DISPLAY FUNCTION CURRENT-DATE FUNCTION MEDIAN(1 D 3)\n"
        "           ACCEPT D FROM ESCAPE KEY\n           STOP RUN.\n",
        data,
    )
    result = parse(src, "t.cbl")
    assert [(p.line + 1, p.message) for p in result.problems] == [
        (13, "unsupported: ACCEPT FROM ESCAPE")
    ]
    assert result.program is not None
    first, second, compute, display = result.program.paragraphs[0].body[:4]
    assert isinstance(first, ir.Accept) and first.source == "DATE-YYYYMMDD"
    assert isinstance(second, ir.Accept) and second.source == "DAY-OF-WEEK"
    assert isinstance(compute, ir.Arith) and isinstance(compute.stores[0].value, ir.Func)
    length = compute.stores[0].value
    assert isinstance(length.args[0], ir.Func) and length.args[0].mode == "TRAILING"
    assert isinstance(display, ir.Display)
    assert [f.name for f in display.items if isinstance(f, ir.Func)] == ["CURRENT-DATE", "MEDIAN"]


def test_display_of_a_function_gnucobol_formats_its_own_way_is_refused() -> None:
    from intheflow.transpile.pipeline import translate

    src = program(
        '           DISPLAY FUNCTION ORD("A") FUNCTION LENGTH("ABC")\n'
        '           DISPLAY FUNCTION NUMVAL(" 1.5")\n           STOP RUN.\n'
    )
    t = translate(src, "t.cbl")
    assert [(p.message, p.line + 1) for p in t.problems] == [
        ("unsupported: DISPLAY of FUNCTION NUMVAL (move it to a field first) at line 7", 7)
    ]


def test_wide_numbers_are_refused_where_38_digits_cannot_be_exact() -> None:
    from intheflow.transpile.pipeline import translate

    data = (
        "       01 W PIC S9(25)V99.\n       01 R PIC 9V9(6).\n"
        "       01 G.\n          05 T PIC 9(20) OCCURS 2.\n       01 C PIC 9(20) COMP-3.\n"
    )
    src = program(
        "           COMPUTE W = W * W\n           COMPUTE W ROUNDED = W * R / 7\n"
        "           COMPUTE W = W / 7 * R\n           COMPUTE W = W * R + 1\n"
        "           STOP RUN.\n",
        data,
    )
    t = translate(src, "t.cbl")
    assert [(p.line + 1, p.message) for p in t.problems] == [
        (8, "unsupported: a table of numbers of more than 18 digits"),
        (9, "unsupported: USAGE COMP-3 with more than 18 digits"),
    ]
    wide_only = src.replace(" OCCURS 2", "").replace(" COMP-3", "")
    t = translate(wide_only, "t.cbl", best_effort=True)
    # A product of 54 digits and a division before a multiplication cannot be exact on 38
    # digits; a final division keeping enough decimals and a sum-of-products can.
    assert t.outputs["rust"].gaps == [
        "unsupported: arithmetic on numbers of more than 18 digits with an intermediate result "
        "of 54 digits (at most 38) at line 11",
        "unsupported: arithmetic on numbers of more than 18 digits with a division that is not "
        "the last operation, a power or a function at line 13",
    ]
