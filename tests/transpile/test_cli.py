"""`intheflow transpile`: output layout, unsupported constructs, a missing compiler, mismatches."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from intheflow.cli import main
from intheflow.transpile.verify.run import compare, first_difference

from tests.transpile.test_actions import ALTERS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "payments" / "legacy" / "cobol"


def test_generates_all_targets_without_verifying(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["transpile", str(EXAMPLE / "FEECALC.cbl"), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "rust" / "feecalc" / "src" / "feecalc.rs").is_file()
    assert (tmp_path / "rust" / "feecalc" / "Cargo.toml").is_file()
    assert (tmp_path / "java" / "Feecalc.java").is_file()
    assert (tmp_path / "go" / "feecalc" / "main.go").is_file()
    assert (tmp_path / "go" / "go.mod").read_text().endswith("go 1.19\n")
    assert "FEECALC.cbl  generated  generated  generated" in capsys.readouterr().out


def test_unsupported_program_gives_no_output_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "ALTERS.cbl"
    source.write_text(ALTERS)
    out = tmp_path / "out"
    assert main(["transpile", str(source), "--out", str(out), "--to", "rust"]) == 2
    err = capsys.readouterr().err
    assert "ALTERS.cbl:5:12: unsupported: ALTER" in err
    assert not (out / "rust").exists()


def test_missing_compiler_names_the_debian_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A PATH without the toolchains is a real condition (a fresh machine), not a mock.
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    code = main(
        ["transpile", str(EXAMPLE / "FEECALC.cbl"), "--out", str(tmp_path / "o"), "--verify"]
    )
    assert code == 3
    assert "gnucobol3" in capsys.readouterr().err


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transpile", str(tmp_path / "nope.cbl"), "--out", str(tmp_path)]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_mismatch_reports_a_diff_and_the_first_differing_field() -> None:
    expected = b"TOTAL 00012.50 OK\nEND\n"
    actual = b"TOTAL 00012.49 OK\nEND\n"
    assert (
        first_difference(expected, actual)
        == "line 1, column 13: expected '00012.50', got '00012.49'"
    )
    mismatch = compare("java", "stdin", expected, actual)
    assert mismatch is not None
    assert "-TOTAL 00012.50 OK" in mismatch.diff and "+TOTAL 00012.49 OK" in mismatch.diff
    assert compare("go", "stdin", expected, expected) is None


def test_verify_passes_on_the_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "transpile",
            str(EXAMPLE / "FEECALC.cbl"),
            "--out",
            str(tmp_path),
            "--verify",
            "--to",
            "go",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "FEECALC.cbl  pass" in capsys.readouterr().out
    assert os.access(tmp_path / "equivalence" / "feecalc" / "run.sh", os.X_OK)


ACCEPTS = """       IDENTIFICATION DIVISION.
       PROGRAM-ID. ECHONUM.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 QTY PIC S9(3)V99.
       01 NAME PIC X(4).
       01 O-QTY PIC -ZZ9.99.
       PROCEDURE DIVISION.
           ACCEPT QTY
           ACCEPT NAME
           MOVE QTY TO O-QTY
           DISPLAY NAME "|" O-QTY "|" QTY
           STOP RUN.
"""


def test_programs_that_read_get_boundary_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "echonum.cbl"
    source.write_text(ACCEPTS)
    code = main(["transpile", str(source), "--out", str(tmp_path / "o"), "--verify", "--to", "go"])
    assert code == 0, capsys.readouterr().err
    inputs = sorted(
        p.name for p in (tmp_path / "o" / "equivalence" / "echonum" / "inputs").iterdir()
    )
    assert inputs == ["max.in", "min.in", "one.in", "zero.in"]
    assert (
        (tmp_path / "o" / "equivalence" / "echonum" / "inputs" / "min.in")
        .read_text()
        .startswith("-999.99\nA\n")
    )


def test_a_folder_translates_callers_with_their_callees_and_reports_state_machines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "cobol"
    folder = tmp_path / "src"
    folder.mkdir()
    for name in ("payroll_calls.cbl", "FMTNET.cbl", "branch_activity.cbl"):
        (folder / name).write_text((corpus / name).read_text())
    assert main(["transpile", str(folder), "--out", str(tmp_path / "out")]) == 0
    table = capsys.readouterr().out
    assert "FMTNET.cbl" not in table  # translated with its caller, not as a program of its own
    assert "calls TAXCALC, FMTNET" in table
    assert "state machine for 10 GO TO(s)" in table
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    entry = manifest[str((folder / "branch_activity.cbl").resolve())]
    assert entry["state_machine_gotos"] == {"BRANCHACT": 10}
    payroll = manifest[str((folder / "payroll_calls.cbl").resolve())]
    assert payroll["calls"] == ["TAXCALC", "FMTNET"]
    assert "go/fmtnet/fmtnet.go" in payroll["targets"]["go"]["files"]
