"""Files and SORT: located errors for what is wrong or refused, and the runtimes' bytes and FILE
STATUS values checked against GnuCOBOL on small programs made to hit every case."""

from __future__ import annotations

from pathlib import Path

from intheflow.transpile.pipeline import translate
from intheflow.transpile.service import transpile_paths
from intheflow.transpile.verify.boundaries import boundary_files
from intheflow.transpile.verify.run import boundary_inputs, compare_files


def program(select: str, fd: str, procedure: str, storage: str = "") -> str:
    head = "       IDENTIFICATION DIVISION.\n       PROGRAM-ID. FILES.\n"
    env = "       ENVIRONMENT DIVISION.\n       INPUT-OUTPUT SECTION.\n       FILE-CONTROL.\n"
    data = "       DATA DIVISION.\n       FILE SECTION.\n"
    ws = "       WORKING-STORAGE SECTION.\n"
    proc = "       PROCEDURE DIVISION.\n"
    return head + env + select + data + fd + ws + storage + proc + procedure


SELECT = '           SELECT IN-FILE ASSIGN TO "in.dat" LINE SEQUENTIAL.\n'
FD = "       FD  IN-FILE.\n       01  IN-REC PIC X(8).\n"


def problems(text: str) -> list[tuple[str, int]]:
    return [(p.message, p.line + 1) for p in translate(text, "FILES.cbl").problems]


def test_wrong_file_statements_are_errors_with_their_line() -> None:
    open_io = program(SELECT, FD, "           OPEN I-O IN-FILE\n           STOP RUN.\n")
    assert problems(open_io) == [("OPEN I-O not allowed on LINE SEQUENTIAL files", 13)]
    unknown = program(SELECT, FD, "           READ OUT-FILE\n           STOP RUN.\n")
    assert ("unknown file OUT-FILE", 13) in problems(unknown)
    write_file = program(SELECT, FD, "           WRITE IN-FILE\n           STOP RUN.\n")
    message = "IN-FILE is a file: WRITE, REWRITE and RELEASE name a record"
    assert (message, 13) in problems(write_file)
    no_select = program("", FD, "           STOP RUN.\n")
    assert ("FD IN-FILE has no SELECT", 8) in problems(no_select)


def test_what_the_runtimes_cannot_reproduce_is_refused() -> None:
    indexed = SELECT.replace("LINE SEQUENTIAL", "INDEXED")
    assert ("unsupported: ORGANIZATION INDEXED", 6) in problems(program(indexed, FD, "STOP RUN.\n"))
    linage = FD.replace("IN-FILE.", "IN-FILE LINAGE 60.")
    assert ("unsupported: LINAGE in FD IN-FILE", 9) in problems(
        program(SELECT, linage, "STOP RUN.\n")
    )


def test_a_differing_output_file_is_named_with_its_first_difference() -> None:
    expected = {"REPORT": b"TOTAL 12.50\nEND\n", "LOG": b"ok\n"}
    mismatch = compare_files(
        "go", "corpus", expected, {**expected, "REPORT": b"TOTAL 12.49\nEND\n"}
    )
    assert mismatch is not None
    assert mismatch.first_field == "file REPORT: line 1, column 10: expected '12.50', got '12.49'"
    missing = compare_files("rust", "corpus", expected, {"REPORT": expected["REPORT"]})
    assert missing is not None and missing.first_field == "file LOG: not written"
    assert compare_files("java", "corpus", expected, dict(expected)) is None


STATUSES = program(
    SELECT
    + '           SELECT SEQ-FILE ASSIGN TO "seq.dat" FILE STATUS IS WS-SEQ.\n'
    + '           SELECT OPTIONAL NONE ASSIGN TO "none.dat" LINE SEQUENTIAL\n'
    + "               FILE STATUS WS-NONE.\n"
    + '           SELECT RPT ASSIGN TO "rpt.txt" LINE SEQUENTIAL\n'
    + "               FILE STATUS WS-RPT.\n",
    FD
    + "       FD  SEQ-FILE.\n       01  SEQ-REC PIC X(4).\n"
    + "       FD  NONE.\n       01  NONE-REC PIC X(4).\n"
    + "       FD  RPT.\n       01  RPT-REC PIC X(10).\n",
    """           OPEN INPUT NONE DISPLAY "OPTIONAL " WS-NONE
           READ NONE AT END DISPLAY "EMPTY " WS-NONE END-READ
           READ NONE DISPLAY "AGAIN " WS-NONE
           CLOSE NONE CLOSE NONE DISPLAY "CLOSED TWICE " WS-NONE
           OPEN I-O SEQ-FILE DISPLAY "I-O " WS-SEQ
           READ SEQ-FILE DISPLAY "R1 " WS-SEQ " " SEQ-REC
           REWRITE SEQ-REC FROM "ZZZZ" DISPLAY "RW " WS-SEQ
           REWRITE SEQ-REC FROM "YYYY" DISPLAY "RW AGAIN " WS-SEQ
           WRITE SEQ-REC FROM "WWWW" DISPLAY "WRITE IN I-O " WS-SEQ
           PERFORM 3 TIMES
               READ SEQ-FILE DISPLAY "R " WS-SEQ " " SEQ-REC
           END-PERFORM
           CLOSE SEQ-FILE
           WRITE RPT-REC FROM "CLOSED" DISPLAY "NOT OPEN " WS-RPT
           OPEN OUTPUT RPT OPEN OUTPUT RPT DISPLAY "TWICE " WS-RPT
           WRITE RPT-REC FROM "A1" AFTER ADVANCING 2 LINES
           WRITE RPT-REC FROM "B1" BEFORE ADVANCING 2 LINES
           WRITE RPT-REC FROM "C1" AFTER ADVANCING PAGE
           WRITE RPT-REC FROM "D1"
           WRITE RPT-REC FROM "E1" BEFORE ADVANCING PAGE
           WRITE RPT-REC FROM "F1" AFTER 1
           WRITE RPT-REC FROM "  G1   " AFTER 0 LINES
           OPEN INPUT IN-FILE
           PERFORM 4 TIMES
               READ IN-FILE AT END DISPLAY "END" END-READ
               MOVE IN-REC TO RPT-REC
               WRITE RPT-REC
           END-PERFORM
           WRITE RPT-REC FROM "LAST" AFTER ADVANCING 1 LINE
           STOP RUN.
""",
    "       01  WS-SEQ PIC XX.\n       01  WS-NONE PIC XX.\n       01  WS-RPT PIC XX.\n",
)


def verify(tmp_path: Path, text: str, files: dict[str, bytes]) -> None:
    source = tmp_path / "FILES.cbl"
    source.write_text(text)
    (tmp_path / "FILES.files" / "in").mkdir(parents=True)
    for name, data in files.items():
        (tmp_path / "FILES.files" / "in" / name).write_bytes(data)
    [result] = transpile_paths([source], tmp_path / "out", verify=True)
    assert result.translation.problems == []
    assert result.verdict is not None
    mismatches = [f"{m.target}: {m.first_field}" for m in result.verdict.mismatches]
    assert mismatches == [] and result.verdict.passed, result.verdict.errors


def test_file_status_values_and_bytes_match_gnucobol(tmp_path: Path) -> None:
    # OPTIONAL missing file, double CLOSE, REWRITE rules, a short last record (04), reads after
    # the end (46), wrong open modes, every ADVANCING form, CR and long lines, the pending line
    # end written by the implicit CLOSE at STOP RUN.
    lines = b"SHORT\nA\rB\tC\nLONGER THAN EIGHT\n"
    verify(tmp_path, STATUSES, {"seq.dat": b"AAAABBBBCC", "in.dat": lines})


def test_an_error_without_file_status_ends_the_run_like_libcob(tmp_path: Path) -> None:
    # libcob checks the last file of an OPEN only: the missing a.dat fails the second OPEN.
    text = program(
        SELECT + '           SELECT OUT-FILE ASSIGN "out.dat" LINE SEQUENTIAL.\n',
        FD + "       FD  OUT-FILE.\n       01  OUT-REC PIC X(8).\n",
        """           OPEN INPUT IN-FILE OUTPUT OUT-FILE
           DISPLAY "STILL RUNNING"
           WRITE OUT-REC FROM "WRITTEN" AFTER ADVANCING 1 LINE
           CLOSE OUT-FILE
           OPEN OUTPUT OUT-FILE INPUT IN-FILE
           DISPLAY "NOT REACHED"
           STOP RUN.
""",
    )
    verify(tmp_path, text, {})


def test_boundary_records_fill_numeric_fields_at_their_limits() -> None:
    text = program(
        SELECT.replace('"in.dat"', '"amounts.dat"'),
        "       FD  IN-FILE.\n       01  IN-REC.\n           05  ID PIC X(2).\n"
        "           05  AMOUNT PIC S9(3)V99.\n           05  COUNTS PIC 9(2) OCCURS 2.\n",
        "           OPEN INPUT IN-FILE\n           STOP RUN.\n",
    )
    t = translate(text, "FILES.cbl")
    assert t.program is not None
    sets = boundary_files(t.program)
    assert {name: files["amounts.dat"] for name, files in sets.items()} == {
        "zero": b"ZZ000000000\n" * 3,
        "max": b"ZZ999999999\n" * 3,
        "min": b"AA9999y0000\n" * 3,
        "one": b"AA001000101\n" * 3,
    }


def test_a_file_program_also_matches_gnucobol_on_boundary_records(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "cobol"
    [result] = transpile_paths([corpus / "account_posting.cbl"], tmp_path, verify=True)
    assert result.verdict is not None and result.verdict.passed, result.verdict.mismatches
    runs = sorted((tmp_path / "equivalence" / "account_posting" / "files").iterdir())
    assert [r.name for r in runs] == [
        "boundary-max-records", "boundary-min-records", "boundary-one-records",
        "boundary-zero-records", "no-input",
    ]  # fmt: skip


def test_records_of_one_fd_share_the_record_area(tmp_path: Path) -> None:
    # A header and a longer detail record: moving into one changes the other, as in cobc.
    text = program(
        '           SELECT RPT ASSIGN TO "rpt.txt" LINE SEQUENTIAL.\n',
        "       FD  RPT.\n       01  HDR-REC.\n           05  HDR-TAG PIC X(3).\n"
        "           05  HDR-DATE PIC 9(8).\n       01  DTL-REC.\n"
        "           05  DTL-TAG PIC X(3).\n           05  DTL-AMT PIC S9(5)V99.\n"
        "           05  DTL-NAME PIC X(10).\n",
        """           OPEN OUTPUT RPT
           MOVE "DTL" TO DTL-TAG MOVE -123.45 TO DTL-AMT
           MOVE "SMITH" TO DTL-NAME
           MOVE "HDR" TO HDR-TAG MOVE 20261127 TO HDR-DATE
           DISPLAY "DETAIL NOW [" DTL-REC "]"
           WRITE DTL-REC WRITE HDR-REC
           CLOSE RPT
           OPEN INPUT RPT
           PERFORM 2 TIMES
               READ RPT DISPLAY "READ [" DTL-REC "] [" HDR-REC "]"
           END-PERFORM
           STOP RUN.
""",
    )
    verify(tmp_path, text, {})


def test_broken_file_sections_give_diagnostics_not_exceptions() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "cobol"
    text = (corpus / "branch_merge.cbl").read_text()
    # An FD line lost: its records join the FD before (three 01s sharing one area).
    no_fd = text.replace("       FD  BRANCH-SOUTH.\n", "")
    assert any("BRANCH-SOUTH has no FD/SD" in m for m, _ in problems(no_fd))
    no_status = text.replace("FILE STATUS IS WS-LOG-STATUS", "FILE WS-LOG-STATUS")
    assert ("expected STATUS, found 'WS-LOG-STATUS'", 30) in problems(no_status)


def test_variable_length_sequential_records_are_refused() -> None:
    # cobc writes each record after a 4-byte length when RECORD CONTAINS differs from the 01.
    select = '           SELECT SEQ ASSIGN TO "seq.dat".\n'
    fd = "       FD  SEQ RECORD CONTAINS 10 CHARACTERS.\n       01  SEQ-REC PIC X(4).\n"
    text = program(select, fd, "           OPEN OUTPUT SEQ WRITE SEQ-REC CLOSE SEQ STOP RUN.\n")
    assert ("unsupported: variable-length records in sequential file SEQ at line 6", 6) in (
        problems(text)
    )
    same = fd.replace("CONTAINS 10", "CONTAINS 4")
    assert problems(program(select, same, "           STOP RUN.\n")) == []


def test_assign_to_a_data_item_names_the_file_at_each_open(tmp_path: Path) -> None:
    # The value at OPEN, trailing spaces dropped, leading kept; all spaces is status 31.
    text = program(
        "           SELECT F ASSIGN TO WS-NAME LINE SEQUENTIAL FILE STATUS FS.\n",
        "       FD  F.\n       01  F-REC PIC X(4).\n",
        """           OPEN OUTPUT F WRITE F-REC FROM "ONE" CLOSE F
           MOVE "SECOND" TO WS-NAME
           OPEN OUTPUT F WRITE F-REC FROM "TWO" CLOSE F
           MOVE " lead.txt" TO WS-NAME
           OPEN OUTPUT F WRITE F-REC FROM "3" CLOSE F DISPLAY FS
           MOVE SPACES TO WS-NAME
           OPEN OUTPUT F DISPLAY "EMPTY NAME " FS
           STOP RUN.
""",
        '       01  WS-NAME PIC X(20) VALUE "first.txt".\n       01  FS PIC XX.\n',
    )
    verify(tmp_path, text, {})


def test_records_accepted_from_stdin_get_boundary_values_too() -> None:
    text = program(
        "",
        "",
        "           ACCEPT WS-TXN\n           STOP RUN.\n",
        "       01  WS-TXN.\n           05  TX-ID PIC X(3).\n           05  TX-AMT PIC S9(2)V9.\n",
    )
    t = translate(text, "FILES.cbl")
    assert t.program is not None
    assert boundary_inputs(t.program) == {
        "zero": b"ZZZ000\n" * 3,
        "max": b"ZZZ999\n" * 3,
        "min": b"AAA99y\n" * 3,
        "one": b"AAA010\n" * 3,
    }
