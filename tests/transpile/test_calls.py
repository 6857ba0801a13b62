"""CALL between programs: several programs in one source, called programs found next to the
caller, the check of each argument against the LINKAGE item, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from intheflow.transpile.pipeline import translate
from intheflow.transpile.unit import main_programs, unit_files

CALLER = """       IDENTIFICATION DIVISION.
       PROGRAM-ID. DRIVER.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-AMOUNT PIC S9(5)V99 VALUE 12.5.
       01 WS-NAME   PIC X(8) VALUE "ANNA".
       PROCEDURE DIVISION.
       MAIN-PARA.
           CALL "ADDFEE" USING WS-AMOUNT BY CONTENT WS-NAME
           DISPLAY WS-AMOUNT
           STOP RUN.
       END PROGRAM DRIVER.
"""
CALLED = """       IDENTIFICATION DIVISION.
       PROGRAM-ID. ADDFEE.
       DATA DIVISION.
       LINKAGE SECTION.
       01 LS-AMOUNT PIC S9(5)V99.
       01 LS-NAME   PIC X(8).
       PROCEDURE DIVISION USING LS-AMOUNT LS-NAME.
       FEE.
           ADD 1.25 TO LS-AMOUNT
           GOBACK.
       END PROGRAM ADDFEE.
"""


def problems(src: str, path: str = "driver.cbl") -> list[tuple[str, int]]:
    return [(p.message, p.line + 1) for p in translate(src, path).problems]


def test_programs_in_one_source_translate_as_one_unit_with_a_module_each() -> None:
    t = translate(CALLER + CALLED, "driver.cbl")
    assert t.problems == []
    assert [p.name for p in t.unit] == ["DRIVER", "ADDFEE"]
    assert set(t.outputs["rust"].files) == {"driver.rs", "addfee.rs"}
    assert set(t.outputs["java"].files) == {"Driver.java", "Addfee.java"}
    assert set(t.outputs["go"].files) == {"driver/main.go", "addfee/addfee.go"}
    rust = t.outputs["rust"].files["addfee.rs"]
    assert "pub fn call(ls_amount: &mut i64, ls_name: &mut String)" in rust
    assert "static STATE" in rust  # working storage persists between calls
    assert "return true; // line 22: GOBACK" in rust  # ends the program: `call` returns
    caller = t.outputs["go"].files["driver/main.go"]
    assert "addfee.Call(&arg1, &arg2)" in caller
    # BY REFERENCE comes back, BY CONTENT does not.
    assert "p.wsAmount = arg1" in caller and "p.wsName = " not in caller.split("Call(")[1]


def test_a_called_program_is_found_next_to_the_caller_as_cobc_does(tmp_path: Path) -> None:
    (tmp_path / "driver.cbl").write_text(CALLER)
    (tmp_path / "ADDFEE.cbl").write_text(CALLED)
    t = translate(CALLER, str(tmp_path / "driver.cbl"))
    assert t.problems == []
    assert t.sources == [tmp_path / "ADDFEE.cbl"]
    assert unit_files(tmp_path / "driver.cbl") == [tmp_path / "ADDFEE.cbl"]
    assert main_programs(sorted(tmp_path.glob("*.cbl"))) == [tmp_path / "driver.cbl"]


def test_a_missing_program_is_an_error_at_the_call() -> None:
    assert problems(CALLER) == [
        (
            "called program ADDFEE not found (no ADDFEE.cbl next to driver.cbl and no program "
            "of that name in it)",
            9,
        )
    ]


def test_arguments_that_cannot_share_the_linkage_storage_are_refused() -> None:
    src = CALLER.replace("PIC S9(5)V99 VALUE 12.5", "PIC S9(7) VALUE 12")
    assert problems(src + CALLED) == [
        (
            "unsupported: CALL ADDFEE argument WS-AMOUNT for LS-AMOUNT: PICTURE/USAGE differ "
            "(S9(7) display vs S9(5)V99 display) at line 9",
            9,
        )
    ]
    fewer = CALLER.replace(" BY CONTENT WS-NAME", "")
    assert problems(fewer + CALLED) == [
        ("CALL ADDFEE passes 1 item(s), its PROCEDURE DIVISION USING takes 2", 9)
    ]


def test_goback_from_a_performed_paragraph_unwinds_the_paragraphs_on_the_way() -> None:
    called = CALLED.replace(
        "           GOBACK.\n",
        "           PERFORM DONE\n           DISPLAY 1.\n       DONE.\n           GOBACK.\n",
    )
    t = translate(CALLER + called, "driver.cbl")
    assert t.problems == []
    fee, done = t.unit[1].functions
    assert fee.leaves and done.leaves
    go = t.outputs["go"].files["addfee/addfee.go"]
    assert "if p.done() { return true }" in go
    assert "return true // line 25: GOBACK" in go
    assert "\tif p.fee() { return }" in go  # the main line of the called program


def test_dynamic_call_and_by_value_are_refused_with_their_line() -> None:
    dynamic = CALLER.replace('CALL "ADDFEE"', "CALL WS-NAME")
    assert ("unsupported: CALL of a program named by a data item (dynamic)", 9) in problems(dynamic)
    by_value = CALLER.replace("BY CONTENT WS-NAME", "BY VALUE WS-NAME")
    assert ("unsupported: CALL … BY VALUE", 9) in problems(by_value + CALLED)


def test_intpost_calls_dateutil_next_to_it() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "payments" / "legacy" / "cobol"
    t = translate((example / "INTPOST.cbl").read_text(), str(example / "INTPOST.cbl"))
    assert [p.name for p in t.unit] == ["INTPOST", "DATEUTIL"]
    assert t.sources == [example / "DATEUTIL.cbl"]
    # Whatever else INTPOST still needs, the CALL and DATEUTIL itself translate.
    assert not [p for p in t.problems if "CALL" in p.message or "DATEUTIL" in p.path]


NESTED = """       IDENTIFICATION DIVISION.
       PROGRAM-ID. OUTER.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-N PIC 9(3) VALUE 5.
       PROCEDURE DIVISION.
           CALL "INNER" USING WS-N
           DISPLAY "OUTER " WS-N " " RETURN-CODE
           STOP RUN.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. INNER.
       DATA DIVISION.
       LINKAGE SECTION.
       01 LS-N PIC 9(3).
       PROCEDURE DIVISION USING LS-N.
           MULTIPLY 2 BY LS-N
           MOVE 4 TO RETURN-CODE
           EXIT PROGRAM.
       END PROGRAM INNER.
       END PROGRAM OUTER.
"""


def test_a_nested_program_is_its_own_module_and_return_code_comes_back() -> None:
    t = translate(NESTED, "outer.cbl")
    assert t.problems == []
    assert [p.name for p in t.unit] == ["OUTER", "INNER"]
    java = t.outputs["java"].files
    assert "this.returnCode = Inner.call(arg1);" in java["Outer.java"]
    assert "return p.returnCode; // its RETURN-CODE" in java["Inner.java"]


def test_literals_pass_only_when_their_characters_fill_the_linkage_item() -> None:
    numeric = CALLER.replace("USING WS-AMOUNT", "USING BY CONTENT 12")
    assert (
        "unsupported: CALL ADDFEE argument literal for LS-AMOUNT: a literal is passed as its "
        "characters; pass an item of the LINKAGE PICTURE at line 9",
        9,
    ) in problems(numeric + CALLED)
    short = CALLER.replace("BY CONTENT WS-NAME", 'BY CONTENT "BOB"')
    assert (
        "unsupported: CALL ADDFEE argument literal for LS-NAME: a 3-character literal for a "
        "8-byte item at line 9",
        9,
    ) in problems(short + CALLED)
    exact = CALLER.replace("BY CONTENT WS-NAME", 'BY CONTENT "BOB     "')
    assert problems(exact + CALLED) == []


def test_linkage_records_with_packed_fields_travel_as_their_bytes() -> None:
    packed = "01 WS-N.\n          05 WS-P PIC S9(3) COMP-3."
    src = NESTED.replace("01 WS-N PIC 9(3) VALUE 5.", packed)
    src = src.replace("01 LS-N PIC 9(3).", "01 LS-N.\n          05 LS-P PIC S9(3) COMP-3.")
    src = src.replace("MULTIPLY 2 BY LS-N", "ADD 1 TO LS-P").replace(' " " RETURN-CODE', "")
    t = translate(src, "outer.cbl")
    assert t.problems == []
    inner = t.unit[1]
    assert inner.records[0].bytes_backed  # the caller's bytes, packed sign nibble and all
    assert "p.lsN = *lsN" in t.outputs["go"].files["inner/inner.go"]


def test_best_effort_marks_a_refused_call_as_a_gap_instead_of_dropping_it() -> None:
    by_value = CALLER.replace("BY CONTENT WS-NAME", "BY VALUE WS-NAME") + CALLED
    t = translate(by_value, "driver.cbl", best_effort=True)
    assert [p.kind for p in t.problems] == ["unsupported"]
    assert t.outputs["go"].gaps == ["unsupported: CALL … BY VALUE at line 9"]


def test_recursive_calls_and_a_call_without_a_name_are_refused_at_the_call() -> None:
    back = CALLED.replace("           GOBACK.", '           CALL "DRIVER"\n           GOBACK.')
    assert problems(CALLER + back) == [
        ("unsupported: recursive CALL of DRIVER (it is still running) at line 22", 22)
    ]
    nameless = CALLER.replace('CALL "ADDFEE" USING WS-AMOUNT BY CONTENT WS-NAME', "CALL")
    assert problems(nameless + CALLED)[0] == ("expected the name of the program to CALL", 9)


def test_return_code_at_stop_run_is_the_exit_status_and_verification_compares_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intheflow.transpile.backends.common import Generator
    from intheflow.transpile.service import transpile_paths

    corpus = Path(__file__).resolve().parents[1] / "corpus" / "cobol"
    source = tmp_path / "payment_limits.cbl"
    source.write_text((corpus / "payment_limits.cbl").read_text())
    (tmp_path / "payment_limits.in").write_bytes((corpus / "payment_limits.in").read_bytes())
    [ok] = transpile_paths([source], tmp_path / "ok", ("go",), verify=True)
    assert ok.verdict is not None and ok.verdict.results == {"go": "pass"}  # exits 4 like cobc
    # A translation that forgot RETURN-CODE at STOP RUN prints the same but exits 0.
    monkeypatch.setattr(Generator, "stop_run_call", lambda self: self.rt("stop_run"))
    [bad] = transpile_paths([source], tmp_path / "bad", ("go",), verify=True)
    assert bad.verdict is not None and bad.verdict.results == {"go": "fail"}
    assert bad.verdict.mismatches[0].first_field == "exit status: expected 4, got 0"


def test_a_called_program_with_a_state_machine_ends_through_its_end_state() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "cobol"
    t = translate((corpus / "claim_router.cbl").read_text(), str(corpus / "claim_router.cbl"))
    assert t.problems == []
    router = t.unit[1]
    assert router.machine and router.stats["irreducible_gotos"] == 3
    rust = t.outputs["rust"].files["routeclm.rs"]
    assert "return Some(Paragraph::EndOfProgram); // line 63: GOBACK" in rust
    assert "(Some(Paragraph::EndOfProgram), _) => return true, // GOBACK" in rust
    assert "(None, Paragraph::P0100Exit) => Paragraph::EndOfProgram," in rust
    # The PERFORM of the screening range passes the end of the program on.
    assert "if self.run_paragraphs(Paragraph::P0100Screen, Paragraph::P0100Exit) {" in rust


def test_cancel_resets_the_called_programs_working_storage() -> None:
    src = CALLER.replace("           DISPLAY WS-AMOUNT\n", '           CANCEL "ADDFEE" "NOSUCH"\n')
    t = translate(src + CALLED, "driver.cbl")
    assert t.problems == []
    java = t.outputs["java"].files
    assert "Addfee.cancel();" in java["Driver.java"]
    assert "// NOSUCH is not called here: nothing to reset" in java["Driver.java"]
    assert "public static void cancel() { state = null; }" in java["Addfee.java"]
    assert "addfee.Cancel()" in t.outputs["go"].files["driver/main.go"]
