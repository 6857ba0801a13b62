"""The shallow COBOL scanner on fixed and free format."""

from __future__ import annotations

from intheflow.index.symbols import extract

from tests.conftest import EXAMPLES

FIXED = """\
       IDENTIFICATION DIVISION.
       PROGRAM-ID. INTPOST.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       COPY ACCTREC.
       PROCEDURE DIVISION.
       0000-MAIN.
           PERFORM 1000-INIT
           PERFORM 2000-POST UNTIL WS-EOF = 'Y'
           STOP RUN.
       1000-INIT.
           CALL 'DATEUTIL' USING WS-DATE.
      *    PERFORM 9999-COMMENTED-OUT
       2000-POST.
           DISPLAY 'X'.
"""


def test_fixed_format_program_paragraphs_calls_and_copybooks() -> None:
    fi = extract("legacy/INTPOST.cbl", FIXED, "cobol")
    assert fi.module == "INTPOST"
    assert [i.module for i in fi.imports] == ["ACCTREC"]
    syms = {s.qualname: s for s in fi.symbols}
    assert list(syms) == ["INTPOST", "INTPOST.0000-MAIN", "INTPOST.1000-INIT", "INTPOST.2000-POST"]
    assert syms["INTPOST"].kind == "program"
    main = syms["INTPOST.0000-MAIN"]
    assert main.kind == "paragraph" and main.parent == "INTPOST"
    assert [(c.name, c.short) for c in main.calls] == [
        ("PERFORM 1000-INIT", "1000-INIT"),
        ("PERFORM 2000-POST", "2000-POST"),
    ]
    assert main.range.start.line == 6 and main.range.end.line == 9
    assert [c.name for c in syms["INTPOST.1000-INIT"].calls] == ["CALL DATEUTIL"]
    assert syms["INTPOST.2000-POST"].calls == []  # the commented PERFORM is ignored
    assert syms["INTPOST"].range.end.line == 14


def test_free_format_with_sections() -> None:
    src = """identification division.
program-id. freeprog.
procedure division.
main-logic section.
start-here.
    perform do-work.
    goback.
do-work.
    call "helper".
"""
    fi = extract("free.cob", src, "cobol")
    syms = {s.qualname: s for s in fi.symbols}
    assert syms["FREEPROG.MAIN-LOGIC"].kind == "section"
    assert syms["FREEPROG.START-HERE"].parent == "FREEPROG.MAIN-LOGIC"
    assert [c.short for c in syms["FREEPROG.START-HERE"].calls] == ["DO-WORK"]
    assert [c.short for c in syms["FREEPROG.DO-WORK"].calls] == ["HELPER"]


def test_example_batch_program() -> None:
    path = EXAMPLES / "legacy" / "cobol" / "INTPOST.cbl"
    fi = extract("legacy/cobol/INTPOST.cbl", path.read_text(), "cobol")
    names = [s.name for s in fi.symbols]
    assert names[0] == "INTPOST"
    assert "2100-COMPUTE-INTEREST" in names
    assert [i.module for i in fi.imports] == ["ACCTREC"]


def test_garbage_never_raises() -> None:
    fi = extract("x.cbl", "PROCEDURE DIVISION.\n\x00\x01.\n   PERFORM\n", "cobol")
    assert fi.language == "cobol"
