"""Passes and the IR: the checker after every pass over the corpus, the printed form, structured
GO TO, dead code, and unsupported control flow refused."""

from __future__ import annotations

from pathlib import Path

from intheflow.transpile.cobol.parser import parse
from intheflow.transpile.ir import model as ir
from intheflow.transpile.ir.checker import check_program
from intheflow.transpile.ir.printer import print_program
from intheflow.transpile.passes import PASS_ORDER
from intheflow.transpile.pipeline import translate

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cobol"


def test_ir_checker_is_clean_after_every_pass_on_the_corpus() -> None:
    for source in sorted(CORPUS.glob("*.cbl")):
        result = parse(source.read_text(), str(source))
        assert result.problems == [], source.name
        program = result.program
        assert program is not None
        for name, run in PASS_ORDER:
            assert run(program) == [], (source.name, name)
            assert check_program(program, after=name) == [], (source.name, name)


SMALL = """       IDENTIFICATION DIVISION.
       PROGRAM-ID. SMALL.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 REC.
          05 AMT PIC S9(5)V99 VALUE 1.5.
          05 FLAG PIC X.
             88 DONE VALUE "Y".
       PROCEDURE DIVISION.
       MAIN-PARA.
           PERFORM WORK THRU WORK-EXIT
           STOP RUN.
       WORK.
           IF DONE GO TO WORK-EXIT END-IF
           COMPUTE AMT ROUNDED = AMT * 2.
       WORK-EXIT.
           EXIT.
       NEVER-CALLED.
           DISPLAY "DEAD".
"""


def test_printed_ir_shows_layout_structured_flow_and_dead_code_removed() -> None:
    result = parse(SMALL, "small.cbl")
    program = result.program
    assert program is not None
    for _, run in PASS_ORDER:
        run(program)
    text = print_program(program)
    assert "05 AMT: dec(7,2,s) display size=7 @0" in text
    assert "05 FLAG: alphanumeric(1) @7" in text
    assert "88 DONE: 'Y'" in text.replace('"', "'")
    assert "call WORK" in text and "call WORK-EXIT" in text
    assert "return" in text  # GO TO the next paragraph became an early return
    assert "NEVER-CALLED" not in text
    assert program.stats["goto_to_return"] == 1
    assert program.stats["dead_functions"] == 1


def test_irreducible_go_to_becomes_a_counted_state_machine() -> None:
    src = SMALL.replace("IF DONE GO TO WORK-EXIT", "IF DONE GO TO MAIN-PARA")
    t = translate(src, "small.cbl")
    assert t.problems == []
    program = t.program
    assert program is not None
    assert program.stats["irreducible_gotos"] == 1 and program.stats["state_machines"] == 1
    assert program.machine == ["MAIN-PARA", "WORK", "WORK-EXIT", "NEVER-CALLED"]
    work = next(f for f in program.functions if f.name == "WORK")
    assert work.jumps
    printed = print_program(program)
    assert "entry state-machine MAIN-PARA .. NEVER-CALLED" in printed
    assert "fn WORK jumps" in printed and "jump MAIN-PARA  ; L14" in printed
    assert "state-machine WORK .. WORK-EXIT  ; L11" in printed
    rust = t.outputs["rust"].files["small.rs"]
    assert "return Some(Paragraph::MainPara); // line 14: GO TO MAIN-PARA" in rust
    assert "self.run_paragraphs(Paragraph::Work, Paragraph::WorkExit);" in rust
    assert "(None, Paragraph::WorkExit) => Paragraph::NeverCalled," in rust


def test_go_to_the_next_paragraph_from_the_end_of_a_perform_range_is_a_jump() -> None:
    # PERFORM WORK alone: its GO TO WORK-EXIT leaves the range instead of returning.
    src = SMALL.replace("PERFORM WORK THRU WORK-EXIT", "PERFORM WORK")
    result = parse(src, "small.cbl")
    program = result.program
    assert program is not None
    for _, run in PASS_ORDER:
        assert run(program) == []
    assert program.stats["goto_to_return"] == 0 and program.stats["irreducible_gotos"] == 1


def test_go_to_depending_on_jumps_by_the_value_and_falls_through_otherwise() -> None:
    src = SMALL.replace(
        "IF DONE GO TO WORK-EXIT END-IF",
        "GO TO WORK-EXIT NEVER-CALLED DEPENDING ON AMT",
    ).replace("PIC S9(5)V99 VALUE 1.5", "PIC S9(5) VALUE 1")
    t = translate(src, "small.cbl")
    assert t.problems == []
    java = t.outputs["java"].files["Small.java"]
    assert "// line 14: GO TO … DEPENDING ON" in java
    assert "return Paragraph.NEVER_CALLED; // line 14: GO TO NEVER-CALLED" in java
    bad = SMALL.replace("IF DONE GO TO WORK-EXIT", "IF DONE GO TO WORK-EXIT WORK DEPENDING ON FLAG")
    assert ("GO TO … DEPENDING ON needs an integer item", 14) in [
        (p.message, p.line + 1) for p in translate(bad, "small.cbl").problems
    ]


def test_best_effort_marks_every_gap_in_the_generated_code() -> None:
    src = SMALL.replace("           EXIT.", "           ALTER WORK TO PROCEED TO WORK-EXIT.")
    t = translate(src, "small.cbl", best_effort=True)
    assert set(t.outputs) == {"rust", "java", "go"}
    for target, output in t.outputs.items():
        code = next(iter(output.files.values()))
        gap = "unsupported: ALTER (it changes where a GO TO goes while running) at line 17"
        assert f"GAP: {gap}" in code, target
        assert output.gaps == [gap]


def test_next_sentence_is_continue_at_the_end_and_a_left_block_elsewhere() -> None:
    src = SMALL.replace(
        "           IF DONE GO TO WORK-EXIT END-IF\n",
        "           IF DONE NEXT SENTENCE ELSE MOVE 1 TO AMT.\n"
        "           IF DONE NEXT SENTENCE END-IF\n"
        "           MOVE 2 TO AMT.\n",
    )
    result = parse(src, "small.cbl")
    assert result.problems == []
    program = result.program
    assert program is not None
    work = next(p for p in program.paragraphs if p.name == "WORK")
    tail, left = work.body[0], work.body[1]
    # Ending its sentence, NEXT SENTENCE does nothing; before `MOVE 2` it skips it.
    assert isinstance(tail, ir.If) and isinstance(tail.then[0], ir.Exit)
    assert isinstance(left, ir.Sentence)
    assert isinstance(left.body[0], ir.If) and isinstance(left.body[0].then[0], ir.NextSentence)
    t = translate(src, "small.cbl")
    assert t.problems == []
    assert "break 'sentence1; // line 15: NEXT SENTENCE" in t.outputs["rust"].files["small.rs"]
