"""Every corpus program through all three back ends, compared byte for byte with GnuCOBOL's saved
output; and GnuCOBOL itself still producing that output (the oracle has not drifted)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from intheflow.transpile.pipeline import TARGETS
from intheflow.transpile.unit import unit_files
from intheflow.transpile.verify.corpus import CORPUS_INPUT, corpus_programs, saved_io
from intheflow.transpile.verify.run import run_in_fresh_dir, saved_files
from intheflow.transpile.verify.toolchain import tool

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cobol"
PROGRAMS = corpus_programs(CORPUS)


def test_corpus_is_large_enough() -> None:
    assert len(PROGRAMS) >= 40


def test_programs_with_files_have_their_expected_output_files() -> None:
    """<prog>.files/in holds the input files, <prog>.files/out what GnuCOBOL wrote."""
    with_files = [p for p in PROGRAMS if "FILE-CONTROL" in p.read_text()]
    assert len(with_files) >= 3
    for source in with_files:
        assert saved_files(source, "out"), f"{source.name} has no {source.stem}.files/out"


def test_deviations_are_listed_and_marked() -> None:
    listed = (CORPUS / "DEVIATIONS.md").read_text()
    for aside in CORPUS.glob("*.gnucobol.out"):
        program = aside.name.removesuffix(".gnucobol.out") + ".cbl"
        assert f"| {program} |" in listed
        assert "DEVIATION" in (CORPUS / program).read_text()
        # The standard result differs from GnuCOBOL's, or the entry would not be needed.
        assert aside.read_bytes() != (CORPUS / program).with_suffix(".out").read_bytes()


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("source", PROGRAMS, ids=lambda p: p.stem)
def test_translation_matches_gnucobol(corpus_run: Any, source: Path, target: str) -> None:
    assert corpus_run.problems[source.stem] == [], "the program did not translate"
    verdict = corpus_run.verdicts[source.stem]
    if verdict.results.get(target) == "build-error":
        pytest.fail(f"{target} build failed:\n{verdict.errors[target]}")
    mismatches = [m for m in verdict.mismatches if m.target == target]
    assert not mismatches, f"{mismatches[0].first_field}\n{mismatches[0].diff}"
    assert verdict.results.get(target) == "pass"


def test_gnucobol_oracle_still_matches_saved_outputs(tmp_path: Path) -> None:
    cobc = tool("cobc")

    def check(source: Path) -> str | None:
        exe = tmp_path / source.stem
        includes = ["-I", str(CORPUS), "-I", str(CORPUS / "copybooks")]
        called = [str(p) for p in unit_files(source)]
        cmd = [cobc, "-x", *includes, "-o", str(exe), str(source), *called]
        subprocess.run(cmd, check=True, capture_output=True)
        inputs, expected = saved_io(source)
        # Programs in DEVIATIONS.md expect the standard; GnuCOBOL's own output is kept aside.
        aside = source.with_suffix(".gnucobol.out")
        want = aside.read_bytes() if aside.exists() else expected[CORPUS_INPUT]
        stdin = inputs[CORPUS_INPUT]
        got = run_in_fresh_dir([str(exe)], stdin, saved_files(source, "in"), tmp_path)
        same_files = got.files == saved_files(source, "out")
        return None if got.stdout == want and same_files else source.name

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        drifted = [name for name in pool.map(check, PROGRAMS) if name]
    assert drifted == []
